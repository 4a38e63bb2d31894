/**
 * Relevance gating: which shell and cloud-config parts can be left out of the analysis because
 * nothing in them can change its result. Most node user data carries host tuning (sysctl, limits,
 * log shipping) next to the part that configures the kubelet; interpreting the tuning shell and
 * parsing its YAML cost most of the analysis.
 *
 * Soundness argument (why a skipped part changes nothing in {@link UserDataAnalysis}):
 *
 * 1. What the part records itself. Its format, `os` evidence and decoded size are still recorded
 *    by the caller. Every other thing a shell or cloud-config part can add needs one of:
 *    - a trigger word (`bootstrap`, `kubelet`/`KUBELET_EXTRA_ARGS`, `nodeadm`, `NodeConfig`,
 *      `node.eks.aws`, `/etc/eks`, `resolv`, `encoding`, ...), since every kubelet path the analysis
 *      reads contains `kubelet`, every flag or setting needs `resolv`/`kubelet` text, and
 *      write_files decoding problems need an `encoding` key; or
 *    - an expansion or escape that builds text not written literally (`$`, backticks, `\`): these
 *      also make holes (a hole run as a command or used as a path is a problem) and YAML escapes; or
 *    - a hole or nested `Fn::Base64` already in the text (a cloud-config may hold holes in
 *      `write_files` content only, where they make a non-kubelet file's content unknown); or
 *    - a lexer issue (`unparsed-shell`: unterminated quote or here-document; comments are refused
 *      so the quote scan below matches the lexer exactly); or a YAML error or a
 *      `bootcmd`/`runcmd` entry that is not a string or list (`bad-yaml`, `unparsed-cloud-config`):
 *      cloud-config is only skipped when it is in a narrow block-YAML subset checked line by line
 *      ({@link isPlainCloudConfig}) that `yaml` parses without errors; or
 *    - running other code: `bash`/`sh`/..., `source`, `.`, `eval`, `exec`, `python`, `perl`,
 *      `curl`/`wget`, `include`, a wrapper the analysis peels (`sudo`, `env`, `nohup`, ...); a
 *      script an earlier part wrote (refused when the name of any file written so far occurs in
 *      the part); or a script the part wrote itself, whose text (possibly assembled by `printf`)
 *      the analysis would read as a nested script: refused when any command name is a path the
 *      analysis looks up as a written script ({@link runsScriptPath}).
 *    Trigger words are searched after removing quote characters (so `kube""let` is found) and case
 *    is ignored; `/etc/environment` and `/etc/profile*` are triggers as well.
 * 2. What the part does to later analysis. Shell variables do not cross parts (each part is its own
 *    process). Holes are only made by the constructs refused above, so hole numbering is unchanged.
 *    What remains are the files it writes, which reach the result only when some later step reads
 *    the state of that file (a copy, `cat`, a script run, an append, classifying a resolv-conf
 *    value). Every read goes through {@link FileStore.stateOf}, which records the path; after the
 *    gated run, when the name of any path read occurs in a skipped part as a whole path component,
 *    the analysis is run again without gating ({@link readsSkippedWrites}). Without `$`, `\` and
 *    backticks, a path written by a skipped part is a literal word of it once quotes are removed;
 *    a name with whitespace (which YAML folding may have made from a line break) always counts as
 *    named.
 */

import { hasHole, HOLE_RANGE, MARKER_RANGE } from './holes';
import { KEYWORDS, PEELED_WRAPPERS, SCRIPT_DIRS, SHELLS } from './shell';
import { occurrences } from './text';

/** Quote characters removed, for word searches (`kube""let` is `kubelet`). */
function normaliseForSearch(text: string): string {
  return text.replaceAll('"', '').replaceAll("'", '');
}

/** Words (lower case) that mean the part may configure the kubelet or hand control to code the analysis must follow. */
const TRIGGER_WORDS = /bootstrap|kubelet|nodeadm|nodeconfig|node\.eks\.aws|\/etc\/eks|resolv|\/etc\/environment|\/etc\/profile|include|part-handler|encoding|source|eval|exec|python|perl|curl|wget/;

/*
 * The names below come from the shell analysis's own tables (`shell.ts`), so a command it learns
 * to follow is a trigger here as well.
 */

/** `words` as a regular-expression alternation. */
function alternation(words: Iterable<string>): string {
  return [...words].map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** One of `words` (lower case) as a whole word (a class instead of a lookbehind: V8 scans that faster). */
function wholeWord(words: Iterable<string>): RegExp {
  return new RegExp(`(?:^|[^a-z0-9_-])(?:${alternation(words)})(?![a-z0-9_-])`);
}

/** A shell named as a word (`bash x.sh`, `| sh`, `/bin/sh`; also `x.sh`). */
const SHELL_WORD = wholeWord(SHELLS);
/** Wrappers the analysis peels to find the command they run (refused so {@link runsScriptPath} stays simple). */
const WRAPPER_WORD = wholeWord(PEELED_WRAPPERS.keys());
/** `.` as a command (`. /etc/x`). */
const DOT_COMMAND = /(?<![^\s;&|(])\.(?!\S)/;
/** Where a path the analysis would look up as a written script starts; `x.sh` is a trigger word already. */
const SCRIPT_DIR_SOURCE = `/(?:${alternation(SCRIPT_DIRS)})/`;
const SCRIPT_DIR = new RegExp(SCRIPT_DIR_SOURCE, 'g');
/** A flow-list command (`[/opt/x.sh, a]`) that runs a path looked up as a written script. */
const FLOW_RUNS_SCRIPT = new RegExp(`^\\[ *${SCRIPT_DIR_SOURCE}`);
/** Text between a command separator and a word that makes the word the command name: keywords and assignments. */
const COMMAND_PREFIX = new RegExp(`^[ \\t]*(?:(?:${alternation(KEYWORDS)})[ \\t]+)*(?:[A-Za-z_]\\w*=\\S*[ \\t]+)*$`);
const SEPARATORS = '\n;&|(){}!';
/** Character codes of {@link SEPARATORS}: the backward scans below read codes, not one-character strings. */
const SEPARATOR_CODES = new Set([...SEPARATORS].map((c) => c.charCodeAt(0)));

/**
 * True when some command of `script` may run a script the user data wrote: its name is a path the
 * analysis looks up. Such a part could run text it wrote itself, which the analysis would then
 * read as a nested script (and that text may have been assembled, e.g. by `printf`). Separators
 * inside quotes only add candidates, so the test errs on the side of analysing.
 */
function runsScriptPath(script: string): boolean {
  SCRIPT_DIR.lastIndex = 0;
  for (let m = SCRIPT_DIR.exec(script); m; m = SCRIPT_DIR.exec(script)) {
    let start = m.index;
    while (start > 0 && isQuote(script.charCodeAt(start - 1))) start--;
    let before = start - 1;
    while (before >= 0 && (script.charCodeAt(before) === 32 || script.charCodeAt(before) === 9)) before--;
    const code = before >= 0 ? script.charCodeAt(before) : -1;
    // A redirection target, or the middle of a longer word, is not a command name.
    if (code === 62 || code === 60) continue;
    if (before === start - 1 && before >= 0 && !SEPARATOR_CODES.has(code) && code !== 61) continue;
    let segment = before;
    while (segment >= 0 && !SEPARATOR_CODES.has(script.charCodeAt(segment))) segment--;
    if (COMMAND_PREFIX.test(script.slice(segment + 1, start).replace(/["']/g, ''))) return true;
  }
  return false;
}

function isQuote(code: number): boolean {
  return code === 34 || code === 39;
}

/** True when normalised text holds a trigger (case is ignored: separate tests are several times faster than one alternation). */
function hasTrigger(normalised: string): boolean {
  const lower = normalised.toLowerCase();
  return TRIGGER_WORDS.test(lower) || SHELL_WORD.test(lower) || DOT_COMMAND.test(lower) || WRAPPER_WORD.test(lower);
}

/** Characters that expand, escape or substitute, or hide a hole or nested Fn::Base64. */
const BUILDS_TEXT = new RegExp(`[$\`\\\\${MARKER_RANGE}${HOLE_RANGE}]|<<`);
/** The same without holes, which a cloud-config may hold in write_files content ({@link isPlainCloudConfig}). */
const BUILDS_TEXT_BUT_HOLES = new RegExp(`[$\`\\\\${MARKER_RANGE}]|<<`);

/** Characters of a file name component: a name bounded by anything else is a whole component. */
const NAME_CHAR = /[A-Za-z0-9_.+\-@%~]/;

/**
 * True when `name` occurs in `haystack` (both normalised) not as part of a longer name. An empty
 * name, or one with whitespace (which YAML folding or quoting could have changed), always matches.
 */
export function mentionsName(haystack: string, name: string): boolean {
  if (name === '' || /\s/.test(name)) return true;
  for (let i = haystack.indexOf(name); i >= 0; i = haystack.indexOf(name, i + 1)) {
    const before = i === 0 ? '' : haystack[i - 1];
    const after = haystack[i + name.length] ?? '';
    if (!(before && NAME_CHAR.test(before)) && !(after && NAME_CHAR.test(after))) return true;
  }
  return false;
}

/** The last path component, normalised like the texts it is searched in. */
function searchableName(path: string): string {
  return normaliseForSearch(path.slice(path.lastIndexOf('/') + 1));
}

/** True when a part's normalised text names (as a whole component) any of `paths`. */
export function namesAny(normalised: string, paths: Iterable<string>): boolean {
  for (const path of paths) if (mentionsName(normalised, searchableName(path))) return true;
  return false;
}

/** Quote scan matching the shell lexer when there is no `#`, `\`, `$` or backtick: true when every quote closes. */
function quotesClose(text: string): boolean {
  const single = text.indexOf("'");
  const double = text.indexOf('"');
  // One kind of quote only: they close when there is an even number of them.
  if (single < 0) return double < 0 || occurrences(text, '"') % 2 === 0;
  if (double < 0) return occurrences(text, "'") % 2 === 0;
  let quote = 0;
  for (let i = Math.min(single, double); i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (quote === 0) {
      if (ch === 39 || ch === 34) quote = ch;
    } else if (ch === quote) quote = 0;
  }
  return quote === 0;
}

/**
 * The normalised text of a shell part that can be skipped, or undefined when it must be
 * analysed. A first line starting with `#` (`#!/bin/bash`, `#cloud-boothook`) is a comment to the
 * lexer and is not searched for shell names; no other `#` is allowed (comments would hide quotes).
 * @param written files written by earlier parts (a part that names one might run or copy it).
 */
export function skippableShell(text: string, written: Iterable<string>): string | undefined {
  if (BUILDS_TEXT.test(text)) return undefined;
  const newline = text.indexOf('\n');
  // The first line, when a comment, is nothing to the shell: neither searched nor kept.
  const body = /^[ \t]*#/.test(text) ? (newline < 0 ? '' : text.slice(newline + 1)) : text;
  if (body.includes('#') || !quotesClose(body) || runsScriptPath(body)) return undefined;
  const normalised = normaliseForSearch(body);
  if (hasTrigger(normalised)) return undefined;
  return namesAny(normalised, written) ? undefined : normalised;
}

/**
 * The normalised text of a cloud-config part that can be skipped, or undefined when it must be
 * analysed (see the module comment).
 */
export function skippableCloudConfig(text: string, written: Iterable<string>): string | undefined {
  if (BUILDS_TEXT_BUT_HOLES.test(text) || /[\t\r]/.test(text)) return undefined;
  const normalised = normaliseForSearch(text);
  if (hasTrigger(normalised) || !isPlainCloudConfig(text)) return undefined;
  return namesAny(normalised, written) ? undefined : normalised;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]{0,100}):(?: (.*))?$/;
const BLOCK_SCALAR_HEADER = /^[|>][-+]?$/;
const FLOW_ITEM = '-*[A-Za-z0-9_./=+][A-Za-z0-9_./=+-]*';
const FLOW_SEQ = new RegExp(`^\\[ *(?:${FLOW_ITEM}(?: *, *${FLOW_ITEM})*)? *\\]$`);
/** Plain scalars that the YAML core schema reads as something other than a string. */
const NOT_A_STRING = /^(true|false|null|yes|no|on|off|y|n)$/i;

/** How a plain scalar may start (a hole stands for a word). */
const SAFE_VALUE_START = new RegExp(`^[A-Za-z0-9_/.=+(~${HOLE_RANGE}]`);

/** A block-context value (after `key: `) that parses as one scalar or flow list without errors. */
function isSafeValue(value: string): boolean {
  if (FLOW_SEQ.test(value)) return true;
  if (/^"[^"\\]*"$/.test(value) || /^'[^']*'$/.test(value)) return true;
  return SAFE_VALUE_START.test(value) && !/ #|: |:$/.test(value);
}

/** A `bootcmd`/`runcmd` entry cloud-init runs as a string or argv list, with no quotes for the shell to balance and no `#`. */
function isSafeCommand(value: string): boolean {
  if (FLOW_SEQ.test(value)) return !FLOW_RUNS_SCRIPT.test(value);
  if (runsScriptPath(value.replace(/^["']|["']$/g, ''))) return false;
  if (/^"[^"'\\#]*"$/.test(value) || /^'[^'"#]*'$/.test(value)) return true;
  return /^[A-Za-z_/]/.test(value) && !/["'#]|: |:$/.test(value) && !NOT_A_STRING.test(value);
}

interface Container { readonly indent: number; readonly kind: 'map' | 'seq' }

/**
 * True when `text` is in a narrow block-YAML subset that `yaml` parses without errors into a map
 * whose `bootcmd`/`runcmd` are lists of strings or flow lists: block maps and sequences with
 * consistent indentation (one `- ` per line), `key:` with nothing, a plain, quoted or flow-list
 * value, or a block scalar (`|`, `>`); comments and empty lines. Anything else is refused.
 * Holes (unresolved values, such as a cluster name `Ref`) are allowed only in `write_files`
 * `content`, where they make a file's content unknown and nothing else: the analysis reads
 * only kubelet paths, and those contain a trigger word.
 */
export function isPlainCloudConfig(text: string): boolean {
  const lines = text.split('\n');
  const stack: Container[] = [];
  let pendingKeyIndent: number | undefined;
  let block: { parentIndent: number; contentIndent?: number; fileContent: boolean } | undefined;
  let section = '';
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    if (block) {
      if (line.trim() === '') {
        if (line !== '') return false;
        continue;
      }
      if (block.contentIndent === undefined && indent > block.parentIndent) block.contentIndent = indent;
      if (block.contentIndent !== undefined && indent >= block.contentIndent) {
        if (!block.fileContent && hasHole(line)) return false;
        continue;
      }
      block = undefined;
    }
    if (line === '' || /^ *#/.test(line)) continue;
    if (line.trim() === '' || line.endsWith(' ')) return false;
    let content = line.slice(indent);
    let column = indent;
    const dash = /^-( +)(?=\S)/.exec(content);
    const isSeqItem = dash !== null;
    if (content === '-' || content.startsWith('- -') || (content.startsWith('-') && !isSeqItem && !KEY_LINE.test(content))) return false;
    // Place the line in the block structure.
    if (pendingKeyIndent !== undefined && indent > pendingKeyIndent) {
      stack.push({ indent, kind: isSeqItem ? 'seq' : 'map' });
    } else {
      while (stack.length && stack[stack.length - 1].indent > indent) stack.pop();
      const top = stack[stack.length - 1];
      if (!top) {
        if (indent !== 0 || isSeqItem) return false;
        stack.push({ indent: 0, kind: 'map' });
      } else if (top.indent !== indent || top.kind !== (isSeqItem ? 'seq' : 'map')) {
        return false;
      }
    }
    pendingKeyIndent = undefined;
    if (indent === 0) section = '';
    const inCommands = section === 'bootcmd' || section === 'runcmd';
    if (dash) {
      column = indent + 1 + dash[1].length;
      content = content.slice(1 + dash[1].length);
      const key = KEY_LINE.exec(content);
      if (inCommands) {
        if (key || hasHole(content) || !isSafeCommand(content)) return false;
        continue;
      }
      if (!key) {
        if (hasHole(content) || !isSafeValue(content)) return false;
        continue;
      }
      stack.push({ indent: column, kind: 'map' });
    } else if (inCommands) {
      return false;
    }
    const key = KEY_LINE.exec(content);
    if (!key) return false;
    if (indent === 0) section = key[1];
    const value = key[2];
    const fileContent = section === 'write_files' && indent > 0 && key[1] === 'content';
    if (!fileContent && hasHole(line)) return false;
    if (!value) {
      pendingKeyIndent = column;
    } else if (indent === 0 && (key[1] === 'bootcmd' || key[1] === 'runcmd')) {
      return false;
    } else if (BLOCK_SCALAR_HEADER.test(value)) {
      block = { parentIndent: column, fileContent };
    } else if (!isSafeValue(value)) {
      return false;
    }
  }
  return true;
}
