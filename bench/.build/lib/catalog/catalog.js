"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.embeddedCatalog = embeddedCatalog;
exports.catalogSource = catalogSource;
exports.catalogSeries = catalogSeries;
exports.catalogRow = catalogRow;
exports.catalogHasRelease = catalogHasRelease;
exports.newestSeriesRow = newestSeriesRow;
exports.seriesNeighbours = seriesNeighbours;
const catalog_json_1 = __importDefault(require("./catalog.json"));
const encode_1 = require("./encode");
let decoded;
let seriesIndex;
/** The committed catalog, decoded once. */
function embeddedCatalog() {
    decoded ??= (0, encode_1.decodeCatalog)(catalog_json_1.default).catalog;
    return decoded;
}
/** Where the embedded catalog came from and how current it is. */
function catalogSource() {
    return embeddedCatalog().source;
}
function seriesKey(series) {
    return `${series.kubernetesVersion} ${series.amiType}`;
}
/** Every row of one AMI series (Kubernetes minor + type), oldest release first. */
function catalogSeries(series) {
    if (!seriesIndex) {
        seriesIndex = new Map();
        for (const release of embeddedCatalog().releases) {
            for (const row of release.rows) {
                const key = seriesKey(row);
                const list = seriesIndex.get(key) ?? [];
                list.push(row);
                seriesIndex.set(key, list);
            }
        }
        for (const list of seriesIndex.values())
            list.sort((a, b) => (a.release < b.release ? -1 : a.release > b.release ? 1 : 0));
    }
    return seriesIndex.get(seriesKey(series)) ?? [];
}
/** The row of a series at a release tag, if the changelog lists that AMI. */
function catalogRow(series, release) {
    return catalogSeries(series).find((row) => row.release === release);
}
/** Whether the changelog has a section for this release tag (for any AMI). */
function catalogHasRelease(release) {
    return embeddedCatalog().releases.some((r) => r.release === release);
}
/** Rows that count as evidence of what a series shipped: containerd listed, and the release not abandoned. */
function isShippedWithContainerd(row) {
    return row.containerdPackage !== undefined && row.status !== 'abandoned';
}
/** The newest released (not recalled or abandoned) row of a series that lists containerd. */
function newestSeriesRow(series) {
    return [...catalogSeries(series)].reverse().find((row) => row.status === 'released' && row.containerdPackage !== undefined);
}
/** The nearest shipped rows of a series on either side of `release` (exclusive). */
function seriesNeighbours(series, release) {
    const rows = catalogSeries(series).filter(isShippedWithContainerd);
    const before = [...rows].reverse().find((row) => row.release < release);
    const after = rows.find((row) => row.release > release);
    return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
}
//# sourceMappingURL=catalog.js.map