/**
 * How acknowledgements of the guard's rules are recorded, for both front doors: the Aspect reads
 * them from construct metadata, `scan` from the cloud assembly's metadata.
 */
import { isRecord } from './intrinsics';

/** The metadata key CDK's `Validations.acknowledge` writes: `{ "<id>": "<reason>" }`. */
export const ACKNOWLEDGED_RULES_KEY = 'aws:cdk:acknowledged-rules';

/** The guard's name: the namespace of its acknowledgement ids, annotations and reports, and its validation plugin's name. */
export const GUARD_NAMESPACE = 'eks-node-guard';

/** The id a user acknowledges for a rule: `eks-node-guard:<rule-id>`. */
export function acknowledgementId(ruleId: string): string {
  return `${GUARD_NAMESPACE}:${ruleId}`;
}

/**
 * The guard rule an acknowledgement id names, or undefined when it names another tool's rule.
 * Accepts what CDK records: `Annotation::eks-node-guard:<rule>` (acknowledging the Aspect's
 * annotation), `eks-node-guard::<rule>` (the validation plugin's violation) and the bare id.
 */
export function guardRuleOfAcknowledgement(id: string): string | undefined {
  const withoutAnnotation = id.startsWith('Annotation::') ? id.slice('Annotation::'.length) : id;
  for (const prefix of [`${GUARD_NAMESPACE}::`, `${GUARD_NAMESPACE}:`]) {
    if (withoutAnnotation.startsWith(prefix)) return withoutAnnotation.slice(prefix.length);
  }
  return undefined;
}

/** The `(id, reason)` pairs of one acknowledged-rules metadata entry; none for any other entry. */
export function acknowledgedRulesIn(type: unknown, data: unknown): { readonly id: string; readonly reason: string }[] {
  if (type !== ACKNOWLEDGED_RULES_KEY || !isRecord(data)) return [];
  // CDK writes the reason as a string; anything else is not a reason.
  return Object.entries(data).flatMap(([id, reason]) => (typeof reason === 'string' ? [{ id, reason }] : []));
}
