import { AFFECTED_CONTAINERD_TEXT } from '../ami/containerd-version';
import { isConfigFileMechanism } from '../kubelet/precedence';
import { evidenceFor, resolvConfRulesApply, settingOrigin, settingText } from './describe';
import type { Rule } from './rule';

/**
 * A populated resolv-conf passed as a command-line flag works today, but `--resolv-conf` is a
 * deprecated kubelet flag and the path the incident came from; the config file is the durable way.
 */
export const resolvConfDeprecatedFlag: Rule = {
  id: 'resolv-conf-deprecated-flag',
  summary: '`--resolv-conf` is passed as a deprecated kubelet flag (the file is populated, so nodes work).',
  defaultSeverity: 'warning',
  help: [
    'The kubelet gets `--resolv-conf` on its command line. The file holds nameserver lines, so nodes work, but the flag',
    'is deprecated in favour of the KubeletConfiguration field `resolvConf`, and a later change that empties the file',
    `breaks every node on containerd ${AFFECTED_CONTAINERD_TEXT}.`,
    '',
    '**Fix:** set `resolvConf` in the kubelet config (nodeadm `spec.kubelet.config.resolvConf`), or manage /etc/resolv.conf',
    'on the host and drop the setting.',
  ].join('\n'),
  check(facts) {
    const setting = facts.userData?.effectiveResolvConf;
    if (!setting || isConfigFileMechanism(setting.mechanism) || setting.content !== 'populated' || !resolvConfRulesApply(facts)) return [];
    return [
      {
        severity: 'warning',
        title: `kubelet ${settingText(setting)} uses a deprecated flag`,
        detail:
          `The kubelet gets ${settingText(setting)}, ${settingOrigin(setting, facts)}` +
          `${setting.contentEvidence ? `; the file is populated: ${setting.contentEvidence}` : ''}. ` +
          'It works, but --resolv-conf is deprecated and is the path the empty-resolv-conf incident came from.',
        fix: 'Set resolvConf in the KubeletConfiguration (nodeadm spec.kubelet.config.resolvConf) or manage /etc/resolv.conf on the host, and drop --resolv-conf.',
        evidence: evidenceFor(facts, setting),
      },
    ];
  },
};
