/**
 * The benchmark of issue 8: the guard's cost at synth against no checks and against cdk-nag, the
 * user-data analysis per 16 KB, and the AWS calls of `lookup`; then a verdict per target.
 *
 *   npx tsx bench/run.ts                         sizes 100,500,1000, 3 repetitions
 *   npx tsx bench/run.ts --sizes 100,500 --reps 5
 *   npx tsx bench/run.ts --quick                 smoke run (sizes 20,50, 1 repetition)
 *   npx tsx bench/run.ts --profile               also profile the guard at the largest size
 *   npx tsx bench/run.ts --markdown              tables as Markdown (for docs/performance.md)
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { cpus, tmpdir, totalmem } from 'os';
import { join, relative, resolve } from 'path';
import { parseArgs } from 'util';
import { BUILD_DIR, buildForBench } from './build';
import { functionCosts } from './cpuprofile';
import { countLookupCalls, LookupCallCount } from './lookup-bench';
import { DEFAULT_VARIANTS, isVariant, median, runsGuardAspect, SynthMeasurement, timesAspect, Variant, VARIANTS } from './measurement';
import type { UserDataTiming, UserDataTimings } from './userdata-bench';

const ROOT = resolve(__dirname, '..');

/** The targets of issue 8. */
const TARGETS = {
  guardOverBaseline: 0.1,
  guardShareOfNag: 0.2,
  userDataMsPer16Kb: 1,
  memoryOverheadMb: 20,
  /** Added cost per node group may grow at most this much from the smallest to the largest size. */
  linearityTolerance: 1.5,
  /** The size the time and memory targets are stated for. */
  targetSize: 1000,
} as const;

interface Options {
  readonly sizes: number[];
  readonly reps: number;
  readonly variants: Variant[];
  readonly runtime: 'compiled' | 'tsx';
  readonly userDataCalls: number;
  readonly lookupSizes: number[];
  readonly profile: boolean;
  readonly markdown: boolean;
  readonly json?: string;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string' },
      reps: { type: 'string' },
      variants: { type: 'string' },
      runtime: { type: 'string' },
      quick: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      markdown: { type: 'boolean', default: false },
      json: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      [
        `usage: tsx bench/run.ts [--sizes 100,500,1000] [--reps 3] [--variants ${VARIANTS.join(',')}]`,
        '                        [--runtime compiled|tsx] [--quick] [--profile] [--markdown] [--json out.json]',
        '',
      ].join('\n'),
    );
    process.exit(0);
  }
  const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);
  const sizes = values.sizes ? list(values.sizes).map(Number) : values.quick ? [20, 50] : [100, 500, 1000];
  const reps = values.reps ? Number(values.reps) : values.quick ? 1 : 3;
  const variants = values.variants ? list(values.variants) : [...DEFAULT_VARIANTS];
  const runtime = values.runtime ?? 'compiled';
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) fail(`--sizes must be positive integers: ${values.sizes}`);
  if (!Number.isInteger(reps) || reps < 1) fail(`--reps must be a positive integer: ${values.reps}`);
  if (!variants.every(isVariant)) fail(`--variants must be among ${VARIANTS.join(', ')}: ${values.variants}`);
  if (runtime !== 'compiled' && runtime !== 'tsx') fail(`--runtime must be compiled or tsx: ${runtime}`);
  return {
    sizes,
    reps,
    variants: variants as Variant[],
    runtime,
    userDataCalls: values.quick ? 200 : 2000,
    lookupSizes: [1, 50, 500],
    profile: values.profile ?? false,
    markdown: values.markdown ?? false,
    json: values.json,
  };
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

/** How a child script is started: compiled JavaScript (default) or the TypeScript source through tsx. */
function childCommand(options: Options, script: string, nodeFlags: string[] = []): { command: string; args: string[] } {
  if (options.runtime === 'compiled') return { command: process.execPath, args: [...nodeFlags, join(BUILD_DIR, 'bench', `${script}.js`)] };
  return { command: process.execPath, args: [...nodeFlags, '--import', 'tsx', join(ROOT, 'bench', `${script}.ts`)] };
}

/** Runs one child and parses its last stdout line as JSON; throws with its stderr when it fails. */
function runChild<T>(options: Options, script: string, args: string[], nodeFlags: string[] = []): T {
  const { command, args: base } = childCommand(options, script, nodeFlags);
  const child = spawnSync(command, [...base, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // Belt and braces: the children also pass builtinCloudFormationValidation: false.
    env: { ...process.env, CDK_VALIDATION: 'false' },
  });
  const last = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !(last.startsWith('{') || last.startsWith('['))) {
    throw new Error(`${script} ${args.join(' ')} failed (exit ${child.status}):\n${child.stderr.slice(-4000)}`);
  }
  return JSON.parse(last) as T;
}

function measureSynth(options: Options, variant: Variant, size: number): SynthMeasurement {
  const outdir = mkdtempSync(join(tmpdir(), `eks-node-guard-bench-${variant}-`));
  try {
    // --expose-gc lets the child tell live memory from garbage after the measurement.
    return runChild<SynthMeasurement>(options, 'synth-child', [variant, String(size), outdir], ['--expose-gc']);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** The measured quantities whose medians a summary holds. */
type MedianField = 'synthMs' | 'synthCpuMs' | 'guardOwnMs' | 'peakRssMb' | 'rssBeforeSynthMb' | 'heapAfterSynthMb';

/** Medians of one size and variant. */
interface SynthSummary extends Pick<SynthMeasurement, 'variant' | MedianField> {
  readonly size: number;
  readonly heapRetainedMb: number;
  readonly runs: readonly SynthMeasurement[];
}

function summarize(size: number, variant: Variant, runs: readonly SynthMeasurement[]): SynthSummary {
  return {
    size,
    variant,
    synthMs: median(runs.map((r) => r.synthMs)),
    synthCpuMs: median(runs.map((r) => r.synthCpuMs)),
    guardOwnMs: median(runs.map((r) => r.guardOwnMs)),
    peakRssMb: median(runs.map((r) => r.peakRssMb)),
    rssBeforeSynthMb: median(runs.map((r) => r.rssBeforeSynthMb)),
    heapAfterSynthMb: median(runs.map((r) => r.heapAfterSynthMb)),
    heapRetainedMb: median(runs.map((r) => r.heapRetainedMb ?? Number.NaN)),
    runs,
  };
}

// ---- output -------------------------------------------------------------------------------

/** A table as aligned text or as Markdown. */
function table(headers: string[], rows: string[][], markdown: boolean): string {
  if (markdown) {
    const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
    return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
  }
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const ms = (value: number) => value.toFixed(0);
const mb = (value: number) => value.toFixed(1);
const pct = (value: number) => `${value >= 0 ? '+' : ''}${(value * 100).toFixed(1)}%`;
const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : 'n/a');

function synthTable(summaries: readonly SynthSummary[], markdown: boolean): string {
  const rows = summaries.map((s) => [
    String(s.size),
    s.variant,
    ms(s.synthMs),
    ms(s.synthCpuMs),
    timesAspect(s.variant) ? ms(s.guardOwnMs) : '',
    mb(s.rssBeforeSynthMb),
    mb(s.peakRssMb),
    mb(s.heapAfterSynthMb),
    mb(s.heapRetainedMb),
    `${s.runs.length}`,
    runsGuardAspect(s.variant) ? String(s.runs[0].guardErrors) : '',
  ]);
  return table(['N', 'variant', 'synth ms (median)', 'synth CPU ms', 'inside Aspect ms', 'RSS before synth MB', 'peak RSS MB', 'heap after synth MB', 'heap live after GC MB', 'runs', 'guard errors'], rows, markdown);
}

/** Comparisons per size: the guard against the baseline and against cdk-nag. */
interface Comparison {
  readonly size: number;
  readonly guardAddedMs: number;
  readonly guardRatio: number;
  readonly nagAddedMs?: number;
  readonly guardShareOfNag?: number;
  readonly baselineCpuMs: number;
  readonly guardAddedCpuMs: number;
  readonly nagAddedCpuMs?: number;
  readonly guardRssOverheadMb: number;
  /** Part of the overhead already there before synth: loading the guard's modules. */
  readonly guardRssBeforeSynthMb: number;
  readonly nagRssOverheadMb?: number;
  /** The guard's own time (inside its visit). */
  readonly guardOwnMs: number;
  /** Time inside the read floor's visit: what reading the user data alone costs. */
  readonly floorOwnMs?: number;
  readonly baselineMs: number;
}

function compare(summaries: readonly SynthSummary[], sizes: readonly number[]): Comparison[] {
  const find = (size: number, variant: Variant) => summaries.find((s) => s.size === size && s.variant === variant);
  const out: Comparison[] = [];
  for (const size of sizes) {
    const base = find(size, 'baseline');
    const guard = find(size, 'guard');
    const nag = find(size, 'cdk-nag');
    const floor = find(size, 'read-floor');
    if (!base || !guard) continue;
    const guardAddedMs = guard.synthMs - base.synthMs;
    out.push({
      size,
      guardAddedMs,
      guardRatio: guard.synthMs / base.synthMs,
      baselineCpuMs: base.synthCpuMs,
      guardAddedCpuMs: guard.synthCpuMs - base.synthCpuMs,
      guardRssOverheadMb: guard.peakRssMb - base.peakRssMb,
      guardRssBeforeSynthMb: guard.rssBeforeSynthMb - base.rssBeforeSynthMb,
      guardOwnMs: guard.guardOwnMs,
      baselineMs: base.synthMs,
      ...(floor ? { floorOwnMs: floor.guardOwnMs } : {}),
      ...(nag
        ? {
            nagAddedMs: nag.synthMs - base.synthMs,
            guardShareOfNag: guardAddedMs / (nag.synthMs - base.synthMs),
            nagAddedCpuMs: nag.synthCpuMs - base.synthCpuMs,
            nagRssOverheadMb: nag.peakRssMb - base.peakRssMb,
          }
        : {}),
    });
  }
  return out;
}

function comparisonTable(comparisons: readonly Comparison[], markdown: boolean): string {
  const rows = comparisons.map((c) => [
    String(c.size),
    ratio(c.guardRatio),
    pct(c.guardRatio - 1),
    ms(c.guardAddedMs),
    c.nagAddedMs === undefined ? 'n/a' : ms(c.nagAddedMs),
    c.guardShareOfNag === undefined ? 'n/a' : ratio(c.guardShareOfNag),
    c.nagAddedCpuMs === undefined ? 'n/a' : ratio(c.guardAddedCpuMs / c.nagAddedCpuMs),
    (c.guardOwnMs / c.size).toFixed(2),
    c.floorOwnMs === undefined ? 'n/a' : ms(c.floorOwnMs),
    mb(c.guardRssOverheadMb),
    mb(c.guardRssBeforeSynthMb),
    c.nagRssOverheadMb === undefined ? 'n/a' : mb(c.nagRssOverheadMb),
  ]);
  return table(
    ['N', 'guard/baseline', 'guard adds', 'guard +ms', 'cdk-nag +ms', '(guard-base)/(nag-base)', 'same, CPU time', 'inside guard ms/node group', 'inside read floor ms', 'guard +peak RSS MB', 'of which before synth', 'cdk-nag +peak RSS MB'],
    rows,
    markdown,
  );
}

function userDataTable(timings: readonly UserDataTiming[], markdown: boolean): string {
  const rows = timings.map((t) => [t.form, String(t.documentBytes), t.medianMs.toFixed(3), t.p95Ms.toFixed(3), String(t.calls), String(t.settings)]);
  return table(['input form', 'document bytes', 'median ms/call', 'p95 ms', 'calls', 'resolv-conf settings found'], rows, markdown);
}

function lookupTable(counts: readonly LookupCallCount[], markdown: boolean): string {
  const rows = counts.map((c) => [
    String(c.amiIds),
    String(c.parameterNames),
    String(c.regions),
    `${c.describeImages} (max ${c.describeImagesAllowed})`,
    `${c.getParameters} (max ${c.getParametersAllowed})`,
    c.outcome,
  ]);
  return table(['AMI ids', 'SSM names', 'regions', 'DescribeImages calls', 'GetParameters calls', 'outcome'], rows, markdown);
}

interface Verdict {
  readonly target: string;
  readonly met: boolean | undefined;
  readonly measured: string;
}

function verdicts(comparisons: readonly Comparison[], timings: UserDataTimings, lookups: readonly LookupCallCount[]): Verdict[] {
  const out: Verdict[] = [];
  const at = comparisons.find((c) => c.size === TARGETS.targetSize) ?? comparisons[comparisons.length - 1];
  const sizeNote = at && at.size !== TARGETS.targetSize ? ` (at N = ${at.size}, not ${TARGETS.targetSize})` : '';
  if (at) {
    const cpuOver = at.guardAddedCpuMs / at.baselineCpuMs;
    out.push({
      target: `guard adds <= ${TARGETS.guardOverBaseline * 100}% to baseline synth at N = ${TARGETS.targetSize}`,
      met: agreed(at.guardRatio - 1 <= TARGETS.guardOverBaseline, cpuOver <= TARGETS.guardOverBaseline),
      measured: `wall ${pct(at.guardRatio - 1)}, CPU ${pct(cpuOver)}${sizeNote}${floorNote(at)}`,
    });
    const cpuShare = at.nagAddedCpuMs === undefined ? undefined : at.guardAddedCpuMs / at.nagAddedCpuMs;
    out.push({
      target: `guard adds < ${TARGETS.guardShareOfNag} of what cdk-nag adds`,
      met: at.guardShareOfNag === undefined || cpuShare === undefined || at.nagAddedMs! <= 0 ? undefined : agreed(at.guardShareOfNag < TARGETS.guardShareOfNag, cpuShare < TARGETS.guardShareOfNag),
      measured: at.guardShareOfNag === undefined ? 'cdk-nag not measured' : `wall ${ratio(at.guardShareOfNag)}, CPU ${ratio(cpuShare!)}${sizeNote}${at.floorOwnMs === undefined ? '' : `; reading alone (read floor) ${ratio(at.floorOwnMs / at.nagAddedMs!)}`}`,
    });
    out.push({ target: `memory overhead <= ${TARGETS.memoryOverheadMb} MB at N = ${TARGETS.targetSize}`, met: at.guardRssOverheadMb <= TARGETS.memoryOverheadMb, measured: `${mb(at.guardRssOverheadMb)} MB peak RSS${sizeNote}` });
  }
  const linearity = linearityOf(comparisons);
  if (linearity) out.push(linearity);
  if (timings.forms.length > 0) {
    const worst = timings.forms.reduce((a, b) => (b.medianMs > a.medianMs ? b : a));
    out.push({ target: `analyzeUserData <= ${TARGETS.userDataMsPer16Kb} ms per 16 KB`, met: worst.medianMs <= TARGETS.userDataMsPer16Kb, measured: `${worst.medianMs.toFixed(3)} ms (slowest form: ${worst.form})` });
  }
  const [small, large] = timings.scaling;
  if (small && large) {
    const perKb = (t: UserDataTiming) => t.medianMs / (t.documentBytes / 1024);
    out.push({
      target: `analyzeUserData linear in size (ms per KB grows <= ${TARGETS.linearityTolerance}x from ${kb(small)} to ${kb(large)})`,
      met: perKb(large) <= perKb(small) * TARGETS.linearityTolerance,
      measured: `${perKb(small).toFixed(4)} then ${perKb(large).toFixed(4)} ms per KB`,
    });
  }
  if (lookups.length > 0) {
    out.push({ target: 'lookup: <= 1 DescribeImages per 100 AMI ids per region', met: lookups.every((l) => l.describeImages <= l.describeImagesAllowed), measured: lookups.map((l) => `${l.describeImages}/${l.describeImagesAllowed}`).join(', ') });
    out.push({ target: 'lookup: <= 1 GetParameters per 10 names', met: lookups.every((l) => l.getParameters <= l.getParametersAllowed), measured: lookups.map((l) => `${l.getParameters}/${l.getParametersAllowed}`).join(', ') });
  }
  return out;
}

/** How much of the target's budget reading the user data alone takes (the read floor's own time). */
function floorNote(at: Comparison): string {
  if (at.floorOwnMs === undefined) return '';
  const budget = TARGETS.guardOverBaseline * at.baselineMs;
  return `; reading alone (read floor) ${ms(at.floorOwnMs)} ms of the ${ms(budget)} ms budget`;
}

function kb(timing: UserDataTiming): string {
  return `${Math.round(timing.documentBytes / 1024)} KB`;
}

/** Wall time is the target's measure, but on a busy machine it is noisy: a verdict needs CPU time to agree. */
function agreed(byWall: boolean, byCpu: boolean): boolean | undefined {
  return byWall === byCpu ? byWall : undefined;
}

/**
 * Linear means a constant cost per node group once fixed costs are paid: the guard's own time
 * (inside its visit) per extra node group between consecutive sizes must not grow by more than
 * the tolerance. Its own time, because differences of whole-synth times between sizes drown in
 * other load.
 */
function linearityOf(comparisons: readonly Comparison[]): Verdict | undefined {
  if (comparisons.length < 2) return undefined;
  const steps: { from: number; to: number; msPerNodeGroup: number }[] = [];
  for (let i = 1; i < comparisons.length; i++) {
    const [a, b] = [comparisons[i - 1], comparisons[i]];
    steps.push({ from: a.size, to: b.size, msPerNodeGroup: (b.guardOwnMs - a.guardOwnMs) / (b.size - a.size) });
  }
  // With two sizes there is one step: compare it with the average cost per node group at the smaller size.
  const first = steps.length > 1 ? steps[0].msPerNodeGroup : comparisons[0].guardOwnMs / comparisons[0].size;
  const last = steps[steps.length - 1].msPerNodeGroup;
  return {
    target: `cost linear in N (guard's own ms per extra node group grows <= ${TARGETS.linearityTolerance}x)`,
    met: last <= first * TARGETS.linearityTolerance,
    measured: steps.map((s) => `N ${s.from}->${s.to}: ${s.msPerNodeGroup.toFixed(2)} ms`).join('; '),
  };
}

function verdictTable(items: readonly Verdict[], markdown: boolean): string {
  const word = (met: boolean | undefined) => (met === undefined ? 'unclear (wall and CPU time disagree, or not measured)' : met ? 'met' : 'NOT met');
  return table(['target', 'measured', 'verdict'], items.map((v) => [v.target, v.measured, word(v.met)]), markdown);
}

// ---- profile ----------------------------------------------------------------------------------

/** Profiles one guard synth at `size` and prints the heaviest functions below the guard's entry point. */
function profileGuard(options: Options, size: number, markdown: boolean): string {
  const profileDir = join(BUILD_DIR, '..', 'profile');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  const outdir = mkdtempSync(join(tmpdir(), 'eks-node-guard-bench-profile-'));
  try {
    runChild<SynthMeasurement>(options, 'synth-child', ['guard', String(size), outdir], ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) return 'no profile written';
  return profileTable(join(profileDir, file), 'runGuard', markdown);
}

/** Profiles the 16 KB user-data timing and prints the heaviest functions below `analyzeUserData`. */
function profileUserData(options: Options, markdown: boolean): string {
  const profileDir = join(BUILD_DIR, '..', 'profile-userdata');
  rmSync(profileDir, { recursive: true, force: true });
  mkdirSync(profileDir, { recursive: true });
  runChild<UserDataTimings>(options, 'userdata-child', ['500', '50'], ['--cpu-prof', `--cpu-prof-dir=${profileDir}`]);
  const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
  return file ? profileTable(join(profileDir, file), 'analyzeUserData', markdown) : 'no profile written';
}

function profileTable(path: string, entryPoint: string, markdown: boolean): string {
  const costs = functionCosts(path, { within: (label) => label.startsWith(`${entryPoint} `) });
  const compiledTree = `${relative(ROOT, BUILD_DIR)}/`;
  const rows = costs.slice(0, 40).map((c) => [c.label.replace(compiledTree, ''), ms(c.totalMs), ms(c.selfMs)]);
  return `${table([`function (inside ${entryPoint}; file:line of the compiled JS)`, 'total ms', 'self ms'], rows, markdown)}\n\nProfile: ${path} (open in Chrome DevTools)`;
}

// ---- main -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const say = (text: string) => process.stdout.write(text + '\n');
  const progress = (text: string) => process.stderr.write(text + '\n');
  const started = Date.now();

  if (options.runtime === 'compiled') {
    progress(`compiling lib/ and bench/ into ${BUILD_DIR} ...`);
    progress(`  ${buildForBench(ROOT)} files`);
  }

  say(`# eks-node-guard benchmark`);
  say(`node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, runtime: ${options.runtime}, CDK validation off`);
  say(`sizes ${options.sizes.join(', ')}; ${options.reps} repetitions of ${options.variants.join(', ')}, interleaved; one child process per synth\n`);

  const runs = new Map<string, SynthMeasurement[]>();
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const size of options.sizes) {
      for (const variant of options.variants) {
        const m = measureSynth(options, variant, size);
        const key = `${size}|${variant}`;
        runs.set(key, [...(runs.get(key) ?? []), m]);
        if (runsGuardAspect(variant) && m.guardErrors !== m.legacyNodeGroups) {
          progress(`  warning: the guard reported ${m.guardErrors} errors for ${m.legacyNodeGroups} legacy node groups: it is not doing the work measured here`);
        }
        const own = timesAspect(variant) ? `  inside ${ms(m.guardOwnMs).padStart(6)} ms` : '';
        progress(`  rep ${rep}/${options.reps}  N=${String(size).padEnd(5)} ${variant.padEnd(12)} synth ${ms(m.synthMs).padStart(6)} ms  cpu ${ms(m.synthCpuMs).padStart(6)} ms${own}  peak RSS ${mb(m.peakRssMb)} MB`);
      }
    }
  }
  const summaries: SynthSummary[] = [];
  for (const size of options.sizes) for (const variant of options.variants) summaries.push(summarize(size, variant, runs.get(`${size}|${variant}`)!));
  const comparisons = compare(summaries, options.sizes);
  const shape = summaries[summaries.length - 1]?.runs[0];

  say(`## Synth (medians)`);
  if (shape) say(`Largest app: ${shape.nodeGroups} node groups in ${shape.stacks} stacks, ${shape.legacyNodeGroups} of them legacy (empty --resolv-conf).\n`);
  say(synthTable(summaries, options.markdown) + '\n');
  if (comparisons.length > 0) say(comparisonTable(comparisons, options.markdown) + '\n');

  progress('timing analyzeUserData ...');
  const timings = runChild<UserDataTimings>(options, 'userdata-child', [String(options.userDataCalls), String(Math.ceil(options.userDataCalls / 10))]);
  say(`## analyzeUserData on a 16 KB MIME user data (median per call after warm-up)`);
  say(userDataTable(timings.forms, options.markdown) + '\n');
  say(`## analyzeUserData by size (MIME text)`);
  say(userDataTable(timings.scaling, options.markdown) + '\n');

  progress('counting lookup API calls ...');
  const lookups = await countLookupCalls(options.lookupSizes);
  say(`## lookup: AWS API calls (aws-sdk-client-mock)`);
  say(lookupTable(lookups, options.markdown) + '\n');

  say(`## Targets`);
  say(verdictTable(verdicts(comparisons, timings, lookups), options.markdown) + '\n');

  if (options.profile && options.variants.includes('guard')) {
    const size = Math.max(...options.sizes);
    progress(`profiling the guard at N=${size} ...`);
    say(`## Profile of the guard at N = ${size} (one run, --cpu-prof; profiling slows it down)`);
    say(profileGuard(options, size, options.markdown) + '\n');
  }
  if (options.profile) {
    progress('profiling analyzeUserData ...');
    say(`## Profile of analyzeUserData (500 calls per input form, --cpu-prof)`);
    say(profileUserData(options, options.markdown) + '\n');
  }

  if (options.json) writeFileSync(options.json, JSON.stringify({ options, summaries, comparisons, timings, lookups }, null, 2) + '\n');
  say(`(total bench time ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
