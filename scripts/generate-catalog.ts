/**
 * Regenerates lib/catalog/catalog.json from the upstream EKS AMI changelog.
 *
 *   npm run catalog -- <path-to-CHANGELOG.md> [--out lib/catalog/catalog.json]
 *
 * Deterministic: the same changelog gives a byte-identical file.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { CHANGELOG_FILE_LABEL, generateCatalogFile } from '../lib/catalog/generate';

function main(argv: string[]): number {
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length !== 1) {
    process.stderr.write('usage: npm run catalog -- <path-to-CHANGELOG.md> [--out lib/catalog/catalog.json]\n');
    return 2;
  }
  const out = values.out ?? path.join(__dirname, '..', 'lib', 'catalog', 'catalog.json');
  const generated = generateCatalogFile(readFileSync(positionals[0], 'utf8'), CHANGELOG_FILE_LABEL);
  writeFileSync(out, generated.json);
  const { counts } = generated;
  process.stdout.write(
    [
      `wrote ${path.relative(process.cwd(), out)} (${generated.json.length} bytes)`,
      `releases: ${counts.releases} (newest ${counts.newestRelease}), rows: ${counts.rows}, rows with containerd: ${counts.rowsWithContainerd}`,
      ...Object.entries(counts.byFormat).map(([format, c]) => `  ${format}: ${c.releases} releases, ${c.rows} rows`),
      `distinct containerd packages: ${counts.containerdPackages}`,
      ...generated.notes.map((n) => `note: ${n.release ? `${n.release}: ` : ''}${n.message}`),
    ].join('\n') + '\n',
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
