import type { GuardOptions } from '../options';
import { bootstrapShOnAl2023 } from './bootstrap-sh-on-al2023';
import { kubeletFlagRemoved } from './kubelet-flag-removed';
import { managedNodegroupUserDataFormat } from './managed-nodegroup-user-data-format';
import { resolvConfDeprecatedFlag } from './resolv-conf-deprecated-flag';
import { resolvConfEmpty } from './resolv-conf-empty';
import { resolvConfUnverified } from './resolv-conf-unverified';
import type { Rule } from './rule';
import { userDataTooLarge } from './user-data-too-large';
import { userDataUnanalyzable } from './user-data-unanalyzable';

export type { LookupRoute, Rule, RuleOptions, RuleResult } from './rule';

/** Every rule, in the order findings are reported. */
export const ALL_RULES: readonly Rule[] = [
  resolvConfEmpty,
  resolvConfUnverified,
  resolvConfDeprecatedFlag,
  userDataUnanalyzable,
  bootstrapShOnAl2023,
  managedNodegroupUserDataFormat,
  userDataTooLarge,
  kubeletFlagRemoved,
];

/** Why `id` names none of the guard's rules (with the ids it knows), or undefined when it names one. */
export function unknownRuleProblem(id: string): string | undefined {
  return ALL_RULES.some((r) => r.id === id) ? undefined : `unknown rule id '${id}' (known: ${ALL_RULES.map((r) => r.id).join(', ')})`;
}

/** The rules the options select; an unknown rule id is a configuration error worth failing on. */
export function rulesFor(options: GuardOptions): readonly Rule[] {
  for (const id of [...(options.rules ?? []), ...(options.skipRules ?? [])]) {
    const problem = unknownRuleProblem(id);
    if (problem) throw new Error(`eks-node-guard: ${problem}`);
  }
  return ALL_RULES.filter((r) => (!options.rules || options.rules.includes(r.id)) && !options.skipRules?.includes(r.id));
}
