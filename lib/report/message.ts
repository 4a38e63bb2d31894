import type { Finding } from '../model';

/** Where a finding is, for people: the construct path, else stack/logical id, else the template. */
function findingLocation(finding: Finding): string {
  const s = finding.source;
  return s.constructPath ?? [s.templateFile, s.stack, s.logicalId].filter(Boolean).join(' ');
}

/**
 * The one message a user reads: rule id, where, what, why and the fix.
 * `[eks-node-guard:resolv-conf-empty] Demo/Nodes: kubelet --resolv-conf=/etc/x is empty. … Fix: …`
 */
export function findingMessage(finding: Finding): string {
  return `[eks-node-guard:${finding.ruleId}] ${findingLocation(finding)}: ${finding.title}. ${finding.detail} Fix: ${finding.fix}`;
}
