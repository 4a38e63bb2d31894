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

export type { Rule, RuleResult } from './rule';

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

/** The rules the options select; an unknown rule id is a configuration error worth failing on. */
export function rulesFor(options: GuardOptions): readonly Rule[] {
  const known = new Set(ALL_RULES.map((r) => r.id));
  for (const id of [...(options.rules ?? []), ...(options.skipRules ?? [])]) {
    if (!known.has(id)) throw new Error(`eks-node-guard: unknown rule id '${id}' (known: ${[...known].join(', ')})`);
  }
  return ALL_RULES.filter((r) => (!options.rules || options.rules.includes(r.id)) && !options.skipRules?.includes(r.id));
}
