/**
 * Kubelet command-line flag parsing with the semantics of spf13/pflag, which the kubelet uses:
 * `--name=value`; `--name value` for non-boolean flags (the next word is taken unconditionally,
 * even `""` or one starting with `-`); booleans only take `--name=value`. When a flag is repeated
 * the last occurrence wins. Names are normalised as the kubelet does (`_` becomes `-`).
 */

/** One parsed flag occurrence. */
export interface ParsedFlag {
  /** With leading dashes, e.g. `--resolv-conf`. */
  readonly name: string;
  /** Absent for a boolean flag without `=value`, or a value-taking flag at the end of the words. */
  readonly value?: string;
  /** Index of the word the flag starts at. */
  readonly index: number;
  /** A value-taking flag with no word after it (the kubelet refuses to start). */
  readonly missingValue?: boolean;
}

/** The kubelet flag that points at the resolver configuration file for pods. */
export const RESOLV_CONF_FLAG = '--resolv-conf';

/** Kubelet flags that take a string value even when the next word starts with `-`. */
const STRING_FLAGS = new Set([RESOLV_CONF_FLAG, '--node-labels', '--register-with-taints', '--cluster-dns', '--cluster-domain', '--config', '--kubeconfig', '--hostname-override', '--node-ip', '--provider-id', '--root-dir', '--cloud-provider', '--container-runtime-endpoint', '--pod-infra-container-image', '--kube-reserved', '--system-reserved', '--eviction-hard', '--eviction-soft', '--feature-gates', '--max-pods', '--v']);

/** Kubelet boolean flags: `--flag value` does not consume `value`. */
const BOOLEAN_FLAGS = new Set(['--fail-swap-on', '--register-node', '--register-schedulable', '--anonymous-auth', '--rotate-certificates', '--rotate-server-certificates', '--enable-server', '--enable-debugging-handlers', '--cgroups-per-qos', '--serialize-image-pulls', '--protect-kernel-defaults', '--make-iptables-util-chains', '--exit-on-lock-contention', '--keep-terminated-pod-volumes', '--enable-controller-attach-detach', '--kernel-memcg-notification', '--logtostderr', '--alsologtostderr', '--skip-headers', '--add-dir-header', '--one-output', '--help', '--version', '--containerized', '--allow-privileged', '--local-storage-capacity-isolation', '--seccomp-default']);

/** True when `word` is written as a flag (`-x`, `--name`, `--name=value`). */
function isFlagWord(word: string): boolean {
  return word.length > 1 && word.startsWith('-');
}

/** Flags in order of appearance; words that are not flags (and not consumed as values) are skipped. */
export function parseKubeletFlags(words: readonly string[]): ParsedFlag[] {
  const flags: ParsedFlag[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (!isFlagWord(word) || word === '--') continue;
    const eq = word.indexOf('=');
    if (eq > 0) {
      flags.push({ name: normaliseFlagName(word.slice(0, eq)), value: word.slice(eq + 1), index: i });
      continue;
    }
    const name = normaliseFlagName(word);
    const next = words[i + 1];
    if (BOOLEAN_FLAGS.has(name)) flags.push({ name, index: i });
    else if (next === undefined) flags.push(STRING_FLAGS.has(name) ? { name, index: i, missingValue: true } : { name, index: i });
    else if (STRING_FLAGS.has(name) || !isFlagWord(next)) flags.push({ name, value: words[++i], index: i - 1 });
    else flags.push({ name, index: i });
  }
  return flags;
}

/**
 * The canonical flag name: two dashes (pflag accepts `-name` for long flags too) and `-` between
 * words, because the kubelet's flag set normalises `_` to `-` (component-base cliflag
 * WordSepNormalizeFunc), so `--resolv_conf` is `--resolv-conf`.
 */
function normaliseFlagName(name: string): string {
  const dashed = name.startsWith('--') ? name : `-${name}`;
  return `--${dashed.slice(2).replace(/_/g, '-')}`;
}
