/**
 * Which containerd a node's AMI ships: `resolveContainerd` combines the AMI reference with the
 * embedded EKS AMI catalog, context values (SSM parameters, AMI lookups) and user overrides.
 * Pure: no AWS calls; what only AWS could answer is returned as `wantsSsmParameters`/`wantsImages`.
 */
import { catalogRow, catalogSeries, catalogSource, newestSeriesRow, seriesNeighbours } from '../catalog/catalog';
import type { CatalogRow } from '../catalog/types';
import {
  containerdVerdict,
  formatContainerdVersion,
  isVersionProblem,
  parseContainerdPackageVersion,
  parseContainerdPattern,
  rangeBetween,
  upstreamOf,
} from './containerd-version';
import {
  AmiSeries,
  eksAmiName,
  familyOfEksAmiType,
  kubernetesMinor,
  parseAmiName,
  parseAmiType,
  parseReleaseVersion,
  parseSsmParameter,
  recommendedSsmParameterName,
} from './identify';
import type { AmiFacts, AmiFamily, AmiReference, ContainerdResolution, ContainerdVerdict, ContainerdVersion, ImageFacts, RegionalImageIds } from './types';

type Resolution = ContainerdResolution;

/**
 * Resolves the containerd version (or range) of a node's AMI and the verdict on it. Never throws.
 * Precedence: overrides; Bottlerocket/Windows (`not-applicable`); AMI name; amiType + releaseVersion;
 * AMI id (lookup facts: name, then description), or each region's AMI id of a per-region mapping
 * (the riskiest decides); SSM parameter; amiType + Kubernetes version
 * (release_version from context, else the catalog's newest AMI of the series, assumed).
 */
export function resolveContainerd(ami: AmiReference, facts: AmiFacts = {}): ContainerdResolution {
  const family = familyOfReference(ami, facts);
  const override = resolveOverride(ami, facts, family);
  if (override) return override;
  if (family === 'bottlerocket' || family === 'windows') return notApplicable(ami, family, kubernetesVersionTold(ami, facts));
  if (ami.amiName) return fromAmiName(ami.amiName, `AMI name ${ami.amiName}`, facts);
  const typeInfo = ami.amiType ? parseAmiType(ami.amiType) : undefined;
  if (typeInfo?.kind === 'eks-optimized' && ami.releaseVersion) return fromReleaseVersion(typeInfo.amiType, ami.releaseVersion);
  if (ami.imageId && !ami.imageIdUnresolved && ami.imageId.startsWith('ami-')) return fromImageId(ami.imageId, facts);
  if (ami.regionalImageIds) return fromRegionalImages(ami, ami.regionalImageIds, facts);
  if (ami.ssmParameter) return fromSsmParameter(ami.ssmParameter, facts);
  if (typeInfo?.kind === 'eks-optimized') {
    const minor = kubernetesMinor(ami.kubernetesVersion);
    if (!minor) return unknown(typeInfo.family, `amiType ${typeInfo.amiType} without a release version or Kubernetes version: no AMI series to look up`);
    return fromRecommended({ amiType: typeInfo.amiType, kubernetesVersion: minor }, facts, `amiType ${typeInfo.amiType} with no releaseVersion`);
  }
  if (typeInfo?.kind === 'unrecognised') return unknown('unknown', typeInfo.problem);
  if (ami.imageIdUnresolved) return unknown(family, 'the image id is not known at synth (a token, a parameter without a default, or a mapping whose values are not all literal AMI ids)');
  return unknown(family, 'the configuration names no AMI (no amiType, AMI id, SSM parameter or AMI name)');
}

/** The kubelet (Kubernetes) version of a resolved AMI: the full version when the release version is known, else the minor. */
export interface KubeletVersion {
  /** Kubernetes minor, e.g. `1.29`. */
  readonly minor: string;
  /** Full kubelet version, e.g. `1.29.10`, when known. */
  readonly version?: string;
}

/** The kubelet version a resolution implies, or undefined when neither release version nor Kubernetes version is known. */
export function kubeletVersionOf(resolution: ContainerdResolution): KubeletVersion | undefined {
  const parsed = resolution.releaseVersion ? parseReleaseVersion(resolution.releaseVersion) : undefined;
  if (parsed && !('problem' in parsed)) return { minor: parsed.kubernetesVersion, version: parsed.kubeletVersion };
  const minor = kubernetesMinor(resolution.kubernetesVersion);
  return minor ? { minor } : undefined;
}

// ---- family ------------------------------------------------------------------------------

function familyOfReference(ami: AmiReference, facts: AmiFacts): AmiFamily {
  const candidates: AmiFamily[] = [];
  if (ami.amiType) candidates.push(parseAmiType(ami.amiType).family);
  if (ami.amiName) candidates.push(parseAmiName(ami.amiName).family);
  if (ami.ssmParameter) candidates.push(parseSsmParameter(ami.ssmParameter).family);
  const image = ami.imageId ? facts.images?.[ami.imageId] : undefined;
  if (image) candidates.push(familyOfImage(image));
  return candidates.find((f) => f !== 'unknown') ?? 'unknown';
}

function familyOfImage(image: ImageFacts): AmiFamily {
  const byName = image.name ? parseAmiName(image.name).family : 'unknown';
  if (byName !== 'unknown') return byName;
  const description = image.description ?? '';
  if (/Amazon ?Linux ?2023/i.test(description)) return 'al2023';
  if (/Amazon ?Linux ?2\b/i.test(description)) return 'al2';
  if (/bottlerocket/i.test(description)) return 'bottlerocket';
  if (/windows/i.test(description)) return 'windows';
  return 'unknown';
}

/**
 * The Kubernetes version the AMI itself tells (by name or SSM parameter). A resolution carries only
 * that; the configured version is the node's, and describe.ts names it as such.
 */
function kubernetesVersionTold(ami: AmiReference, facts: AmiFacts): string | undefined {
  const names = [ami.amiName, ami.imageId ? facts.images?.[ami.imageId]?.name : undefined];
  const told = [...names.map((name) => (name ? parseAmiName(name) : undefined)), ami.ssmParameter ? parseSsmParameter(ami.ssmParameter) : undefined];
  return told.map((info) => (info && 'kubernetesVersion' in info ? info.kubernetesVersion : undefined)).find((version) => version !== undefined);
}

/** Bottlerocket and Windows AMIs: the rules do not apply; `kubernetesVersion` is what the AMI tells. */
function notApplicable(ami: AmiReference, family: 'bottlerocket' | 'windows', kubernetesVersion: string | undefined): Resolution {
  const what = family === 'bottlerocket' ? 'Bottlerocket (configured by TOML settings, no bootstrap.sh kubelet flags)' : 'Windows (the kubelet legitimately runs with an empty --resolv-conf)';
  const via = ami.amiType ?? ami.amiName ?? ami.ssmParameter ?? ami.imageId ?? 'the AMI';
  const minor = kubernetesMinor(kubernetesVersion);
  return { verdict: 'not-applicable', family, sourceKind: 'none', source: `${via} is ${what}: the resolv-conf rules do not apply`, ...(minor ? { kubernetesVersion: minor } : {}) };
}

function unknown(family: AmiFamily, why: string, extra: Partial<Resolution> = {}): Resolution {
  return { verdict: 'unknown', family, sourceKind: 'none', source: `containerd version unknown: ${why}`, ...extra };
}

// ---- overrides ---------------------------------------------------------------------------

function overrideKeys(ami: AmiReference, facts: AmiFacts): string[] {
  const keys = [ami.imageId, ami.amiName];
  if (ami.imageId) keys.push(facts.images?.[ami.imageId]?.name);
  if (ami.ssmParameter) {
    const info = parseSsmParameter(ami.ssmParameter);
    if (info.kind === 'eks-pinned') keys.push(info.amiName);
  }
  keys.push(ami.ssmParameter, ami.releaseVersion);
  return keys.filter((k): k is string => Boolean(k));
}

function resolveOverride(ami: AmiReference, facts: AmiFacts, family: AmiFamily): Resolution | undefined {
  const overrides = facts.overrides ?? {};
  const key = overrideKeys(ami, facts).find((k) => Object.prototype.hasOwnProperty.call(overrides, k));
  if (key === undefined) return undefined;
  const value = overrides[key];
  const parsed = parseContainerdPattern(value);
  const release = ami.releaseVersion ? parseReleaseVersion(ami.releaseVersion) : undefined;
  const known = release && !('problem' in release) ? { release: release.release, kubernetesVersion: release.kubernetesVersion, releaseVersion: ami.releaseVersion } : {};
  const base = { family, sourceKind: 'override' as const, ...known, ...(ami.amiName ? { amiName: ami.amiName } : {}) };
  if (isVersionProblem(parsed)) return { ...base, verdict: 'unknown', source: `override for ${key} = '${value}' is not a containerd version: ${parsed.problem}` };
  return { ...base, verdict: containerdVerdict(parsed), containerd: parsed, source: `override: ${key} runs containerd ${value} (user override)` };
}

// ---- catalog -----------------------------------------------------------------------------

function fromAmiName(name: string, via: string, facts: AmiFacts = {}): Resolution {
  const filter = seriesOfNameFilter(name);
  if (filter) return fromRecommended(filter, facts, `AMI name filter ${name} (the newest matching AMI)`);
  const info = parseAmiName(name);
  if (info.kind === 'bottlerocket' || info.kind === 'windows') return notApplicable({ amiName: name }, info.family, info.kubernetesVersion);
  if (info.kind === 'unrecognised') return unknown('unknown', `${via}: ${info.problem}`, { amiName: name });
  return fromCatalog(info, info.release, { amiName: name });
}

/** A lookup filter such as `amazon-eks-node-1.29-v*` (MachineImage.lookup picks the newest match): its series. */
function seriesOfNameFilter(name: string): AmiSeries | undefined {
  if (!/-v?\*$/.test(name)) return undefined;
  const info = parseAmiName(name.replace(/-v?\*$/, '-v00000000'));
  return info.kind === 'eks-optimized' ? { amiType: info.amiType, kubernetesVersion: info.kubernetesVersion } : undefined;
}

function fromReleaseVersion(amiType: AmiSeries['amiType'], releaseVersion: string): Resolution {
  const parsed = parseReleaseVersion(releaseVersion);
  const family = familyOfEksAmiType(amiType);
  if ('problem' in parsed) return unknown(family, parsed.problem);
  return fromCatalog({ amiType, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion });
}

interface CatalogContext {
  readonly amiName?: string;
  readonly releaseVersion?: string;
  /** Prepended to the catalog sentence, e.g. where the release came from. */
  readonly prefix?: string;
}

function describeRow(row: CatalogRow): string {
  const status = row.status === 'released' ? '' : `, ${row.status}`;
  return `${row.amiNames[0]} ships containerd ${row.containerdPackage} (upstream changelog, release ${row.release}${status})`;
}

/**
 * The first release of the node's series after its own (release tags sort by date) whose
 * containerd is affected: the upgrade that will break a configuration that works today.
 * Undefined when none.
 */
function firstAffectedRelease(at: AmiSeries & { readonly release: string }): string | undefined {
  return catalogSeries(at).find((row) => {
    if (!row.containerdPackage || row.release <= at.release) return false;
    const parsed = parseContainerdPackageVersion(row.containerdPackage);
    return !isVersionProblem(parsed) && containerdVerdict(parsed) === 'affected';
  })?.release;
}

/**
 * Verdict fields plus, for `not-affected`, the next affected release after the node's own
 * (`at`) or a note that the series has none. A series can roll back to an unaffected containerd,
 * so the search must start at the node's release.
 */
function withVerdict(
  version: ContainerdVersion,
  at: (AmiSeries & { readonly release: string }) | undefined,
): Pick<Resolution, 'verdict' | 'containerd' | 'firstAffectedRelease'> & { note: string } {
  const verdict = containerdVerdict(version);
  if (verdict !== 'not-affected' || !at) return { verdict, containerd: version, note: '' };
  const first = firstAffectedRelease(at);
  if (first) return { verdict, containerd: version, firstAffectedRelease: first, note: '' };
  const newest = newestSeriesRow(at);
  const note = newest ? `; no ${at.amiType} Kubernetes ${at.kubernetesVersion} AMI in the catalog ships an affected containerd (newest: ${newest.release})` : '';
  return { verdict, containerd: version, note };
}

function fromCatalog(series: AmiSeries, release: string, context: CatalogContext): Resolution {
  const family = familyOfEksAmiType(series.amiType);
  const prefix = context.prefix ?? '';
  const row = catalogRow(series, release);
  const amiName = context.amiName ?? row?.amiNames[0] ?? eksAmiName(series, release);
  const releaseVersion = context.releaseVersion ?? row?.releaseVersion;
  const base = { family, amiName, release, kubernetesVersion: series.kubernetesVersion, ...(releaseVersion ? { releaseVersion } : {}) };
  if (row?.containerdPackage) {
    const parsed = parseContainerdPackageVersion(row.containerdPackage);
    if (isVersionProblem(parsed)) return { ...unknown(family, parsed.problem), ...base };
    const { note, ...verdict } = withVerdict(parsed, { ...series, release });
    return { ...base, ...verdict, sourceKind: 'catalog', source: `${prefix}EKS AMI catalog: ${describeRow(row)}${note}` };
  }
  if (row) return { ...unknown(family, `${prefix}the EKS AMI changelog lists ${amiName} (release ${release}) without a containerd version`), ...base };
  return fromGap(series, release, base, prefix);
}

function fromGap(series: AmiSeries, release: string, base: Partial<Resolution> & { family: AmiFamily }, prefix: string): Resolution {
  const { before, after } = seriesNeighbours(series, release);
  const label = `${series.amiType} Kubernetes ${series.kubernetesVersion}`;
  const catalog = catalogSource();
  let version: ContainerdVersion;
  let why: string;
  if (before?.containerdPackage && after?.containerdPackage) {
    version = rangeBetween(before.containerdPackage, after.containerdPackage);
    why = `release ${release} is not in the EKS AMI changelog (a gap); its ${label} neighbours ${before.release} (containerd ${before.containerdPackage}) and ${after.release} (containerd ${after.containerdPackage}) bound it to ${formatContainerdVersion(version)}`;
  } else if (before?.containerdPackage) {
    version = { min: upstreamOf(before.containerdPackage) };
    why =
      release > catalog.newestRelease
        ? `release ${release} is newer than the EKS AMI catalog (as of ${catalog.newestRelease}); the newest ${label} AMI, ${before.release}, ships containerd ${before.containerdPackage}, so assumed at least ${version.min}`
        : `release ${release} has no ${label} AMI in the EKS AMI changelog; the newest before it, ${before.release}, ships containerd ${before.containerdPackage}, so assumed at least ${version.min}`;
  } else if (after?.containerdPackage) {
    version = { max: upstreamOf(after.containerdPackage) };
    why = `release ${release} is older than the first ${label} AMI in the EKS AMI changelog (${after.release}, containerd ${after.containerdPackage}), so assumed at most ${version.max}`;
  } else {
    return { ...unknown(base.family, `${prefix}the EKS AMI catalog has no ${label} AMIs with a containerd version`), ...base };
  }
  const { note, ...verdict } = withVerdict(version, { ...series, release });
  return { ...base, ...verdict, sourceKind: 'catalog-gap', source: `${prefix}${why}${note}` };
}

/** No release known: the release_version SSM value from context, else assume the catalog's newest AMI of the series. */
function fromRecommended(series: AmiSeries, facts: AmiFacts, via: string, extra: Partial<Resolution> = {}): Resolution {
  const parameter = recommendedSsmParameterName(series, 'release_version');
  let reason = via;
  const value = facts.ssmValues?.[parameter];
  if (value !== undefined) {
    const parsed = parseReleaseVersion(value);
    if (!('problem' in parsed)) {
      return {
        ...fromCatalog({ ...series, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion: value, prefix: `SSM ${parameter} = ${value} (cdk.context.json); ` }),
        ...extra,
      };
    }
    // A placeholder such as CDK's dummy lookup value: fall back to the assumption, visibly.
    reason = `${via} (SSM ${parameter} = '${value}' is not a release version)`;
  }
  const family = familyOfEksAmiType(series.amiType);
  const newest = newestSeriesRow(series);
  const wants = { wantsSsmParameters: [parameter] };
  if (!newest?.containerdPackage) {
    return unknown(family, `${reason}: the EKS AMI catalog has no ${series.amiType} Kubernetes ${series.kubernetesVersion} AMIs, and SSM ${parameter} is not in context`, { kubernetesVersion: series.kubernetesVersion, ...wants, ...extra });
  }
  const parsed = parseContainerdPackageVersion(newest.containerdPackage);
  if (isVersionProblem(parsed)) return unknown(family, parsed.problem, { ...wants, ...extra });
  const { note, ...verdict } = withVerdict(parsed, { ...series, release: newest.release });
  return {
    ...verdict,
    family,
    amiName: newest.amiNames[0],
    release: newest.release,
    kubernetesVersion: series.kubernetesVersion,
    ...(newest.releaseVersion ? { releaseVersion: newest.releaseVersion } : {}),
    sourceKind: 'catalog-latest-assumed',
    source: `${reason}: assumed the newest catalog AMI (catalog as of ${catalogSource().newestRelease}), ${describeRow(newest)}; SSM ${parameter} would say which release nodes get${note}`,
    ...wants,
    ...extra,
  };
}

// ---- SSM parameters and AMI ids ----------------------------------------------------------

function fromSsmParameter(parameter: string, facts: AmiFacts): Resolution {
  const info = parseSsmParameter(parameter);
  switch (info.kind) {
    case 'bottlerocket':
    case 'windows':
      return notApplicable({ ssmParameter: parameter }, info.family, info.kubernetesVersion);
    case 'unrecognised':
      return unknown('unknown', info.problem);
    case 'eks-pinned':
      return fromCatalog(info.series, info.release, { amiName: info.amiName, prefix: `SSM ${parameter} pins ${info.amiName}; ` });
    case 'eks-recommended':
      return fromRecommendedParameter(parameter, info.series, info.leaf, facts);
  }
}

function fromRecommendedParameter(parameter: string, series: AmiSeries, leaf: string, facts: AmiFacts): Resolution {
  const value = facts.ssmValues?.[parameter];
  const via = `SSM ${parameter}`;
  if (value === undefined || leaf === 'release_version') return fromRecommended(series, facts, via);
  if (leaf === 'image_id') {
    // CDK returns `dummy-value-for-…` until the CLI has looked the parameter up: not an AMI id.
    if (!value.startsWith('ami-')) return fromRecommended(series, facts, via);
    const image = facts.images?.[value];
    if (image && !image.missing) return fromImageId(value, facts, `${via} = ${value} (cdk.context.json); `);
    return fromRecommended(series, facts, `${via} = ${value} (cdk.context.json)`, image ? {} : { wantsImages: [value] });
  }
  if (leaf === 'image_name') return fromAmiName(value, `${via} = ${value}`);
  // The parent parameter holds JSON: {"image_id": …, "image_name": …, "release_version": …}.
  const releaseVersion = releaseVersionInJson(value);
  if (releaseVersion) {
    const parsed = parseReleaseVersion(releaseVersion);
    if (!('problem' in parsed)) return fromCatalog({ ...series, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion, prefix: `${via} release_version = ${releaseVersion} (cdk.context.json); ` });
  }
  return fromRecommended(series, facts, via);
}

function releaseVersionInJson(value: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(value);
    const rv = parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>).release_version : undefined;
    return typeof rv === 'string' ? rv : undefined;
  } catch {
    return undefined;
  }
}

const DESCRIPTION_CONTAINERD = /containerd:\s*([^\s,)]+)/;

/**
 * The AMI id `MachineImage.lookup` returns until the CDK CLI has answered the lookup
 * (aws-cdk-lib `LookupMachineImage`, `dummyValue`); no real AMI id is that short.
 */
const CDK_LOOKUP_PLACEHOLDER_AMI = 'ami-1234';

function fromImageId(imageId: string, facts: AmiFacts, prefix = ''): Resolution {
  if (imageId === CDK_LOOKUP_PLACEHOLDER_AMI) {
    return unknown('unknown', `${prefix}AMI ${imageId} is the placeholder CDK uses until the CDK CLI has answered a MachineImage.lookup`, { awaitsCdkLookup: true });
  }
  const image = facts.images?.[imageId];
  if (!image) {
    // Where its request is depends on the front door: the rules' messages say that.
    return unknown('unknown', `${prefix}AMI ${imageId} is not in the lookup results \`eks-node-guard lookup\` stores in cdk.context.json`, { wantsImages: [imageId] });
  }
  if (image.missing) return unknown('unknown', `${prefix}AMI ${imageId} was not found by EC2 DescribeImages (deregistered, not shared, or in another region)`);
  const family = familyOfImage(image);
  const label = `${prefix}AMI ${imageId}${image.name ? ` (${image.name})` : ''}`;
  const nameInfo = image.name ? parseAmiName(image.name) : undefined;
  if (nameInfo?.kind === 'bottlerocket' || nameInfo?.kind === 'windows') return notApplicable({ imageId }, nameInfo.family, nameInfo.kubernetesVersion);
  const fromName = nameInfo?.kind === 'eks-optimized' ? fromCatalog(nameInfo, nameInfo.release, { amiName: nameInfo.name, prefix: `${label}: ` }) : undefined;
  if (fromName?.sourceKind === 'catalog') return fromName;
  const pattern = DESCRIPTION_CONTAINERD.exec(image.description ?? '')?.[1];
  const parsed = pattern ? parseContainerdPattern(pattern) : undefined;
  const described = parsed && !isVersionProblem(parsed) && (parsed.exact || parsed.min || parsed.max) ? parsed : undefined;
  // An exact version from AWS beats a range guessed from catalog neighbours; a pattern does not.
  if (described && (described.exact || fromName === undefined)) {
    const series = nameInfo?.kind === 'eks-optimized' ? nameInfo : undefined;
    const { note, ...verdict } = withVerdict(described, series);
    return {
      ...verdict,
      family,
      ...(image.name ? { amiName: image.name } : {}),
      ...(series ? { release: series.release, kubernetesVersion: series.kubernetesVersion } : {}),
      sourceKind: 'ami-description',
      source: `${label} description says containerd ${pattern}${note}`,
    };
  }
  if (fromName) return fromName;
  return unknown(family, `${label}: neither its name nor its description identifies containerd`, image.name ? { amiName: image.name } : {});
}

// ---- per-region mappings ------------------------------------------------------------------

/** Riskiest first: the verdict a node gets when its region is not known at synth. */
const VERDICT_RISK: readonly ContainerdVerdict[] = ['affected', 'possibly-affected', 'unknown', 'not-affected', 'not-applicable'];

/**
 * An image id a mapping gives per region: the stack may deploy to any of them, so each region's
 * AMI is judged and the riskiest decides (the first of them, in the mapping's order, on a tie).
 * Every region's wanted lookups are kept, so one `lookup` settles them all.
 */
function fromRegionalImages(ami: AmiReference, regional: RegionalImageIds, facts: AmiFacts): Resolution {
  const { regionalImageIds: _regional, ...rest } = ami;
  const regions = Object.entries(regional.ids).map(([region, imageId]) => ({ region, imageId, resolution: resolveContainerd({ ...rest, imageId }, facts) }));
  if (regions.length === 0) return unknown('unknown', `the image id comes from mapping ${regional.mapping}, which lists no region`);
  const risk = (r: Resolution) => VERDICT_RISK.indexOf(r.verdict);
  const riskiest = regions.reduce((worst, r) => (risk(r.resolution) < risk(worst.resolution) ? r : worst));
  const listed = regions.map((r) => `${r.region}: ${r.imageId}, ${regionalVerdictText(r.resolution)}`).join('; ');
  const where =
    regions.length === 1
      ? `the image id comes from Fn::FindInMap on mapping ${regional.mapping} by region, which has an AMI for ${riskiest.region} only`
      : `the image id comes from Fn::FindInMap on mapping ${regional.mapping} by region, one AMI per region (${listed}); judged by the riskiest, ${riskiest.region}`;
  const wantsImages = distinctValues(regions.flatMap((r) => r.resolution.wantsImages ?? []));
  const wantsSsmParameters = distinctValues(regions.flatMap((r) => r.resolution.wantsSsmParameters ?? []));
  return {
    ...riskiest.resolution,
    source: `${riskiest.resolution.source}; ${where}`,
    ...(wantsImages.length > 0 ? { wantsImages } : {}),
    ...(wantsSsmParameters.length > 0 ? { wantsSsmParameters } : {}),
  };
}

/** `containerd 1.7.22, affected` or `containerd unknown`, for the list of a mapping's regions. */
function regionalVerdictText(resolution: Resolution): string {
  if (resolution.verdict === 'unknown') return 'containerd unknown';
  if (resolution.verdict === 'not-applicable') return `${resolution.family}, not applicable`;
  return `containerd ${resolution.containerd ? formatContainerdVersion(resolution.containerd) : 'unknown'}, ${resolution.verdict}`;
}

function distinctValues(values: readonly string[]): string[] {
  return [...new Set(values)];
}
