/**
 * Changelog text -> committed catalog file text, with counts for the generator's report and tests.
 */
import { ChangelogNote, parseChangelog } from './changelog';
import { encodeCatalog, serializeCatalogFile } from './encode';
import type { ChangelogFormat } from './types';

/** The label recorded as the catalog's source file. */
export const CHANGELOG_FILE_LABEL = 'awslabs/amazon-eks-ami CHANGELOG.md';

/** How much the generator found. */
export interface CatalogCounts {
  readonly releases: number;
  readonly newestRelease: string;
  readonly rows: number;
  readonly rowsWithContainerd: number;
  readonly containerdPackages: number;
  readonly byFormat: Readonly<Record<ChangelogFormat, { readonly releases: number; readonly rows: number }>>;
}

/** The generated file text, its counts and the parser's notes. */
export interface GeneratedCatalog {
  readonly json: string;
  readonly counts: CatalogCounts;
  readonly notes: readonly ChangelogNote[];
}

/** Parses the changelog and encodes it; the same text always gives the same `json`. */
export function generateCatalogFile(changelog: string, fileLabel: string): GeneratedCatalog {
  const { catalog, notes } = parseChangelog(changelog, fileLabel);
  const file = encodeCatalog(catalog);
  const byFormat: Record<ChangelogFormat, { releases: number; rows: number }> = {
    'html-ami-type': { releases: 0, rows: 0 },
    'html-version': { releases: 0, rows: 0 },
    markdown: { releases: 0, rows: 0 },
  };
  for (const r of catalog.releases) {
    byFormat[r.format].releases++;
    byFormat[r.format].rows += r.rows.length;
  }
  const rows = catalog.releases.flatMap((r) => r.rows);
  return {
    json: serializeCatalogFile(file),
    notes,
    counts: {
      releases: catalog.releases.length,
      newestRelease: catalog.source.newestRelease,
      rows: rows.length,
      rowsWithContainerd: rows.filter((r) => r.containerdPackage).length,
      containerdPackages: file.containerd.length,
      byFormat,
    },
  };
}
