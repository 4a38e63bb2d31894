import type { Document, LineCounter, YAMLMap } from 'yaml';
import { yamlLibrary } from '../yaml-library';
import { AnalysisContext, Place } from './context';
import { applyFileWrite } from './effects';
import { FileData } from './files';
import { hasHole } from './holes';
import { decodeToText, mimeBase64, utf8Text } from './encoding';
import { analyseShell, newShellEnv, ShellEnv } from './shell';
import { contentLine, nodeLine } from './yaml-lines';
import type { UserDataLocation } from './types';

/**
 * `#cloud-config`: `bootcmd`, then `write_files`, then `runcmd`, then `write_files` with
 * `defer: true` (cloud-init runs bootcmd and write_files in its init stage and runcmd in the final
 * stage; deferred files are written in the final stage). Commands are strings (run by a shell) or
 * argv lists (run directly); all runcmd entries share one script, so variables carry over.
 */
export function analyseCloudConfig(ctx: AnalysisContext, text: string, place: Place): void {
  const { LineCounter, isMap, parseDocument } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const line = error.linePos?.[0]?.line ?? 1;
    ctx.problem('bad-yaml', `cloud-config YAML could not be parsed (${error.message.split('\n')[0]}); cloud-init would skip it`,
      /resolv|kubelet|bootstrap/i.test(text), ctx.location(place, line, text.split('\n')[line - 1] ?? ''));
    return;
  }
  const root = doc.contents;
  if (!isMap(root)) return;
  const at = (line: number): Place => ({ ...place, firstLine: place.firstLine + line - 1 });
  const get = (key: string): unknown => resolveAlias(doc, root.get(key, true));
  runCommands(ctx, doc, 'bootcmd', get('bootcmd'), lines, at, newShellEnv());
  const deferred = writeFiles(ctx, doc, get('write_files'), lines, place);
  runCommands(ctx, doc, 'runcmd', get('runcmd'), lines, at, newShellEnv());
  for (const apply of deferred) apply();
}

/** The node an alias (`*name`) points at; any other node as it is. */
function resolveAlias(doc: Document, node: unknown): unknown {
  const { isAlias } = yamlLibrary();
  // yaml resolves an alias to its anchored node, or undefined when the anchor is missing.
  return isAlias(node) ? node.resolve(doc) : node;
}

/**
 * Runs `bootcmd`/`runcmd` entries: a string is a shell command, a list is an argv. Aliases are
 * followed (a command's lines are those of the anchored text); any other entry is reported, since cloud-init
 * would not run it as the author may have meant.
 */
function runCommands(ctx: AnalysisContext, doc: Document, key: string, node: unknown, lines: LineCounter, at: (line: number) => Place, env: ShellEnv): void {
  const { isAlias, isScalar, isSeq } = yamlLibrary();
  if (!isSeq(node)) return;
  for (const written of node.items) {
    const item = resolveAlias(doc, written);
    const line = nodeLine(written, lines);
    if (isScalar(item) && typeof item.value === 'string') {
      analyseShell(ctx, item.value, at(contentLine(item, lines)), env);
    } else if (isSeq(item)) {
      const argv = item.items.map((w) => resolveAlias(doc, w)).map((w) => (isScalar(w) ? String(w.value ?? '') : ''));
      analyseShell(ctx, argv.map(shellQuote).join(' '), at(line), env);
    } else if (!(isScalar(item) && item.value === null)) {
      ctx.problem('unparsed-cloud-config', `a ${key} entry is neither a command string nor an argument list; it was not analysed`, true,
        ctx.location(at(line), 1, `${key}: ${isAlias(written) ? `*${written.source}` : 'entry'}`));
    }
  }
}

/** Single-quotes a word so the shell analysis sees exactly that argv element. */
function shellQuote(word: string): string {
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/** Applies `write_files` entries; returns the deferred ones as closures to run after runcmd. */
function writeFiles(ctx: AnalysisContext, doc: Document, node: unknown, lines: LineCounter, place: Place): (() => void)[] {
  const { isMap, isSeq } = yamlLibrary();
  const deferred: (() => void)[] = [];
  if (!isSeq(node)) return deferred;
  for (const written of node.items) {
    const item = resolveAlias(doc, written);
    if (!isMap(item)) continue;
    const entry = item as YAMLMap;
    const path = scalarString(entry.get('path'));
    if (path === undefined) continue;
    const contentNode = resolveAlias(doc, entry.get('content', true));
    const encoding = (scalarString(entry.get('encoding')) ?? 'text/plain').toLowerCase();
    const append = entry.get('append') === true;
    const line = nodeLine(entry, lines);
    const location = ctx.location(place, line, `write_files: ${path}`);
    const apply = (): void => {
      const data = decodeContent(ctx, contentNode, encoding, path, location);
      applyFileWrite(ctx, path, data, append, `write_files ${path}`, location, { place, localLine: contentLine(contentNode, lines) });
    };
    if (entry.get('defer') === true) deferred.push(apply);
    else apply();
  }
  return deferred;
}

function scalarString(value: unknown): string | undefined {
  const { isScalar } = yamlLibrary();
  if (typeof value === 'string') return value;
  if (isScalar(value) && typeof value.value === 'string') return value.value;
  return undefined;
}

/** write_files content after its `encoding` (plain, b64/base64, gzip/gz, gz+b64/gzip+base64). */
function decodeContent(ctx: AnalysisContext, node: unknown, encoding: string, path: string, location: UserDataLocation): FileData {
  const { isScalar } = yamlLibrary();
  const raw = isScalar(node) ? node.value : undefined;
  if (raw === undefined || raw === null) return { kind: 'text', text: '' };
  const text = raw instanceof Uint8Array ? undefined : String(raw);
  const base64 = /(^|\+)(b64|base64)$/.test(encoding);
  const gzip = /^(gz|gzip)(\+|$)/.test(encoding);
  if (!base64 && !gzip) return { kind: 'text', text: text ?? utf8Text(raw as Uint8Array) };
  if (text !== undefined && hasHole(text)) return { kind: 'unknown' };
  const bytes = raw instanceof Uint8Array ? raw : base64 ? mimeBase64(text!) : Buffer.from(text!, 'latin1');
  if (!bytes) {
    ctx.problem('bad-base64', `write_files content of ${path} is not valid base64`, true, location);
    return { kind: 'unknown' };
  }
  const decoded = decodeToText(bytes, gzip, ctx.maxDecodedBytes);
  if (decoded.ok) return { kind: 'text', text: decoded.text };
  ctx.problem(decoded.code, `write_files content of ${path}: ${decoded.reason}`, true, location);
  return { kind: 'unknown' };
}
