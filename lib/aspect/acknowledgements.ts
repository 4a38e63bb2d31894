/**
 * Suppressions. CDK records `Validations.of(scope).acknowledge({ id, reason })` as construct
 * metadata; CDK itself only honours it for warnings, so the guard reads it for every severity.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** The metadata key CDK's `Validations.acknowledge` writes (the same on older versions, via the fallback). */
export const ACKNOWLEDGED_RULES_KEY = 'aws:cdk:acknowledged-rules';

/** The id a user acknowledges for a rule: `eks-node-guard:<rule-id>`. */
export function acknowledgementId(ruleId: string): string {
  return `eks-node-guard:${ruleId}`;
}

/**
 * Acknowledges a rule on a scope and everything below it, with a mandatory reason. Uses CDK's own
 * `Validations.of(scope).acknowledge` where the installed aws-cdk-lib has it, else records the
 * same metadata itself, so suppressions look the same in the cloud assembly either way.
 */
export function acknowledgeRule(scope: IConstruct, ruleId: string, reason: string): void {
  if (!reason.trim()) throw new Error(`eks-node-guard: acknowledging ${ruleId} on ${scope.node.path || '<root>'} needs a reason`);
  const id = acknowledgementId(ruleId);
  const validations = (Validations as { of?: (s: IConstruct) => { acknowledge?: (...rules: { id: string; reason: string }[]) => void } }).of?.(scope);
  if (validations?.acknowledge) {
    validations.acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(ACKNOWLEDGED_RULES_KEY, { [`Annotation::${id}`]: reason });
  }
}

/** The nearest acknowledgement of a rule on `construct` or its ancestors. */
export function acknowledgementOf(construct: IConstruct, ruleId: string): { scope: string; reason: string } | undefined {
  const keys = [`Annotation::${acknowledgementId(ruleId)}`, acknowledgementId(ruleId)];
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    for (const entry of scopes[i].node.metadata) {
      if (entry.type !== ACKNOWLEDGED_RULES_KEY || typeof entry.data !== 'object' || entry.data === null) continue;
      const data = entry.data as Record<string, unknown>;
      for (const key of keys) {
        if (typeof data[key] === 'string') return { scope: scopes[i].node.path || '<root>', reason: data[key] as string };
      }
    }
  }
  return undefined;
}
