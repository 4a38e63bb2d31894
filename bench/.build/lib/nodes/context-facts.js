"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.amiFactsFromContext = amiFactsFromContext;
const types_1 = require("../lookup/types");
const ANY_REGION = '*';
/**
 * The facts that apply to a region (`undefined` for env-agnostic stacks: then a value stored for
 * any region is used when all regions agree on it).
 */
function amiFactsFromContext(context, region) {
    const ssm = new Map();
    const images = {};
    const add = (name, valueRegion, value) => {
        const byRegion = ssm.get(name) ?? new Map();
        byRegion.set(valueRegion, value);
        ssm.set(name, byRegion);
    };
    for (const [key, value] of Object.entries(context)) {
        if (key.startsWith(`${types_1.CONTEXT_PREFIX}image:`)) {
            const [, , imageRegion, imageId] = key.split(':');
            if (imageId && isImageFacts(value) && matchesRegion(imageRegion, region))
                images[imageId] = value;
        }
        else if (key.startsWith(`${types_1.CONTEXT_PREFIX}ssm:`)) {
            const rest = key.slice(`${types_1.CONTEXT_PREFIX}ssm:`.length);
            const cut = rest.indexOf(':');
            if (cut > 0 && typeof value === 'string')
                add(rest.slice(cut + 1), rest.slice(0, cut), value);
        }
        else if (key.startsWith('ssm:') && typeof value === 'string') {
            const fields = contextKeyFields(key.slice(4));
            if (fields.parameterName && fields.region)
                add(fields.parameterName, fields.region, value);
        }
        else if (key.startsWith('ami:') && typeof value === 'string') {
            const fields = contextKeyFields(key.slice(4));
            const name = fields['filters.image-name.0'];
            // Only an exact name identifies the AMI; a pattern could have matched any release.
            if (name && !/[*?]/.test(name) && matchesRegion(fields.region, region))
                images[value] = { ...images[value], name };
        }
    }
    const ssmValues = {};
    for (const [name, byRegion] of ssm) {
        const value = pickRegion(byRegion, region);
        if (value !== undefined)
            ssmValues[name] = value;
    }
    return { ssmValues, images };
}
function pickRegion(byRegion, region) {
    if (region !== undefined)
        return byRegion.get(region) ?? byRegion.get(ANY_REGION);
    const values = new Set(byRegion.values());
    return values.size === 1 ? [...values][0] : undefined;
}
function matchesRegion(valueRegion, region) {
    return region === undefined || valueRegion === undefined || valueRegion === ANY_REGION || valueRegion === region;
}
/** CDK context keys look like `account=123:parameterName=/a/b:region=eu-west-1`. */
function contextKeyFields(text) {
    const fields = {};
    for (const match of text.matchAll(/(?:^|:)([\w.-]+)=([^:]*)/g))
        fields[match[1]] = match[2];
    return fields;
}
function isImageFacts(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
//# sourceMappingURL=context-facts.js.map