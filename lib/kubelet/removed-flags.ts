/**
 * Kubelet command-line flags that later Kubernetes releases removed: a kubelet of that release or
 * newer refuses to start with "unknown flag". Only entries with a cited source belong here.
 */
import { compareKubernetesMinors } from '../ami/identify';

/** One removed kubelet flag. */
export interface RemovedKubeletFlag {
  /** Canonical name with two dashes, e.g. `--network-plugin`. */
  readonly name: string;
  /** The first Kubernetes minor whose kubelet no longer accepts the flag, e.g. `1.24`. */
  readonly removedIn: string;
  /** Where the removal is recorded. */
  readonly source: string;
  /** What to do instead. */
  readonly instead: string;
}

// kubernetes/kubernetes CHANGELOG/CHANGELOG-1.24.md, "Other (Cleanup or Flake)": "Kubelet: following
// dockershim related flags are also removed along with dockershim --experimental-dockershim-root-directory,
// --docker-endpoint, --image-pull-progress-deadline, --network-plugin, --cni-conf-dir, --cni-bin-dir,
// --cni-cache-dir, --network-plugin-mtu" (kubernetes/kubernetes PR #106907).
const DOCKERSHIM_SOURCE = 'Kubernetes 1.24 release notes: dockershim flags removed with dockershim (kubernetes/kubernetes#106907)';
const DOCKERSHIM_INSTEAD = 'EKS nodes run containerd through CRI, and the VPC CNI plugin configures pod networking, not the kubelet.';

const DOCKERSHIM_FLAGS = [
  '--experimental-dockershim-root-directory',
  '--docker-endpoint',
  '--image-pull-progress-deadline',
  '--network-plugin',
  '--cni-conf-dir',
  '--cni-bin-dir',
  '--cni-cache-dir',
  '--network-plugin-mtu',
];

/** The table. */
export const REMOVED_KUBELET_FLAGS: readonly RemovedKubeletFlag[] = [
  ...DOCKERSHIM_FLAGS.map((name) => ({ name, removedIn: '1.24', source: DOCKERSHIM_SOURCE, instead: DOCKERSHIM_INSTEAD })),
  {
    // kubernetes/website "Migrate Docker Engine nodes from dockershim to cri-dockerd": "Modify the
    // --container-runtime flag to remote (unavailable in Kubernetes v1.27 and later)"; the EKS AL2
    // bootstrap.sh itself stops passing it: "--container-runtime flag is gone in 1.27+"
    // (awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh).
    name: '--container-runtime',
    removedIn: '1.27',
    source: 'Kubernetes 1.27: the kubelet --container-runtime flag was removed (kubernetes.io dockershim migration docs; awslabs/amazon-eks-ami bootstrap.sh "--container-runtime flag is gone in 1.27+")',
    instead: 'The kubelet only speaks CRI; --container-runtime-endpoint selects the runtime socket.',
  },
];

/** True when minor `a` is the same as or later than minor `b`; false when either is not a version. */
export function isMinorAtLeast(a: string, b: string): boolean {
  return (compareKubernetesMinors(a, b) ?? -1) >= 0;
}

/**
 * The table entry for `flagName` when a kubelet of `kubeletVersion` (`1.29` or `1.29.10`) no longer
 * accepts it. The kubelet normalises `_` to `-` in flag names (pflag WordSepNormalizeFunc), so
 * `--network_plugin` matches too.
 */
export function removedKubeletFlag(flagName: string, kubeletVersion: string): RemovedKubeletFlag | undefined {
  const name = `--${flagName.replace(/^-+/, '').replace(/_/g, '-')}`;
  return REMOVED_KUBELET_FLAGS.find((entry) => entry.name === name && isMinorAtLeast(kubeletVersion, entry.removedIn));
}
