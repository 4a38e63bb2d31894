/**
 * Parses the upstream EKS AMI changelog (awslabs/amazon-eks-ami CHANGELOG.md) into catalog releases.
 * Pure: text in, data out. `scripts/generate-catalog.ts` reads the file and writes `catalog.json`.
 */
import { createHash } from 'crypto';
import { compareKubernetesMinors, EKS_AMI_TYPES, EksAmiType, isEksAmiType, parseAmiName, seriesKey } from '../ami/identify';
import type { Catalog, CatalogRelease, CatalogRow, ChangelogFormat, ReleaseStatus } from './types';

/** Something in the changelog the parser skipped or could not reconcile; reported, never thrown. */
export interface ChangelogNote {
  readonly release?: string;
  readonly message: string;
}

/** The parse result: the catalog plus what was skipped. */
export interface ParsedChangelog {
  readonly catalog: Catalog;
  readonly notes: readonly ChangelogNote[];
}

/** A release heading: `# AMI Release v20241024`, `### [Recalled] AMI Release v…`, or (2019) `### amazon-eks-node-1.13-v20190701 | …`. */
const RELEASE_HEADING = /^#{1,3} +(?:\[(Recalled|ABANDONED)\] +)?AMI Release (v\d{8})\s*$/;
const NAME_LIST_HEADING = /^#{1,3} +(amazon-eks-[\w.-]*-(v\d{8}))(?: \| .*)?$/;
/** Any heading that starts a new release, including undated 2018 ones (`### eks-worker-v20`) that end the previous section. */
const ANY_RELEASE_HEADING = /^#{1,3} +(?:\[\w+\] +)?(?:AMI Release|amazon-eks-|eks-worker-)/;

interface Section {
  readonly release: string;
  readonly status: ReleaseStatus;
  readonly lines: readonly string[];
}

/** Splits the changelog into release sections; undated headings are noted and skipped. */
function splitSections(text: string, notes: ChangelogNote[]): Section[] {
  const sections: { release: string; status: ReleaseStatus; lines: string[] }[] = [];
  let current: { release: string; status: ReleaseStatus; lines: string[] } | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (ANY_RELEASE_HEADING.test(line)) {
      const release = RELEASE_HEADING.exec(line);
      const names = NAME_LIST_HEADING.exec(line);
      if (release) {
        const status: ReleaseStatus = release[1] === 'Recalled' ? 'recalled' : release[1] === 'ABANDONED' ? 'abandoned' : 'released';
        current = { release: release[2], status, lines: [] };
      } else if (names) {
        current = { release: names[2], status: 'released', lines: [line] };
      } else {
        notes.push({ message: `skipped undated section '${line.replace(/^#+ +/, '')}'` });
        current = undefined;
        continue;
      }
      sections.push(current);
      continue;
    }
    current?.lines.push(line);
  }
  return sections;
}

/** One HTML table cell as written, before colspan/rowspan expansion. */
interface RawCell {
  readonly text: string;
  readonly rowspan: number;
  readonly colspan: number;
}

const CELL = /<(td|th)((?:\s+[\w-]+="[^"]*")*)\s*>([\s\S]*?)<\/\1>/g;

function spanOf(attributes: string, name: string): number {
  const match = new RegExp(`${name}="(\\d+)"`).exec(attributes);
  return match ? Math.max(1, Number(match[1])) : 1;
}

function decodeCellText(html: string): string {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .trim();
}

/**
 * Expands an HTML table into a grid: a cell with colspan/rowspan fills every slot it covers.
 * Rows are split on `<tr`, so the changelog's unclosed `<tr>` tags do no harm; rows without cells are dropped.
 */
export function expandHtmlTable(tableHtml: string): string[][] {
  const rawRows: RawCell[][] = tableHtml
    .split(/<tr\b[^>]*>/)
    .map((chunk) => [...chunk.matchAll(CELL)].map((m) => ({ text: decodeCellText(m[3]), rowspan: spanOf(m[2], 'rowspan'), colspan: spanOf(m[2], 'colspan') })))
    .filter((cells) => cells.length > 0);
  const grid: string[][] = [];
  rawRows.forEach((cells, rowIndex) => {
    const row = (grid[rowIndex] ??= []);
    let column = 0;
    for (const cell of cells) {
      while (row[column] !== undefined) column++;
      for (let r = 0; r < cell.rowspan; r++) {
        const target = (grid[rowIndex + r] ??= []);
        for (let c = 0; c < cell.colspan; c++) target[column + c] = cell.text;
      }
      column += cell.colspan;
    }
  });
  // A rowspan reaching past the last written row must not invent rows.
  return grid.slice(0, rawRows.length).map((row) => Array.from(row, (v) => v ?? ''));
}

/** Cells that mean "not in this AMI type". */
function isAbsent(value: string | undefined): boolean {
  return value === undefined || value === '' || value === '—' || value === '-';
}

interface NamedAmi {
  readonly name: string;
  readonly amiType: EksAmiType;
  readonly kubernetesVersion: string;
  readonly releaseVersion?: string;
}

/** Collects AMI names of this release (names of other releases mentioned in notes are ignored). */
function namedAmi(name: string, release: string, releaseVersion?: string): NamedAmi | undefined {
  const info = parseAmiName(name);
  if (info.kind !== 'eks-optimized' || info.release !== release) return undefined;
  return { name, amiType: info.amiType, kubernetesVersion: info.kubernetesVersion, ...(releaseVersion ? { releaseVersion } : {}) };
}

/** Groups named AMIs into rows (one per type), attaching containerd per type. */
function rowsFrom(
  section: Section,
  amis: readonly NamedAmi[],
  containerdFor: (ami: NamedAmi) => string | undefined,
): CatalogRow[] {
  const rows = new Map<string, { row: Omit<CatalogRow, 'amiNames'>; names: string[] }>();
  for (const ami of amis) {
    const key = seriesKey(ami);
    const existing = rows.get(key);
    if (existing) {
      if (!existing.names.includes(ami.name)) existing.names.push(ami.name);
      continue;
    }
    const containerdPackage = containerdFor(ami);
    rows.set(key, {
      row: {
        release: section.release,
        status: section.status,
        kubernetesVersion: ami.kubernetesVersion,
        amiType: ami.amiType,
        ...(ami.releaseVersion ? { releaseVersion: ami.releaseVersion } : {}),
        ...(containerdPackage ? { containerdPackage } : {}),
      },
      names: [ami.name],
    });
  }
  return [...rows.values()].map(({ row, names }) => ({ ...row, amiNames: names.sort() }));
}

/** Parses one `<details>` block (one Kubernetes minor) of an HTML-format release. */
function parseDetailsBlock(section: Section, block: string, notes: ChangelogNote[]): { rows: CatalogRow[]; format: ChangelogFormat } {
  const tables = [...block.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((m) => expandHtmlTable(m[1]));
  const nameTable = tables.find((t) => /^AMI names$/i.test(t[0]?.[0] ?? ''));
  const packageTables = tables.filter((t) => t[0]?.[0] === 'Package');
  const amis = (nameTable ?? [])
    .slice(1)
    .map((cells) => namedAmi(cells[0], section.release, cells[1] || undefined))
    .filter((a): a is NamedAmi => a !== undefined);
  const containerdByType = new Map<EksAmiType, string>();
  let versionColumn: string | undefined;
  let format: ChangelogFormat = 'html-ami-type';
  for (const table of packageTables) {
    const header = table[0];
    const containerd = table.find((cells) => cells[0] === 'containerd');
    if (header.length === 2 && header[1] === 'Version') {
      format = 'html-version';
      if (containerd && !isAbsent(containerd[1])) versionColumn = containerd[1];
      continue;
    }
    header.slice(1).forEach((column, i) => {
      if (!isEksAmiType(column)) {
        notes.push({ release: section.release, message: `unknown AMI type column '${column}'` });
        return;
      }
      const value = containerd?.[i + 1];
      if (!isAbsent(value)) containerdByType.set(column, value as string);
    });
  }
  const rows = rowsFrom(section, amis, (ami) => (format === 'html-version' ? versionColumn : containerdByType.get(ami.amiType)));
  for (const type of containerdByType.keys()) {
    if (!rows.some((r) => r.amiType === type)) notes.push({ release: section.release, message: `containerd listed for ${type} but no ${type} AMI name` });
  }
  return { rows, format };
}

/** Parses a markdown-format release: bullet lists of AMI names, release versions and `containerd: <version>`. */
function parseMarkdownSection(section: Section): CatalogRow[] {
  const names: string[] = [];
  const releaseVersions = new Map<string, string>();
  let containerd: string | undefined;
  for (const line of section.lines) {
    for (const m of line.matchAll(/amazon-eks-[\w.-]*-v\d{8}/g)) names.push(m[0]);
    const rv = /^\s*[*-]\s+`?((\d+\.\d+)\.\d+-\d{8})`?\s*$/.exec(line);
    if (rv && !releaseVersions.has(rv[2])) releaseVersions.set(rv[2], rv[1]);
    const cd = /^[*-]\s+`?containerd`?:\s*`?([0-9][\w.+~-]*)`?\s*$/.exec(line);
    if (cd && containerd === undefined) containerd = cd[1];
  }
  const amis = names
    .map((name) => {
      const info = parseAmiName(name);
      const k8s = info.kind === 'eks-optimized' ? info.kubernetesVersion : '';
      return namedAmi(name, section.release, releaseVersions.get(k8s));
    })
    .filter((a): a is NamedAmi => a !== undefined);
  return rowsFrom(section, amis, () => containerd);
}

function parseSection(section: Section, notes: ChangelogNote[]): CatalogRelease {
  const text = section.lines.join('\n');
  const blocks = [...text.matchAll(/<details>([\s\S]*?)<\/details>/g)].map((m) => m[1]);
  if (blocks.length === 0) {
    return { release: section.release, status: section.status, format: 'markdown', rows: parseMarkdownSection(section) };
  }
  const parsed = blocks.map((block) => parseDetailsBlock(section, block, notes));
  const format = parsed.some((p) => p.format === 'html-version') ? 'html-version' : 'html-ami-type';
  return { release: section.release, status: section.status, format, rows: parsed.flatMap((p) => p.rows) };
}

function compareRows(a: CatalogRow, b: CatalogRow): number {
  const k = compareKubernetesMinors(b.kubernetesVersion, a.kubernetesVersion) ?? 0;
  return k !== 0 ? k : EKS_AMI_TYPES.indexOf(a.amiType) - EKS_AMI_TYPES.indexOf(b.amiType);
}

/** Merges sections that repeat a tag (rows of the later section fill what the first lacks). */
function mergeDuplicates(releases: CatalogRelease[], notes: ChangelogNote[]): CatalogRelease[] {
  const byTag = new Map<string, CatalogRelease>();
  for (const release of releases) {
    const seen = byTag.get(release.release);
    if (!seen) {
      byTag.set(release.release, release);
      continue;
    }
    notes.push({ release: release.release, message: 'release appears twice; rows merged' });
    const keys = new Set(seen.rows.map(seriesKey));
    byTag.set(release.release, { ...seen, rows: [...seen.rows, ...release.rows.filter((r) => !keys.has(seriesKey(r)))] });
  }
  return [...byTag.values()];
}

/** Parses the whole changelog. Deterministic: releases newest first, rows by Kubernetes minor (newest first) then type. */
export function parseChangelog(text: string, file: string): ParsedChangelog {
  const notes: ChangelogNote[] = [];
  const parsed = splitSections(text, notes).map((s) => parseSection(s, notes));
  const releases = mergeDuplicates(parsed, notes)
    .map((r) => ({ ...r, rows: [...r.rows].sort(compareRows) }))
    .sort((a, b) => (a.release < b.release ? 1 : a.release > b.release ? -1 : 0));
  for (const r of releases) if (r.rows.length === 0) notes.push({ release: r.release, message: 'no AMI names found' });
  const newestRelease = releases[0]?.release ?? '';
  const date = newestRelease ? `${newestRelease.slice(1, 5)}-${newestRelease.slice(5, 7)}-${newestRelease.slice(7, 9)}` : '';
  const sha256 = createHash('sha256').update(text).digest('hex');
  return { catalog: { source: { file, sha256, newestRelease, date }, releases }, notes };
}
