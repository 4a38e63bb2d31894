import { removedKubeletFlag, type RemovedKubeletFlag } from '../kubelet/removed-flags';
import type { KubeletFlag } from '../userdata/types';
import { locationText } from '../userdata/location';
import { evidenceFor, nodeKubeletVersion } from './describe';
import type { Rule } from './rule';

/**
 * A kubelet flag that the node's Kubernetes release removed makes the kubelet exit with
 * "unknown flag" at start, so the node never registers. The table of removed flags, each with its
 * source, is lib/kubelet/removed-flags.ts.
 */
export const kubeletFlagRemoved: Rule = {
  id: 'kubelet-flag-removed',
  summary: "The user data passes a kubelet flag that the node's Kubernetes version removed: the kubelet does not start.",
  defaultSeverity: 'error',
  help: [
    'The user data passes the kubelet a flag (through `--kubelet-extra-args`, a `KUBELET_EXTRA_ARGS` drop-in or nodeadm',
    '`spec.kubelet.flags`) that the kubelet of the node\'s Kubernetes version no longer has. The kubelet exits with',
    '"unknown flag" and the node never registers. Typical after a node group version upgrade: the dockershim flags',
    '(`--network-plugin`, `--docker-endpoint`, `--image-pull-progress-deadline`, `--cni-bin-dir`, …) were removed in',
    'Kubernetes 1.24, `--container-runtime` in 1.27. The kubelet version comes from the AMI release, the AMI series or the',
    'node group / cluster version; when none is known the rule stays quiet.',
    '',
    '**Fix:** remove the flag (or move the setting to its KubeletConfiguration field, if it still exists).',
  ].join('\n'),
  check(facts) {
    const flags = facts.userData?.kubeletFlags ?? [];
    const kubelet = nodeKubeletVersion(facts);
    if (!kubelet || flags.length === 0) return [];
    const removed = removedFlagsOf(flags, kubelet.version);
    if (removed.length === 0) return [];
    const names = removed.map((r) => r.entry.name);
    const listed = removed.map(({ flag, entry }) => {
      const where = locationText(flag.location);
      return `${flag.name}${where ? ` (${where})` : ''}: removed in Kubernetes ${entry.removedIn} (${entry.source})`;
    });
    return [
      {
        severity: 'error',
        title: `kubelet ${kubelet.version} no longer accepts ${names.join(', ')}`,
        detail:
          `The node runs kubelet ${kubelet.version} (from ${kubelet.from}), which exits with "unknown flag" at start, so the node never registers. ` +
          `${listed.join('; ')}.`,
        fix: `Remove ${names.join(', ')} from the kubelet arguments. ${[...new Set(removed.map((r) => r.entry.instead))].join(' ')}`,
        evidence: { ...evidenceFor(facts), kubelet: { version: kubelet.version, from: kubelet.from, removedFlags: names } },
      },
    ];
  },
};

/** Each removed flag once (the first occurrence), in the order the user data passes them. */
function removedFlagsOf(flags: readonly KubeletFlag[], kubeletVersion: string): { flag: KubeletFlag; entry: RemovedKubeletFlag }[] {
  const seen = new Set<string>();
  const out: { flag: KubeletFlag; entry: RemovedKubeletFlag }[] = [];
  for (const flag of flags) {
    const entry = removedKubeletFlag(flag.name, kubeletVersion);
    if (!entry || seen.has(entry.name)) continue;
    seen.add(entry.name);
    out.push({ flag, entry });
  }
  return out;
}
