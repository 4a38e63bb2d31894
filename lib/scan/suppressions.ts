/**
 * Acknowledgements recorded by `Validations.of(scope).acknowledge(...)` applied to scan findings.
 */
import type { Finding, SuppressedFinding } from '../model';
import { guardRuleOfAcknowledgement } from '../nodes/acknowledgement-ids';
import type { Acknowledgement } from './inputs';

/** Whether `path` is `scope` or inside it. */
function isWithin(path: string, scope: string): boolean {
  return scope === '' || path === scope || path.startsWith(`${scope}/`);
}

/** Splits findings into active and suppressed; the closest acknowledging scope wins. */
export function applyAcknowledgements(
  findings: readonly Finding[],
  acknowledgements: readonly Acknowledgement[],
): { readonly findings: Finding[]; readonly suppressed: SuppressedFinding[] } {
  const active: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of findings) {
    const path = finding.source.constructPath;
    const matching = path === undefined
      ? []
      : acknowledgements.filter((a) => guardRuleOfAcknowledgement(a.id) === finding.ruleId && isWithin(path, a.constructPath));
    const closest = matching.sort((a, b) => b.constructPath.length - a.constructPath.length)[0];
    if (closest) suppressed.push({ ...finding, suppressedBy: { scope: closest.constructPath, reason: closest.reason } });
    else active.push(finding);
  }
  return { findings: active, suppressed };
}
