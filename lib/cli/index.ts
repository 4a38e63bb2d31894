import { guardVersion } from '../version';
import { CliCommand, CliIo, UsageError } from './io';

/** Commands load lazily: `lookup` pulls in the AWS SDK, which nothing else needs. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<CliCommand> }> = {
  scan: { summary: 'check CloudFormation templates or a cdk.out directory', load: async () => (await import('./scan')).scanCommand },
  userdata: { summary: 'analyse one user data file and show the kubelet resolv-conf', load: async () => (await import('./userdata')).userdataCommand },
  containerd: { summary: 'which containerd an EKS AMI ships, and whether it is affected', load: async () => (await import('./containerd')).containerdCommand },
  lookup: { summary: 'resolve AMI ids and SSM parameters with AWS into cdk.context.json', load: async () => (await import('./lookup')).lookupCommand },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
  return [
    'Usage: eks-node-guard <command> [options]',
    '       eks-node-guard --version',
    '',
    'Commands:',
    ...lines,
    '',
    "Run 'eks-node-guard <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs the CLI; returns the exit code (0 ok, 1 findings, 2 usage or input error, 3 internal error). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    io.stdout(usage() + '\n');
    return name ? 0 : 2;
  }
  if (name === '--version') {
    io.stdout(`${guardVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`eks-node-guard: unknown command '${name}'\n${usage()}\n`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    // One line, never a stack trace: pipelines read the first line of stderr. Only a UsageError is
    // the user's to fix; anything else is a bug, and must not pass for a bad input.
    const message = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    if (err instanceof UsageError) {
      io.stderr(`eks-node-guard ${name}: ${message}\n`);
      return 2;
    }
    io.stderr(`eks-node-guard ${name}: internal error (please report): ${message}\n`);
    return 3;
  }
}

/** The real process's IO. */
export function processIo(): CliIo {
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
    cwd: process.cwd(),
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
  };
}
