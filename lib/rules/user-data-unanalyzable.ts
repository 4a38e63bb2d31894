import { locationText } from '../userdata/location';
import { evidenceFor } from './describe';
import type { Rule, RuleResult } from './rule';

/**
 * What the guard could not read it must say, never pass silently: a token where a kubelet flag
 * might be, a part that would not decode, a launch template defined outside the app or one the
 * guard could not read.
 */
export const userDataUnanalyzable: Rule = {
  id: 'user-data-unanalyzable',
  summary: 'Part of the node user data could not be analysed, so a kubelet resolv-conf setting may be hidden.',
  defaultSeverity: 'warning',
  help: [
    'The guard could not analyse something that may set the kubelet resolv-conf: a value only known at deploy time',
    '(a parameter, an import, a token) inside the kubelet arguments, user data that does not decode (bad base64,',
    'gzip, MIME, YAML), user data over the size cap, a launch template that is not defined in the app',
    '(a literal `lt-…` id or a name), or a resource of the app the guard could not read. Warning by default;',
    'an error with `strict: true`.',
    '',
    '**Fix:** make the value literal in the app, fix the encoding, or acknowledge the finding with a reason.',
  ].join('\n'),
  check(facts, options) {
    const severity = options.strict ? 'error' : 'warning';
    const results: RuleResult[] = [];
    if (facts.node.launchTemplate === 'external') {
      results.push({
        severity,
        title: 'launch template cannot be verified',
        detail: `The nodes boot from ${facts.node.launchTemplateRef ?? 'a launch template'} that is not defined here, so its user data cannot be checked.`,
        fix: 'Define the launch template in the app (or scan the template that defines it), or acknowledge this finding with a reason.',
        evidence: evidenceFor(facts),
      });
    }
    if (facts.node.launchTemplate === 'unreadable') {
      results.push({
        severity,
        title: 'launch template could not be read',
        detail: `The nodes boot from ${facts.node.launchTemplateRef ?? 'a launch template'}, so its user data cannot be checked.`,
        fix: 'Report this to cdk-eks-node-guard with the launch template definition, or acknowledge this finding with a reason.',
        evidence: evidenceFor(facts),
      });
    }
    const problems = (facts.userData?.problems ?? []).filter((p) => p.mayAffectResolvConf);
    if (problems.length > 0) {
      const listed = problems.map((p) => `${p.reason}${p.location ? ` (${locationText(p.location)})` : ''} [${p.code}]`);
      results.push({
        severity,
        title: `user data could not be fully analysed (${problems.length} problem${problems.length > 1 ? 's' : ''})`,
        detail: `A kubelet resolv-conf setting may be hidden: ${listed.join('; ')}.`,
        fix: 'Make the value literal in the app or fix the encoding so the guard can read it, or acknowledge this finding with a reason.',
        evidence: { ...evidenceFor(facts), problems },
      });
    }
    return results;
  },
};
