/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and tells where the time went: self time and
 * total (inclusive) time per function, so a miss can be pinned on a function.
 */
import { readFileSync } from 'fs';
import { relative } from 'path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

/** Time spent in one function (all its call sites merged). */
export interface FunctionCost {
  /** `name (file:line)`, the file relative to the working directory. */
  readonly label: string;
  /** Time with this function on top of the stack, in ms. */
  readonly selfMs: number;
  /** Time with this function anywhere on the stack (recursion counted once), in ms. */
  readonly totalMs: number;
}

/** Options of {@link functionCosts}. */
export interface FunctionCostOptions {
  /** Count only samples with a function matching this on the stack (e.g. the guard's entry point), and only it and the functions it calls. */
  readonly within?: (label: string) => boolean;
}

/** Per-function costs of a profile, heaviest total first. */
export function functionCosts(profilePath: string, options: FunctionCostOptions = {}): FunctionCost[] {
  const profile = JSON.parse(readFileSync(profilePath, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    // A sample's duration is the delta to the next sample.
    const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(profile.samples[i]);
    if (!leaf) continue;
    const onStack = stackBelow(leaf.id, byId, parentOf, options.within);
    if (!onStack) continue;
    const leafLabel = labelOf(leaf);
    self.set(leafLabel, (self.get(leafLabel) ?? 0) + ms);
    for (const label of onStack) total.set(label, (total.get(label) ?? 0) + ms);
  }
  return [...total.entries()]
    .map(([label, totalMs]) => ({ label, selfMs: self.get(label) ?? 0, totalMs }))
    .sort((a, b) => b.totalMs - a.totalMs);
}

/** Labels from the leaf up to the first frame matching `within` (inclusive), or the root; undefined when no frame matches. */
function stackBelow(leafId: number, byId: ReadonlyMap<number, ProfileNode>, parentOf: ReadonlyMap<number, number>, within?: (label: string) => boolean): Set<string> | undefined {
  const labels = new Set<string>();
  for (let id: number | undefined = leafId; id !== undefined; id = parentOf.get(id)) {
    const label = labelOf(byId.get(id)!);
    labels.add(label);
    if (within?.(label)) return labels;
  }
  return within ? undefined : labels;
}

function labelOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(process.cwd(), url.slice('file://'.length)) : url;
  return `${functionName || '(anonymous)'} (${file || 'native'}:${lineNumber + 1})`;
}
