"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvConfEmpty = void 0;
const describe_1 = require("./describe");
/**
 * The incident itself: the kubelet is told to use an empty resolv-conf. containerd >= 1.7.20
 * (1.6.34+, 2.x) passes the empty DNS config to pods instead of the host's (containerd #9730,
 * kubernetes #120748), so hostNetwork pods like aws-node lose DNS and the node never gets Ready.
 */
exports.resolvConfEmpty = {
    id: 'resolv-conf-empty',
    summary: "The kubelet's resolv-conf is empty, so pods on containerd >= 1.7.20 get no DNS.",
    defaultSeverity: 'error',
    help: [
        'The kubelet is given an empty resolv-conf: `--resolv-conf=""`, `/dev/null`, or a file the user data creates empty.',
        'containerd 1.7.20+, 1.6.34+ and every 2.x no longer replace an empty pod DNS config with the host\'s /etc/resolv.conf',
        '(containerd PR #9730, backports #10462/#10463; kubernetes issue #120748). hostNetwork pods such as `aws-node` then have no DNS,',
        'crash-loop with "cannot exec in a stopped container", and the node never becomes Ready (awslabs/amazon-eks-ami#2067).',
        '',
        '**Fix:** remove `--resolv-conf` from `--kubelet-extra-args` (or `resolvConf` from the kubelet config). For custom DNS,',
        'manage /etc/resolv.conf on the host, or point resolvConf at a file that holds `nameserver` lines.',
    ].join('\n'),
    check(facts, options) {
        const setting = facts.userData?.effectiveResolvConf;
        if (!setting || setting.content !== 'empty' || !(0, describe_1.resolvConfRulesApply)(facts))
            return [];
        const evidence = setting.contentEvidence ? `; the file is empty: ${setting.contentEvidence}` : '';
        return [
            {
                severity: (0, describe_1.resolvConfSeverity)(facts.containerd, options),
                title: `kubelet ${(0, describe_1.settingText)(setting)} is empty`,
                detail: `The kubelet gets ${(0, describe_1.settingText)(setting)}, ${(0, describe_1.settingOrigin)(setting, facts)}${evidence}. ` +
                    `${(0, describe_1.containerdText)(facts.containerd)}. ` +
                    'With an empty resolv-conf, hostNetwork pods such as aws-node (VPC CNI) get no DNS, crash-loop ' +
                    '("cannot exec in a stopped container") and the node never becomes Ready.' +
                    (0, describe_1.upgradeWarning)(facts.containerd),
                fix: describe_1.REMOVE_RESOLV_CONF_FIX,
                evidence: (0, describe_1.evidenceFor)(facts, setting),
            },
        ];
    },
};
//# sourceMappingURL=resolv-conf-empty.js.map