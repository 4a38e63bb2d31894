/** What a synth child measures, and the statistics over repetitions. */

/** The ways the synthetic app is synthesized. */
export const VARIANTS = ['baseline', 'read-floor', 'guard', 'guard-plugin', 'cdk-nag', 'guard-per-stack'] as const;
export type Variant = (typeof VARIANTS)[number];

/** What a run measures unless `--variants` says otherwise (`guard-per-stack` is asked for by name). */
export const DEFAULT_VARIANTS: readonly Variant[] = VARIANTS.filter((variant) => variant !== 'guard-per-stack');

/** Variants that add `EksNodeGuard` as an Aspect: the time inside it and its error annotations are measured. */
export function runsGuardAspect(variant: Variant): boolean {
  return variant === 'guard' || variant === 'guard-per-stack';
}

/** Variants whose Aspect is timed from inside (the guard's, or the read floor's). */
export function timesAspect(variant: Variant): boolean {
  return runsGuardAspect(variant) || variant === 'read-floor';
}

export function isVariant(value: string | undefined): value is Variant {
  return (VARIANTS as readonly string[]).includes(value ?? '');
}

/** One child's JSON line. */
export interface SynthMeasurement {
  readonly variant: Variant;
  readonly nodeGroups: number;
  readonly stacks: number;
  readonly legacyNodeGroups: number;
  /** Wall time of `app.synth()` (aspects and validation plugins run inside it). */
  readonly synthMs: number;
  /** CPU time (user + system, all threads: GC and JIT threads included) of the process during `app.synth()`. */
  readonly synthCpuMs: number;
  /** Wall time inside the Aspect: its `visit` calls and, for the guard, the validation it checks in (0 unless {@link timesAspect}). */
  readonly guardOwnMs: number;
  /** `process.resourceUsage().maxRSS` at the end of the child, in MiB. */
  readonly peakRssMb: number;
  /** RSS after building the construct tree, before synth, in MiB. */
  readonly rssBeforeSynthMb: number;
  /** V8 heap in use right after `app.synth()`, in MiB (live objects and garbage not yet collected). */
  readonly heapAfterSynthMb: number;
  /** V8 heap in use after a full GC following synth, in MiB (what stays alive); absent without --expose-gc. */
  readonly heapRetainedMb?: number;
  /** Error annotations of the guard (0 unless the variant is `guard`). */
  readonly guardErrors: number;
  /** The first line of the error `app.synth()` threw, when it threw (cdk-nag's ValidationFailed). */
  readonly synthThrew?: string;
}

/** Median of a non-empty list (mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
