import type { ResolvConfContent, UserDataLocation } from './types';
import { hasHole } from './holes';
import { locationText } from './location';

/** Where a write happened, for evidence sentences: `MIME part 2, line 4` or `line 4` (the command is quoted already). */
function whereText(location: UserDataLocation): string {
  return locationText({ part: location.part, line: location.line });
}

/** Resolver files that hold nameserver lines on any EKS node (the host's own resolver config). */
const KNOWN_RESOLVER_FILES = new Set([
  '/etc/resolv.conf', '/run/systemd/resolve/resolv.conf', '/run/systemd/resolve/stub-resolv.conf',
  '/usr/lib/systemd/resolv.conf', '/lib/systemd/resolv.conf',
]);

/** What the analysis knows about a file the user data writes. */
export interface FileState {
  readonly content: ResolvConfContent;
  /** The text, when every write to the file was known text. */
  readonly text?: string;
  readonly evidence: string;
}

/** Data flowing into a file: known text, a copy of another file, or something the analysis cannot see. */
export type FileData =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'unknown' };

const NAMESERVER_LINE = /^[ \t]*nameserver[ \t]+\S/m;

/** Content class of resolv.conf text: a nameserver line, nothing but blanks/comments, or neither. */
function classifyResolvConfText(text: string): ResolvConfContent {
  if (NAMESERVER_LINE.test(text)) return 'populated';
  if (hasHole(text)) return 'unknown';
  return /^[ \t\r]*[^#;\s]/m.test(text) ? 'unknown' : 'empty';
}

/** Content class of a file after appending text of class `added` to one of class `before`. */
function combineAppend(before: ResolvConfContent, added: ResolvConfContent): ResolvConfContent {
  if (before === 'populated' || added === 'populated') return 'populated';
  return before === 'empty' && added === 'empty' ? 'empty' : 'unknown';
}

/** Files written by the user data, in boot order; later writes replace earlier state. */
export class FileStore {
  private readonly files = new Map<string, FileState>();
  /** Every path whose state was read (relevance gating checks them against skipped parts). */
  readonly consulted = new Set<string>();

  /** Paths written so far. */
  writtenPaths(): Iterable<string> {
    return this.files.keys();
  }

  /** State of `path` now: tracked writes first, then `/dev/null` and the known resolver files. */
  stateOf(path: string): FileState | undefined {
    this.consulted.add(path);
    const tracked = this.files.get(path);
    if (tracked) return tracked;
    if (path === '/dev/null') return { content: 'empty', text: '', evidence: '/dev/null is always empty' };
    if (KNOWN_RESOLVER_FILES.has(path)) return { content: 'populated', evidence: `${path} is the host's resolver configuration` };
    return undefined;
  }

  /** Records a write of `data` to `path` (`append` for `>>`), described by `how` at `where`. */
  write(path: string, data: FileData, append: boolean, how: string, where: UserDataLocation): void {
    const at = `"${how}" (${whereText(where)})`;
    // Only an append reads the earlier content (reading records the path as consulted, see analyze.ts).
    const previous = append ? this.stateOf(path) : undefined;
    if (data.kind === 'file') {
      const source = this.stateOf(data.path);
      this.files.set(path, source
        ? { ...source, evidence: `copied from ${data.path} by ${at}; ${source.evidence}` }
        : { content: 'unknown', evidence: `copied from ${data.path} by ${at}, whose content the user data does not show` });
      return;
    }
    if (data.kind === 'unknown') {
      if (append && previous?.content === 'populated') return;
      this.files.set(path, { content: 'unknown', evidence: `written by ${at} with content the analysis cannot see` });
      return;
    }
    // Appending to a file whose earlier content is unknown (never written here, or written with
    // unseen data) cannot make it empty; only an appended nameserver line decides it.
    if (append && (!previous || previous.text === undefined)) {
      if (previous?.content === 'populated') return;
      this.files.set(path, NAMESERVER_LINE.test(data.text)
        ? { content: 'populated', evidence: `"nameserver" line appended by ${at}` }
        : { content: 'unknown', evidence: `appended to by ${at}; earlier content unknown` });
      return;
    }
    const text = append && previous?.text !== undefined ? previous.text + data.text : data.text;
    // Appending cannot remove a nameserver line: classify only the new text (keeps appends linear).
    const content = append && previous?.text !== undefined ? combineAppend(previous.content, classifyResolvConfText(data.text)) : classifyResolvConfText(text);
    const evidence = content === 'populated'
      ? `"nameserver" line written by ${at}`
      : content === 'empty' ? `${text.length === 0 ? 'created or truncated empty' : 'left without nameserver lines'} by ${at}` : `written by ${at} without a recognisable nameserver line`;
    this.files.set(path, { content, text, evidence });
  }

  /** `touch`: creates an empty file, leaves an existing one (and the resolver files) alone. */
  touch(path: string, how: string, where: UserDataLocation): void {
    if (this.stateOf(path)) return;
    this.files.set(path, { content: 'empty', text: '', evidence: `created empty by "${how}" (${whereText(where)})` });
  }

  /** An edit or removal the analysis does not model: the content becomes unknown. */
  unknown(path: string, evidence: string): void {
    this.files.set(path, { content: 'unknown', evidence });
  }

  /** The states now, to run alternative branches from the same start. */
  snapshot(): ReadonlyMap<string, FileState> {
    return new Map(this.files);
  }

  /** Replaces every state with `states`. */
  restore(states: ReadonlyMap<string, FileState>): void {
    this.files.clear();
    for (const [path, state] of states) this.files.set(path, state);
  }

  /** `mv src dst`: dst takes src's state; src is gone. */
  move(source: string, target: string, how: string, where: UserDataLocation): void {
    this.write(target, { kind: 'file', path: source }, false, how, where);
    this.files.set(source, { content: 'unknown', evidence: `moved away by "${how}" (${whereText(where)})` });
  }
}

/**
 * File states after alternative branches (`if`/`else`, `case` arms) that ended in `ends`: a file
 * every branch leaves alike keeps that state; one they leave differently is unknown, since which
 * branch runs is decided on the node. `where` names the construct for the evidence.
 */
export function mergeBranchFiles(ends: readonly ReadonlyMap<string, FileState>[], where: string): Map<string, FileState> {
  const merged = new Map<string, FileState>();
  for (const path of new Set(ends.flatMap((end) => [...end.keys()]))) {
    const states = ends.map((end) => end.get(path));
    const [first] = states;
    if (first && states.every((state) => state?.content === first.content)) {
      merged.set(path, states.every((state) => state?.text === first.text) ? first : { content: first.content, evidence: first.evidence });
      continue;
    }
    const outcomes = [...new Set(states.map((state) => state?.content ?? 'not written'))];
    merged.set(path, { content: 'unknown', evidence: `${where} leaves it ${outcomes.join(' or ')}, depending on the branch that runs` });
  }
  return merged;
}

/** Content of a resolv-conf value at the end of boot, with the reason. */
export function classifyResolvConfValue(value: string, files: FileStore): { content: ResolvConfContent; evidence: string } {
  if (value === '') return { content: 'empty', evidence: 'the value is an empty string' };
  if (hasHole(value)) return { content: 'unknown', evidence: 'the path contains an unresolved value' };
  const state = files.stateOf(value);
  if (state) return { content: state.content, evidence: state.evidence };
  return { content: 'unknown', evidence: `the user data does not write ${value}; its content on the AMI is unknown` };
}
