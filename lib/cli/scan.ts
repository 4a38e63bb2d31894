import { CliCommand } from './io';

// Placeholder until the owning issue lands; replaced, never shipped.
export const scanCommand: CliCommand = async (_args, io) => {
  io.stderr('eks-node-guard scan: not available yet\n');
  return 2;
};
