/** Running CLI commands in-process with an io that captures what they print. */
import { main } from '../../lib/cli';
import type { CliIo } from '../../lib/cli/io';

export interface CaptureOptions {
  /** What standard input holds; empty by default. */
  readonly stdin?: string | Buffer;
  /** Default: the process's working directory. */
  readonly cwd?: string;
  /** Default: empty, so no AWS_* or other variable of the test process leaks in. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Default: false. */
  readonly isTty?: boolean;
}

/** A CliIo that collects stdout in `out` and stderr in `err`. */
export interface CapturingIo extends CliIo {
  out: string;
  err: string;
}

export function capturingIo(options: CaptureOptions = {}): CapturingIo {
  const io: CapturingIo = {
    out: '',
    err: '',
    stdout: (text) => {
      io.out += text;
    },
    stderr: (text) => {
      io.err += text;
    },
    readStdin: async () => Buffer.from(options.stdin ?? ''),
    cwd: options.cwd ?? process.cwd(),
    env: options.env ?? {},
    isTty: options.isTty ?? false,
  };
  return io;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI in-process, as the binary would. */
export async function runCli(args: string[], cwd: string, options: { stdin?: string; isTty?: boolean } = {}): Promise<CliRun> {
  const io = capturingIo({ ...options, cwd });
  const code = await main(args, io);
  return { code, stdout: io.out, stderr: io.err };
}
