import { parseArgs, type ParseArgsConfig } from 'util';

/** What a CLI command may touch, injected so commands are testable without a process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for `-` file arguments). */
  readonly readStdin: () => Promise<Buffer>;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (colour, tables). */
  readonly isTty: boolean;
}

/** A command: takes its own arguments (after the command name), returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** A usage or input error: the CLI prints the message on one line and exits 2. */
export class UsageError extends Error {}

/** `parseArgs` for a command: a bad argument is a {@link UsageError}, its first line followed by `hint`. */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T, hint = ''): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(`${(err instanceof Error ? err.message : String(err)).split('\n')[0]}${hint}`);
  }
}
