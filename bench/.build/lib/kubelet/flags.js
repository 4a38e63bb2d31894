"use strict";
/**
 * Kubelet command-line flag parsing with the semantics of spf13/pflag, which the kubelet uses:
 * `--name=value`; `--name value` for non-boolean flags (the next word is taken unconditionally,
 * even `""` or one starting with `-`); booleans only take `--name=value`. When a flag is repeated
 * the last occurrence wins.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.RESOLV_CONF_FLAG = void 0;
exports.isFlagWord = isFlagWord;
exports.parseKubeletFlags = parseKubeletFlags;
exports.lastFlagValue = lastFlagValue;
/** The kubelet flag that points at the resolver configuration file for pods. */
exports.RESOLV_CONF_FLAG = '--resolv-conf';
/** Kubelet flags that take a string value even when the next word starts with `-`. */
const STRING_FLAGS = new Set([exports.RESOLV_CONF_FLAG, '--node-labels', '--register-with-taints', '--cluster-dns', '--cluster-domain', '--config', '--kubeconfig', '--hostname-override', '--node-ip', '--provider-id', '--root-dir', '--cloud-provider', '--container-runtime-endpoint', '--pod-infra-container-image', '--kube-reserved', '--system-reserved', '--eviction-hard', '--eviction-soft', '--feature-gates', '--max-pods', '--v']);
/** Kubelet boolean flags: `--flag value` does not consume `value`. */
const BOOLEAN_FLAGS = new Set(['--fail-swap-on', '--register-node', '--register-schedulable', '--anonymous-auth', '--rotate-certificates', '--rotate-server-certificates', '--enable-server', '--enable-debugging-handlers', '--cgroups-per-qos', '--serialize-image-pulls', '--protect-kernel-defaults', '--make-iptables-util-chains', '--exit-on-lock-contention', '--keep-terminated-pod-volumes', '--enable-controller-attach-detach', '--kernel-memcg-notification', '--logtostderr', '--alsologtostderr', '--skip-headers', '--add-dir-header', '--one-output', '--help', '--version', '--containerized', '--allow-privileged', '--local-storage-capacity-isolation', '--seccomp-default']);
/** True when `word` is written as a flag (`-x`, `--name`, `--name=value`). */
function isFlagWord(word) {
    return word.length > 1 && word.startsWith('-');
}
/** Flags in order of appearance; words that are not flags (and not consumed as values) are skipped. */
function parseKubeletFlags(words) {
    const flags = [];
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (!isFlagWord(word) || word === '--')
            continue;
        const eq = word.indexOf('=');
        if (eq > 0) {
            flags.push({ name: normaliseFlagName(word.slice(0, eq)), value: word.slice(eq + 1), index: i });
            continue;
        }
        const name = normaliseFlagName(word);
        const next = words[i + 1];
        if (BOOLEAN_FLAGS.has(name))
            flags.push({ name, index: i });
        else if (next === undefined)
            flags.push(STRING_FLAGS.has(name) ? { name, index: i, missingValue: true } : { name, index: i });
        else if (STRING_FLAGS.has(name) || !isFlagWord(next))
            flags.push({ name, value: words[++i], index: i - 1 });
        else
            flags.push({ name, index: i });
    }
    return flags;
}
/** pflag accepts `-name` for long flags too; the canonical form has two dashes. */
function normaliseFlagName(name) {
    return name.startsWith('--') ? name : `-${name}`;
}
/** The value the kubelet keeps for `name` when the flag repeats: the last one. */
function lastFlagValue(flags, name) {
    for (let i = flags.length - 1; i >= 0; i--)
        if (flags[i].name === name)
            return flags[i];
    return undefined;
}
//# sourceMappingURL=flags.js.map