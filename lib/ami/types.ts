/**
 * What the guard knows about a node's AMI, and which containerd it concludes the node runs.
 */

/** How the AMI of a node was specified, as far as the configuration shows it. Every field optional. */
export interface AmiReference {
  /** Managed node group `amiType`, e.g. `AL2_x86_64`, `AL2023_ARM_64_STANDARD`, `BOTTLEROCKET_x86_64`, `WINDOWS_CORE_2022_x86_64`, `CUSTOM`. */
  readonly amiType?: string;
  /** Managed node group `releaseVersion`, e.g. `1.29.10-20241122`. */
  readonly releaseVersion?: string;
  /** Kubernetes minor of the node group or cluster, e.g. `1.29`. */
  readonly kubernetesVersion?: string;
  /** A literal AMI id, e.g. `ami-0123456789abcdef0`. */
  readonly imageId?: string;
  /** The SSM parameter the image id comes from, e.g. `/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id`. */
  readonly ssmParameter?: string;
  /** An AMI name known from configuration (e.g. a `MachineImage.lookup` filter or a pinned SSM path). */
  readonly amiName?: string;
  /** True when the image id is a value the configuration does not show (a token, a parameter without default). */
  readonly imageIdUnresolved?: boolean;
  /**
   * The image id is `Fn::FindInMap` on a mapping of the template, keyed by the stack's region
   * (`MachineImage.genericLinux` in an env-agnostic stack): the AMI id the mapping holds for each
   * region. Set only when every one of them is a literal AMI id.
   */
  readonly regionalImageIds?: RegionalImageIds;
  /** The AWS region of the stack, when concrete. */
  readonly region?: string;
}

/** The AMI ids of a per-region mapping, e.g. `{ mapping: 'LTAmiMapB3EF7D31', ids: { 'eu-west-1': 'ami-0123…' } }`. */
export interface RegionalImageIds {
  /** The mapping's logical id. */
  readonly mapping: string;
  /** AMI id by region, in the mapping's order. */
  readonly ids: Readonly<Record<string, string>>;
}

/** Facts about AMIs learned outside the catalog: CDK context (lookups) and user overrides. */
export interface AmiFacts {
  /** User overrides: AMI id, AMI name, SSM parameter name or release version -> containerd version. */
  readonly overrides?: Readonly<Record<string, string>>;
  /** Values of SSM parameters, e.g. `.../recommended/release_version` -> `1.29.10-20241122`. */
  readonly ssmValues?: Readonly<Record<string, string>>;
  /** What `eks-node-guard lookup` (or a CDK AMI lookup) learned about AMI ids. */
  readonly images?: Readonly<Record<string, ImageFacts>>;
}

/** What EC2 DescribeImages says about one AMI. */
export interface ImageFacts {
  /** The AMI name, e.g. `amazon-eks-node-1.29-v20241024`. */
  readonly name?: string;
  /** The AMI description, which for EKS AMIs may name the containerd version. */
  readonly description?: string;
  /** Set when the lookup found the AMI missing or deregistered. */
  readonly missing?: boolean;
}

/** The verdict on whether a containerd version (or range) has the empty-DNSConfig change. */
export type ContainerdVerdict =
  | 'affected'
  | 'not-affected'
  /** The version is a range that straddles a boundary (a catalog gap, a pattern like `1.7.*`). */
  | 'possibly-affected'
  | 'unknown'
  /** Bottlerocket or Windows: the resolv-conf rules do not apply. */
  | 'not-applicable';

/** A containerd version: exact, or bounded by a range when the sources only bound it. */
export interface ContainerdVersion {
  /** Upstream version, e.g. `1.7.22`, when known exactly. */
  readonly exact?: string;
  /** Lower bound (inclusive) of the upstream version, when only a range is known. */
  readonly min?: string;
  /** Upstream bound above (inclusive), when only a range is known; absent when unbounded. */
  readonly max?: string;
  /** The package version as published, e.g. `1.7.22-1.amzn2.0.2`. */
  readonly packageVersion?: string;
}

/** AMI families the guard distinguishes. */
export type AmiFamily = 'al2' | 'al2023' | 'bottlerocket' | 'windows' | 'unknown';

/** Where a containerd conclusion came from. */
export type ContainerdSourceKind =
  /** The catalog lists the AMI's release. */
  | 'catalog'
  /** The release is missing from the changelog: bounded by its neighbours (a range). */
  | 'catalog-gap'
  /** No release known: the newest catalog release of the series was assumed. */
  | 'catalog-latest-assumed'
  /** The AMI description (from a lookup) names the containerd version or pattern. */
  | 'ami-description'
  /** The user's `containerd` option. */
  | 'override'
  /** Nothing settles it. */
  | 'none';

/** Which containerd a node runs, how the guard knows, and the verdict. */
export interface ContainerdResolution {
  /** Whether that containerd has the empty-DNSConfig change. */
  readonly verdict: ContainerdVerdict;
  /** The version, exact or a range; absent when unknown. */
  readonly containerd?: ContainerdVersion;
  /** The AMI family, which decides which rules apply. */
  readonly family: AmiFamily;
  /** The AMI as identified, e.g. `amazon-eks-node-1.29-v20241024`. */
  readonly amiName?: string;
  /** Release tag, e.g. `v20241024`. */
  readonly release?: string;
  /** Kubernetes minor of the AMI or node group, e.g. `1.29`. */
  readonly kubernetesVersion?: string;
  /** Release version of the identified AMI, e.g. `1.29.10-20241024` (its kubelet version is the part before `-`), when known. */
  readonly releaseVersion?: string;
  /** Which kind of source settled it. */
  readonly sourceKind: ContainerdSourceKind;
  /** One sentence on how the version was determined, for messages. */
  readonly source: string;
  /** For `not-affected`: the first catalog release of this AMI series, after the node's own, whose containerd is affected. */
  readonly firstAffectedRelease?: string;
  /** SSM parameters whose values would settle the question (the Aspect asks CDK to look them up). */
  readonly wantsSsmParameters?: readonly string[];
  /** AMI ids whose description would settle the question (`eks-node-guard lookup`). */
  readonly wantsImages?: readonly string[];
  /** The AMI id is CDK's placeholder for a context lookup the CDK CLI has not answered yet (it synthesizes again once it has). */
  readonly awaitsCdkLookup?: boolean;
}
