import { splitArgs } from '../kubelet/args';
import { parseKubeletFlags, RESOLV_CONF_FLAG } from '../kubelet/flags';
import { isRecord } from '../nodes/intrinsics';
import { AnalysisContext, Place } from './context';
import { hasHole } from './holes';
import type { KubeletFlag, UserDataLocation } from './types';

type FlagMechanism = KubeletFlag['mechanism'];

const MECHANISM_SOURCE: Record<FlagMechanism, string> = {
  'bootstrap-kubelet-extra-args': '--kubelet-extra-args',
  'kubelet-extra-args-env': 'KUBELET_EXTRA_ARGS',
  'nodeadm-flags': 'NodeConfig spec.kubelet.flags',
};

/**
 * Records the kubelet flags in an argument string and the resolv-conf settings among them
 * ({@link recordKubeletWords}).
 * @param file the systemd file the string is read from (decides precedence between drop-ins).
 * @returns the words, for display.
 */
export function recordKubeletArgs(ctx: AnalysisContext, text: string, mechanism: FlagMechanism, location: UserDataLocation, file?: string): string[] {
  const { words, unterminatedQuote } = splitArgs(text);
  if (unterminatedQuote) ctx.problem('unparsed-kubelet-args', `${MECHANISM_SOURCE[mechanism]} has an unterminated quote; flags after it may be read differently by the kubelet`, true, location);
  return recordKubeletWords(ctx, words, mechanism, location, file);
}

/**
 * Records the kubelet flags among already split words and the resolv-conf settings among them.
 * Any hole could expand to more flags (systemd splits it again), so it is a problem that may
 * affect resolv-conf; holey words never become settings.
 */
function recordKubeletWords(ctx: AnalysisContext, words: readonly string[], mechanism: FlagMechanism, location: UserDataLocation, file?: string): string[] {
  const source = MECHANISM_SOURCE[mechanism];
  if (words.some(hasHole)) {
    const holes = ctx.holes.holesIn(words.join(' ')).join(', ');
    ctx.problem('token-hole', `${source} contains an unresolved value (${holes}) that could add or change kubelet flags, including --resolv-conf`, true, location);
  }
  for (const flag of parseKubeletFlags(words)) {
    const name = ctx.holes.display(flag.name);
    const entry: KubeletFlag = flag.value === undefined
      ? { name, mechanism, location }
      : { name, value: ctx.holes.display(flag.value), mechanism, location };
    ctx.flags.push(entry);
    if (flag.name !== RESOLV_CONF_FLAG) continue;
    if (flag.missingValue) {
      ctx.problem('flag-missing-value', `${RESOLV_CONF_FLAG} is the last word of ${source} and has no value; the kubelet refuses to start`, true, location);
    } else if (flag.value !== undefined && !hasHole(flag.value)) {
      ctx.settings.push(file === undefined ? { value: flag.value, mechanism, location } : { value: flag.value, mechanism, location, file });
    }
  }
  return words.map((w) => ctx.holes.display(w));
}

/** Paths whose `Environment=`/`ExecStart=` lines reach the kubelet unit. */
export function isKubeletUnitPath(path: string): boolean {
  return /\/kubelet\.service\.d\/[^/]+\.conf$/.test(path) || /\/systemd\/system\/kubelet\.service$/.test(path);
}

/** Environment files the kubelet unit reads (`EnvironmentFile=`). */
export function isKubeletEnvFilePath(path: string): boolean {
  return path === '/etc/sysconfig/kubelet' || path === '/etc/default/kubelet' || path === '/etc/eks/kubelet/environment';
}

/** The kubelet config file of the EKS AMIs (and its nodeadm drop-in directory). */
export function isKubeletConfigPath(path: string): boolean {
  return /\/kubelet-config\.json$/.test(path) || /\/kubelet\/config\.json\.d\/[^/]+\.conf$/.test(path);
}

/**
 * Reads `KUBELET_EXTRA_ARGS` from a systemd drop-in (`Environment=` with quoted or bare
 * assignments) or an environment file, and kubelet flags from an `ExecStart=` running the kubelet.
 */
export function recordKubeletUnitText(ctx: AnalysisContext, text: string, place: Place, firstLocalLine: number, file: string): void {
  const envFile = isKubeletEnvFilePath(file);
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const location = ctx.location(place, firstLocalLine + i, raw);
    if (/^Environment\s*=/.test(line) && !envFile) {
      for (const assignment of splitArgs(line.replace(/^Environment\s*=\s*/, '')).words) recordAssignment(ctx, assignment, location, file);
    } else if (envFile && /^(export\s+)?KUBELET_EXTRA_ARGS=/.test(line)) {
      const assignment = splitArgs(line.replace(/^export\s+/, '')).words.join(' ');
      recordAssignment(ctx, assignment, location, file);
    } else if (/^ExecStart\s*=/.test(line) && /kubelet(\s|$)/.test(line)) {
      const words = splitArgs(line.replace(/^ExecStart\s*=\s*[-@:+!]*/, '')).words;
      const binary = words.findIndex((w) => /(^|\/)kubelet$/.test(w));
      if (binary >= 0) recordKubeletWords(ctx, words.slice(binary + 1), 'kubelet-extra-args-env', location, file);
    }
  });
}

function recordAssignment(ctx: AnalysisContext, assignment: string, location: UserDataLocation, file: string): void {
  if (assignment.startsWith('KUBELET_EXTRA_ARGS=')) recordKubeletArgs(ctx, assignment.slice('KUBELET_EXTRA_ARGS='.length), 'kubelet-extra-args-env', location, file);
}

/** Records `resolvConf` from kubelet config JSON text written into the kubelet config file. */
export function recordKubeletConfigText(ctx: AnalysisContext, text: string, location: UserDataLocation): void {
  if (!text.includes('resolvConf')) return;
  let value: unknown;
  try {
    const parsed: unknown = JSON.parse(text);
    value = isRecord(parsed) ? parsed.resolvConf : undefined;
  } catch {
    value = /"resolvConf"\s*:\s*"([^"]*)"/.exec(text)?.[1];
  }
  if (typeof value === 'string' && !hasHole(value)) ctx.settings.push({ value, mechanism: 'kubelet-config-file', location });
  else ctx.problem('unparsed-kubelet-config', 'the kubelet config file written here mentions resolvConf but its value could not be read', true, location);
}
