"use strict";
/**
 * Kubelet command-line flags that later Kubernetes releases removed: a kubelet of that release or
 * newer refuses to start with "unknown flag". Only entries with a cited source belong here.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.REMOVED_KUBELET_FLAGS = void 0;
exports.isMinorAtLeast = isMinorAtLeast;
exports.removedKubeletFlag = removedKubeletFlag;
// kubernetes/kubernetes CHANGELOG/CHANGELOG-1.24.md, "Other (Cleanup or Flake)": "Kubelet: following
// dockershim related flags are also removed along with dockershim --experimental-dockershim-root-directory,
// --docker-endpoint, --image-pull-progress-deadline, --network-plugin, --cni-conf-dir, --cni-bin-dir,
// --cni-cache-dir, --network-plugin-mtu" (kubernetes/kubernetes PR #106907).
const DOCKERSHIM_SOURCE = 'Kubernetes 1.24 release notes: dockershim flags removed with dockershim (kubernetes/kubernetes#106907)';
const DOCKERSHIM_INSTEAD = 'Drop it: EKS nodes run containerd through CRI; the CNI is configured by the VPC CNI plugin, not the kubelet.';
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
exports.REMOVED_KUBELET_FLAGS = [
    ...DOCKERSHIM_FLAGS.map((name) => ({ name, removedIn: '1.24', source: DOCKERSHIM_SOURCE, instead: DOCKERSHIM_INSTEAD })),
    {
        // kubernetes/website "Migrate Docker Engine nodes from dockershim to cri-dockerd": "Modify the
        // --container-runtime flag to remote (unavailable in Kubernetes v1.27 and later)"; the EKS AL2
        // bootstrap.sh itself stops passing it: "--container-runtime flag is gone in 1.27+"
        // (awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh).
        name: '--container-runtime',
        removedIn: '1.27',
        source: 'Kubernetes 1.27: the kubelet --container-runtime flag was removed (kubernetes.io dockershim migration docs; awslabs/amazon-eks-ami bootstrap.sh "--container-runtime flag is gone in 1.27+")',
        instead: 'Drop it: the kubelet only speaks CRI; --container-runtime-endpoint selects the socket.',
    },
];
/** A Kubernetes minor as numbers, e.g. `1.29` -> [1, 29]; undefined when it is not `major.minor[.patch]`. */
function minorParts(version) {
    const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
    return match ? [Number(match[1]), Number(match[2])] : undefined;
}
/** True when minor `a` is the same as or later than minor `b`; false when either is not a version. */
function isMinorAtLeast(a, b) {
    const pa = minorParts(a);
    const pb = minorParts(b);
    if (!pa || !pb)
        return false;
    return pa[0] !== pb[0] ? pa[0] > pb[0] : pa[1] >= pb[1];
}
/**
 * The table entry for `flagName` when a kubelet of `kubeletVersion` (`1.29` or `1.29.10`) no longer
 * accepts it. The kubelet normalises `_` to `-` in flag names (pflag WordSepNormalizeFunc), so
 * `--network_plugin` matches too.
 */
function removedKubeletFlag(flagName, kubeletVersion) {
    const name = `--${flagName.replace(/^-+/, '').replace(/_/g, '-')}`;
    return exports.REMOVED_KUBELET_FLAGS.find((entry) => entry.name === name && isMinorAtLeast(kubeletVersion, entry.removedIn));
}
//# sourceMappingURL=removed-flags.js.map