import { CliCommand } from './io';

// Placeholder until the owning issue lands; replaced, never shipped.
export const containerdCommand: CliCommand = async (_args, io) => {
  io.stderr('eks-node-guard containerd: not available yet\n');
  return 2;
};
