import { Document, LineCounter, parseAllDocuments } from 'yaml';
import { isRecord } from '../nodes/intrinsics';
import { AnalysisContext, Place } from './context';
import { hasHole } from './holes';
import { recordKubeletArgs } from './sinks';
import { nodeLine } from './yaml-lines';

/** True when `text` declares a nodeadm `NodeConfig` (YAML or JSON). */
export function looksLikeNodeConfig(text: string): boolean {
  return /["']?apiVersion["']?\s*:\s*["']?node\.eks\.aws\//.test(text) && /["']?kind["']?\s*:\s*["']?NodeConfig\b/.test(text);
}

/**
 * nodeadm `NodeConfig` documents (apiVersion `node.eks.aws/v1alpha1`). Several documents or parts
 * merge in order: `spec.kubelet.config` keys of later ones win, `spec.kubelet.flags` append (nodeadm
 * puts them after its defaults, so they win over the config). Recording them in document order
 * gives exactly that once settings are ordered by precedence.
 */
export function analyseNodeConfig(ctx: AnalysisContext, text: string, place: Place): void {
  ctx.format('nodeadm');
  ctx.usesNodeadm = true;
  ctx.sawLinux = true;
  const lines = new LineCounter();
  const sourceLines = text.split('\n');
  const loc = (line: number) => ctx.location(place, line, sourceLines[line - 1] ?? '');
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false }) as Document.Parsed[];
  } catch (err) {
    ctx.problem('bad-yaml', `NodeConfig could not be parsed (${(err as Error).message.split('\n')[0]})`, true, loc(1));
    return;
  }
  if (!Array.isArray(docs)) return;
  for (const doc of docs) {
    if (doc.errors.length) {
      const line = doc.errors[0].linePos?.[0]?.line ?? 1;
      ctx.problem('bad-yaml', `NodeConfig YAML/JSON could not be parsed (${doc.errors[0].message.split('\n')[0]}); nodeadm would reject it`, true, loc(line));
      continue;
    }
    let js: unknown;
    try {
      js = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      ctx.problem('bad-yaml', `NodeConfig could not be read (${(err as Error).message.split('\n')[0]})`, true, loc(1));
      continue;
    }
    if (!isRecord(js) || js.kind !== 'NodeConfig' || typeof js.apiVersion !== 'string' || !js.apiVersion.startsWith('node.eks.aws/')) continue;
    const spec = isRecord(js.spec) ? js.spec : {};
    const kubelet = isRecord(spec.kubelet) ? spec.kubelet : undefined;
    if (!kubelet) continue;
    const kubeletLine = nodeLine(doc.getIn(['spec', 'kubelet'], true), lines);
    // Holes in flags are reported per flag below; here the rest of spec.kubelet (config, keys).
    const withoutFlags = JSON.stringify({ ...kubelet, flags: undefined });
    if (hasHole(withoutFlags)) {
      ctx.problem('token-hole', `NodeConfig spec.kubelet contains an unresolved value (${ctx.holes.holesIn(withoutFlags).join(', ')}) that could set kubelet flags or resolvConf`, true, loc(kubeletLine));
    }
    const config = isRecord(kubelet.config) ? kubelet.config : undefined;
    if (config && 'resolvConf' in config) {
      const line = nodeLine(doc.getIn(['spec', 'kubelet', 'config', 'resolvConf'], true), lines);
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
    kubelet.flags.forEach((flag: unknown, i: number) => {
      const line = nodeLine(doc.getIn(['spec', 'kubelet', 'flags', i], true), lines);
      if (typeof flag === 'string') recordKubeletArgs(ctx, flag, 'nodeadm-flags', loc(line));
      else ctx.problem('bad-nodeconfig', `NodeConfig spec.kubelet.flags[${i}] is not a string`, true, loc(line));
    });
  }
}

