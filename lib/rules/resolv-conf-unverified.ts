import { AFFECTED_CONTAINERD_TEXT } from '../ami/containerd-version';
import { containerdText, evidenceFor, REMOVE_RESOLV_CONF_FIX, resolvConfRulesApply, resolvConfSeverity, settingOrigin, settingText, upgradeWarning } from './describe';
import type { Rule } from './rule';

/**
 * A resolv-conf whose content the user data does not show: it may be the empty file of the
 * incident, written by something the guard cannot see (a baked AMI, a config management run).
 */
export const resolvConfUnverified: Rule = {
  id: 'resolv-conf-unverified',
  summary: 'The kubelet resolv-conf points at a file whose content the user data does not show.',
  defaultSeverity: 'error',
  dependsOnContainerd: true,
  help: [
    'The kubelet is pointed at a resolv-conf file that the user data neither fills with `nameserver` lines nor',
    'takes from a known resolver file, so the guard cannot tell whether it is empty. If it is empty (the usual reason',
    `for this setting), nodes on containerd ${AFFECTED_CONTAINERD_TEXT} lose pod DNS and never become Ready. \`--resolv-conf\` on the`,
    'command line is the deprecated path the incident came from.',
    '',
    '**Fix:** remove the setting and manage /etc/resolv.conf on the host; or write the file in the user data with',
    '`nameserver` lines so its content is visible; or acknowledge the finding with a reason if the AMI provides it.',
  ].join('\n'),
  check(facts, options) {
    const setting = facts.userData?.effectiveResolvConf;
    if (!setting || setting.content !== 'unknown' || !resolvConfRulesApply(facts)) return [];
    return [
      {
        severity: resolvConfSeverity(facts.containerd, options),
        title: `kubelet ${settingText(setting)} points at a file of unknown content`,
        detail:
          `The kubelet gets ${settingText(setting)}, ${settingOrigin(setting, facts)}, and the user data does not show ` +
          `what ${setting.value} holds. ${containerdText(facts.containerd, options.lookupRoute)}. ` +
          'If the file is empty, hostNetwork pods such as aws-node get no DNS and the node never becomes Ready.' +
          upgradeWarning(facts.containerd),
        fix: REMOVE_RESOLV_CONF_FIX,
        evidence: evidenceFor(facts, setting),
      },
    ];
  },
};
