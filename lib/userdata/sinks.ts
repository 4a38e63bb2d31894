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
 * @param file the systemd file the string is assigned to `KUBELET_EXTRA_ARGS` in (decides
 * precedence between drop-ins); the assignment is recorded, since the last one systemd reads
 * replaces the others. bootstrap.sh writes its drop-in only for a non-empty value
 * (`if [[ -n "$KUBELET_EXTRA_ARGS" ]]` in awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh).
 * @returns the words, for display.
 */
export function recordKubeletArgs(ctx: AnalysisContext, text: string, mechanism: FlagMechanism, location: UserDataLocation, file?: string, conditional?: boolean): string[] {
  const { words, unterminatedQuote } = splitArgs(text);
  if (unterminatedQuote) ctx.problem('unparsed-kubelet-args', `${MECHANISM_SOURCE[mechanism]} has an unterminated quote; flags after it may be read differently by the kubelet`, true, location);
  const written = file !== undefined && !(mechanism === 'bootstrap-kubelet-extra-args' && text === '');
  const assignment = written ? ctx.extraArgsAssignments.push(conditional ? { file, location, conditional } : { file, location }) - 1 : undefined;
  return recordKubeletWords(ctx, words, mechanism, location, file, assignment);
}

/**
 * Records the kubelet flags among already split words and the resolv-conf settings among them.
 * Any hole could expand to more flags (systemd splits it again), so it is a problem that may
 * affect resolv-conf; holey words never become settings.
 * @param assignment the `KUBELET_EXTRA_ARGS` assignment carrying the words, if any.
 */
function recordKubeletWords(ctx: AnalysisContext, words: readonly string[], mechanism: FlagMechanism, location: UserDataLocation, file?: string, assignment?: number): string[] {
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
      ctx.settings.push({ value: flag.value, mechanism, location, ...(file === undefined ? {} : { file }), ...(assignment === undefined ? {} : { assignment }) });
    }
  }
  return words.map((w) => ctx.holes.display(w));
}

/** Paths whose `Environment=`/`ExecStart=` lines reach the kubelet unit. */
export function isKubeletUnitPath(path: string): boolean {
  return /\/kubelet\.service\.d\/[^/]+\.conf$/.test(path) || /\/systemd\/system\/kubelet\.service$/.test(path);
}

/**
 * Environment files user data writes for the kubelet. The EKS AMIs' kubelet units do not take
 * `KUBELET_EXTRA_ARGS` from any of them: the AL2 unit (awslabs/amazon-eks-ami
 * templates/al2/runtime/kubelet-containerd.service) has no `EnvironmentFile=`, and the AL2023 unit
 * (templates/al2023/runtime/rootfs/etc/systemd/system/kubelet.service) reads
 * `/etc/eks/kubelet/environment`, which nodeadm writes, but runs `kubelet $NODEADM_KUBELET_ARGS`.
 * Their assignments count only when a unit or drop-in in the user data names the file
 * ({@link settleKubeletSettings}).
 */
export function isKubeletEnvFilePath(path: string): boolean {
  return path === '/etc/sysconfig/kubelet' || path === '/etc/default/kubelet' || path === NODEADM_ENV_FILE;
}

/** The environment file nodeadm writes and the AL2023 kubelet unit reads (nodeadm/internal/kubelet/environment.go). */
const NODEADM_ENV_FILE = '/etc/eks/kubelet/environment';

/** The kubelet config file of the EKS AMIs (and its nodeadm drop-in directory). */
export function isKubeletConfigPath(path: string): boolean {
  return /\/kubelet-config\.json$/.test(path) || /\/kubelet\/config\.json\.d\/[^/]+\.conf$/.test(path);
}

/**
 * Reads `KUBELET_EXTRA_ARGS` from a systemd drop-in (`Environment=` with quoted or bare
 * assignments) or an environment file, the environment files a unit reads (`EnvironmentFile=`),
 * and kubelet flags from an `ExecStart=` running the kubelet.
 */
export function recordKubeletUnitText(ctx: AnalysisContext, text: string, place: Place, firstLocalLine: number, file: string): void {
  const envFile = isKubeletEnvFilePath(file);
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trim();
    const location = ctx.location(place, firstLocalLine + i, raw);
    if (envFile) {
      recordEnvFileLine(ctx, line, location, file);
    } else if (/^Environment\s*=/.test(line)) {
      for (const assignment of splitArgs(line.replace(/^Environment\s*=\s*/, '')).words) recordAssignment(ctx, assignment, location, file);
    } else if (/^EnvironmentFile\s*=/.test(line)) {
      // A leading `-` only makes a missing file no error.
      ctx.kubeletEnvFiles.add(line.replace(/^EnvironmentFile\s*=\s*-?/, ''));
    } else if (/^ExecStart\s*=/.test(line) && /kubelet(\s|$)/.test(line)) {
      const words = splitArgs(line.replace(/^ExecStart\s*=\s*[-@:+!]*/, '')).words;
      const binary = words.findIndex((w) => /(^|\/)kubelet$/.test(w));
      if (binary >= 0) recordKubeletWords(ctx, words.slice(binary + 1), 'kubelet-extra-args-env', location, file);
    }
  });
}

/**
 * One line of an environment file: `KUBELET_EXTRA_ARGS` is kept for {@link settleKubeletSettings};
 * `NODEADM_KUBELET_ARGS` in nodeadm's file does reach the AL2023 kubelet, but nodeadm owns that
 * file, so a resolv-conf there is reported rather than modelled.
 */
function recordEnvFileLine(ctx: AnalysisContext, line: string, location: UserDataLocation, file: string): void {
  const assignment = splitArgs(line.replace(/^export\s+/, '')).words.join(' ');
  if (assignment.startsWith('KUBELET_EXTRA_ARGS=')) {
    ctx.envFileAssignments.push({ file, value: assignment.slice('KUBELET_EXTRA_ARGS='.length), location });
  } else if (file === NODEADM_ENV_FILE && assignment.startsWith('NODEADM_KUBELET_ARGS=') && mentionsResolvConf(assignment)) {
    ctx.problem('unmodelled-kubelet-env', `NODEADM_KUBELET_ARGS in ${file} mentions resolv-conf; the AL2023 kubelet runs with these flags, but nodeadm writes this file itself and the analysis does not model it`, true, location);
  }
}

/** True when text mentions the kubelet's resolv-conf (flag, config key, or `_` spelling). */
export function mentionsResolvConf(text: string): boolean {
  return /resolv[-_]?conf/i.test(text);
}

/**
 * Work that needs the whole user data, run once it has been read: `KUBELET_EXTRA_ARGS` of
 * environment files counts only when a kubelet unit or drop-in reads the file (`EnvironmentFile=`),
 * wherever that is written.
 * Settings recorded here are environment-file ones, which systemd applies after every
 * `Environment=` line, so recording them last keeps the flags in the order they take effect.
 */
export function settleKubeletSettings(ctx: AnalysisContext): void {
  for (const { file, value, location, conditional } of ctx.envFileAssignments) {
    if (ctx.kubeletEnvFiles.has(file)) recordKubeletArgs(ctx, value, 'kubelet-extra-args-env', location, file, conditional);
    else ctx.problem('unread-kubelet-env-file', `${file} sets KUBELET_EXTRA_ARGS, but no kubelet unit reads it for that variable (the EKS AMI kubelet units have no EnvironmentFile= for it, and no drop-in in the user data adds one); the kubelet does not get these flags`, false, location);
  }
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
