/**
 * A POSIX-shell lexer sized for user data: words with single, double and `$'...'` quotes,
 * backslash escapes and line continuations, `$VAR`/`${VAR}`/`${VAR:-default}` expansions,
 * command substitutions (opaque values that keep their command text), comments, operators, redirections and here-documents.
 * It never throws: an unterminated construct ends at the end of input and is reported.
 * Linear in the input: every character is visited a bounded number of times.
 */

import { occurrences } from './text';

/** A piece of a word. `quoted` pieces are not field-split. */
export type Segment =
  | { readonly t: 'lit'; readonly v: string; readonly quoted: boolean }
  | { readonly t: 'var'; readonly name: string; readonly quoted: boolean; readonly op?: string; readonly alt?: Word }
  | {
    readonly t: 'opaque'; readonly desc: string; readonly quoted: boolean;
    /** For a command substitution: the command text inside `$(…)` or backticks. */
    readonly script?: string;
  };

export type Word = readonly Segment[];

export interface HereDoc {
  /** The body: literal when the delimiter was quoted, otherwise with expansions. */
  body: Word;
  readonly firstLine: number;
  terminated: boolean;
}

export interface Redirect {
  readonly op: '>' | '>>' | '<' | '<<' | '<<<' | '&>' | 'dup';
  readonly fd: number;
  readonly target?: Word;
  readonly heredoc?: HereDoc;
}

export interface SimpleCommand {
  readonly words: Word[];
  readonly redirects: Redirect[];
  /** 1-based line (within the lexed text) of the command's first token. */
  readonly line: number;
  /** The operator that ended the command (`|` joins it to the next one in a pipeline). */
  readonly next: string;
}

export interface LexIssue {
  readonly line: number;
  readonly message: string;
}

export interface LexResult {
  readonly commands: SimpleCommand[];
  readonly issues: LexIssue[];
}

const OPERATOR_CHARS = new Set([';', '&', '|', '(', ')']);
const NAME_START = /[A-Za-z_]/;
/** Characters with no meaning to the lexer outside quotes. */
const ORDINARY_RUN = /[^\s;&|()<>\\'"$`#]+/y;
const NAME_CHAR = /[A-Za-z0-9_]/;
/** Characters with no meaning inside double quotes (newlines excluded: they are counted). */
const QUOTED_RUN = /[^"\\$`\n]+/y;

class Lexer {
  private pos = 0;
  private line = 1;
  private readonly pendingHeredocs: { delim: string; quoted: boolean; stripTabs: boolean; doc: HereDoc }[] = [];
  readonly commands: SimpleCommand[] = [];
  readonly issues: LexIssue[] = [];
  private words: Word[] = [];
  private redirects: Redirect[] = [];
  private commandLine = 0;

  constructor(private readonly src: string) {}

  run(): void {
    const src = this.src;
    while (this.pos < src.length) {
      const ch = src[this.pos];
      if (ch === ' ' || ch === '\t' || ch === '\r') {
        this.pos++;
      } else if (ch === '\\' && src[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (ch === '\n') {
        this.pos++;
        this.endCommand('\n');
        this.line++;
        this.readHeredocBodies();
      } else if (ch === '#') {
        while (this.pos < src.length && src[this.pos] !== '\n') this.pos++;
      } else if (OPERATOR_CHARS.has(ch)) {
        this.readOperator();
      } else if (ch === '<' || ch === '>') {
        this.readRedirect(1);
      } else {
        this.readWordOrRedirect();
      }
    }
    this.endCommand('eof');
    if (this.pendingHeredocs.length) this.readHeredocBodies();
  }

  private startCommandIfNeeded(): void {
    if (this.words.length === 0 && this.redirects.length === 0) this.commandLine = this.line;
  }

  private endCommand(op: string): void {
    if (this.words.length || this.redirects.length) {
      this.commands.push({ words: this.words, redirects: this.redirects, line: this.commandLine, next: op });
    }
    this.words = [];
    this.redirects = [];
  }

  private readOperator(): void {
    const src = this.src;
    const two = src.slice(this.pos, this.pos + 2);
    if (two === '&>') {
      this.startCommandIfNeeded();
      this.pos += 2;
      const append = src[this.pos] === '>';
      if (append) this.pos++;
      const target = this.readTargetWord();
      this.redirects.push({ op: append ? '>>' : '&>', fd: 1, target });
      return;
    }
    const op = two === '&&' || two === '||' || two === ';;' || two === '|&' ? two : src[this.pos];
    this.pos += op.length;
    this.endCommand(op === '|&' ? '|' : op);
  }

  /** A word, or a redirection written with a file-descriptor number (`2>`, `1>>`). */
  private readWordOrRedirect(): void {
    const m = /^(\d+)(?=[<>])/.exec(this.src.slice(this.pos, this.pos + 4));
    if (m) {
      this.pos += m[1].length;
      this.readRedirect(Number(m[1]));
      return;
    }
    this.startCommandIfNeeded();
    const word = this.readWord();
    if (word.length) this.words.push(word);
  }

  private readRedirect(fd: number): void {
    this.startCommandIfNeeded();
    const src = this.src;
    const c0 = src[this.pos];
    const c1 = src[this.pos + 1];
    if (c0 === '>') {
      this.pos++;
      let op: '>' | '>>' = '>';
      if (c1 === '>') { op = '>>'; this.pos++; } else if (c1 === '|') this.pos++;
      if (src[this.pos] === '&') {
        this.pos++;
        this.readTargetWord();
        this.redirects.push({ op: 'dup', fd });
        return;
      }
      this.redirects.push({ op, fd, target: this.readTargetWord() });
      return;
    }
    // '<'
    if (c1 === '<') {
      if (src[this.pos + 2] === '<') {
        this.pos += 3;
        this.redirects.push({ op: '<<<', fd: 0, target: this.readTargetWord() });
        return;
      }
      this.pos += 2;
      const stripTabs = src[this.pos] === '-';
      if (stripTabs) this.pos++;
      this.skipBlanks();
      const delimWord = this.readWord();
      const quoted = delimWord.some((s) => s.t === 'lit' && s.quoted);
      const delim = delimWord.map((s) => (s.t === 'lit' ? s.v : s.t === 'var' ? '$' + s.name : '')).join('');
      const doc: HereDoc = { body: [], firstLine: this.line + 1, terminated: false };
      this.pendingHeredocs.push({ delim, quoted, stripTabs, doc });
      this.redirects.push({ op: '<<', fd: 0, heredoc: doc });
      return;
    }
    this.pos++;
    if (src[this.pos] === '&' || src[this.pos] === '>') {
      this.pos++;
      this.readTargetWord();
      this.redirects.push({ op: 'dup', fd });
      return;
    }
    this.redirects.push({ op: '<', fd, target: this.readTargetWord() });
  }

  private skipBlanks(): void {
    while (this.src[this.pos] === ' ' || this.src[this.pos] === '\t') this.pos++;
  }

  private readTargetWord(): Word {
    this.skipBlanks();
    return this.readWord();
  }

  /** Reads here-document bodies queued on the line just ended. */
  private readHeredocBodies(): void {
    const src = this.src;
    for (const pending of this.pendingHeredocs.splice(0)) {
      const lines: string[] = [];
      let terminated = false;
      while (this.pos < src.length) {
        let end = src.indexOf('\n', this.pos);
        if (end < 0) end = src.length;
        let text = src.slice(this.pos, end);
        if (text.endsWith('\r')) text = text.slice(0, -1);
        this.pos = Math.min(end + 1, src.length);
        this.line++;
        const compare = pending.stripTabs ? text.replace(/^\t+/, '') : text;
        if (compare === pending.delim) {
          terminated = true;
          break;
        }
        lines.push(pending.stripTabs ? compare : text);
      }
      const body = lines.length ? lines.join('\n') + '\n' : '';
      pending.doc.body = pending.quoted ? [{ t: 'lit', v: body, quoted: true }] : parseExpandingText(body);
      pending.doc.terminated = terminated;
      if (!terminated) this.issues.push({ line: pending.doc.firstLine - 1, message: `here-document delimited by ${pending.delim} is not terminated` });
    }
  }

  /** Reads one word; stops at unquoted blanks, newlines, operators and redirections. */
  private readWord(): Segment[] {
    const src = this.src;
    const segs: Segment[] = [];
    let lit = '';
    const flushLit = (): void => {
      if (lit) segs.push({ t: 'lit', v: lit, quoted: false });
      lit = '';
    };
    while (this.pos < src.length) {
      // Fast path: a run of ordinary characters is taken in one slice.
      ORDINARY_RUN.lastIndex = this.pos;
      const run = ORDINARY_RUN.exec(src);
      if (run) {
        lit += run[0];
        this.pos += run[0].length;
        continue;
      }
      const ch = src[this.pos];
      if ((ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || OPERATOR_CHARS.has(ch) || ch === '<' || ch === '>')) break;
      if (ch === '\\') {
        const next = src[this.pos + 1];
        this.pos += 2;
        if (next === '\n') { this.line++; continue; }
        if (next !== undefined) { flushLit(); segs.push({ t: 'lit', v: next, quoted: true }); }
        continue;
      }
      if (ch === "'") {
        flushLit();
        const end = src.indexOf("'", this.pos + 1);
        const stop = end < 0 ? src.length : end;
        const v = src.slice(this.pos + 1, stop);
        if (end < 0) this.issues.push({ line: this.line, message: 'unterminated single quote' });
        this.countLines(v);
        segs.push({ t: 'lit', v, quoted: true });
        this.pos = stop + 1;
        continue;
      }
      if (ch === '"') {
        flushLit();
        this.pos++;
        segs.push(...this.readDoubleQuoted());
        continue;
      }
      if (ch === '$' && src[this.pos + 1] === "'") {
        flushLit();
        segs.push({ t: 'lit', v: this.readAnsiC(), quoted: true });
        continue;
      }
      if (ch === '$' || ch === '`') {
        const seg = this.readExpansion(false);
        if (seg) { flushLit(); segs.push(seg); continue; }
      }
      lit += ch;
      this.pos++;
    }
    flushLit();
    return segs;
  }

  private countLines(text: string): void {
    this.line += occurrences(text, '\n');
  }

  private readDoubleQuoted(): Segment[] {
    const src = this.src;
    const startLine = this.line;
    const segs: Segment[] = [];
    let lit = '';
    const flush = (): void => {
      segs.push({ t: 'lit', v: lit, quoted: true });
      lit = '';
    };
    while (this.pos < src.length) {
      // Fast path: a run of characters with no meaning inside double quotes is taken in one slice
      // (char-by-char concatenation made this the analysis's hot spot).
      QUOTED_RUN.lastIndex = this.pos;
      const run = QUOTED_RUN.exec(src);
      if (run) {
        lit += run[0];
        this.pos += run[0].length;
        continue;
      }
      const ch = src[this.pos];
      if (ch === '"') {
        this.pos++;
        flush();
        return segs;
      }
      if (ch === '\\') {
        const next = src[this.pos + 1];
        if (next === '\n') { this.pos += 2; this.line++; continue; }
        if (next === '$' || next === '`' || next === '"' || next === '\\') { lit += next; this.pos += 2; continue; }
        lit += ch;
        this.pos++;
        continue;
      }
      if (ch === '$' || ch === '`') {
        const seg = this.readExpansion(true);
        if (seg) { if (lit) flush(); segs.push(seg); continue; }
      }
      if (ch === '\n') this.line++;
      lit += ch;
      this.pos++;
    }
    this.issues.push({ line: startLine, message: 'unterminated double quote' });
    flush();
    return segs;
  }

  /** `$'...'` with the common escapes. */
  private readAnsiC(): string {
    const src = this.src;
    this.pos += 2;
    let out = '';
    while (this.pos < src.length && src[this.pos] !== "'") {
      const ch = src[this.pos];
      if (ch === '\\' && this.pos + 1 < src.length) {
        const next = src[this.pos + 1];
        const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', e: '\x1b', '0': '\0' };
        if (next === 'x' && /^[0-9A-Fa-f]{1,2}/.test(src.slice(this.pos + 2, this.pos + 4))) {
          const hex = /^[0-9A-Fa-f]{1,2}/.exec(src.slice(this.pos + 2, this.pos + 4))![0];
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 2 + hex.length;
          continue;
        }
        out += simple[next] ?? '\\' + next;
        this.pos += 2;
        continue;
      }
      if (ch === '\n') this.line++;
      out += ch;
      this.pos++;
    }
    if (this.pos >= src.length) this.issues.push({ line: this.line, message: "unterminated $'...' quote" });
    this.pos++;
    return out;
  }

  /** `$NAME`, `${...}`, `$(...)`, `$((...))`, backticks; undefined for a lone `$`. */
  private readExpansion(quoted: boolean): Segment | undefined {
    const src = this.src;
    const start = this.pos;
    if (src[start] === '`') {
      const end = findClosingBacktick(src, start + 1);
      if (end >= src.length) this.issues.push({ line: this.line, message: 'unterminated backtick command substitution' });
      this.countLines(src.slice(start, end));
      this.pos = Math.min(end + 1, src.length);
      // Inside backticks a backslash escapes `$`, `` ` `` and `\`.
      return { t: 'opaque', desc: 'command substitution', quoted, script: src.slice(start + 1, end).replace(/\\([$`\\])/g, '$1') };
    }
    const next = src[start + 1];
    if (next === '(') {
      const end = findClosingParen(src, start + 2);
      if (end >= src.length) this.issues.push({ line: this.line, message: 'unterminated $( command substitution' });
      this.countLines(src.slice(start, end));
      this.pos = Math.min(end + 1, src.length);
      if (src[start + 2] === '(') return { t: 'opaque', desc: 'arithmetic expansion', quoted };
      return { t: 'opaque', desc: 'command substitution', quoted, script: src.slice(start + 2, end) };
    }
    if (next === '{') {
      const end = src.indexOf('}', start + 2);
      if (end < 0) {
        this.issues.push({ line: this.line, message: 'unterminated ${ expansion' });
        this.pos = src.length;
        return { t: 'opaque', desc: 'unterminated expansion', quoted };
      }
      const inner = src.slice(start + 2, end);
      this.countLines(inner);
      this.pos = end + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+?])(.*))?$/s.exec(inner);
      if (!m) return { t: 'opaque', desc: '${' + inner + '}', quoted };
      return m[2] ? { t: 'var', name: m[1], quoted, op: m[2], alt: parseExpandingText(m[3]) } : { t: 'var', name: m[1], quoted };
    }
    if (next !== undefined && NAME_START.test(next)) {
      let end = start + 2;
      while (end < src.length && NAME_CHAR.test(src[end])) end++;
      this.pos = end;
      return { t: 'var', name: src.slice(start + 1, end), quoted };
    }
    if (next !== undefined && /[0-9@*#?$!-]/.test(next)) {
      this.pos = start + 2;
      return { t: 'opaque', desc: '$' + next, quoted };
    }
    return undefined;
  }
}

function findClosingBacktick(src: string, from: number): number {
  for (let i = from; i < src.length; i++) {
    if (src[i] === '\\') i++;
    else if (src[i] === '`') return i;
  }
  return src.length;
}

/** Index of the `)` closing a `$(`, skipping quoted text; src.length when there is none. */
function findClosingParen(src: string, from: number): number {
  let depth = 1;
  for (let i = from; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') i++;
    else if (ch === "'") { const e = src.indexOf("'", i + 1); i = e < 0 ? src.length : e; }
    else if (ch === '"') { for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++; }
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i;
  }
  return src.length;
}

/** Text where `$` expansions and backslash escapes apply but quotes are literal (here-document bodies, defaults). */
function parseExpandingText(text: string): Word {
  const lexer = new Lexer(text.replace(/"/g, '\ue003'));
  // Reuse the double-quote reader: quotes were hidden, so the whole text reads as one quoted string.
  const segs = (lexer as unknown as { readDoubleQuoted(): Segment[] }).readDoubleQuoted();
  return segs.map((s) => {
    if (s.t === 'lit') return { ...s, v: s.v.replace(/\ue003/g, '"') };
    return s.t === 'opaque' && s.script !== undefined ? { ...s, script: s.script.replace(/\ue003/g, '"') } : s;
  });
}

/** Lexes a whole script. */
export function lexShell(src: string): LexResult {
  const lexer = new Lexer(src);
  lexer.run();
  return { commands: lexer.commands, issues: lexer.issues };
}
