/**
 * Identifying EKS AMIs from the ways configuration names them: AMI names, managed node group
 * `amiType` values, release versions and SSM public parameter paths (REFERENCE.md sections 3-4).
 */

/** The EKS-optimized Linux AMI types the catalog knows, spelled as managed node group `amiType` values. */
export const EKS_AMI_TYPES = [
  'AL2_x86_64',
  'AL2_x86_64_GPU',
  'AL2_ARM_64',
  'AL2023_x86_64_STANDARD',
  'AL2023_ARM_64_STANDARD',
  'AL2023_x86_64_NVIDIA',
  'AL2023_ARM_64_NVIDIA',
  'AL2023_x86_64_NEURON',
] as const;

/** An EKS-optimized Linux AMI type (a column of the changelog's package tables). */
export type EksAmiType = (typeof EKS_AMI_TYPES)[number];

/** One line of AMIs: a Kubernetes minor and an AMI type. Each release adds at most one AMI to it. */
export interface AmiSeries {
  readonly amiType: EksAmiType;
  /** Kubernetes minor, e.g. `1.29`. */
  readonly kubernetesVersion: string;
}

/** How each type is named: the AMI name before `-<k8s>-<release>`, and its SSM path under `/aws/service/eks/optimized-ami/<k8s>/`. */
const TYPE_NAMES: Readonly<Record<EksAmiType, { readonly amiName: string; readonly ssmPath: string }>> = {
  AL2_x86_64: { amiName: 'amazon-eks-node', ssmPath: 'amazon-linux-2' },
  AL2_x86_64_GPU: { amiName: 'amazon-eks-gpu-node', ssmPath: 'amazon-linux-2-gpu' },
  AL2_ARM_64: { amiName: 'amazon-eks-arm64-node', ssmPath: 'amazon-linux-2-arm64' },
  AL2023_x86_64_STANDARD: { amiName: 'amazon-eks-node-al2023-x86_64-standard', ssmPath: 'amazon-linux-2023/x86_64/standard' },
  AL2023_ARM_64_STANDARD: { amiName: 'amazon-eks-node-al2023-arm64-standard', ssmPath: 'amazon-linux-2023/arm64/standard' },
  AL2023_x86_64_NVIDIA: { amiName: 'amazon-eks-node-al2023-x86_64-nvidia', ssmPath: 'amazon-linux-2023/x86_64/nvidia' },
  AL2023_ARM_64_NVIDIA: { amiName: 'amazon-eks-node-al2023-arm64-nvidia', ssmPath: 'amazon-linux-2023/arm64/nvidia' },
  AL2023_x86_64_NEURON: { amiName: 'amazon-eks-node-al2023-x86_64-neuron', ssmPath: 'amazon-linux-2023/x86_64/neuron' },
};

/** The type whose AMI names start with `amiName` (see {@link TYPE_NAMES}). */
function typeOfAmiName(amiName: string): EksAmiType | undefined {
  return EKS_AMI_TYPES.find((t) => TYPE_NAMES[t].amiName === amiName);
}

const EKS_SSM_PREFIX = '/aws/service/eks/optimized-ami/';

/** True when `value` is one of {@link EKS_AMI_TYPES}. */
export function isEksAmiType(value: string): value is EksAmiType {
  return (EKS_AMI_TYPES as readonly string[]).includes(value);
}

/** EC2 AMI ids: `ami-` and 8 hex digits (older ids) or 17 (current ones). */
const AMI_ID = /^ami-[0-9a-f]{8}(?:[0-9a-f]{9})?$/;

/** True when `value` is an EC2 AMI id such as `ami-0123456789abcdef0`. */
export function isAmiId(value: string): boolean {
  return AMI_ID.test(value);
}

/** The OS family of an EKS AMI type. */
export function familyOfEksAmiType(amiType: EksAmiType): 'al2' | 'al2023' {
  return amiType.startsWith('AL2023_') ? 'al2023' : 'al2';
}

/** What a managed node group `amiType` value says about the node's AMI. */
export type AmiTypeInfo =
  | { readonly kind: 'eks-optimized'; readonly family: 'al2' | 'al2023'; readonly amiType: EksAmiType }
  | { readonly kind: 'bottlerocket'; readonly family: 'bottlerocket' }
  | { readonly kind: 'windows'; readonly family: 'windows' }
  /** `CUSTOM`: the launch template's image id decides. */
  | { readonly kind: 'custom'; readonly family: 'unknown' }
  | { readonly kind: 'unrecognised'; readonly family: 'unknown'; readonly problem: string };

/** Classifies a managed node group `amiType` (e.g. `AL2_x86_64`, `BOTTLEROCKET_ARM_64`, `WINDOWS_CORE_2022_x86_64`, `CUSTOM`). */
export function parseAmiType(amiType: string): AmiTypeInfo {
  if (isEksAmiType(amiType)) return { kind: 'eks-optimized', family: familyOfEksAmiType(amiType), amiType };
  if (amiType.startsWith('BOTTLEROCKET_')) return { kind: 'bottlerocket', family: 'bottlerocket' };
  if (amiType.startsWith('WINDOWS_')) return { kind: 'windows', family: 'windows' };
  if (amiType === 'CUSTOM') return { kind: 'custom', family: 'unknown' };
  return { kind: 'unrecognised', family: 'unknown', problem: `amiType '${amiType}' is not a known EKS AMI type` };
}

/** What an AMI name says about the AMI. */
export type AmiNameInfo =
  | {
      readonly kind: 'eks-optimized';
      readonly family: 'al2' | 'al2023';
      readonly name: string;
      readonly amiType: EksAmiType;
      readonly kubernetesVersion: string;
      /** Release tag, e.g. `v20241024`. */
      readonly release: string;
      /** A build variant inside the type, e.g. `560` in `amazon-eks-node-al2023-x86_64-nvidia-560-1.31-v20241016`. */
      readonly variant?: string;
    }
  | { readonly kind: 'bottlerocket'; readonly family: 'bottlerocket'; readonly name: string; readonly kubernetesVersion?: string }
  | { readonly kind: 'windows'; readonly family: 'windows'; readonly name: string; readonly kubernetesVersion?: string }
  | { readonly kind: 'unrecognised'; readonly family: 'unknown'; readonly name: string; readonly problem: string };

const AL2_NAME = /^amazon-eks-(gpu-|arm64-)?node-(\d+\.\d+)-(v\d{8})$/;
const AL2023_NAME = /^amazon-eks-node-al2023-(x86_64|arm64)-(standard|nvidia|neuron)-(?:([a-z0-9]+)-)?(\d+\.\d+)-(v\d{8})$/;
const BOTTLEROCKET_NAME = /^bottlerocket-aws-k8s-(\d+\.\d+)?/;
const WINDOWS_NAME = /^Windows_Server-\d{4}-English-(?:Core|Full)-EKS_Optimized-(\d+\.\d+)?/;

/** Parses an AMI name such as `amazon-eks-node-1.29-v20241024` or `amazon-eks-node-al2023-x86_64-standard-1.31-v20241016`. */
export function parseAmiName(name: string): AmiNameInfo {
  const al2 = AL2_NAME.exec(name);
  if (al2) {
    return { kind: 'eks-optimized', family: 'al2', name, amiType: typeOfAmiName(`amazon-eks-${al2[1] ?? ''}node`)!, kubernetesVersion: al2[2], release: al2[3] };
  }
  const al2023 = AL2023_NAME.exec(name);
  if (al2023) {
    const [, arch, flavour, variant, kubernetesVersion, release] = al2023;
    const amiType = typeOfAmiName(`amazon-eks-node-al2023-${arch}-${flavour}`);
    if (!amiType) return { kind: 'unrecognised', family: 'unknown', name, problem: `no EKS AMI type is named amazon-eks-node-al2023-${arch}-${flavour}` };
    return { kind: 'eks-optimized', family: 'al2023', name, amiType, kubernetesVersion, release, ...(variant ? { variant } : {}) };
  }
  const bottlerocket = BOTTLEROCKET_NAME.exec(name);
  if (bottlerocket) return { kind: 'bottlerocket', family: 'bottlerocket', name, ...(bottlerocket[1] ? { kubernetesVersion: bottlerocket[1] } : {}) };
  const windows = WINDOWS_NAME.exec(name);
  if (windows) return { kind: 'windows', family: 'windows', name, ...(windows[1] ? { kubernetesVersion: windows[1] } : {}) };
  return { kind: 'unrecognised', family: 'unknown', name, problem: `'${name}' is not an EKS-optimized, Bottlerocket or Windows EKS AMI name` };
}

/** The canonical AMI name of a series at a release, e.g. `amazon-eks-arm64-node-1.29-v20241024`. */
export function eksAmiName(series: AmiSeries, release: string): string {
  return `${TYPE_NAMES[series.amiType].amiName}-${series.kubernetesVersion}-${release}`;
}

/** A managed node group release version such as `1.29.10-20241122`, taken apart. */
export interface ReleaseVersionInfo {
  /** Kubernetes minor, e.g. `1.29`. */
  readonly kubernetesVersion: string;
  /** The kubelet's full version, e.g. `1.29.10`. */
  readonly kubeletVersion: string;
  /** Release tag, e.g. `v20241122`. */
  readonly release: string;
}

/** A value the identification functions could not read; never thrown. */
export interface IdentifyProblem {
  readonly problem: string;
}

/** Parses a release version such as `1.29.10-20241122` into Kubernetes minor, kubelet version and tag. */
export function parseReleaseVersion(releaseVersion: string): ReleaseVersionInfo | IdentifyProblem {
  const match = /^((\d+\.\d+)\.\d+)-(\d{8})$/.exec(releaseVersion.trim());
  if (!match) return { problem: `release version '${releaseVersion}' is not of the form <k8s>.<patch>-YYYYMMDD` };
  return { kubeletVersion: match[1], kubernetesVersion: match[2], release: `v${match[3]}` };
}

/** What an SSM parameter name says about the AMI it points at. */
export type SsmParameterInfo =
  /** `.../recommended/image_id`, `.../recommended/release_version` or `.../recommended` (JSON) of an EKS-optimized type. */
  | {
      readonly kind: 'eks-recommended';
      readonly family: 'al2' | 'al2023';
      readonly series: AmiSeries;
      /** `image_id`, `release_version`, `image_name`, or `json` for the parent parameter. */
      readonly leaf: string;
    }
  /** An AMI name in place of `recommended`: the AMI is known offline. */
  | {
      readonly kind: 'eks-pinned';
      readonly family: 'al2' | 'al2023';
      readonly series: AmiSeries;
      readonly amiName: string;
      readonly release: string;
      readonly leaf: string;
    }
  | { readonly kind: 'bottlerocket'; readonly family: 'bottlerocket'; readonly kubernetesVersion?: string }
  | { readonly kind: 'windows'; readonly family: 'windows'; readonly kubernetesVersion?: string }
  | { readonly kind: 'unrecognised'; readonly family: 'unknown'; readonly problem: string };

const SSM_LEAVES = new Set(['image_id', 'release_version', 'image_name']);

/** Parses an SSM public parameter name of an EKS-optimized, Bottlerocket or Windows EKS AMI. */
export function parseSsmParameter(name: string): SsmParameterInfo {
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
  const amiType = EKS_AMI_TYPES.find((t) => TYPE_NAMES[t].ssmPath === typePath);
  if (!/^\d+\.\d+$/.test(kubernetesVersion ?? '') || !amiType || !last) {
    return { kind: 'unrecognised', family: 'unknown', problem: `SSM parameter '${name}' does not match ${EKS_SSM_PREFIX}<k8s>/<type>/(recommended|<ami-name>)/...` };
  }
  const series: AmiSeries = { amiType, kubernetesVersion };
  const family = familyOfEksAmiType(amiType);
  if (last === 'recommended') return { kind: 'eks-recommended', family, series, leaf };
  const pinned = parseAmiName(last);
  if (pinned.kind !== 'eks-optimized' || pinned.amiType !== amiType || pinned.kubernetesVersion !== kubernetesVersion) {
    return { kind: 'unrecognised', family: 'unknown', problem: `SSM parameter '${name}' names '${last}', which is not a ${amiType} ${kubernetesVersion} AMI` };
  }
  return { kind: 'eks-pinned', family, series, amiName: last, release: pinned.release, leaf };
}

/** The SSM parameter under which AWS publishes a series' recommended `<leaf>`. */
export function recommendedSsmParameterName(series: AmiSeries, leaf: 'image_id' | 'release_version'): string {
  return `${EKS_SSM_PREFIX}${series.kubernetesVersion}/${TYPE_NAMES[series.amiType].ssmPath}/recommended/${leaf}`;
}

/** The Kubernetes minor of `1.29`, `1.29.10` or `v1.29`, e.g. `1.29`; undefined for anything else. */
export function kubernetesMinor(version: string | undefined): string | undefined {
  return version ? /^v?(\d+\.\d+)(?:\.\d+)?$/.exec(version.trim())?.[1] : undefined;
}

/** Orders Kubernetes versions by minor, numerically (`1.9` < `1.10`; patches ignored); undefined when either is not a version. */
export function compareKubernetesMinors(a: string, b: string): number | undefined {
  const [pa, pb] = [kubernetesMinor(a), kubernetesMinor(b)].map((minor) => minor?.split('.').map(Number));
  if (!pa || !pb) return undefined;
  return pa[0] !== pb[0] ? pa[0] - pb[0] : pa[1] - pb[1];
}

/** A key naming one AMI series (Kubernetes minor + AMI type), for maps. */
export function seriesKey(series: AmiSeries): string {
  return `${series.kubernetesVersion} ${series.amiType}`;
}

