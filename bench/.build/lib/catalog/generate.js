"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CHANGELOG_FILE_LABEL = void 0;
exports.generateCatalogFile = generateCatalogFile;
/**
 * Changelog text -> committed catalog file text, with counts for the generator's report and tests.
 */
const changelog_1 = require("./changelog");
const encode_1 = require("./encode");
/** The label recorded as the catalog's source file. */
exports.CHANGELOG_FILE_LABEL = 'awslabs/amazon-eks-ami CHANGELOG.md';
/** Parses the changelog and encodes it; the same text always gives the same `json`. */
function generateCatalogFile(changelog, fileLabel) {
    const { catalog, notes } = (0, changelog_1.parseChangelog)(changelog, fileLabel);
    const file = (0, encode_1.encodeCatalog)(catalog);
    const byFormat = {
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
        json: (0, encode_1.serializeCatalogFile)(file),
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
//# sourceMappingURL=generate.js.map