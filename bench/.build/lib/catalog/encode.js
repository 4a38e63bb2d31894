"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.CATALOG_SCHEMA = void 0;
exports.encodeCatalog = encodeCatalog;
exports.serializeCatalogFile = serializeCatalogFile;
exports.decodeCatalog = decodeCatalog;
/**
 * The committed catalog's compact encoding: containerd versions are stored once in a dictionary,
 * rows of one release and Kubernetes minor share their release version, and AMI names are stored
 * only when they differ from the canonical name of their type.
 */
const identify_1 = require("../ami/identify");
/** Bumped whenever the encoding changes. */
exports.CATALOG_SCHEMA = 1;
const FORMAT_CODES = { 'html-ami-type': 'h', 'html-version': 'v', markdown: 'm' };
const STATUS_CODES = { released: 'r', recalled: 'x', abandoned: 'a' };
function codeLookup(codes, code) {
    return Object.keys(codes).find((k) => codes[k] === code);
}
function encodeVersion(row) {
    const rv = row.releaseVersion;
    if (!rv)
        return '';
    const suffix = `-${row.release.slice(1)}`;
    return rv.endsWith(suffix) && !rv.slice(0, -suffix.length).includes('-') ? rv.slice(0, -suffix.length) : rv;
}
function decodeVersion(version, release) {
    if (!version)
        return undefined;
    return version.includes('-') ? version : `${version}-${release.slice(1)}`;
}
function isCanonical(row) {
    return row.amiNames.length === 1 && row.amiNames[0] === (0, identify_1.eksAmiName)(row, row.release);
}
/** Encodes a catalog into the committed file form. */
function encodeCatalog(catalog) {
    const containerd = [...new Set(catalog.releases.flatMap((r) => r.rows.flatMap((row) => (row.containerdPackage ? [row.containerdPackage] : []))))].sort();
    const releases = catalog.releases.map((release) => {
        const groups = [];
        for (const row of release.rows) {
            const version = encodeVersion(row);
            let group = groups.find((g) => g[0] === row.kubernetesVersion && g[1] === version);
            if (!group) {
                group = [row.kubernetesVersion, version, []];
                groups.push(group);
            }
            const typeIndex = identify_1.EKS_AMI_TYPES.indexOf(row.amiType);
            group[2].push(typeIndex, row.containerdPackage ? containerd.indexOf(row.containerdPackage) : -1);
            if (!isCanonical(row))
                group[3] = { ...(group[3] ?? {}), [String(typeIndex)]: [...row.amiNames] };
        }
        return [release.release, FORMAT_CODES[release.format], STATUS_CODES[release.status], groups];
    });
    return { schema: exports.CATALOG_SCHEMA, source: catalog.source, amiTypes: [...identify_1.EKS_AMI_TYPES], containerd, releases };
}
/** Serialises the file deterministically: one release per line, so diffs stay readable. */
function serializeCatalogFile(file) {
    const head = [
        `"schema":${JSON.stringify(file.schema)}`,
        `"source":${JSON.stringify(file.source)}`,
        `"amiTypes":${JSON.stringify(file.amiTypes)}`,
        `"containerd":${JSON.stringify(file.containerd)}`,
    ];
    const releases = file.releases.map((r) => JSON.stringify(r)).join(',\n');
    return `{${head.join(',\n')},\n"releases":[\n${releases}\n]}\n`;
}
/** Decodes the committed file form back into releases and rows. */
function decodeCatalog(file) {
    const problems = [];
    if (file.schema !== exports.CATALOG_SCHEMA)
        problems.push({ message: `catalog schema ${file.schema} is not ${exports.CATALOG_SCHEMA}` });
    const releases = file.releases.map(([tag, formatCode, statusCode, groups]) => {
        const format = codeLookup(FORMAT_CODES, formatCode) ?? 'markdown';
        const status = codeLookup(STATUS_CODES, statusCode) ?? 'released';
        const rows = [];
        for (const [kubernetesVersion, version, cells, names] of groups) {
            for (let i = 0; i + 1 < cells.length; i += 2) {
                const amiType = file.amiTypes[cells[i]];
                if (amiType === undefined || !(0, identify_1.isEksAmiType)(amiType)) {
                    problems.push({ message: `${tag}: unknown AMI type index ${cells[i]}` });
                    continue;
                }
                const series = { amiType: amiType, kubernetesVersion };
                const releaseVersion = decodeVersion(version, tag);
                const containerdPackage = cells[i + 1] >= 0 ? file.containerd[cells[i + 1]] : undefined;
                rows.push({
                    release: tag,
                    status,
                    ...series,
                    amiNames: names?.[String(cells[i])] ?? [(0, identify_1.eksAmiName)(series, tag)],
                    ...(releaseVersion ? { releaseVersion } : {}),
                    ...(containerdPackage ? { containerdPackage } : {}),
                });
            }
        }
        return { release: tag, status, format, rows };
    });
    return { catalog: { source: file.source, releases }, problems };
}
//# sourceMappingURL=encode.js.map