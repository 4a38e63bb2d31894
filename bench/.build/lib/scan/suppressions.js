"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GUARD_NAMESPACE = void 0;
exports.guardRuleOfAcknowledgement = guardRuleOfAcknowledgement;
exports.applyAcknowledgements = applyAcknowledgements;
/** The tool's namespace in acknowledgement ids. */
exports.GUARD_NAMESPACE = 'eks-node-guard';
/**
 * The guard rule an acknowledgement id names, or undefined when it names another tool's rule.
 * Accepts the forms CDK records: `Annotation::eks-node-guard:<rule>` (acknowledging the Aspect's
 * annotation) and `eks-node-guard::<rule>` (acknowledging the validation plugin's violation).
 */
function guardRuleOfAcknowledgement(id) {
    const withoutAnnotation = id.startsWith('Annotation::') ? id.slice('Annotation::'.length) : id;
    for (const prefix of [`${exports.GUARD_NAMESPACE}::`, `${exports.GUARD_NAMESPACE}:`]) {
        if (withoutAnnotation.startsWith(prefix))
            return withoutAnnotation.slice(prefix.length);
    }
    return undefined;
}
/** Whether `path` is `scope` or inside it. */
function isWithin(path, scope) {
    return scope === '' || path === scope || path.startsWith(`${scope}/`);
}
/** Splits findings into active and suppressed; the closest acknowledging scope wins. */
function applyAcknowledgements(findings, acknowledgements) {
    const active = [];
    const suppressed = [];
    for (const finding of findings) {
        const path = finding.source.constructPath;
        const matching = path === undefined
            ? []
            : acknowledgements.filter((a) => guardRuleOfAcknowledgement(a.id) === finding.ruleId && isWithin(path, a.constructPath));
        const closest = matching.sort((a, b) => b.constructPath.length - a.constructPath.length)[0];
        if (closest)
            suppressed.push({ ...finding, suppressedBy: { scope: closest.constructPath, reason: closest.reason } });
        else
            active.push(finding);
    }
    return { findings: active, suppressed };
}
//# sourceMappingURL=suppressions.js.map