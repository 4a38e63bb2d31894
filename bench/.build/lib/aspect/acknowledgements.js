"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ACKNOWLEDGED_RULES_KEY = void 0;
exports.acknowledgementId = acknowledgementId;
exports.acknowledgeRule = acknowledgeRule;
exports.acknowledgementOf = acknowledgementOf;
/**
 * Suppressions. CDK records `Validations.of(scope).acknowledge({ id, reason })` as construct
 * metadata; CDK itself only honours it for warnings, so the guard reads it for every severity.
 */
const aws_cdk_lib_1 = require("aws-cdk-lib");
/** The metadata key CDK's `Validations.acknowledge` writes (the same on older versions, via the fallback). */
exports.ACKNOWLEDGED_RULES_KEY = 'aws:cdk:acknowledged-rules';
/** The id a user acknowledges for a rule: `eks-node-guard:<rule-id>`. */
function acknowledgementId(ruleId) {
    return `eks-node-guard:${ruleId}`;
}
/**
 * Acknowledges a rule on a scope and everything below it, with a mandatory reason. Uses CDK's own
 * `Validations.of(scope).acknowledge` where the installed aws-cdk-lib has it, else records the
 * same metadata itself, so suppressions look the same in the cloud assembly either way.
 */
function acknowledgeRule(scope, ruleId, reason) {
    if (!reason.trim())
        throw new Error(`eks-node-guard: acknowledging ${ruleId} on ${scope.node.path || '<root>'} needs a reason`);
    const id = acknowledgementId(ruleId);
    const validations = aws_cdk_lib_1.Validations.of?.(scope);
    if (validations?.acknowledge) {
        validations.acknowledge({ id, reason });
    }
    else {
        scope.node.addMetadata(exports.ACKNOWLEDGED_RULES_KEY, { [`Annotation::${id}`]: reason });
    }
}
/** The nearest acknowledgement of a rule on `construct` or its ancestors. */
function acknowledgementOf(construct, ruleId) {
    const keys = [`Annotation::${acknowledgementId(ruleId)}`, acknowledgementId(ruleId)];
    const scopes = construct.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
        for (const entry of scopes[i].node.metadata) {
            if (entry.type !== exports.ACKNOWLEDGED_RULES_KEY || typeof entry.data !== 'object' || entry.data === null)
                continue;
            const data = entry.data;
            for (const key of keys) {
                if (typeof data[key] === 'string')
                    return { scope: scopes[i].node.path || '<root>', reason: data[key] };
            }
        }
    }
    return undefined;
}
//# sourceMappingURL=acknowledgements.js.map