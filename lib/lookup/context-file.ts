/**
 * Reading and updating cdk.context.json: only `eks-node-guard:` keys change, every other key keeps
 * its value, and the file is replaced atomically (or not at all).
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { isRecord } from '../nodes/intrinsics';
import { CONTEXT_PREFIX } from './types';

/** The file operations the context writer needs; injectable so tests can make one fail. */
export interface ContextFileFs {
  /** Resolves undefined when the file does not exist. */
  readonly readFile: (file: string) => Promise<Buffer | undefined>;
  readonly writeFile: (file: string, data: string) => Promise<void>;
  readonly rename: (from: string, to: string) => Promise<void>;
  readonly unlink: (file: string) => Promise<void>;
}

/** The real file system. */
export const nodeContextFileFs: ContextFileFs = {
  readFile: async (file) => {
    try {
      return await fsp.readFile(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
  },
  writeFile: (file, data) => fsp.writeFile(file, data, { flag: 'wx' }),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
};

/** A parsed context file: its keys in file order. */
export type ContextObject = Record<string, unknown>;

/** What reading the context file gave. */
export type ReadContextResult =
  | { readonly kind: 'ok'; readonly context: ContextObject; readonly text?: string }
  | { readonly kind: 'problem'; readonly message: string };

/** Parses context file text; absent text is an empty context. Corrupt JSON is a problem, not an exception. */
function parseContextFile(text: string | undefined, file: string): ReadContextResult {
  if (text === undefined) return { kind: 'ok', context: {} };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { kind: 'problem', message: `${file} is not valid JSON (${(err as Error).message}); fix or delete it, it was left unchanged` };
  }
  if (!isRecord(data)) {
    return { kind: 'problem', message: `${file} does not hold a JSON object; fix or delete it, it was left unchanged` };
  }
  return { kind: 'ok', context: data as ContextObject, text };
}

/** Reads and parses the context file (absent: empty); `lookup` checks it before calling AWS. */
export async function readContextFile(file: string, fs: ContextFileFs = nodeContextFileFs): Promise<ReadContextResult> {
  let raw: Buffer | undefined;
  try {
    raw = await fs.readFile(file);
  } catch (err) {
    return { kind: 'problem', message: `cannot read ${file}: ${(err as Error).message.split('\n')[0]}` };
  }
  return parseContextFile(raw?.toString('utf8'), file);
}

/**
 * `existing` with `entries` set; entries must all be `eks-node-guard:` keys. Other keys keep their
 * place and value; guard keys not in `entries` are kept too (an older lookup's answers stay valid).
 */
export function mergeContext(existing: ContextObject, entries: Readonly<Record<string, unknown>>): ContextObject {
  const merged: ContextObject = { ...existing };
  for (const [key, value] of Object.entries(entries)) {
    if (!key.startsWith(CONTEXT_PREFIX)) throw new Error(`refusing to write context key outside ${CONTEXT_PREFIX}: ${key}`);
    merged[key] = value;
  }
  return merged;
}

/** Context file text as the CDK CLI writes it: 2-space JSON and a final newline. */
export function formatContextFile(context: ContextObject): string {
  return JSON.stringify(context, undefined, 2) + '\n';
}

/** What {@link updateContextFile} did. */
export type UpdateContextResult =
  | { readonly kind: 'written'; readonly file: string; readonly keys: number }
  /** The file already held exactly these values: not rewritten. */
  | { readonly kind: 'unchanged'; readonly file: string }
  | { readonly kind: 'problem'; readonly message: string };

/**
 * Merges `entries` into the context file and replaces it atomically: the new text goes to a
 * temporary file in the same directory (same file system, so rename is atomic), then renamed over
 * the original. On any failure the temporary file is removed and the original is untouched.
 */
export async function updateContextFile(
  file: string,
  entries: Readonly<Record<string, unknown>>,
  fs: ContextFileFs = nodeContextFileFs,
): Promise<UpdateContextResult> {
  const read = await readContextFile(file, fs);
  if (read.kind === 'problem') return read;
  const text = formatContextFile(mergeContext(read.context, entries));
  if (text === read.text) return { kind: 'unchanged', file };

  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  try {
    await fs.writeFile(temp, text);
    await fs.rename(temp, file);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    return { kind: 'problem', message: `cannot write ${file}: ${(err as Error).message.split('\n')[0]}; it was left unchanged` };
  }
  return { kind: 'written', file, keys: Object.keys(entries).length };
}
