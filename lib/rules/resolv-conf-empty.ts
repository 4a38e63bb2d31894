import { AFFECTED_CONTAINERD_TEXT } from '../ami/containerd-version';
import { containerdText, evidenceFor, REMOVE_RESOLV_CONF_FIX, resolvConfRulesApply, resolvConfSeverity, settingOrigin, settingText, upgradeWarning } from './describe';
import type { Rule } from './rule';

/**
 * The incident itself: the kubelet is told to use an empty resolv-conf. containerd >= 1.6.34 on the
 * 1.6 line, >= 1.7.20 on the 1.7 line and every 2.x passes the empty DNS config to pods instead of
 * the host's (containerd #9730, kubernetes #120748), so hostNetwork pods like aws-node lose DNS and
 * the node never gets Ready.
 */
export const resolvConfEmpty: Rule = {
  id: 'resolv-conf-empty',
  summary: `The kubelet's resolv-conf is empty, so pods get no DNS on containerd ${AFFECTED_CONTAINERD_TEXT}.`,
  defaultSeverity: 'error',
  dependsOnContainerd: true,
  help: [
    'The kubelet is given an empty resolv-conf: `--resolv-conf=""`, `/dev/null`, or a file the user data creates empty.',
    `containerd ${AFFECTED_CONTAINERD_TEXT} no longer replace an empty pod DNS config with the host's /etc/resolv.conf`,
    '(containerd PR #9730, backports #10462/#10463; kubernetes issue #120748). hostNetwork pods such as `aws-node` then have no DNS,',
    'crash-loop with "cannot exec in a stopped container", and the node never becomes Ready (awslabs/amazon-eks-ami#2067).',
    '',
    '**Fix:** remove `--resolv-conf` from `--kubelet-extra-args` (or `resolvConf` from the kubelet config). For custom DNS,',
    'manage /etc/resolv.conf on the host, or point resolvConf at a file that holds `nameserver` lines.',
  ].join('\n'),
  check(facts, options) {
    const setting = facts.userData?.effectiveResolvConf;
    if (!setting || setting.content !== 'empty' || !resolvConfRulesApply(facts)) return [];
    const evidence = setting.contentEvidence ? `; the file is empty: ${setting.contentEvidence}` : '';
    return [
      {
        severity: resolvConfSeverity(facts.containerd, options),
        title: `kubelet ${settingText(setting)} is empty`,
        detail:
          `The kubelet gets ${settingText(setting)}, ${settingOrigin(setting, facts)}${evidence}. ` +
          `${containerdText(facts.containerd, options.lookupRoute)}. ` +
          'With an empty resolv-conf, hostNetwork pods such as aws-node (VPC CNI) get no DNS, crash-loop ' +
          '("cannot exec in a stopped container") and the node never becomes Ready.' +
          upgradeWarning(facts.containerd),
        fix: REMOVE_RESOLV_CONF_FIX,
        evidence: evidenceFor(facts, setting),
      },
    ];
  },
};
