"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.findingLocation = findingLocation;
exports.findingMessage = findingMessage;
/** Where a finding is, for people: the construct path, else stack/logical id, else the template. */
function findingLocation(finding) {
    const s = finding.source;
    return s.constructPath ?? [s.templateFile, s.stack, s.logicalId].filter(Boolean).join(' ');
}
/**
 * The one message a user reads: rule id, where, what, why and the fix.
 * `[eks-node-guard:resolv-conf-empty] Demo/Nodes: kubelet --resolv-conf=/etc/x is empty. … Fix: …`
 */
function findingMessage(finding) {
    return `[eks-node-guard:${finding.ruleId}] ${findingLocation(finding)}: ${finding.title}. ${finding.detail} Fix: ${finding.fix}`;
}
//# sourceMappingURL=message.js.map