"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.literal = literal;
exports.objectAt = objectAt;
exports.referencedLogicalId = referencedLogicalId;
/** A literal string (numbers too: a `Version` of 1.29 may arrive as a number). */
function literal(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number')
        return String(value);
    return undefined;
}
/** The object under `key`, when `value` is an object and that child is one too. */
function objectAt(value, key) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const child = value[key];
    return child && typeof child === 'object' && !Array.isArray(child) ? child : undefined;
}
/** The logical id in `{Ref: id}`, `{Fn::GetAtt: [id, attr]}` or `{Fn::GetAtt: "id.attr"}`. */
function referencedLogicalId(value) {
    if (!value || typeof value !== 'object' || Array.isArray(value))
        return undefined;
    const obj = value;
    if (typeof obj.Ref === 'string')
        return obj.Ref;
    const getAtt = obj['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string')
        return getAtt[0];
    if (typeof getAtt === 'string')
        return getAtt.split('.')[0];
    return undefined;
}
//# sourceMappingURL=intrinsics.js.map