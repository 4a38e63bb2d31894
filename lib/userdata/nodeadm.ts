import { CORE_SCHEMA, loadAll, YAMLException } from 'js-yaml';
import { isRecord } from '../nodes/intrinsics';
import { AnalysisContext, Place } from './context';
import { hasHole } from './holes';
import { recordKubeletArgs } from './sinks';

/** True when `text` declares a nodeadm `NodeConfig` (YAML or JSON). */
export function looksLikeNodeConfig(text: string): boolean {
  return /["']?apiVersion["']?\s*:\s*["']?node\.eks\.aws\//.test(text) && /["']?kind["']?\s*:\s*["']?NodeConfig\b/.test(text);
}

/**
 * nodeadm `NodeConfig` documents (apiVersion `node.eks.aws/v1alpha1`). Several documents or parts
 * merge in order: `spec.kubelet.config` keys of later ones win, `spec.kubelet.flags` append (nodeadm
 * puts them after its defaults, so they win over the config). Recording them in document order
 * gives exactly that once settings are ordered by precedence.
 *
 * Parsed with js-yaml 4: NodeConfig parsing sits on every synth's hot path, and js-yaml 4 builds
 * the plain values this needs several times faster than a document-model parser (docs/performance.md).
 * It keeps no source positions, so lines are found by {@link LineFinder}.
 */
export function analyseNodeConfig(ctx: AnalysisContext, text: string, place: Place): void {
  ctx.format('nodeadm');
  ctx.usesNodeadm = true;
  ctx.sawLinux = true;
  const lines = new LineFinder(text);
  const loc = (line: number) => ctx.location(place, line, lines.text(line));
  let docs: unknown[];
  try {
    // CORE_SCHEMA: YAML 1.2 scalars only (no timestamps or binary); `json`: a repeated key overrides, as in JSON.
    docs = loadAll(text, null, { schema: CORE_SCHEMA, json: true });
  } catch (err) {
    const line = err instanceof YAMLException && err.mark ? err.mark.line + 1 : 1;
    const reason = err instanceof YAMLException ? err.reason : err instanceof RangeError ? 'nested too deeply' : String(err);
    ctx.problem('bad-yaml', `NodeConfig YAML/JSON could not be parsed (${reason}); nodeadm would reject it`, true, loc(line));
    return;
  }
  for (const js of docs) {
    if (!isRecord(js) || js.kind !== 'NodeConfig' || typeof js.apiVersion !== 'string' || !js.apiVersion.startsWith('node.eks.aws/')) continue;
    const spec = isRecord(js.spec) ? js.spec : {};
    const kubelet = isRecord(spec.kubelet) ? spec.kubelet : undefined;
    if (!kubelet) continue;
    const kubeletLine = lines.next(/(^|[\s{,])["']?kubelet["']?\s*:/);
    // Holes in flags are reported per flag below; here the rest of spec.kubelet (config, keys).
    const holes = holesBesideFlags(ctx, kubelet);
    if (holes.length > 0) {
      ctx.problem('token-hole', `NodeConfig spec.kubelet contains an unresolved value (${holes.join(', ')}) that could set kubelet flags or resolvConf`, true, loc(kubeletLine));
    }
    const config = isRecord(kubelet.config) ? kubelet.config : undefined;
    if (config && 'resolvConf' in config) {
      const line = lines.after(kubeletLine, /(^|[\s{,])["']?resolvConf["']?\s*:/);
      lines.skipTo(line);
      if (typeof config.resolvConf === 'string') {
        if (!hasHole(config.resolvConf)) ctx.settings.push({ value: config.resolvConf, mechanism: 'nodeadm-config', location: loc(line) });
      } else if (config.resolvConf !== null) {
        ctx.problem('bad-nodeconfig', 'NodeConfig spec.kubelet.config.resolvConf is not a string', true, loc(line));
      }
    }
    if (kubelet.flags === undefined || kubelet.flags === null) continue;
    if (!Array.isArray(kubelet.flags)) {
      ctx.problem('bad-nodeconfig', 'NodeConfig spec.kubelet.flags is not a list', true, loc(kubeletLine));
      continue;
    }
    let flagLine = lines.after(kubeletLine, /(^|[\s{,])["']?flags["']?\s*:/);
    kubelet.flags.forEach((flag: unknown, i: number) => {
      if (typeof flag === 'string') {
        flagLine = lines.after(flagLine, flag.split('\n', 1)[0]);
        recordKubeletArgs(ctx, flag, 'nodeadm-flags', loc(flagLine));
      } else {
        ctx.problem('bad-nodeconfig', `NodeConfig spec.kubelet.flags[${i}] is not a string`, true, loc(flagLine));
      }
    });
    lines.skipTo(flagLine);
  }
}

/** Hole descriptions in `spec.kubelet` other than its flags; each object is visited once (aliases share objects). */
function holesBesideFlags(ctx: AnalysisContext, kubelet: Record<string, unknown>): string[] {
  const seen = new Set<object>();
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (hasHole(value)) found.push(...ctx.holes.holesIn(value));
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        visit(key);
        visit(child);
      }
    }
  };
  for (const [key, value] of Object.entries(kubelet)) {
    visit(key);
    if (key !== 'flags') visit(value);
  }
  return [...new Set(found)];
}

/**
 * Source lines for findings, found by searching forward from the previous match: NodeConfig
 * documents are small and their keys appear in document order, so a forward search lands on the
 * key or flag that was read. When nothing matches, the last known line is kept.
 */
class LineFinder {
  private readonly sourceLines: string[];
  private cursor = 1;

  constructor(source: string) {
    this.sourceLines = source.split('\n');
  }

  /** The 1-based line's text. */
  text(line: number): string {
    return this.sourceLines[line - 1] ?? '';
  }

  /** The first line from the cursor that matches; the cursor moves past it. */
  next(pattern: RegExp | string): number {
    const line = this.after(this.cursor, pattern);
    this.skipTo(line);
    return line;
  }

  /** The first line at or after `line` that matches, else `line`. */
  after(line: number, pattern: RegExp | string): number {
    for (let i = Math.max(line, 1); i <= this.sourceLines.length; i++) {
      const text = this.sourceLines[i - 1];
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return i;
    }
    return line;
  }

  /** Later searches start after `line`. */
  skipTo(line: number): void {
    this.cursor = Math.max(this.cursor, line + 1);
  }
}
