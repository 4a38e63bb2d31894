"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseLookupRequest = parseLookupRequest;
exports.mergeLookupRequests = mergeLookupRequests;
exports.readLookupRequests = readLookupRequests;
/**
 * Finding and reading the lookup requests synth leaves in a cloud assembly.
 */
const fs_1 = require("fs");
const path = __importStar(require("path"));
const types_1 = require("./types");
/**
 * Parses the text of one request file; a problem (never an exception) when it is not a
 * version 1 {@link LookupRequest}.
 */
function parseLookupRequest(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        return { kind: 'problem', message: `${file} is not valid JSON (${err.message})` };
    }
    if (!isRecord(data))
        return { kind: 'problem', message: `${file} is not a JSON object` };
    if (data.version !== 1) {
        return { kind: 'problem', message: `${file} has version ${JSON.stringify(data.version)}; this eks-node-guard reads version 1 (upgrade eks-node-guard or re-run cdk synth)` };
    }
    const images = parseItems(data.images);
    const ssmParameters = parseItems(data.ssmParameters);
    if (images === undefined)
        return { kind: 'problem', message: `${file}: "images" must be a list of { id, region?, paths }` };
    if (ssmParameters === undefined)
        return { kind: 'problem', message: `${file}: "ssmParameters" must be a list of { id, region?, paths }` };
    return { kind: 'ok', request: { version: 1, images, ssmParameters } };
}
function parseItems(value) {
    if (value === undefined)
        return [];
    if (!Array.isArray(value))
        return undefined;
    const items = [];
    for (const entry of value) {
        if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '')
            return undefined;
        if (entry.region !== undefined && typeof entry.region !== 'string')
            return undefined;
        const paths = entry.paths ?? [];
        if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string'))
            return undefined;
        // An empty or `*` region means "unknown at synth", like an absent one.
        const region = entry.region && entry.region !== '*' ? entry.region : undefined;
        items.push({ id: entry.id, region, paths });
    }
    return items;
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/**
 * One request holding every item of `requests` once per (region, id), with the construct paths
 * of duplicates united (a nested Stage assembly may ask for the same AMI as the top level).
 */
function mergeLookupRequests(requests) {
    return {
        version: 1,
        images: mergeItems(requests.flatMap((r) => r.images)),
        ssmParameters: mergeItems(requests.flatMap((r) => r.ssmParameters)),
    };
}
function mergeItems(items) {
    const byKey = new Map();
    for (const item of items) {
        const key = `${item.region ?? '*'}\u0000${item.id}`;
        const entry = byKey.get(key) ?? { id: item.id, region: item.region, paths: new Set() };
        item.paths.forEach((p) => entry.paths.add(p));
        byKey.set(key, entry);
    }
    return [...byKey.values()].map((e) => ({ id: e.id, ...(e.region ? { region: e.region } : {}), paths: [...e.paths] }));
}
/**
 * Reads every {@link LOOKUP_REQUEST_FILE} of a cloud assembly: the top level and nested Stage
 * assemblies (`assembly-*` directories, at any depth). `app` may also name a request file itself.
 * A missing directory or a malformed file is a problem; an assembly without request files is an
 * empty request (synth had nothing it could not resolve).
 */
async function readLookupRequests(app) {
    let stat;
    try {
        stat = await fs_1.promises.stat(app);
    }
    catch {
        return { kind: 'problem', message: `${app} not found: run 'cdk synth' first, or pass --app <cloud assembly directory>` };
    }
    const files = stat.isDirectory() ? await requestFilesIn(app) : [app];
    const requests = [];
    for (const file of files) {
        const parsed = parseLookupRequest(await fs_1.promises.readFile(file, 'utf8'), file);
        if (parsed.kind === 'problem')
            return parsed;
        requests.push(parsed.request);
    }
    return { kind: 'ok', request: mergeLookupRequests(requests), files };
}
async function requestFilesIn(dir) {
    const entries = await fs_1.promises.readdir(dir, { withFileTypes: true });
    const files = entries.some((e) => e.isFile() && e.name === types_1.LOOKUP_REQUEST_FILE) ? [path.join(dir, types_1.LOOKUP_REQUEST_FILE)] : [];
    const nested = entries.filter((e) => e.isDirectory() && e.name.startsWith('assembly-')).map((e) => e.name).sort();
    for (const name of nested)
        files.push(...(await requestFilesIn(path.join(dir, name))));
    return files;
}
//# sourceMappingURL=request.js.map