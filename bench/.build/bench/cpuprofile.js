"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.functionCosts = functionCosts;
/**
 * Reads a V8 `.cpuprofile` (from `node --cpu-prof`) and tells where the time went: self time and
 * total (inclusive) time per function, so a miss can be pinned on a function.
 */
const fs_1 = require("fs");
const path_1 = require("path");
/** Per-function costs of a profile, heaviest total first. */
function functionCosts(profilePath, options = {}) {
    const include = options.include ?? (() => true);
    const profile = JSON.parse((0, fs_1.readFileSync)(profilePath, 'utf8'));
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parentOf = new Map();
    for (const node of profile.nodes)
        for (const child of node.children ?? [])
            parentOf.set(child, node.id);
    const self = new Map();
    const total = new Map();
    for (let i = 0; i < profile.samples.length; i++) {
        // A sample's duration is the delta to the next sample.
        const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
        const leaf = byId.get(profile.samples[i]);
        if (!leaf)
            continue;
        const onStack = new Set();
        for (let id = leaf.id; id !== undefined; id = parentOf.get(id))
            onStack.add(labelOf(byId.get(id)));
        if (options.within && ![...onStack].some(options.within))
            continue;
        const leafLabel = labelOf(leaf);
        self.set(leafLabel, (self.get(leafLabel) ?? 0) + ms);
        for (const label of onStack)
            total.set(label, (total.get(label) ?? 0) + ms);
    }
    return [...total.entries()]
        .filter(([label]) => include(label))
        .map(([label, totalMs]) => ({ label, selfMs: self.get(label) ?? 0, totalMs }))
        .sort((a, b) => b.totalMs - a.totalMs);
}
function labelOf(node) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = url.startsWith('file://') ? (0, path_1.relative)(process.cwd(), url.slice('file://'.length)) : url;
    return `${functionName || '(anonymous)'} (${file || 'native'}:${lineNumber + 1})`;
}
//# sourceMappingURL=cpuprofile.js.map