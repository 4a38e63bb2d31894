/**
 * One measurement, in its own process so memory and JIT state do not leak between variants:
 * builds the synthetic app, applies the variant, times `app.synth()` and prints one JSON line.
 *
 *   node bench/.bench/build/bench/synth-child.js <variant> <nodeGroups> <outdir>   (compiled, see build.ts)
 *   node --import tsx bench/synth-child.ts <variant> <nodeGroups> <outdir>
 */
import { App, Aspects, IAspect, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { performance } from 'perf_hooks';
import { addSyntheticNodeGroups } from './app';
import { isVariant, SynthMeasurement, Variant, VARIANTS } from './measurement';

const MIB = 1024 * 1024;

/** Time spent inside the timed Aspect (the guard's or the read floor's), in ms. */
let guardOwnMs = 0;

/**
 * An Aspect with a stopwatch around each visit: its own time, apart from what its allocations
 * cost CDK's later synth phases (GC). The guard's visit only schedules its check (see
 * {@link timeValidations}).
 */
function timed(guard: IAspect): IAspect {
  return {
    visit(node: IConstruct) {
      const start = performance.now();
      try {
        guard.visit(node);
      } finally {
        guardOwnMs += performance.now() - start;
      }
    },
  };
}

/**
 * A stopwatch around the validations added to `app`: the guard checks, then writes its reports,
 * in CDK's validation phase, from one validation on the Stage.
 */
function timeValidations(app: App): void {
  const add = app.node.addValidation.bind(app.node);
  app.node.addValidation = (validation) =>
    add({
      validate: () => {
        const start = performance.now();
        try {
          return validation.validate();
        } finally {
          guardOwnMs += performance.now() - start;
        }
      },
    });
}

/** Adds the checker of `variant` the way its documentation says. */
function applyVariant(app: App, variant: Variant): void {
  if (variant === 'read-floor') {
    // What any construct-level check has to read, and nothing more: a floor under the guard's time.
    const { ReadFloor } = require('./read-floor') as typeof import('./read-floor');
    Aspects.of(app).add(timed(new ReadFloor()));
  } else if (variant === 'guard') {
    // Loaded only here: the baseline pays neither the module load nor its memory.
    const { EksNodeGuard } = require('../lib') as typeof import('../lib');
    Aspects.of(app).add(timed(new EksNodeGuard()));
    timeValidations(app);
  } else if (variant === 'guard-per-stack') {
    // The same rules with a guard added to each stack, as apps that configure stacks one by one do.
    const { EksNodeGuard } = require('../lib') as typeof import('../lib');
    for (const stack of app.node.children) if (Stack.isStack(stack)) Aspects.of(stack).add(timed(new EksNodeGuard()));
    timeValidations(app);
  } else if (variant === 'guard-plugin') {
    // The same rules as a CDK validation plugin: it reads the templates CDK has just written
    // instead of resolving constructs a second time.
    const { EksNodeGuardValidationPlugin } = require('../lib') as typeof import('../lib');
    Validations.of(app).addPlugins(new EksNodeGuardValidationPlugin());
  } else if (variant === 'cdk-nag') {
    // cdk-nag 3 is a validation plugin (README: `Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`).
    const { AwsSolutionsChecks } = require('cdk-nag') as typeof import('cdk-nag');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  }
}

function main(): void {
  const [variant, size, outdir] = process.argv.slice(2);
  if (!isVariant(variant) || !/^\d+$/.test(size ?? '') || !outdir) {
    process.stderr.write(`usage: synth-child.ts <${VARIANTS.join('|')}> <nodeGroups> <outdir>\n`);
    process.exit(2);
  }
  // The built-in CloudFormation validation costs seconds and would hide the checkers' own cost.
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const shape = addSyntheticNodeGroups(app, { nodeGroups: Number(size) });
  applyVariant(app, variant);
  const rssBeforeSynth = process.memoryUsage().rss;

  const cpuStart = process.cpuUsage();
  const start = performance.now();
  let synthThrew: string | undefined;
  try {
    app.synth();
  } catch (err) {
    // In-process synth throws "ValidationFailed" once a validation plugin (cdk-nag) reports
    // errors; the work is done by then, and findings must not fail the measurement.
    synthThrew = err instanceof Error ? err.name + ': ' + err.message.split('\n')[0] : String(err);
  }
  const synthMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const heapAfterSynth = process.memoryUsage().heapUsed;
  // With --expose-gc (the runner passes it): what stays alive, as opposed to garbage not yet collected.
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heapRetained = gc ? process.memoryUsage().heapUsed : undefined;

  const result: SynthMeasurement = {
    variant,
    nodeGroups: shape.nodeGroups,
    stacks: shape.stacks,
    legacyNodeGroups: shape.legacyNodeGroups,
    synthMs,
    synthCpuMs: (cpu.user + cpu.system) / 1000,
    guardOwnMs,
    // maxRSS is in kilobytes.
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeSynthMb: rssBeforeSynth / MIB,
    heapAfterSynthMb: heapAfterSynth / MIB,
    ...(heapRetained !== undefined ? { heapRetainedMb: heapRetained / MIB } : {}),
    guardErrors: countGuardErrors(app),
    ...(synthThrew ? { synthThrew } : {}),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
}

/** Error annotations written by the guard: proof that it did the work (and found the legacy nodes). */
function countGuardErrors(app: App): number {
  let count = 0;
  for (const construct of app.node.findAll()) {
    for (const entry of construct.node.metadata) {
      if (entry.type === 'aws:cdk:error' && String(entry.data).startsWith('[eks-node-guard:')) count += 1;
    }
  }
  return count;
}

main();
