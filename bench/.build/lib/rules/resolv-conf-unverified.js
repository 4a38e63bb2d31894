"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvConfUnverified = void 0;
const describe_1 = require("./describe");
/**
 * A resolv-conf whose content the user data does not show: it may be the empty file of the
 * incident, written by something the guard cannot see (a baked AMI, a config management run).
 */
exports.resolvConfUnverified = {
    id: 'resolv-conf-unverified',
    summary: 'The kubelet resolv-conf points at a file whose content the user data does not show.',
    defaultSeverity: 'error',
    help: [
        'The kubelet is pointed at a resolv-conf file that the user data neither fills with `nameserver` lines nor',
        'takes from a known resolver file, so the guard cannot tell whether it is empty. If it is empty (the usual reason',
        'for this setting), nodes on containerd >= 1.7.20 lose pod DNS and never become Ready. `--resolv-conf` on the',
        'command line is the deprecated path the incident came from.',
        '',
        '**Fix:** remove the setting and manage /etc/resolv.conf on the host; or write the file in the user data with',
        '`nameserver` lines so its content is visible; or acknowledge the finding with a reason if the AMI provides it.',
    ].join('\n'),
    check(facts, options) {
        const setting = facts.userData?.effectiveResolvConf;
        if (!setting || setting.content !== 'unknown' || !(0, describe_1.resolvConfRulesApply)(facts))
            return [];
        return [
            {
                severity: (0, describe_1.resolvConfSeverity)(facts.containerd, options),
                title: `kubelet ${(0, describe_1.settingText)(setting)} points at a file of unknown content`,
                detail: `The kubelet gets ${(0, describe_1.settingText)(setting)}, ${(0, describe_1.settingOrigin)(setting, facts)}, and the user data does not show ` +
                    `what ${setting.value} holds. ${(0, describe_1.containerdText)(facts.containerd)}. ` +
                    'If the file is empty, hostNetwork pods such as aws-node get no DNS and the node never becomes Ready.' +
                    (0, describe_1.upgradeWarning)(facts.containerd),
                fix: describe_1.REMOVE_RESOLV_CONF_FIX,
                evidence: (0, describe_1.evidenceFor)(facts, setting),
            },
        ];
    },
};
//# sourceMappingURL=resolv-conf-unverified.js.map