import { parseBootstrapArgs } from '../kubelet/bootstrap';
import { BOOTSTRAP_DROP_IN } from '../kubelet/precedence';
import { AnalysisContext, Place } from './context';
import { applyFileWrite } from './effects';
import { FileData, FileState, mergeBranchFiles } from './files';
import { hasHole } from './holes';
import { locationText } from './location';
import { lexShell, Redirect, SimpleCommand, Word } from './shell-lexer';
import { isKubeletConfigPath, mentionsResolvConf, recordKubeletArgs } from './sinks';
import type { UserDataLocation } from './types';

/** Shell variables of one script run. */
export interface ShellEnv {
  readonly vars: Map<string, string>;
  /** Names with the export attribute; `export X` before `X=…` exports the later value too. */
  readonly exported: Set<string>;
  /** One hole per unknown variable name, so `$X` twice is the same unknown. */
  readonly unknown: Map<string, string>;
  /** `set -a` / `set -o allexport` is on: every assignment exports its variable. */
  allExport: boolean;
}

/** A fresh, empty environment (each cloud-init script runs in its own process). */
export function newShellEnv(): ShellEnv {
  return { vars: new Map(), exported: new Set(), unknown: new Map(), allExport: false };
}

/** Nested `bash -c`, `eval` and scripts written then run are followed this deep. */
const MAX_NESTED_SCRIPTS = 4;
/** Keywords that may come before a command name (peeled there). Exported, like the tables below, for relevance gating (`relevance.ts`). */
export const KEYWORDS: ReadonlySet<string> = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const SKIPPED = new Set(['for', 'case', 'function', 'select', 'fi', 'done', 'esac', '}', 'in', ';;', 'return', 'exit', 'local', 'shift', '[', '[[', 'test']);

/** How dispatch peels a wrapper to reach the command it runs. */
interface Wrapper {
  /** Leading options are skipped, and these take the next word as their value; absent: nothing is skipped. */
  readonly optionsWithValue?: readonly string[];
  /** `NAME=value` words among the options join the command's environment (`sudo X=1 cmd`, `env X=1 cmd`). */
  readonly assignments?: boolean;
  /** Operands before the command (`timeout DURATION cmd`). */
  readonly operands?: number;
}

/** Options of nice and timeout that take a value. */
const NICE_TIMEOUT_OPTIONS = ['-n', '-s', '-k'];
/** Wrappers dispatch peels (by base name) to find the command they run. */
export const PEELED_WRAPPERS: ReadonlyMap<string, Wrapper> = new Map<string, Wrapper>([
  ['sudo', { optionsWithValue: ['-u', '-g', '-C', '-h', '-p', '-U', '-D', '-r', '-t'], assignments: true }],
  ['env', { optionsWithValue: [], assignments: true }],
  ['exec', {}],
  ['nohup', {}],
  ['command', {}],
  ['builtin', {}],
  ['stdbuf', {}],
  ['nice', { optionsWithValue: NICE_TIMEOUT_OPTIONS }],
  ['timeout', { optionsWithValue: NICE_TIMEOUT_OPTIONS, operands: 1 }],
]);
/** Shells whose scripts (`-c`, stdin) are followed. */
export const SHELLS: ReadonlySet<string> = new Set(['bash', 'sh', 'dash', 'zsh', 'ksh']);
/** Top directories of the command names looked up as scripts the user data wrote (as are names ending in `.sh`). */
export const SCRIPT_DIRS: readonly string[] = ['tmp', 'opt', 'usr', 'etc', 'var', 'root', 'home'];
const WRITTEN_SCRIPT_NAME = new RegExp(`\\.sh$|^/(?:${SCRIPT_DIRS.join('|')})/`);
/** Commands whose mention of resolv-conf is harmless or modelled elsewhere (printing, searching, writing files, jq). */
const HARMLESS_MENTIONS = new Set(['echo', 'printf', 'grep', 'egrep', 'logger', 'cat', 'tee', 'jq']);
const WHITESPACE = /[ \t\n]+/;

/** Output of a command, with the line its text starts on (for locating drop-in lines). */
interface Output {
  readonly data: FileData;
  readonly firstLine?: number;
}

const NOTHING: Output = { data: { kind: 'text', text: '' } };
const UNKNOWN: Output = { data: { kind: 'unknown' } };

/** What a branch of an `if` or `case` may change: the variables and the files written. */
interface BranchState {
  readonly vars: ReadonlyMap<string, string>;
  readonly exported: ReadonlySet<string>;
  readonly allExport: boolean;
  readonly files: ReadonlyMap<string, FileState>;
  /** How many resolv-conf settings were recorded by then (branches record theirs in turn). */
  readonly settings: number;
  /** How many `KUBELET_EXTRA_ARGS` assignments, and environment-file lines (recorded at the end), were recorded by then. */
  readonly assignments: number;
  readonly envFileLines: number;
}

/**
 * An `if` or `case` being run. Its branches are alternatives: each runs from the state the first
 * began with, and what they leave differently becomes unknown (as for `Fn::If`). Code that may
 * or may not run (an `if` without `else`, a single `case` arm, a loop body, the right side of
 * `&&` or `||`) is taken to run.
 */
interface Alternatives {
  readonly keyword: 'if' | 'case';
  readonly line: number;
  /** The state the first branch began with (set at `then`, or at the first arm's `)`). */
  start?: BranchState;
  /** The state each finished branch left. */
  readonly ends: BranchState[];
  /** `case`: inside an arm, between its pattern's `)` and its `;;`. */
  inArm: boolean;
}

/** Operators that end a `case` arm. */
const ARM_ENDS = new Set([';;', ';&', ';;&']);

/** Runs the analysis over a shell script placed at `place`. Never throws. */
export function analyseShell(ctx: AnalysisContext, text: string, place: Place, env: ShellEnv = newShellEnv(), depth = 0): void {
  new ShellRun(ctx, text, place, env, depth).run();
}

class ShellRun {
  private readonly lines: string[];
  /** Line of the command being analysed (for locating what its expansions record). */
  private line = 1;
  /** The `if` and `case` constructs open at the current command, innermost last. */
  private readonly open: Alternatives[] = [];

  constructor(
    private readonly ctx: AnalysisContext,
    private readonly text: string,
    private readonly place: Place,
    private readonly env: ShellEnv,
    private readonly depth: number,
  ) {
    this.lines = text.split('\n');
  }

  run(): void {
    const { commands, issues } = lexShell(this.text);
    for (const issue of issues) {
      const rest = this.lines.slice(Math.max(0, issue.line - 1)).join('\n');
      const near = /resolv|kubelet|bootstrap\.sh|nodeadm/i.test(rest);
      this.ctx.problem('unparsed-shell', `shell text could not be fully parsed: ${issue.message}${near ? '; kubelet settings follow it' : ''}`, near, this.loc(issue.line));
    }
    let stdin: Output | undefined;
    for (const command of commands) {
      if (this.isCasePattern(command)) continue;
      const out = this.safeCommand(command, stdin);
      stdin = command.next === '|' ? out : undefined;
      if (ARM_ENDS.has(command.next)) this.nextAlternative('case');
    }
  }

  // ---- branches ----

  /** A `case` pattern (`a|b)`): it runs nothing; its `)` starts an arm. */
  private isCasePattern(command: SimpleCommand): boolean {
    if (command.next !== '|' && command.next !== ')') return false;
    // `case X in a) …` on one line: the lexer ends the `case` command with the first pattern.
    const first = command.words[0];
    if (first && keywordOf(first) === 'case') this.openAlternatives('case', command.line);
    const top = this.innermost('case');
    if (!top || top.inArm) return false;
    if (command.next === ')') {
      top.inArm = true;
      this.beginAlternatives('case');
    }
    return true;
  }

  /**
   * The words of `command` after the keywords that open, separate or close branches, which are
   * tracked here (`then A=1` assigns A). `case WORD in`, `fi` and `esac` are left for dispatch,
   * which runs nothing for them.
   */
  private afterKeywords(command: SimpleCommand): Word[] {
    let i = 0;
    for (; i < command.words.length; i++) {
      const word = keywordOf(command.words[i]);
      if (word === 'if' || word === 'case') this.openAlternatives(word, command.line);
      else if (word === 'then') this.beginAlternatives('if');
      else if (word === 'elif' || word === 'else') this.nextAlternative('if');
      else if (word === 'fi' || word === 'esac') this.closeAlternatives(word === 'fi' ? 'if' : 'case');
      if (word === undefined || !KEYWORDS.has(word)) break;
    }
    return command.words.slice(i);
  }

  private openAlternatives(keyword: Alternatives['keyword'], line: number): void {
    this.open.push({ keyword, line, ends: [], inArm: false });
  }

  private innermost(keyword: Alternatives['keyword']): Alternatives | undefined {
    const top = this.open[this.open.length - 1];
    return top?.keyword === keyword ? top : undefined;
  }

  private beginAlternatives(keyword: Alternatives['keyword']): void {
    const top = this.innermost(keyword);
    if (top) top.start ??= this.branchState();
  }

  /** Ends the running branch; the next one starts from the state the first began with. */
  private nextAlternative(keyword: Alternatives['keyword']): void {
    const top = this.innermost(keyword);
    if (!top?.start || (keyword === 'case' && !top.inArm)) return;
    top.ends.push(this.branchState());
    top.inArm = false;
    this.restoreBranchState(top.start);
  }

  private closeAlternatives(keyword: Alternatives['keyword']): void {
    const top = this.innermost(keyword);
    if (!top) return;
    this.open.pop();
    // An `if` without `else` is taken to run: the state is the one its only branch left.
    if (!top.start || (keyword === 'if' && top.ends.length === 0)) return;
    if (keyword === 'if' || top.inArm) top.ends.push(this.branchState());
    this.mergeAlternatives(top);
  }

  private mergeAlternatives(construct: Alternatives): void {
    const { ends } = construct;
    if (ends.length < 2) {
      if (ends.length === 1) this.restoreBranchState(ends[0]);
      return;
    }
    const where = `the "${construct.keyword}" at ${locationText({ part: this.place.part, line: this.place.firstLine + construct.line - 1 })}`;
    const vars = new Map<string, string>();
    for (const name of new Set(ends.flatMap((end) => [...end.vars.keys()]))) {
      const values = new Set(ends.map((end) => end.vars.get(name)));
      const [value] = values;
      if (values.size > 1) vars.set(name, this.ctx.holes.hole(`$${name}, set differently in the branches of ${where}`));
      else if (value !== undefined) vars.set(name, value);
    }
    this.restoreBranchState({
      vars,
      exported: new Set(ends.flatMap((end) => [...end.exported])),
      allExport: ends.some((end) => end.allExport),
      files: mergeBranchFiles(ends.map((end) => end.files), where),
    });
    // A KUBELET_EXTRA_ARGS assignment in one branch must not replace one made in another.
    const assignments = this.ctx.extraArgsAssignments;
    for (let i = construct.start!.assignments; i < assignments.length; i++) assignments[i] = { ...assignments[i], conditional: true };
    const envFileLines = this.ctx.envFileAssignments;
    for (let i = construct.start!.envFileLines; i < envFileLines.length; i++) envFileLines[i] = { ...envFileLines[i], conditional: true };
    // Settings recorded in several branches are all kept; when they differ, each is marked with its
    // branch, and the riskiest branch is judged (analyze.ts), since any of them may run.
    const ranges = ends.map((end, i) => ({ from: i === 0 ? construct.start!.settings : ends[i - 1].settings, to: end.settings }));
    const setByBranch = new Set(ranges.filter((r) => r.to > r.from).map((r) => this.ctx.settings.slice(r.from, r.to).map((setting) => setting.value).join('\n')));
    if (setByBranch.size > 1) {
      const id = this.ctx.nextAlternatives();
      ranges.forEach(({ from, to }, branch) => {
        for (let i = from; i < to; i++) this.ctx.settings[i] = { ...this.ctx.settings[i], alternative: { construct: id, branch } };
      });
      this.ctx.problem('branches-differ', `the branches of ${where} set resolv-conf to different values; which one the kubelet gets is decided on the node, so the riskiest is judged`, true, this.loc(construct.line));
    }
  }

  private branchState(): BranchState {
    return {
      vars: new Map(this.env.vars),
      exported: new Set(this.env.exported),
      allExport: this.env.allExport,
      files: this.ctx.files.snapshot(),
      settings: this.ctx.settings.length,
      assignments: this.ctx.extraArgsAssignments.length,
      envFileLines: this.ctx.envFileAssignments.length,
    };
  }

  private restoreBranchState(state: Pick<BranchState, 'vars' | 'exported' | 'allExport' | 'files'>): void {
    this.env.vars.clear();
    for (const [name, value] of state.vars) this.env.vars.set(name, value);
    this.env.exported.clear();
    for (const name of state.exported) this.env.exported.add(name);
    this.env.allExport = state.allExport;
    this.ctx.files.restore(state.files);
  }

  private loc(line: number): UserDataLocation {
    return this.ctx.location(this.place, line, this.lines[line - 1] ?? '');
  }

  private safeCommand(command: SimpleCommand, stdin: Output | undefined): Output {
    try {
      return this.command(command, stdin);
    } catch (err) {
      // Defensive: one odd command must not lose the rest of the analysis.
      this.ctx.problem('unparsed-shell', `a shell command could not be analysed (${(err as Error).message})`, true, this.loc(command.line));
      return UNKNOWN;
    }
  }

  // ---- expansion ----

  private variable(name: string): string | undefined {
    return this.env.vars.get(name);
  }

  private unknownVariable(name: string): string {
    let hole = this.env.unknown.get(name);
    if (!hole) {
      hole = this.ctx.holes.hole('$' + name);
      this.env.unknown.set(name, hole);
    }
    return hole;
  }

  private segmentValue(seg: Word[number]): string {
    if (seg.t === 'lit') return seg.v;
    if (seg.t === 'opaque') return seg.script !== undefined ? this.substitution(seg.script) : this.ctx.holes.hole(seg.desc);
    const value = this.variable(seg.name);
    switch (seg.op) {
      case undefined:
        return value ?? this.unknownVariable(seg.name);
      case ':-': case ':=':
        return value ? value : this.expandString(seg.alt ?? []);
      case '-': case '=':
        return value !== undefined ? value : this.expandString(seg.alt ?? []);
      case ':+':
        return value ? this.expandString(seg.alt ?? []) : value === undefined ? this.unknownVariable(seg.name) : '';
      case '+':
        return value !== undefined ? this.expandString(seg.alt ?? []) : this.unknownVariable(seg.name);
      default:
        return value ?? this.unknownVariable(seg.name);
    }
  }

  /**
   * The value of `$(script)`: unknown, but a `jq` command in it is analysed like one on its own
   * line (`echo "$(jq '.resolvConf=…' kubelet-config.json)" > kubelet-config.json` is the idiom
   * bootstrap.sh itself uses). Its output is then the kubelet config with the edit recorded.
   */
  private substitution(script: string): string {
    const { commands, issues } = lexShell(script);
    const only = commands.length === 1 && issues.length === 0 ? commands[0] : undefined;
    const argv = only ? only.words.flatMap((w) => this.expandFields(w)) : [];
    if (only && argv.length > 0 && basename(argv[0]) === 'jq') {
      const readsConfig = this.jq(argv.slice(1), this.loc(this.line), this.stdinFrom(only.redirects), []);
      if (readsConfig) return this.ctx.holes.hole('jq edit of the kubelet config', true);
    }
    return this.ctx.holes.hole('command substitution');
  }

  /** A word without field splitting (assignments, redirection targets, here-documents). */
  expandString(word: Word): string {
    let out = '';
    for (const seg of word) out += this.segmentValue(seg);
    return out;
  }

  /** A word as the shell passes it: unquoted expansions split at whitespace; `""` is one empty field. */
  private expandFields(word: Word): string[] {
    const fields: string[] = [];
    let current = '';
    let started = false;
    for (const seg of word) {
      const value = this.segmentValue(seg);
      if (seg.t === 'lit' || seg.quoted) {
        current += value;
        started = started || seg.quoted || value.length > 0;
        continue;
      }
      const pieces = value.split(WHITESPACE);
      pieces.forEach((piece, i) => {
        if (i > 0 && started) {
          fields.push(current);
          current = '';
          started = false;
        }
        if (piece) {
          current += piece;
          started = true;
        }
      });
    }
    if (started) fields.push(current);
    return fields;
  }

  // ---- commands ----

  private command(command: SimpleCommand, pipeIn: Output | undefined): Output {
    // Locations are built only when something is recorded: most commands record nothing.
    let memo: UserDataLocation | undefined;
    const at = (): UserDataLocation => (memo ??= this.loc(command.line));
    this.line = command.line;
    const words = this.afterKeywords(command);
    const assignments: [string, string][] = [];
    let index = 0;
    for (; index < words.length; index++) {
      const assignment = this.assignment(words[index]);
      if (!assignment) break;
      assignments.push(assignment);
    }
    const argv: string[] = [];
    for (let i = index; i < words.length; i++) argv.push(...this.expandFields(words[i]));
    const stdin = this.stdinFrom(command.redirects) ?? pipeIn;
    if (argv.length === 0) {
      for (const [name, value] of assignments) this.setVariable(name, value, false);
      // `> f` alone truncates f.
      this.writeOutputs(command, NOTHING, at, this.how(command.line));
      return NOTHING;
    }
    const temp = new Map(assignments);
    const output = this.dispatch(argv, temp, stdin, command, at);
    const redirected = command.redirects.length > 0 && this.writeOutputs(command, output, at, this.how(command.line));
    return redirected ? NOTHING : output;
  }

  private assignment(word: Word): [string, string] | undefined {
    const first = word[0];
    if (!first || first.t !== 'lit' || first.quoted || !first.v.includes('=')) return undefined;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.v);
    if (!m) return undefined;
    const rest: Word = [{ t: 'lit', v: first.v.slice(m[0].length), quoted: false }, ...word.slice(1)];
    const value = this.expandString(rest);
    return [m[1], m[2] ? (this.variable(m[1]) ?? '') + value : value];
  }

  private setVariable(name: string, value: string, exported: boolean): void {
    this.env.vars.set(name, value);
    if (exported || this.env.allExport) this.env.exported.add(name);
  }

  /** `set -a`, `set -o allexport` and their `+` forms (also inside combined options such as `-ea`). */
  private setOptions(args: readonly string[]): void {
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if ((arg === '-o' || arg === '+o') && args[i + 1] === 'allexport') this.env.allExport = arg === '-o';
      else if (/^[-+][A-Za-z]+$/.test(arg) && arg.includes('a')) this.env.allExport = arg[0] === '-';
      if (arg === '-o' || arg === '+o') i++;
    }
  }

  private stdinFrom(redirects: readonly Redirect[]): Output | undefined {
    let stdin: Output | undefined;
    for (const r of redirects) {
      if (r.op === '<<' && r.heredoc) stdin = { data: { kind: 'text', text: this.expandString(r.heredoc.body) }, firstLine: r.heredoc.firstLine };
      else if (r.op === '<<<' && r.target) stdin = { data: { kind: 'text', text: this.expandString(r.target) + '\n' } };
      else if (r.op === '<' && r.target) stdin = { data: { kind: 'file', path: this.expandString(r.target) } };
    }
    return stdin;
  }

  /** Applies `>`, `>>`, `&>` redirections; true when stdout went to a file. */
  private writeOutputs(command: SimpleCommand, output: Output, at: () => UserDataLocation, how: string): boolean {
    let redirected = false;
    for (const r of command.redirects) {
      if (!r.target || (r.op !== '>' && r.op !== '>>' && r.op !== '&>')) continue;
      const path = this.expandString(r.target);
      const toStdout = r.fd === 1 || r.op === '&>';
      const data: FileData = toStdout ? this.resolveData(output.data) : { kind: 'unknown' };
      if (toStdout) redirected = true;
      applyFileWrite(this.ctx, path, data, r.op === '>>', how, at(), {
        place: this.place, localLine: output.firstLine ?? command.line,
      });
    }
    return redirected;
  }

  /** A `file` datum whose text is known becomes text, so drop-ins copied from written files are read. */
  private resolveData(data: FileData): FileData {
    if (data.kind !== 'file') return data;
    const state = this.ctx.files.stateOf(data.path);
    return state?.text !== undefined && data.path !== '/dev/null' ? { kind: 'text', text: state.text } : data;
  }

  private dispatch(argvIn: string[], temp: Map<string, string>, stdin: Output | undefined, command: SimpleCommand, at: () => UserDataLocation): Output {
    const argv = [...argvIn];
    // Peel wrappers (`sudo -E`, `env X=1`, `exec`, `bash -c`, `source`); leading keywords are gone already.
    while (argv.length) {
      const word = argv[0];
      const base = basename(word);
      if (SKIPPED.has(word)) return UNKNOWN;
      const wrapper = PEELED_WRAPPERS.get(base);
      if (wrapper) {
        // `sudo -u root X=1 cmd`, `env X=1 cmd`, `timeout -s KILL 5 cmd`: options (and their values) go, assignments join the command's environment.
        argv.shift();
        const options = wrapper.optionsWithValue;
        while (options && argv.length && (argv[0].startsWith('-') || (wrapper.assignments && /^[A-Za-z_]\w*=/.test(argv[0])))) {
          const opt = argv.shift()!;
          const eq = opt.indexOf('=');
          if (!opt.startsWith('-') && eq > 0) temp.set(opt.slice(0, eq), opt.slice(eq + 1));
          else if (options.includes(opt)) argv.shift();
        }
        argv.splice(0, wrapper.operands ?? 0);
        continue;
      }
      if (SHELLS.has(base)) {
        argv.shift();
        while (argv.length && /^[-+]/.test(argv[0])) {
          const opt = argv.shift()!;
          if (opt === '-o' || opt === '+o') { argv.shift(); continue; }
          if (/^-[a-z]*c[a-z]*$/.test(opt)) {
            this.nested(argv[0] ?? '', command.line);
            return UNKNOWN;
          }
        }
        if (argv.length === 0) {
          if (stdin?.data.kind === 'text') this.nested(stdin.data.text, command.line);
          return UNKNOWN;
        }
        break;
      }
      if (base === 'source' || word === '.') { argv.shift(); break; }
      if (base === 'eval') {
        this.nested(argv.slice(1).join(' '), command.line);
        return UNKNOWN;
      }
      break;
    }
    if (argv.length === 0) return NOTHING;
    return this.run_(argv, temp, stdin, command, at);
  }

  private nested(script: string, line: number): void {
    if (this.depth >= MAX_NESTED_SCRIPTS) {
      this.ctx.problem('unparsed-shell', 'nested scripts go deeper than the analysis follows', /resolv|kubelet|bootstrap/i.test(script), this.loc(line));
      return;
    }
    analyseShell(this.ctx, script, { ...this.place, firstLine: this.place.firstLine + line - 1 }, this.env, this.depth + 1);
  }

  private run_(argv: string[], temp: Map<string, string>, stdin: Output | undefined, command: SimpleCommand, at: () => UserDataLocation): Output {
    const [name, ...args] = argv;
    const base = basename(name);
    if (hasHole(name.charAt(0))) {
      this.ctx.problem('token-hole', `an unresolved value (${this.ctx.holes.holesIn(name).join(', ')}) is run as a command; it could call bootstrap.sh or configure the kubelet`, true, at());
      return UNKNOWN;
    }
    if (base.endsWith('bootstrap.sh')) {
      this.bootstrap(name, args, temp, at());
      return UNKNOWN;
    }
    switch (base) {
      case 'export': case 'declare': case 'typeset': case 'readonly': {
        const exports = (base === 'export' && !args.includes('-n')) || args.includes('-x');
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0 && /^[A-Za-z_]\w*$/.test(arg.slice(0, eq))) this.setVariable(arg.slice(0, eq), arg.slice(eq + 1), exports);
          else if (/^[A-Za-z_]\w*$/.test(arg) && exports) this.env.exported.add(arg);
          else if (/^[A-Za-z_]\w*$/.test(arg) && base === 'export') this.env.exported.delete(arg);
        }
        return NOTHING;
      }
      case 'unset':
        for (const arg of args) {
          this.env.vars.delete(arg);
          this.env.exported.delete(arg);
        }
        return NOTHING;
      case 'set':
        this.setOptions(args);
        return NOTHING;
      case 'cd': case 'mkdir': case 'chmod': case 'chown': case 'chattr': case 'sleep':
        return NOTHING;
      case ':': case 'true':
        return NOTHING;
      case 'echo':
        return { data: { kind: 'text', text: echoText(args) } };
      case 'printf':
        return { data: { kind: 'text', text: printfText(args) } };
      case 'cat':
        return this.cat(args, stdin);
      case 'tee':
        return this.tee(args, stdin, this.how(command.line), at(), command);
      case 'touch':
        for (const path of operands(args, ['-d', '-t', '-r'])) if (!hasHole(path)) this.ctx.files.touch(path, this.how(command.line), at());
        return NOTHING;
      case 'truncate':
        this.truncate(args, this.how(command.line), at(), command);
        return NOTHING;
      case 'cp': case 'install': case 'ln':
        this.copy(base, args, this.how(command.line), at(), command);
        return NOTHING;
      case 'mv': {
        const ops = operands(args, ['-t', '-S']);
        if (ops.length === 2) this.ctx.files.move(ops[0], ops[1], this.how(command.line), at());
        return NOTHING;
      }
      case 'rm':
        for (const path of operands(args, [])) this.ctx.files.unknown(path, `removed by "${this.how(command.line)}"`);
        return NOTHING;
      case 'jq':
        // jq reading the kubelet config prints that config, its resolvConf edit already recorded.
        return this.jq(args, at(), stdin, stdoutTargets(command.redirects).map((w) => this.expandString(w)))
          ? { data: { kind: 'text', text: this.ctx.holes.hole('jq edit of the kubelet config', true) } }
          : UNKNOWN;
      case 'sed':
        this.sed(args, this.how(command.line), at());
        return UNKNOWN;
      default:
        break;
    }
    // Only a name that can be a script the user data wrote is looked up (relevance gating counts lookups).
    const mayBeWrittenScript = WRITTEN_SCRIPT_NAME.test(name) && name !== '/dev/null';
    const written = mayBeWrittenScript ? this.ctx.files.stateOf(name) : undefined;
    if (written?.text !== undefined) {
      this.nested(written.text, command.line);
      return UNKNOWN;
    }
    if (!HARMLESS_MENTIONS.has(base) && args.some(mentionsResolvConf)) {
      this.ctx.problem('unmodelled-command', `"${base}" mentions resolv-conf in a way the analysis does not model; it could change the kubelet's resolv-conf`, true, at());
    }
    return UNKNOWN;
  }

  /** The command as written (its source line), for evidence sentences. */
  private how(line: number): string {
    return this.ctx.displayLine(this.lines[line - 1] ?? '');
  }

  private bootstrap(script: string, args: string[], temp: Map<string, string>, location: UserDataLocation): void {
    this.ctx.sawLinux = true;
    const parsed = parseBootstrapArgs(args);
    for (const role of parsed.roles) {
      const word = args[role.index];
      if (!hasHole(word)) continue;
      if (role.role === 'option' || role.role === 'positional') {
        this.ctx.problem('token-hole', `bootstrap.sh argument ${role.index + 1} is an unresolved value (${this.ctx.holes.holesIn(word).join(', ')}) where an option such as --kubelet-extra-args could be`, true, location);
      }
    }
    for (const ignored of parsed.ignoredKubeletExtraArgs) {
      const value = this.ctx.holes.display(ignored.value);
      this.ctx.problem('ignored-bootstrap-option', `bootstrap.sh matches only the separate word --kubelet-extra-args, so it takes "--kubelet-extra-args=${value}" as a positional argument and the kubelet does not get these flags; write --kubelet-extra-args '${value}'`, mentionsResolvConf(value), location);
    }
    if (parsed.kubeletExtraArgsMissingValue) {
      this.ctx.problem('flag-missing-value', '--kubelet-extra-args is the last argument of bootstrap.sh and has no value', false, location);
    }
    let extra: string | undefined;
    if (parsed.kubeletExtraArgsIndex !== undefined) extra = args[parsed.kubeletExtraArgsIndex];
    else if (temp.has('KUBELET_EXTRA_ARGS')) extra = temp.get('KUBELET_EXTRA_ARGS');
    else if (this.env.exported.has('KUBELET_EXTRA_ARGS')) extra = this.variable('KUBELET_EXTRA_ARGS');
    const words = extra === undefined ? undefined : recordKubeletArgs(this.ctx, extra, 'bootstrap-kubelet-extra-args', location, BOOTSTRAP_DROP_IN);
    const display = (s: string): string => this.ctx.holes.display(s);
    this.ctx.bootstrapCalls.push(words === undefined
      ? { script: display(script), args: args.map(display), location }
      : { script: display(script), args: args.map(display), kubeletExtraArgs: words, location });
  }

  private cat(args: string[], stdin: Output | undefined): Output {
    const files = operands(args, []);
    if (files.length === 0 || (files.length === 1 && files[0] === '-')) return stdin ?? UNKNOWN;
    if (files.length === 1) return { data: { kind: 'file', path: files[0] } };
    let text = '';
    for (const f of files) {
      const state = this.ctx.files.stateOf(f);
      if (state?.text === undefined) return UNKNOWN;
      text += state.text;
    }
    return { data: { kind: 'text', text } };
  }

  private tee(args: string[], stdin: Output | undefined, how: string, location: UserDataLocation, command: SimpleCommand): Output {
    const input = stdin ?? UNKNOWN;
    const append = args.some((a) => a === '-a' || a === '--append' || /^-[a-z]*a[a-z]*$/.test(a));
    for (const path of operands(args, [])) {
      applyFileWrite(this.ctx, path, this.resolveData(input.data), append, how, location, { place: this.place, localLine: input.firstLine ?? command.line });
    }
    return input;
  }

  private truncate(args: string[], how: string, location: UserDataLocation, command: SimpleCommand): void {
    let size: string | undefined;
    const paths: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '-s' || a === '--size') size = args[++i];
      else if (a.startsWith('--size=')) size = a.slice(7);
      else if (a.startsWith('-s')) size = a.slice(2);
      else if (!a.startsWith('-')) paths.push(a);
    }
    const data: FileData = size === '0' ? { kind: 'text', text: '' } : { kind: 'unknown' };
    for (const p of paths) applyFileWrite(this.ctx, p, data, false, how, location, { place: this.place, localLine: command.line });
  }

  private copy(base: string, args: string[], how: string, location: UserDataLocation, command: SimpleCommand): void {
    if (base === 'install' && args.includes('-d')) return;
    const ops = operands(args, base === 'install' ? ['-m', '-o', '-g', '-t', '-S', '--mode', '--owner', '--group'] : ['-t', '-S']);
    if (ops.length !== 2) return;
    applyFileWrite(this.ctx, ops[1], this.resolveData({ kind: 'file', path: ops[0] }), false, how, location, { place: this.place, localLine: command.line });
  }

  /**
   * `jq` filters that set `.resolvConf` (assignment or object merge), with `--arg` values, when
   * jq reads or writes the kubelet config file (a filter on any other JSON file is not a kubelet
   * setting). `outputs` are the files its standard output is redirected to.
   * @returns true when jq reads the kubelet config, so its output is that config as edited here.
   */
  private jq(args: string[], location: UserDataLocation, stdin: Output | undefined, outputs: readonly string[]): boolean {
    const named = new Map<string, string>();
    let filter: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i];
      if (a === '--args' || a === '--jsonargs') break;
      if (a === '--arg' || a === '--argjson') { named.set(args[i + 1] ?? '', args[i + 2] ?? ''); i += 2; continue; }
      if (a === '--slurpfile' || a === '--rawfile') { i += 2; continue; }
      if (a === '--indent' || a === '-L') { i++; continue; }
      if (a.startsWith('-') && a.length > 1) continue;
      if (filter === undefined) filter = a;
      else files.push(a);
    }
    const inputs = files.length > 0 ? files : stdin?.data.kind === 'file' ? [stdin.data.path] : [];
    const readsConfig = inputs.some(isKubeletConfigPath);
    if (filter === undefined || !filter.includes('resolvConf')) return readsConfig;
    if (!readsConfig && !outputs.some(isKubeletConfigPath)) {
      const unresolved = [...inputs, ...outputs].filter(hasHole);
      if (unresolved.length > 0) {
        this.ctx.problem('unparsed-kubelet-config', `a jq filter sets resolvConf in a file whose path is an unresolved value (${this.ctx.holes.holesIn(unresolved.join(' ')).join(', ')}); it could be the kubelet config`, true, location);
      }
      return false;
    }
    this.ctx.sawLinux = true;
    const value = jqResolvConfValue(filter, named);
    if (value === undefined || hasHole(value)) {
      this.ctx.problem('unparsed-kubelet-config', 'a jq filter changes resolvConf in a way the analysis could not read', true, location);
    } else {
      this.ctx.settings.push({ value, mechanism: 'kubelet-config-file', location });
    }
    return readsConfig;
  }

  private sed(args: string[], how: string, location: UserDataLocation): void {
    const inPlace = args.some((a) => a === '-i' || a.startsWith('-i') || a.startsWith('--in-place'));
    if (args.some((a) => mentionsResolvConf(a) || (a.includes('KUBELET_EXTRA_ARGS') && !keepsExtraArgs(a)))) {
      this.ctx.problem('unmodelled-command', 'sed edits kubelet settings (resolv-conf or KUBELET_EXTRA_ARGS) in a way the analysis does not model', true, location);
    }
    if (!inPlace) return;
    const ops = operands(args, ['-e', '-f']);
    const hasScriptOption = args.includes('-e') || args.includes('-f');
    for (const path of hasScriptOption ? ops : ops.slice(1)) this.ctx.files.unknown(path, `edited by "${how}"`);
  }
}

/**
 * True when `script` is a sed substitution whose replacement keeps the value it edits (`$2`,
 * `$KUBELET_EXTRA_ARGS`, `&`): it only adds flags, as eksctl's edit of bootstrap.sh does
 * (`s/KUBELET_EXTRA_ARGS=$2/KUBELET_EXTRA_ARGS="$2 --max-pods=110"/`).
 */
function keepsExtraArgs(script: string): boolean {
  const delimiter = /^s(.)/.exec(script)?.[1];
  if (!delimiter || /[\\\n]/.test(delimiter)) return false;
  const [, , replacement, flags] = script.split(new RegExp(`(?<!\\\\)\\${delimiter}`));
  return flags !== undefined && /\$\{?(?:2|KUBELET_EXTRA_ARGS)\b|&/.test(replacement);
}

/** Targets of the redirections that send standard output to a file (`>`, `>>`, `&>`, `1>`). */
function stdoutTargets(redirects: readonly Redirect[]): Word[] {
  return redirects.filter((r) => r.target && r.fd === 1 && (r.op === '>' || r.op === '>>' || r.op === '&>')).map((r) => r.target!);
}

/** Non-option arguments; `withValue` options consume the next word. */
function operands(args: readonly string[], withValue: readonly string[]): string[] {
  const out: string[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (optionsEnded || !a.startsWith('-') || a === '-') out.push(a);
    else if (a === '--') optionsEnded = true;
    else if (withValue.includes(a)) i++;
  }
  return out;
}

/** The word when it is written as a bare word (a quoted `"if"` is no keyword). */
function keywordOf(word: Word): string | undefined {
  return word.length === 1 && word[0].t === 'lit' && !word[0].quoted ? word[0].v : undefined;
}

function basename(path: string): string {
  const i = path.lastIndexOf('/');
  return i >= 0 ? path.slice(i + 1) : path;
}

/** What `echo` prints: `-n` drops the newline, `-e` interprets escapes. */
function echoText(args: readonly string[]): string {
  let newline = true;
  let escapes = false;
  let i = 0;
  for (; i < args.length && /^-[neE]+$/.test(args[i]); i++) {
    if (args[i].includes('n')) newline = false;
    if (args[i].includes('e')) escapes = true;
    if (args[i].includes('E')) escapes = false;
  }
  const body = args.slice(i).join(' ');
  return (escapes ? backslashEscapes(body) : body) + (newline ? '\n' : '');
}

function backslashEscapes(text: string): string {
  return text.replace(/\\([nt\\r])/g, (_m, c: string) => ({ n: '\n', t: '\t', r: '\r', '\\': '\\' })[c] ?? c);
}

/** What `printf FORMAT ARGS...` prints, for `%s`/`%b`/`%d` and the common escapes. */
function printfText(args: readonly string[]): string {
  if (args.length === 0) return '';
  const format = backslashEscapes(args[0]);
  const rest = args.slice(1);
  let out = '';
  let next = 0;
  for (let round = 0; round < 64; round++) {
    let consumed = false;
    out += format.replace(/%([%sbdqc])/g, (_m, c: string) => {
      if (c === '%') return '%';
      consumed = true;
      const value = rest[next++] ?? '';
      return c === 'b' ? backslashEscapes(value) : value;
    });
    if (!consumed || next >= rest.length) break;
  }
  return out;
}

/** The value a jq filter assigns to `.resolvConf`, using `--arg` values; undefined when unreadable. */
function jqResolvConfValue(filter: string, named: ReadonlyMap<string, string>): string | undefined {
  const patterns = [
    /\.resolvConf\s*\|?=\s*"((?:[^"\\]|\\.)*)"/g,
    /\.resolvConf\s*\|?=\s*\$([A-Za-z_]\w*)/g,
    /"?resolvConf"?\s*:\s*"((?:[^"\\]|\\.)*)"/g,
    /"?resolvConf"?\s*:\s*\$([A-Za-z_]\w*)/g,
  ];
  let best: { at: number; value: string | undefined } | undefined;
  patterns.forEach((re, i) => {
    for (const m of filter.matchAll(re)) {
      const value = i % 2 === 0 ? m[1].replace(/\\(.)/g, '$1') : named.get(m[1]);
      if (!best || m.index! >= best.at) best = { at: m.index!, value };
    }
  });
  return best?.value;
}
