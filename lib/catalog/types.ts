/**
 * The EKS AMI catalog: per release, Kubernetes minor and AMI type, the AMI names, the release
 * version and the containerd package, as the upstream changelog lists them.
 */
import type { EksAmiType } from '../ami/identify';

/** Which of the changelog's three layouts a release section uses. */
export type ChangelogFormat =
  /** 2024 on: HTML tables with one package column per AMI type (colspan/rowspan). */
  | 'html-ami-type'
  /** Early 2024: HTML tables with a single "Version" column for all AMIs of a Kubernetes minor. */
  | 'html-version'
  /** 2023 and older: markdown bullet lists. */
  | 'markdown';

/** Whether a release's AMIs shipped: the changelog marks some `[Recalled]` or `[ABANDONED]`. */
export type ReleaseStatus = 'released' | 'recalled' | 'abandoned';

/** One AMI of one release: a release tag, a Kubernetes minor and an AMI type. */
export interface CatalogRow {
  /** Release tag, e.g. `v20241024`. */
  readonly release: string;
  readonly status: ReleaseStatus;
  /** Kubernetes minor, e.g. `1.29`. */
  readonly kubernetesVersion: string;
  readonly amiType: EksAmiType;
  /** The AMI name(s), e.g. `amazon-eks-node-1.29-v20241024` (a type can have variants, e.g. `-nvidia-560-`). */
  readonly amiNames: readonly string[];
  /** Release version, e.g. `1.29.10-20241024`; absent when the changelog does not list it. */
  readonly releaseVersion?: string;
  /** containerd package version, e.g. `1.7.22-1.amzn2.0.2`; absent when the changelog does not list it. */
  readonly containerdPackage?: string;
}

/** One release section of the changelog. */
export interface CatalogRelease {
  readonly release: string;
  readonly status: ReleaseStatus;
  readonly format: ChangelogFormat;
  readonly rows: readonly CatalogRow[];
}

/** Where the catalog came from. */
export interface CatalogSource {
  /** What was parsed, e.g. `awslabs/amazon-eks-ami CHANGELOG.md`. */
  readonly file: string;
  /** SHA-256 of the parsed file, hex. */
  readonly sha256: string;
  /** The newest release tag in the changelog, e.g. `v20260714`. */
  readonly newestRelease: string;
  /** The date of the newest release (`YYYY-MM-DD`): the changelog is current as of this day. */
  readonly date: string;
}

/** The decoded catalog. Releases are newest first. */
export interface Catalog {
  readonly source: CatalogSource;
  readonly releases: readonly CatalogRelease[];
}
