"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolveContainerd = resolveContainerd;
exports.kubeletVersionOf = kubeletVersionOf;
/**
 * Which containerd a node's AMI ships: `resolveContainerd` combines the AMI reference with the
 * embedded EKS AMI catalog, context values (SSM parameters, AMI lookups) and user overrides.
 * Pure: no AWS calls; what only AWS could answer is returned as `wantsSsmParameters`/`wantsImages`.
 */
const catalog_1 = require("../catalog/catalog");
const containerd_version_1 = require("./containerd-version");
const identify_1 = require("./identify");
/** Resolves the containerd version (or range) of a node's AMI and the verdict on it. Never throws. */
function resolveContainerd(ami, facts = {}) {
    const family = familyOfReference(ami, facts);
    const override = resolveOverride(ami, facts, family);
    if (override)
        return override;
    if (family === 'bottlerocket' || family === 'windows')
        return notApplicable(ami, family);
    if (ami.amiName)
        return fromAmiName(ami.amiName, `AMI name ${ami.amiName}`);
    const typeInfo = ami.amiType ? (0, identify_1.parseAmiType)(ami.amiType) : undefined;
    if (typeInfo?.kind === 'eks-optimized' && ami.releaseVersion)
        return fromReleaseVersion(typeInfo.amiType, ami.releaseVersion, ami.kubernetesVersion);
    if (ami.imageId && !ami.imageIdUnresolved && ami.imageId.startsWith('ami-'))
        return fromImageId(ami.imageId, facts);
    if (ami.ssmParameter)
        return fromSsmParameter(ami.ssmParameter, facts);
    if (typeInfo?.kind === 'eks-optimized') {
        const minor = kubernetesMinor(ami.kubernetesVersion);
        if (!minor)
            return unknown(typeInfo.family, `amiType ${typeInfo.amiType} without a release version or Kubernetes version: no AMI series to look up`);
        return fromRecommended({ amiType: typeInfo.amiType, kubernetesVersion: minor }, facts, `amiType ${typeInfo.amiType} with no releaseVersion`);
    }
    if (typeInfo?.kind === 'unrecognised')
        return unknown('unknown', typeInfo.problem);
    if (ami.imageIdUnresolved)
        return unknown(family, 'the image id is not known at synth (a token or a parameter without a default)');
    return unknown(family, 'the configuration names no AMI (no amiType, AMI id, SSM parameter or AMI name)');
}
/** The kubelet version a resolution implies, or undefined when neither release version nor Kubernetes version is known. */
function kubeletVersionOf(resolution) {
    const parsed = resolution.releaseVersion ? (0, identify_1.parseReleaseVersion)(resolution.releaseVersion) : undefined;
    if (parsed && !('problem' in parsed))
        return { minor: parsed.kubernetesVersion, version: parsed.kubeletVersion };
    const minor = kubernetesMinor(resolution.kubernetesVersion);
    return minor ? { minor } : undefined;
}
function kubernetesMinor(version) {
    return version ? /^v?(\d+\.\d+)(?:\.\d+)?$/.exec(version.trim())?.[1] : undefined;
}
// ---- family ------------------------------------------------------------------------------
function familyOfReference(ami, facts) {
    const candidates = [];
    if (ami.amiType)
        candidates.push((0, identify_1.parseAmiType)(ami.amiType).family);
    if (ami.amiName)
        candidates.push((0, identify_1.parseAmiName)(ami.amiName).family);
    if (ami.ssmParameter)
        candidates.push((0, identify_1.parseSsmParameter)(ami.ssmParameter).family);
    const image = ami.imageId ? facts.images?.[ami.imageId] : undefined;
    if (image)
        candidates.push(familyOfImage(image));
    return candidates.find((f) => f !== 'unknown') ?? 'unknown';
}
function familyOfImage(image) {
    const byName = image.name ? (0, identify_1.parseAmiName)(image.name).family : 'unknown';
    if (byName !== 'unknown')
        return byName;
    const description = image.description ?? '';
    if (/Amazon ?Linux ?2023/i.test(description))
        return 'al2023';
    if (/Amazon ?Linux ?2\b/i.test(description))
        return 'al2';
    if (/bottlerocket/i.test(description))
        return 'bottlerocket';
    if (/windows/i.test(description))
        return 'windows';
    return 'unknown';
}
function notApplicable(ami, family) {
    const what = family === 'bottlerocket' ? 'Bottlerocket (configured by TOML settings, no bootstrap.sh kubelet flags)' : 'Windows (the kubelet legitimately runs with an empty --resolv-conf)';
    const via = ami.amiType ?? ami.amiName ?? ami.ssmParameter ?? ami.imageId ?? 'the AMI';
    return { verdict: 'not-applicable', family, sourceKind: 'none', source: `${via} is ${what}: the resolv-conf rules do not apply`, ...kubernetesOf(ami) };
}
function kubernetesOf(ami) {
    const minor = kubernetesMinor(ami.kubernetesVersion);
    return minor ? { kubernetesVersion: minor } : {};
}
function unknown(family, why, extra = {}) {
    return { verdict: 'unknown', family, sourceKind: 'none', source: `containerd version unknown: ${why}`, ...extra };
}
// ---- overrides ---------------------------------------------------------------------------
function overrideKeys(ami, facts) {
    const keys = [ami.imageId, ami.amiName];
    if (ami.imageId)
        keys.push(facts.images?.[ami.imageId]?.name);
    if (ami.ssmParameter) {
        const info = (0, identify_1.parseSsmParameter)(ami.ssmParameter);
        if (info.kind === 'eks-pinned')
            keys.push(info.amiName);
    }
    keys.push(ami.ssmParameter, ami.releaseVersion);
    return keys.filter((k) => Boolean(k));
}
function resolveOverride(ami, facts, family) {
    const overrides = facts.overrides ?? {};
    const key = overrideKeys(ami, facts).find((k) => Object.prototype.hasOwnProperty.call(overrides, k));
    if (key === undefined)
        return undefined;
    const value = overrides[key];
    const parsed = (0, containerd_version_1.parseContainerdPattern)(value);
    const release = ami.releaseVersion ? (0, identify_1.parseReleaseVersion)(ami.releaseVersion) : undefined;
    const known = release && !('problem' in release) ? { release: release.release, kubernetesVersion: release.kubernetesVersion, releaseVersion: ami.releaseVersion } : kubernetesOf(ami);
    const base = { family, sourceKind: 'override', ...known, ...(ami.amiName ? { amiName: ami.amiName } : {}) };
    if ((0, containerd_version_1.isVersionProblem)(parsed))
        return { ...base, verdict: 'unknown', source: `override for ${key} = '${value}' is not a containerd version: ${parsed.problem}` };
    return { ...base, verdict: (0, containerd_version_1.containerdVerdict)(parsed), containerd: parsed, source: `override: ${key} runs containerd ${value} (user override)` };
}
// ---- catalog -----------------------------------------------------------------------------
function fromAmiName(name, via) {
    const info = (0, identify_1.parseAmiName)(name);
    if (info.kind === 'bottlerocket' || info.kind === 'windows')
        return notApplicable({ amiName: name, kubernetesVersion: info.kubernetesVersion }, info.family);
    if (info.kind === 'unrecognised')
        return unknown('unknown', `${via}: ${info.problem}`, { amiName: name });
    return fromCatalog(info, info.release, { amiName: name });
}
function fromReleaseVersion(amiType, releaseVersion, kubernetesVersion) {
    const parsed = (0, identify_1.parseReleaseVersion)(releaseVersion);
    const family = (0, identify_1.familyOfEksAmiType)(amiType);
    if ('problem' in parsed) {
        const minor = kubernetesMinor(kubernetesVersion);
        return unknown(family, parsed.problem, minor ? { kubernetesVersion: minor } : {});
    }
    return fromCatalog({ amiType, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion });
}
function describeRow(row) {
    const status = row.status === 'released' ? '' : `, ${row.status}`;
    return `${row.amiNames[0]} ships containerd ${row.containerdPackage} (upstream changelog, release ${row.release}${status})`;
}
/** The first release of a series whose containerd is affected; undefined when the series never shipped one. */
function firstAffectedRelease(series) {
    return (0, catalog_1.catalogSeries)(series).find((row) => {
        if (!row.containerdPackage)
            return false;
        const parsed = (0, containerd_version_1.parseContainerdPackageVersion)(row.containerdPackage);
        return !(0, containerd_version_1.isVersionProblem)(parsed) && (0, containerd_version_1.containerdVerdict)(parsed) === 'affected';
    })?.release;
}
function withVerdict(version, series) {
    const verdict = (0, containerd_version_1.containerdVerdict)(version);
    const first = verdict === 'not-affected' ? firstAffectedRelease(series) : undefined;
    return { verdict, containerd: version, ...(first ? { firstAffectedRelease: first } : {}) };
}
function fromCatalog(series, release, context) {
    const family = (0, identify_1.familyOfEksAmiType)(series.amiType);
    const prefix = context.prefix ?? '';
    const row = (0, catalog_1.catalogRow)(series, release);
    const amiName = context.amiName ?? row?.amiNames[0] ?? (0, identify_1.eksAmiName)(series, release);
    const releaseVersion = context.releaseVersion ?? row?.releaseVersion;
    const base = { family, amiName, release, kubernetesVersion: series.kubernetesVersion, ...(releaseVersion ? { releaseVersion } : {}) };
    if (row?.containerdPackage) {
        const parsed = (0, containerd_version_1.parseContainerdPackageVersion)(row.containerdPackage);
        if ((0, containerd_version_1.isVersionProblem)(parsed))
            return { ...unknown(family, parsed.problem), ...base };
        return { ...base, ...withVerdict(parsed, series), sourceKind: 'catalog', source: `${prefix}EKS AMI catalog: ${describeRow(row)}` };
    }
    if (row)
        return { ...unknown(family, `${prefix}the EKS AMI changelog lists ${amiName} (release ${release}) without a containerd version`), ...base };
    return fromGap(series, release, base, prefix);
}
function fromGap(series, release, base, prefix) {
    const { before, after } = (0, catalog_1.seriesNeighbours)(series, release);
    const label = `${series.amiType} Kubernetes ${series.kubernetesVersion}`;
    const catalog = (0, catalog_1.catalogSource)();
    let version;
    let why;
    if (before?.containerdPackage && after?.containerdPackage) {
        version = (0, containerd_version_1.rangeBetween)(before.containerdPackage, after.containerdPackage);
        why = `release ${release} is not in the EKS AMI changelog (a gap); its ${label} neighbours ${before.release} (containerd ${before.containerdPackage}) and ${after.release} (containerd ${after.containerdPackage}) bound it to ${(0, containerd_version_1.formatContainerdVersion)(version)}`;
    }
    else if (before?.containerdPackage) {
        version = { min: (0, containerd_version_1.upstreamOf)(before.containerdPackage) };
        why =
            release > catalog.newestRelease
                ? `release ${release} is newer than the EKS AMI catalog (as of ${catalog.newestRelease}); the newest ${label} AMI, ${before.release}, ships containerd ${before.containerdPackage}, so assumed at least ${version.min}`
                : `release ${release} has no ${label} AMI in the EKS AMI changelog; the newest before it, ${before.release}, ships containerd ${before.containerdPackage}, so assumed at least ${version.min}`;
    }
    else if (after?.containerdPackage) {
        version = { max: (0, containerd_version_1.upstreamOf)(after.containerdPackage) };
        why = `release ${release} is older than the first ${label} AMI in the EKS AMI changelog (${after.release}, containerd ${after.containerdPackage}), so assumed at most ${version.max}`;
    }
    else {
        return { ...unknown(base.family, `${prefix}the EKS AMI catalog has no ${label} AMIs with a containerd version`), ...base };
    }
    return { ...base, ...withVerdict(version, series), sourceKind: 'catalog-gap', source: `${prefix}${why}` };
}
/** No release known: the release_version SSM value from context, else assume the catalog's newest AMI of the series. */
function fromRecommended(series, facts, via, extra = {}) {
    const parameter = (0, identify_1.recommendedSsmParameterName)(series, 'release_version');
    let reason = via;
    const value = facts.ssmValues?.[parameter];
    if (value !== undefined) {
        const parsed = (0, identify_1.parseReleaseVersion)(value);
        if (!('problem' in parsed)) {
            return {
                ...fromCatalog({ ...series, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion: value, prefix: `SSM ${parameter} = ${value} (cdk.context.json); ` }),
                ...extra,
            };
        }
        // A placeholder such as CDK's dummy lookup value: fall back to the assumption, visibly.
        reason = `${via} (SSM ${parameter} = '${value}' is not a release version)`;
    }
    const family = (0, identify_1.familyOfEksAmiType)(series.amiType);
    const newest = (0, catalog_1.newestSeriesRow)(series);
    const wants = { wantsSsmParameters: [parameter] };
    if (!newest?.containerdPackage) {
        return unknown(family, `${reason}: the EKS AMI catalog has no ${series.amiType} Kubernetes ${series.kubernetesVersion} AMIs, and SSM ${parameter} is not in context`, { kubernetesVersion: series.kubernetesVersion, ...wants, ...extra });
    }
    const parsed = (0, containerd_version_1.parseContainerdPackageVersion)(newest.containerdPackage);
    if ((0, containerd_version_1.isVersionProblem)(parsed))
        return unknown(family, parsed.problem, { ...wants, ...extra });
    return {
        ...withVerdict(parsed, series),
        family,
        amiName: newest.amiNames[0],
        release: newest.release,
        kubernetesVersion: series.kubernetesVersion,
        ...(newest.releaseVersion ? { releaseVersion: newest.releaseVersion } : {}),
        sourceKind: 'catalog-latest-assumed',
        source: `${reason}: assumed the newest catalog AMI (catalog as of ${(0, catalog_1.catalogSource)().newestRelease}), ${describeRow(newest)}; SSM ${parameter} would say which release nodes get`,
        ...wants,
        ...extra,
    };
}
// ---- SSM parameters and AMI ids ----------------------------------------------------------
function fromSsmParameter(parameter, facts) {
    const info = (0, identify_1.parseSsmParameter)(parameter);
    switch (info.kind) {
        case 'bottlerocket':
        case 'windows':
            return notApplicable({ ssmParameter: parameter, kubernetesVersion: info.kubernetesVersion }, info.family);
        case 'unrecognised':
            return unknown('unknown', info.problem);
        case 'eks-pinned':
            return fromCatalog(info.series, info.release, { amiName: info.amiName, prefix: `SSM ${parameter} pins ${info.amiName}; ` });
        case 'eks-recommended':
            return fromRecommendedParameter(parameter, info.series, info.leaf, facts);
    }
}
function fromRecommendedParameter(parameter, series, leaf, facts) {
    const value = facts.ssmValues?.[parameter];
    const via = `SSM ${parameter}`;
    if (value === undefined || leaf === 'release_version')
        return fromRecommended(series, facts, via);
    if (leaf === 'image_id') {
        // CDK returns `dummy-value-for-…` until the CLI has looked the parameter up: not an AMI id.
        if (!value.startsWith('ami-'))
            return fromRecommended(series, facts, via);
        const image = facts.images?.[value];
        if (image && !image.missing)
            return fromImageId(value, facts, `${via} = ${value} (cdk.context.json); `);
        return fromRecommended(series, facts, `${via} = ${value} (cdk.context.json)`, image ? {} : { wantsImages: [value] });
    }
    if (leaf === 'image_name')
        return fromAmiName(value, `${via} = ${value}`);
    // The parent parameter holds JSON: {"image_id": …, "image_name": …, "release_version": …}.
    const releaseVersion = releaseVersionInJson(value);
    if (releaseVersion) {
        const parsed = (0, identify_1.parseReleaseVersion)(releaseVersion);
        if (!('problem' in parsed))
            return fromCatalog({ ...series, kubernetesVersion: parsed.kubernetesVersion }, parsed.release, { releaseVersion, prefix: `${via} release_version = ${releaseVersion} (cdk.context.json); ` });
    }
    return fromRecommended(series, facts, via);
}
function releaseVersionInJson(value) {
    try {
        const parsed = JSON.parse(value);
        const rv = parsed && typeof parsed === 'object' ? parsed.release_version : undefined;
        return typeof rv === 'string' ? rv : undefined;
    }
    catch {
        return undefined;
    }
}
const DESCRIPTION_CONTAINERD = /containerd:\s*([^\s,)]+)/;
function fromImageId(imageId, facts, prefix = '') {
    const image = facts.images?.[imageId];
    if (!image) {
        return unknown('unknown', `${prefix}AMI ${imageId} is not in the lookup results (cdk.context.json); \`eks-node-guard lookup\` resolves it`, { wantsImages: [imageId] });
    }
    if (image.missing)
        return unknown('unknown', `${prefix}AMI ${imageId} was not found by EC2 DescribeImages (deregistered, not shared, or in another region)`);
    const family = familyOfImage(image);
    const label = `${prefix}AMI ${imageId}${image.name ? ` (${image.name})` : ''}`;
    const nameInfo = image.name ? (0, identify_1.parseAmiName)(image.name) : undefined;
    if (nameInfo?.kind === 'bottlerocket' || nameInfo?.kind === 'windows')
        return notApplicable({ imageId, kubernetesVersion: nameInfo.kubernetesVersion }, nameInfo.family);
    const fromName = nameInfo?.kind === 'eks-optimized' ? fromCatalog(nameInfo, nameInfo.release, { amiName: nameInfo.name, prefix: `${label}: ` }) : undefined;
    if (fromName?.sourceKind === 'catalog')
        return fromName;
    const pattern = DESCRIPTION_CONTAINERD.exec(image.description ?? '')?.[1];
    const parsed = pattern ? (0, containerd_version_1.parseContainerdPattern)(pattern) : undefined;
    const described = parsed && !(0, containerd_version_1.isVersionProblem)(parsed) && (parsed.exact || parsed.min || parsed.max) ? parsed : undefined;
    // An exact version from AWS beats a range guessed from catalog neighbours; a pattern does not.
    if (described && (described.exact || fromName === undefined)) {
        const series = nameInfo?.kind === 'eks-optimized' ? nameInfo : undefined;
        const verdict = (0, containerd_version_1.containerdVerdict)(described);
        const first = verdict === 'not-affected' && series ? firstAffectedRelease(series) : undefined;
        return {
            verdict,
            containerd: described,
            family,
            ...(image.name ? { amiName: image.name } : {}),
            ...(series ? { release: series.release, kubernetesVersion: series.kubernetesVersion } : {}),
            ...(first ? { firstAffectedRelease: first } : {}),
            sourceKind: 'ami-description',
            source: `${label} description says containerd ${pattern}`,
        };
    }
    if (fromName)
        return fromName;
    return unknown(family, `${label}: neither its name nor its description identifies containerd`, image.name ? { amiName: image.name } : {});
}
//# sourceMappingURL=resolve.js.map