import type { Finding, NodeSource } from '../model';
import { acknowledgementId } from '../nodes/acknowledgement-ids';

/** A resource, for people: the construct path, else `stack/logicalId`. */
export function sourceLocation(source: NodeSource): string {
  return source.constructPath ?? [source.stack, source.logicalId].filter(Boolean).join('/');
}

/** Which resource a finding is about, for people (see {@link sourceLocation}). */
export function findingLocation(finding: Finding): string {
  return sourceLocation(finding.source);
}

/**
 * The one message a user reads: rule id, where, what, why and the fix.
 * `[eks-node-guard:resolv-conf-empty] Demo/Nodes: kubelet --resolv-conf=/etc/x is empty. … Fix: …`
 */
export function findingMessage(finding: Finding): string {
  return `[${acknowledgementId(finding.ruleId)}] ${findingLocation(finding)}: ${finding.title}. ${finding.detail} Fix: ${finding.fix}`;
}
