/**
 * Times `analyzeUserData` on a 16 KB MIME multipart user data: median per call over many calls,
 * after warm-up, for each form the user data reaches a template in.
 */
import { performance } from 'perf_hooks';
import { gzipSync } from 'zlib';
import { analyzeUserData } from '../lib';
import type { UserDataInput } from '../lib';
import { median } from './measurement';
import { largeMimeUserData } from './userdata';

/** Timing of one input form. */
export interface UserDataTiming {
  readonly form: string;
  /** Size of the MIME document analysed (before encoding), in bytes. */
  readonly documentBytes: number;
  readonly medianMs: number;
  readonly p95Ms: number;
  readonly calls: number;
  /** The analysis outcome, to show the work was real: resolv-conf settings found and problems raised. */
  readonly settings: number;
  readonly problems: number;
}

/** What the user-data child process reports. */
export interface UserDataTimings {
  /** The 16 KB document in each input form. */
  readonly forms: readonly UserDataTiming[];
  /** The MIME text form at each of {@link SCALING_BYTES}. */
  readonly scaling: readonly UserDataTiming[];
}

/** Options of {@link timeUserDataAnalysis}. */
export interface UserDataBenchOptions {
  readonly bytes?: number;
  readonly warmup?: number;
  readonly calls?: number;
}

/** Times the analysis of the same document as plain text, base64, gzip+base64 and `Fn::Base64` of `Fn::Join` with a `Ref`. */
export function timeUserDataAnalysis(options: UserDataBenchOptions = {}): UserDataTiming[] {
  const document = largeMimeUserData(options.bytes ?? 16 * 1024);
  // The intrinsic form: the cluster name as a Ref hole, as CDK renders a token in a string.
  const [head, tail] = splitAround(document, 'bench-cluster');
  const forms: { form: string; input: UserDataInput }[] = [
    { form: 'MIME text', input: document },
    { form: 'base64', input: Buffer.from(document).toString('base64') },
    { form: 'gzip + base64', input: gzipSync(document).toString('base64') },
    { form: 'Fn::Base64(Fn::Join + Ref)', input: { 'Fn::Base64': { 'Fn::Join': ['', [head, { Ref: 'Cluster' }, tail]] } } },
  ];
  return forms.map(({ form, input }) => timeOne(form, input, Buffer.byteLength(document), options));
}

/** Sizes of {@link timeUserDataScaling}: the 16 KB document and one 8 times larger. */
export const SCALING_BYTES = [16 * 1024, 128 * 1024] as const;

/**
 * Times the MIME text form at {@link SCALING_BYTES}: analysis cost must grow linearly with the
 * size of the user data (a quadratic step would make the larger one ~64 times slower, not ~8).
 */
export function timeUserDataScaling(options: UserDataBenchOptions = {}): UserDataTiming[] {
  const calls = Math.max(10, Math.ceil((options.calls ?? 2000) / 8));
  return SCALING_BYTES.map((bytes) => {
    const document = largeMimeUserData(bytes);
    return timeOne('MIME text', document, Buffer.byteLength(document), { ...options, calls, warmup: Math.ceil(calls / 10) });
  });
}

function timeOne(form: string, input: UserDataInput, documentBytes: number, options: UserDataBenchOptions): UserDataTiming {
  const warmup = options.warmup ?? 200;
  const calls = options.calls ?? 2000;
  for (let i = 0; i < warmup; i++) analyzeUserData(input);
  const durations: number[] = [];
  let last = analyzeUserData(input);
  for (let i = 0; i < calls; i++) {
    const start = performance.now();
    last = analyzeUserData(input);
    durations.push(performance.now() - start);
  }
  durations.sort((a, b) => a - b);
  return {
    form,
    documentBytes,
    medianMs: median(durations),
    p95Ms: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.95))],
    calls,
    settings: last.resolvConfSettings.length,
    problems: last.problems.length,
  };
}

function splitAround(text: string, needle: string): [string, string] {
  const at = text.indexOf(needle);
  return [text.slice(0, at), text.slice(at + needle.length)];
}
