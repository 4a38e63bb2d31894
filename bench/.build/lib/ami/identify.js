"use strict";
/**
 * Identifying EKS AMIs from the ways configuration names them: AMI names, managed node group
 * `amiType` values, release versions and SSM public parameter paths (REFERENCE.md sections 3-4).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.EKS_AMI_TYPES = void 0;
exports.isEksAmiType = isEksAmiType;
exports.familyOfEksAmiType = familyOfEksAmiType;
exports.parseAmiType = parseAmiType;
exports.parseAmiName = parseAmiName;
exports.eksAmiName = eksAmiName;
exports.parseReleaseVersion = parseReleaseVersion;
exports.parseSsmParameter = parseSsmParameter;
exports.recommendedSsmParameterName = recommendedSsmParameterName;
exports.releaseVersionParameterName = releaseVersionParameterName;
/** The EKS-optimized Linux AMI types the catalog knows, spelled as managed node group `amiType` values. */
exports.EKS_AMI_TYPES = [
    'AL2_x86_64',
    'AL2_x86_64_GPU',
    'AL2_ARM_64',
    'AL2023_x86_64_STANDARD',
    'AL2023_ARM_64_STANDARD',
    'AL2023_x86_64_NVIDIA',
    'AL2023_ARM_64_NVIDIA',
    'AL2023_x86_64_NEURON',
];
/** The SSM path segment of each type under `/aws/service/eks/optimized-ami/<k8s>/`. */
const SSM_TYPE_PATHS = {
    AL2_x86_64: 'amazon-linux-2',
    AL2_x86_64_GPU: 'amazon-linux-2-gpu',
    AL2_ARM_64: 'amazon-linux-2-arm64',
    AL2023_x86_64_STANDARD: 'amazon-linux-2023/x86_64/standard',
    AL2023_ARM_64_STANDARD: 'amazon-linux-2023/arm64/standard',
    AL2023_x86_64_NVIDIA: 'amazon-linux-2023/x86_64/nvidia',
    AL2023_ARM_64_NVIDIA: 'amazon-linux-2023/arm64/nvidia',
    AL2023_x86_64_NEURON: 'amazon-linux-2023/x86_64/neuron',
};
const EKS_SSM_PREFIX = '/aws/service/eks/optimized-ami/';
/** True when `value` is one of {@link EKS_AMI_TYPES}. */
function isEksAmiType(value) {
    return exports.EKS_AMI_TYPES.includes(value);
}
/** The OS family of an EKS AMI type. */
function familyOfEksAmiType(amiType) {
    return amiType.startsWith('AL2023_') ? 'al2023' : 'al2';
}
/** Classifies a managed node group `amiType` (e.g. `AL2_x86_64`, `BOTTLEROCKET_ARM_64`, `WINDOWS_CORE_2022_x86_64`, `CUSTOM`). */
function parseAmiType(amiType) {
    if (isEksAmiType(amiType))
        return { kind: 'eks-optimized', family: familyOfEksAmiType(amiType), amiType };
    if (amiType.startsWith('BOTTLEROCKET_'))
        return { kind: 'bottlerocket', family: 'bottlerocket' };
    if (amiType.startsWith('WINDOWS_'))
        return { kind: 'windows', family: 'windows' };
    if (amiType === 'CUSTOM')
        return { kind: 'custom', family: 'unknown' };
    return { kind: 'unrecognised', family: 'unknown', problem: `amiType '${amiType}' is not a known EKS AMI type` };
}
const AL2_NAME = /^amazon-eks-(gpu-|arm64-)?node-(\d+\.\d+)-(v\d{8})$/;
const AL2023_NAME = /^amazon-eks-node-al2023-(x86_64|arm64)-(standard|nvidia|neuron)-(?:([a-z0-9]+)-)?(\d+\.\d+)-(v\d{8})$/;
const BOTTLEROCKET_NAME = /^bottlerocket-aws-k8s-(\d+\.\d+)?/;
const WINDOWS_NAME = /^Windows_Server-\d{4}-English-(?:Core|Full)-EKS_Optimized-(\d+\.\d+)?/;
const AL2_PREFIX_TYPES = { '': 'AL2_x86_64', 'gpu-': 'AL2_x86_64_GPU', 'arm64-': 'AL2_ARM_64' };
/** Parses an AMI name such as `amazon-eks-node-1.29-v20241024` or `amazon-eks-node-al2023-x86_64-standard-1.31-v20241016`. */
function parseAmiName(name) {
    const al2 = AL2_NAME.exec(name);
    if (al2) {
        return { kind: 'eks-optimized', family: 'al2', name, amiType: AL2_PREFIX_TYPES[al2[1] ?? ''], kubernetesVersion: al2[2], release: al2[3] };
    }
    const al2023 = AL2023_NAME.exec(name);
    if (al2023) {
        const [, arch, flavour, variant, kubernetesVersion, release] = al2023;
        const amiType = `AL2023_${arch === 'arm64' ? 'ARM_64' : 'x86_64'}_${flavour.toUpperCase()}`;
        if (!isEksAmiType(amiType)) {
            return { kind: 'unrecognised', family: 'unknown', name, problem: `no EKS AMI type ${amiType}` };
        }
        return { kind: 'eks-optimized', family: 'al2023', name, amiType, kubernetesVersion, release, ...(variant ? { variant } : {}) };
    }
    const bottlerocket = BOTTLEROCKET_NAME.exec(name);
    if (bottlerocket)
        return { kind: 'bottlerocket', family: 'bottlerocket', name, ...(bottlerocket[1] ? { kubernetesVersion: bottlerocket[1] } : {}) };
    const windows = WINDOWS_NAME.exec(name);
    if (windows)
        return { kind: 'windows', family: 'windows', name, ...(windows[1] ? { kubernetesVersion: windows[1] } : {}) };
    return { kind: 'unrecognised', family: 'unknown', name, problem: `'${name}' is not an EKS-optimized, Bottlerocket or Windows EKS AMI name` };
}
/** The canonical AMI name of a series at a release, e.g. `amazon-eks-arm64-node-1.29-v20241024`. */
function eksAmiName(series, release) {
    const { amiType, kubernetesVersion } = series;
    switch (amiType) {
        case 'AL2_x86_64':
            return `amazon-eks-node-${kubernetesVersion}-${release}`;
        case 'AL2_x86_64_GPU':
            return `amazon-eks-gpu-node-${kubernetesVersion}-${release}`;
        case 'AL2_ARM_64':
            return `amazon-eks-arm64-node-${kubernetesVersion}-${release}`;
        default: {
            const [, arch, flavour] = /^AL2023_(x86_64|ARM_64)_(\w+)$/.exec(amiType) ?? [];
            return `amazon-eks-node-al2023-${arch === 'ARM_64' ? 'arm64' : 'x86_64'}-${flavour.toLowerCase()}-${kubernetesVersion}-${release}`;
        }
    }
}
/** Parses a release version such as `1.29.10-20241122` into Kubernetes minor, kubelet version and tag. */
function parseReleaseVersion(releaseVersion) {
    const match = /^((\d+\.\d+)\.\d+)-(\d{8})$/.exec(releaseVersion.trim());
    if (!match)
        return { problem: `release version '${releaseVersion}' is not of the form <k8s>.<patch>-YYYYMMDD` };
    return { kubeletVersion: match[1], kubernetesVersion: match[2], release: `v${match[3]}` };
}
const SSM_LEAVES = new Set(['image_id', 'release_version', 'image_name']);
/** Parses an SSM public parameter name of an EKS-optimized, Bottlerocket or Windows EKS AMI. */
function parseSsmParameter(name) {
    if (name.startsWith('/aws/service/bottlerocket/')) {
        const k8s = /^\/aws\/service\/bottlerocket\/aws-k8s-(\d+\.\d+)/.exec(name);
        return { kind: 'bottlerocket', family: 'bottlerocket', ...(k8s ? { kubernetesVersion: k8s[1] } : {}) };
    }
    if (name.startsWith('/aws/service/ami-windows-latest/')) {
        const k8s = /EKS_Optimized-(\d+\.\d+)/.exec(name);
        return { kind: 'windows', family: 'windows', ...(k8s ? { kubernetesVersion: k8s[1] } : {}) };
    }
    if (!name.startsWith(EKS_SSM_PREFIX)) {
        return { kind: 'unrecognised', family: 'unknown', problem: `SSM parameter '${name}' is not an EKS, Bottlerocket or Windows AMI parameter` };
    }
    const parts = name.slice(EKS_SSM_PREFIX.length).split('/');
    const kubernetesVersion = parts[0];
    const rest = parts.slice(1);
    const hasLeaf = SSM_LEAVES.has(rest[rest.length - 1] ?? '');
    const leaf = hasLeaf ? rest[rest.length - 1] : 'json';
    const body = hasLeaf ? rest.slice(0, -1) : rest;
    const last = body[body.length - 1];
    const typePath = body.slice(0, -1).join('/');
    const amiType = exports.EKS_AMI_TYPES.find((t) => SSM_TYPE_PATHS[t] === typePath);
    if (!/^\d+\.\d+$/.test(kubernetesVersion ?? '') || !amiType || !last) {
        return { kind: 'unrecognised', family: 'unknown', problem: `SSM parameter '${name}' does not match ${EKS_SSM_PREFIX}<k8s>/<type>/(recommended|<ami-name>)/...` };
    }
    const series = { amiType, kubernetesVersion };
    const family = familyOfEksAmiType(amiType);
    if (last === 'recommended')
        return { kind: 'eks-recommended', family, series, leaf };
    const pinned = parseAmiName(last);
    if (pinned.kind !== 'eks-optimized' || pinned.amiType !== amiType || pinned.kubernetesVersion !== kubernetesVersion) {
        return { kind: 'unrecognised', family: 'unknown', problem: `SSM parameter '${name}' names '${last}', which is not a ${amiType} ${kubernetesVersion} AMI` };
    }
    return { kind: 'eks-pinned', family, series, amiName: last, release: pinned.release, leaf };
}
/** The SSM parameter under which AWS publishes a series' recommended `<leaf>`. */
function recommendedSsmParameterName(series, leaf) {
    return `${EKS_SSM_PREFIX}${series.kubernetesVersion}/${SSM_TYPE_PATHS[series.amiType]}/recommended/${leaf}`;
}
/**
 * The `release_version` SSM parameter of a managed node group `amiType` and Kubernetes minor, e.g.
 * `/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version`; undefined for
 * types without one (Bottlerocket, Windows, CUSTOM) or a Kubernetes version that is not `<major>.<minor>`.
 */
function releaseVersionParameterName(amiType, kubernetesVersion) {
    const minor = /^(\d+\.\d+)(?:\.\d+)?$/.exec(kubernetesVersion.trim());
    if (!isEksAmiType(amiType) || !minor)
        return undefined;
    return recommendedSsmParameterName({ amiType, kubernetesVersion: minor[1] }, 'release_version');
}
//# sourceMappingURL=identify.js.map