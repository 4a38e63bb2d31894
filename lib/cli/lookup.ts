import { CliCommand } from './io';

// Placeholder until the owning issue lands; replaced, never shipped.
export const lookupCommand: CliCommand = async (_args, io) => {
  io.stderr('eks-node-guard lookup: not available yet\n');
  return 2;
};
