"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mergeAmiFacts = mergeAmiFacts;
exports.amiFactsForContext = amiFactsForContext;
const context_facts_1 = require("../nodes/context-facts");
/** Merges facts; later sources win per key. */
function mergeAmiFacts(...all) {
    return {
        overrides: Object.assign({}, ...all.map((f) => f.overrides ?? {})),
        ssmValues: Object.assign({}, ...all.map((f) => f.ssmValues ?? {})),
        images: Object.assign({}, ...all.map((f) => f.images ?? {})),
    };
}
/**
 * The facts for a node's AMI: context values for the node's region (lookups are
 * region-specific), then `extra` over them. Computed once per region.
 */
function amiFactsForContext(context, extra = {}) {
    const byRegion = new Map();
    return (ami) => {
        let facts = byRegion.get(ami.region);
        if (!facts) {
            facts = mergeAmiFacts((0, context_facts_1.amiFactsFromContext)(context, ami.region), extra);
            byRegion.set(ami.region, facts);
        }
        return facts;
    };
}
//# sourceMappingURL=context.js.map