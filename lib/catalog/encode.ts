/**
 * The committed catalog's compact encoding: containerd versions are stored once in a dictionary,
 * rows of one release and Kubernetes minor share their release version, and AMI names are stored
 * only when they differ from the canonical name of their type.
 */
import { AmiSeries, EKS_AMI_TYPES, EksAmiType, eksAmiName, isEksAmiType } from '../ami/identify';
import type { Catalog, CatalogRelease, CatalogRow, ChangelogFormat, ReleaseStatus } from './types';

/** Bumped whenever the encoding changes. */
const CATALOG_SCHEMA = 1;

/**
 * `[kubernetesMinor, version, cells, names?]`: `version` is the kubelet version (`1.29.10`, the
 * release version is `<version>-<tag date>`), a full release version when it does not follow that
 * pattern, or `''` when unknown; `cells` is `[typeIndex, containerdIndex, …]` (`-1`: not listed);
 * `names` maps a type index to its AMI names when they are not the canonical one.
 */
export type EncodedGroup = [string, string, number[], Record<string, string[]>?];

/** `[tag, format, status, groups]`; format `h` html-ami-type, `v` html-version, `m` markdown; status `r`, `x` recalled, `a` abandoned. */
export type EncodedRelease = [string, string, string, EncodedGroup[]];

/** The JSON file committed as `lib/catalog/catalog.json`. */
export interface CatalogFile {
  readonly schema: number;
  readonly source: Catalog['source'];
  readonly amiTypes: readonly string[];
  readonly containerd: readonly string[];
  readonly releases: readonly EncodedRelease[];
}

const FORMAT_CODES: Readonly<Record<ChangelogFormat, string>> = { 'html-ami-type': 'h', 'html-version': 'v', markdown: 'm' };
const STATUS_CODES: Readonly<Record<ReleaseStatus, string>> = { released: 'r', recalled: 'x', abandoned: 'a' };

function codeLookup<T extends string>(codes: Readonly<Record<T, string>>, code: string): T | undefined {
  return (Object.keys(codes) as T[]).find((k) => codes[k] === code);
}

function encodeVersion(row: CatalogRow): string {
  const rv = row.releaseVersion;
  if (!rv) return '';
  const suffix = `-${row.release.slice(1)}`;
  return rv.endsWith(suffix) && !rv.slice(0, -suffix.length).includes('-') ? rv.slice(0, -suffix.length) : rv;
}

function decodeVersion(version: string, release: string): string | undefined {
  if (!version) return undefined;
  return version.includes('-') ? version : `${version}-${release.slice(1)}`;
}

function isCanonical(row: CatalogRow): boolean {
  return row.amiNames.length === 1 && row.amiNames[0] === eksAmiName(row, row.release);
}

/** Encodes a catalog into the committed file form. */
export function encodeCatalog(catalog: Catalog): CatalogFile {
  const containerd = [...new Set(catalog.releases.flatMap((r) => r.rows.flatMap((row) => (row.containerdPackage ? [row.containerdPackage] : []))))].sort();
  const releases = catalog.releases.map((release): EncodedRelease => {
    const groups: EncodedGroup[] = [];
    for (const row of release.rows) {
      const version = encodeVersion(row);
      let group = groups.find((g) => g[0] === row.kubernetesVersion && g[1] === version);
      if (!group) {
        group = [row.kubernetesVersion, version, []];
        groups.push(group);
      }
      const typeIndex = EKS_AMI_TYPES.indexOf(row.amiType);
      group[2].push(typeIndex, row.containerdPackage ? containerd.indexOf(row.containerdPackage) : -1);
      if (!isCanonical(row)) group[3] = { ...(group[3] ?? {}), [String(typeIndex)]: [...row.amiNames] };
    }
    return [release.release, FORMAT_CODES[release.format], STATUS_CODES[release.status], groups];
  });
  return { schema: CATALOG_SCHEMA, source: catalog.source, amiTypes: [...EKS_AMI_TYPES], containerd, releases };
}

/** Serialises the file deterministically: one release per line, so diffs stay readable. */
export function serializeCatalogFile(file: CatalogFile): string {
  const head = [
    `"schema":${JSON.stringify(file.schema)}`,
    `"source":${JSON.stringify(file.source)}`,
    `"amiTypes":${JSON.stringify(file.amiTypes)}`,
    `"containerd":${JSON.stringify(file.containerd)}`,
  ];
  const releases = file.releases.map((r) => JSON.stringify(r)).join(',\n');
  return `{${head.join(',\n')},\n"releases":[\n${releases}\n]}\n`;
}

/** A problem found while decoding a catalog file; the catalog then holds no rows for that part. */
export interface CatalogDecodeProblem {
  readonly message: string;
}

/** Decodes the committed file form back into releases and rows. */
export function decodeCatalog(file: CatalogFile): { catalog: Catalog; problems: CatalogDecodeProblem[] } {
  const problems: CatalogDecodeProblem[] = [];
  if (file.schema !== CATALOG_SCHEMA) problems.push({ message: `catalog schema ${file.schema} is not ${CATALOG_SCHEMA}` });
  const releases = file.releases.map((encoded): CatalogRelease => {
    const [tag, formatCode, statusCode] = encoded;
    const format = codeLookup(FORMAT_CODES, formatCode);
    const status = codeLookup(STATUS_CODES, statusCode);
    if (!format || !status) problems.push({ message: `${tag}: unknown format '${formatCode}' or status '${statusCode}'` });
    const rows = decodeRows(file, encoded, undefined, (message) => problems.push({ message }));
    return { release: tag, status: status ?? 'released', format: format ?? 'markdown', rows };
  });
  return { catalog: { source: file.source, releases }, problems };
}

/**
 * The rows of one series, oldest release first, decoded without the rest of the catalog: at
 * synth a node needs a handful of series, and decoding every row costs more than judging a fleet.
 */
export function decodeSeriesRows(file: CatalogFile, series: AmiSeries): CatalogRow[] {
  const rows: CatalogRow[] = [];
  for (const encoded of file.releases) rows.push(...decodeRows(file, encoded, series, () => undefined));
  return rows.sort((a, b) => (a.release < b.release ? -1 : a.release > b.release ? 1 : 0));
}

/** The rows of one encoded release (only those of `only` when given); unknown AMI types are reported and skipped. */
function decodeRows(file: CatalogFile, [tag, , statusCode, groups]: EncodedRelease, only: AmiSeries | undefined, problem: (message: string) => void): CatalogRow[] {
  const status = codeLookup(STATUS_CODES, statusCode) ?? 'released';
  const rows: CatalogRow[] = [];
  for (const [kubernetesVersion, version, cells, names] of groups) {
    if (only && kubernetesVersion !== only.kubernetesVersion) continue;
    for (let i = 0; i + 1 < cells.length; i += 2) {
      const amiType = file.amiTypes[cells[i]];
      if (only && amiType !== only.amiType) continue;
      if (amiType === undefined || !isEksAmiType(amiType)) {
        problem(`${tag}: unknown AMI type index ${cells[i]}`);
        continue;
      }
      const series: AmiSeries = { amiType: amiType as EksAmiType, kubernetesVersion };
      const releaseVersion = decodeVersion(version, tag);
      const containerdPackage = cells[i + 1] >= 0 ? file.containerd[cells[i + 1]] : undefined;
      rows.push({
        release: tag,
        status,
        ...series,
        amiNames: names?.[String(cells[i])] ?? [eksAmiName(series, tag)],
        ...(releaseVersion ? { releaseVersion } : {}),
        ...(containerdPackage ? { containerdPackage } : {}),
      });
    }
  }
  return rows;
}
