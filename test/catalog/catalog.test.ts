import { existsSync, readFileSync } from 'fs';
import * as path from 'path';
import * as semver from 'semver';
import { familyOfEksAmiType } from '../../lib/ami/identify';
import { upstreamOf } from '../../lib/ami/containerd-version';
import { catalogRow, catalogSeries, catalogSource, newestSeriesRow, seriesNeighbours } from '../../lib/catalog/catalog';
import committedCatalog from '../../lib/catalog/catalog.json';
import { parseChangelog } from '../../lib/catalog/changelog';
import { CatalogFile, decodeCatalog, encodeCatalog } from '../../lib/catalog/encode';
import { CHANGELOG_FILE_LABEL, generateCatalogFile } from '../../lib/catalog/generate';
import type { CatalogRow } from '../../lib/catalog/types';

const REPO = path.join(__dirname, '..', '..');
// CI checks out shared/ beside the clone: ../shared/data/amazon-eks-ami/CHANGELOG.md from the repo root.
const CHANGELOG = path.join(REPO, '..', 'shared', 'data', 'amazon-eks-ami', 'CHANGELOG.md');
const COMMITTED = path.join(REPO, 'lib', 'catalog', 'catalog.json');

/** The committed catalog, decoded whole (synth decodes only the series it needs). */
const embedded = decodeCatalog(committedCatalog as unknown as CatalogFile).catalog;
const rows = (): CatalogRow[] => embedded.releases.flatMap((r) => r.rows);
const byRelease = (a: CatalogRow, b: CatalogRow) => (a.release < b.release ? -1 : a.release > b.release ? 1 : 0);
const upstream = (row: CatalogRow) => upstreamOf(row.containerdPackage ?? '');

describe('committed catalog vs the upstream changelog', () => {
  const text = readFileSync(CHANGELOG, 'utf8');
  const generated = generateCatalogFile(text, CHANGELOG_FILE_LABEL);

  it('the changelog is where CI expects it', () => {
    expect(existsSync(CHANGELOG)).toBe(true);
  });

  it('equals a fresh generation byte for byte (run `npm run catalog -- <CHANGELOG.md>` after updating it)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(generated.json);
  });

  it('is deterministic', () => {
    expect(generateCatalogFile(text, CHANGELOG_FILE_LABEL).json).toBe(generated.json);
  });

  it('stays small', () => {
    expect(Buffer.byteLength(generated.json)).toBeLessThan(150_000);
  });

  it('finds every release section in each of the three formats (row counts pin the parsers)', () => {
    expect(generated.counts.byFormat).toEqual({
      'html-ami-type': { releases: 92, rows: 4279 },
      'html-version': { releases: 10, rows: 192 },
      markdown: { releases: 96, rows: 1325 },
    });
    expect(generated.counts.releases).toBe(198);
    expect(generated.counts.rowsWithContainerd).toBe(5380);
    // Every HTML row has a containerd version; only pre-2022 markdown releases lack one.
    const html = embedded.releases.filter((r) => r.format !== 'markdown').flatMap((r) => r.rows);
    expect(html.every((r) => r.containerdPackage && r.releaseVersion)).toBe(true);
  });

  it('only skips the undated 2018 sections', () => {
    expect(generated.notes.map((n) => n.message)).toEqual([
      "skipped undated section 'amazon-eks-node-v25'",
      "skipped undated section 'amazon-eks-node-v24'",
      "skipped undated section 'amazon-eks-node-v23'",
      "skipped undated section 'eks-worker-v22'",
      "skipped undated section 'eks-worker-v21'",
      "skipped undated section 'eks-worker-v20'",
    ]);
  });

  it('records the newest release and the source date', () => {
    expect(catalogSource()).toMatchObject({ newestRelease: 'v20260714', date: '2026-07-14', file: CHANGELOG_FILE_LABEL });
    expect(catalogSource().sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('decodes back to exactly what was parsed', () => {
    const { catalog } = parseChangelog(text, CHANGELOG_FILE_LABEL);
    const round = decodeCatalog(encodeCatalog(catalog));
    expect(round.problems).toEqual([]);
    expect(round.catalog).toEqual(catalog);
    expect(embedded).toEqual(catalog);
  });

  it('decodes each series on its own to the rows of the whole catalog', () => {
    const bySeries = new Map<string, CatalogRow[]>();
    for (const row of rows()) {
      const key = `${row.kubernetesVersion} ${row.amiType}`;
      bySeries.set(key, [...(bySeries.get(key) ?? []), row]);
    }
    expect(bySeries.size).toBeGreaterThan(50);
    for (const [, series] of bySeries) expect(catalogSeries(series[0])).toEqual([...series].sort(byRelease));
    expect(catalogSeries({ amiType: 'AL2_x86_64', kubernetesVersion: '9.99' })).toEqual([]);
  });
});

describe('facts the catalog must hold (REFERENCE.md section 3)', () => {
  function firstWith(family: 'al2' | 'al2023', test: (v: string) => boolean): CatalogRow | undefined {
    return rows()
      .filter((r) => r.containerdPackage && familyOfEksAmiType(r.amiType) === family && test(upstream(r)))
      .sort(byRelease)[0];
  }

  it('first containerd >= 1.7.20 is 1.7.20 in v20240817, on AL2 and AL2023', () => {
    for (const family of ['al2', 'al2023'] as const) {
      const first = firstWith(family, (v) => semver.gte(v, '1.7.20'));
      expect(first?.release).toBe('v20240817');
      expect(upstream(first as CatalogRow)).toBe('1.7.20');
    }
  });

  it('v20240828 rolled every AMI back to 1.7.11', () => {
    const release = embedded.releases.find((r) => r.release === 'v20240828');
    expect(release?.rows.length).toBeGreaterThan(10);
    expect(new Set(release?.rows.map(upstream))).toEqual(new Set(['1.7.11']));
  });

  it('1.7.22 arrived in v20241011 on AL2 and v20241016 on AL2023', () => {
    expect(firstWith('al2', (v) => v === '1.7.22')?.release).toBe('v20241011');
    expect(firstWith('al2023', (v) => v === '1.7.22')?.release).toBe('v20241016');
    expect(catalogRow({ amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.29' }, 'v20241011')?.containerdPackage).toBe('1.7.11-1.amzn2023.0.1');
  });

  it('containerd 2.x ships only on AL2023, Kubernetes 1.30+, from late 2025', () => {
    const two = rows().filter((r) => r.containerdPackage && semver.gte(upstream(r), '2.0.0'));
    expect(two.length).toBeGreaterThan(100);
    expect(two.every((r) => familyOfEksAmiType(r.amiType) === 'al2023' && semver.gte(`${r.kubernetesVersion}.0`, '1.30.0'))).toBe(true);
    expect(two.sort(byRelease)[0].release >= 'v20250901').toBe(true);
    expect(upstream(newestSeriesRow({ amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.30' }) as CatalogRow)).toMatch(/^2\./);
  });

  it('no EKS AMI ever shipped containerd 1.6.34+ (the 1.6 backport)', () => {
    expect(rows().filter((r) => r.containerdPackage && semver.satisfies(upstream(r), '>=1.6.34 <1.7.0'))).toEqual([]);
  });

  it('AL2 ends with v20251209', () => {
    const al2 = rows().filter((r) => familyOfEksAmiType(r.amiType) === 'al2').sort(byRelease);
    expect(al2[al2.length - 1].release).toBe('v20251209');
  });

  it('has the known gaps v20240807 and v20250610', () => {
    expect(embedded.releases.some((r) => r.release === 'v20240807')).toBe(false);
    expect(embedded.releases.some((r) => r.release === 'v20250610')).toBe(false);
    expect(seriesNeighbours({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' }, 'v20240807')).toMatchObject({
      before: { release: 'v20240729' },
      after: { release: 'v20240817' },
    });
  });

  it('keeps non-canonical AMI names (the nvidia-560 variant)', () => {
    const row = catalogRow({ amiType: 'AL2023_x86_64_NVIDIA', kubernetesVersion: '1.31' }, 'v20241016');
    expect(row?.amiNames).toEqual(['amazon-eks-node-al2023-x86_64-nvidia-560-1.31-v20241016']);
  });

  it('marks recalled and abandoned releases', () => {
    const status = (tag: string) => embedded.releases.find((r) => r.release === tag)?.status;
    expect(status('v20230211')).toBe('recalled');
    expect(status('v20260311')).toBe('abandoned');
    expect(status('v20260714')).toBe('released');
  });

  it('series are sorted oldest first and hold release versions', () => {
    const series = catalogSeries({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' });
    expect(series[0].release).toBe('v20240117');
    expect([...series].sort(byRelease)).toEqual(series);
    expect(catalogRow({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' }, 'v20241024')).toMatchObject({
      releaseVersion: '1.29.8-20241024',
      containerdPackage: '1.7.22-1.amzn2.0.2',
      amiNames: ['amazon-eks-node-1.29-v20241024'],
    });
  });
});
