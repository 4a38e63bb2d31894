import type { Finding } from '../model';
import { acknowledgementId } from '../nodes/acknowledgement-ids';

/** Which resource a finding is about, for people: the construct path, else `stack/logicalId`. */
export function findingLocation(finding: Finding): string {
  const s = finding.source;
  return s.constructPath ?? [s.stack, s.logicalId].filter(Boolean).join('/');
}

/**
 * The one message a user reads: rule id, where, what, why and the fix.
 * `[eks-node-guard:resolv-conf-empty] Demo/Nodes: kubelet --resolv-conf=/etc/x is empty. … Fix: …`
 */
export function findingMessage(finding: Finding): string {
  return `[${acknowledgementId(finding.ruleId)}] ${findingLocation(finding)}: ${finding.title}. ${finding.detail} Fix: ${finding.fix}`;
}
