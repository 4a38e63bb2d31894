"use strict";
/**
 * The contract between synth and `eks-node-guard lookup`.
 *
 * At synth the guard writes {@link LOOKUP_REQUEST_FILE} into the cloud assembly directory, listing
 * what only AWS can answer. `lookup` answers it and stores the answers in cdk.context.json under
 * {@link CONTEXT_PREFIX}; the next synth reads them back with no network.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.CONTEXT_PREFIX = exports.LOOKUP_REQUEST_FILE = void 0;
exports.imageContextKey = imageContextKey;
exports.ssmContextKey = ssmContextKey;
/** File name of the request, in the cloud assembly directory (and nested assemblies). */
exports.LOOKUP_REQUEST_FILE = 'eks-node-guard.lookups.json';
/** Prefix of every context key `lookup` writes. */
exports.CONTEXT_PREFIX = 'eks-node-guard:';
/** `eks-node-guard:image:<region>:<ami-id>` -> {@link ImageContextValue}. `region` is `*` when unknown at synth. */
function imageContextKey(region, imageId) {
    return `${exports.CONTEXT_PREFIX}image:${region}:${imageId}`;
}
/** `eks-node-guard:ssm:<region>:<parameter-name>` -> the parameter's string value. */
function ssmContextKey(region, name) {
    return `${exports.CONTEXT_PREFIX}ssm:${region}:${name}`;
}
//# sourceMappingURL=types.js.map