/**
 * Suppressions. CDK records `Validations.of(scope).acknowledge({ id, reason })` as construct
 * metadata; CDK itself only honours it for warnings, so the guard reads it for every severity.
 */
import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { ACKNOWLEDGED_RULES_KEY, acknowledgedRulesIn, acknowledgementId, guardRuleOfAcknowledgement } from '../nodes/acknowledgement-ids';
import { unknownRuleProblem } from '../rules';

/**
 * Acknowledges a rule on a scope and everything below it, with a mandatory reason. Uses CDK's own
 * `Validations.of(scope).acknowledge` where the installed aws-cdk-lib has it, else records the
 * same metadata itself, so suppressions look the same in the cloud assembly either way.
 * `ruleId` is a rule id, bare or as `Validations` spells it (`eks-node-guard:resolv-conf-empty`).
 *
 * @throws when `ruleId` names no rule (a typo would otherwise acknowledge nothing, silently) or the reason is blank.
 */
export function acknowledgeRule(scope: IConstruct, ruleId: string, reason: string): void {
  const rule = guardRuleOfAcknowledgement(ruleId) ?? ruleId;
  const problem = unknownRuleProblem(rule);
  if (problem) throw new Error(`eks-node-guard: cannot acknowledge on ${scope.node.path || '<root>'}: ${problem}`);
  if (!reason.trim()) throw new Error(`eks-node-guard: acknowledging ${rule} on ${scope.node.path || '<root>'} needs a reason`);
  const id = acknowledgementId(rule);
  // `Validations` is undefined on aws-cdk-lib versions before it existed (the peer range allows them).
  const validations = (Validations as { of?: (s: IConstruct) => { acknowledge?: (...rules: { id: string; reason: string }[]) => void } } | undefined)?.of?.(scope);
  if (validations?.acknowledge) {
    validations.acknowledge({ id, reason });
  } else {
    scope.node.addMetadata(ACKNOWLEDGED_RULES_KEY, { [`Annotation::${id}`]: reason });
  }
}

/** The nearest acknowledgement of a rule on `construct` or its ancestors. */
export function acknowledgementOf(construct: IConstruct, ruleId: string): { scope: string; reason: string } | undefined {
  const scopes = construct.node.scopes;
  for (let i = scopes.length - 1; i >= 0; i--) {
    for (const entry of scopes[i].node.metadata) {
      for (const { id, reason } of acknowledgedRulesIn(entry.type, entry.data)) {
        if (guardRuleOfAcknowledgement(id) === ruleId) return { scope: scopes[i].node.path || '<root>', reason };
      }
    }
  }
  return undefined;
}
