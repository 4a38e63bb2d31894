import { CliCommand } from './io';

// Placeholder until the owning issue lands; replaced, never shipped.
export const userdataCommand: CliCommand = async (_args, io) => {
  io.stderr('eks-node-guard userdata: not available yet\n');
  return 2;
};
