/**
 * containerd versions as the guard reasons about them: package versions and AMI-description
 * patterns in, an exact upstream version or a range out, and the verdict on the empty-DNSConfig change.
 */
import * as semver from 'semver';
import type { ContainerdVerdict, ContainerdVersion } from './types';

/**
 * containerd versions that pass an empty pod DNS config through instead of replacing it with the
 * host's resolv.conf. "CRI: An empty DNSConfig != unspecified" landed on main as containerd PR #9730
 * (so every 2.x) and was backported in #10462 (v1.7.20) and #10463 (v1.6.34); both release notes say
 * "Handle empty DNSConfig differently than unspecified". Kubernetes issue #120748.
 * Affected: `>=1.6.34 <1.7.0`, `>=1.7.20 <2.0.0` and every `>=2.0.0`.
 */
export const AFFECTED_CONTAINERD_RANGE = '>=1.6.34 <1.7.0 || >=1.7.20';

/**
 * {@link AFFECTED_CONTAINERD_RANGE} for messages. Each backport is named with its release line:
 * "1.7.20+, 1.6.34+" reads as if 1.7.0–1.7.19 (not affected) were included.
 */
export const AFFECTED_CONTAINERD_TEXT = '>= 1.6.34 on the 1.6 line, >= 1.7.20 on the 1.7 line, and every 2.x';

/** The versions where the verdict changes: the 1.6 backport, 1.7.0 (which lacks it), the 1.7 backport. */
const VERDICT_BOUNDARIES = ['1.6.34', '1.7.0', '1.7.20'] as const;

/** A version string the model could not read; never thrown. */
export interface ContainerdVersionProblem {
  readonly problem: string;
}

/** True when a parse returned a problem instead of a version. */
export function isVersionProblem(value: ContainerdVersion | ContainerdVersionProblem): value is ContainerdVersionProblem {
  return 'problem' in value;
}

/** The upstream part of a package version: everything before the first `-` (`1.7.22-1.amzn2.0.2` -> `1.7.22`). */
export function upstreamOf(packageVersion: string): string {
  const dash = packageVersion.indexOf('-');
  return (dash === -1 ? packageVersion : packageVersion.slice(0, dash)).replace(/^v/, '');
}

/** Parses a containerd package version (`1.7.22-1.amzn2.0.2`, `2.1.4-1.amzn2023.0.1`, bare `1.7.27`) into an exact version. */
export function parseContainerdPackageVersion(text: string): ContainerdVersion | ContainerdVersionProblem {
  const packageVersion = text.trim();
  const upstream = upstreamOf(packageVersion);
  if (!semver.valid(upstream)) return { problem: `'${text}' is not a containerd package version (upstream part '${upstream}' is not x.y.z)` };
  return { exact: upstream, packageVersion };
}

/**
 * Parses a containerd version as an AMI description or an override writes it: an exact package
 * version, or a pattern (`1.7.*`, `1.7.2*`, `1.7.11-*`, `*`). A pattern becomes a range whose `max`
 * may be an X-range such as `1.7.x` (inclusive: any 1.7 version); `*` bounds nothing.
 */
export function parseContainerdPattern(text: string): ContainerdVersion | ContainerdVersionProblem {
  const trimmed = text.trim();
  const upstream = upstreamOf(trimmed);
  if (!upstream.includes('*')) {
    // `1.7.11-*`: the upstream version is exact, only the package release is open.
    return trimmed.includes('*') ? withoutPackage(parseContainerdPackageVersion(upstream)) : parseContainerdPackageVersion(trimmed);
  }
  if (upstream === '*') return {};
  const match = /^(\d+(?:\.\d+){0,2})(\.?)\*$/.exec(upstream);
  if (!match) return { problem: `'${text}' is not a containerd version pattern` };
  const fixed = match[1].split('.');
  // `1.7.*` pins 1.7; `1.7.2*` pins 1.7 too (1.7.2, 1.7.20, 1.7.200 …) but starts at 1.7.2.
  const pinned = match[2] === '.' ? fixed : fixed.slice(0, -1);
  if (pinned.length === 0) return { min: padded(fixed) };
  if (pinned.length >= 3) return { problem: `'${text}' has a wildcard after a full version` };
  return { min: padded(fixed), max: [...pinned, 'x'].join('.') };
}

function withoutPackage(parsed: ContainerdVersion | ContainerdVersionProblem): ContainerdVersion | ContainerdVersionProblem {
  return isVersionProblem(parsed) ? parsed : { exact: parsed.exact };
}

function padded(parts: readonly string[]): string {
  return [...parts, '0', '0'].slice(0, 3).map(Number).join('.');
}

/** The smallest range holding both versions (upstream or package versions), e.g. for a catalog gap. */
export function rangeBetween(a: string, b: string): ContainerdVersion {
  const [low, high] = semver.lte(upstreamOf(a), upstreamOf(b)) ? [a, b] : [b, a];
  return { min: upstreamOf(low), max: upstreamOf(high) };
}

/** The semver range a version or range covers, or a problem when its bounds are unreadable or crossed. */
function semverRangeOf(version: ContainerdVersion): semver.Range | ContainerdVersionProblem | undefined {
  const parts = [version.min ? `>=${version.min}` : '', version.max ? `<=${version.max}` : ''].filter(Boolean);
  if (parts.length === 0) return undefined;
  const range = semver.validRange(parts.join(' ')) ? new semver.Range(parts.join(' ')) : undefined;
  if (!range) return { problem: `range ${formatContainerdVersion(version)} is not readable` };
  if (version.min && version.max && !semver.satisfies(version.min, range)) return { problem: `range ${formatContainerdVersion(version)} is empty` };
  return range;
}

/**
 * Whether a containerd version or range has the empty-DNSConfig change: `affected` or
 * `not-affected` when the whole range is on one side, `possibly-affected` when it straddles a
 * boundary (1.6.34, 1.7.0, 1.7.20), `unknown` when nothing bounds it or it is unreadable.
 */
export function containerdVerdict(version: ContainerdVersion): Exclude<ContainerdVerdict, 'not-applicable'> {
  if (version.exact !== undefined) {
    if (!semver.valid(version.exact)) return 'unknown';
    return semver.satisfies(version.exact, AFFECTED_CONTAINERD_RANGE) ? 'affected' : 'not-affected';
  }
  const range = semverRangeOf(version);
  if (range === undefined || !(range instanceof semver.Range)) return 'unknown';
  if (!semver.intersects(range, AFFECTED_CONTAINERD_RANGE)) return 'not-affected';
  return semver.subset(range, AFFECTED_CONTAINERD_RANGE) ? 'affected' : 'possibly-affected';
}

/**
 * The boundaries a containerd range straddles (holds versions on both sides of), e.g. `['1.6.34']`
 * for `1.6.*`, `['1.7.20']` for `1.7.11..1.7.20`: the versions a `possibly-affected` message names.
 * Empty for an exact version, an unbounded (`*`) or unreadable range.
 */
export function straddledBoundaries(version: ContainerdVersion): string[] {
  if (version.exact !== undefined) return [];
  const range = semverRangeOf(version);
  if (!(range instanceof semver.Range)) return [];
  return VERDICT_BOUNDARIES.filter((boundary) => semver.intersects(range, `<${boundary}`) && semver.intersects(range, `>=${boundary}`));
}

/** `1.7.22`, `1.7.11..1.7.22`, `>=2.1.5`, `<=1.7.22`, or `unknown`. */
export function formatContainerdVersion(version: ContainerdVersion): string {
  if (version.exact) return version.exact;
  if (version.min && version.max) return `${version.min}..${version.max}`;
  if (version.min) return `>=${version.min}`;
  if (version.max) return `<=${version.max}`;
  return 'unknown';
}
