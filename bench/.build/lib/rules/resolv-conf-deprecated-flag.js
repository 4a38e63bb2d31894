"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.resolvConfDeprecatedFlag = void 0;
const describe_1 = require("./describe");
/**
 * A populated resolv-conf passed as a command-line flag works today, but `--resolv-conf` is a
 * deprecated kubelet flag and the path the incident came from; the config file is the durable way.
 */
exports.resolvConfDeprecatedFlag = {
    id: 'resolv-conf-deprecated-flag',
    summary: '`--resolv-conf` is passed as a deprecated kubelet flag (the file is populated, so nodes work).',
    defaultSeverity: 'warning',
    help: [
        'The kubelet gets `--resolv-conf` on its command line. The file holds nameserver lines, so nodes work, but the flag',
        'is deprecated in favour of the KubeletConfiguration field `resolvConf`, and a later change that empties the file',
        'breaks every node on containerd >= 1.7.20.',
        '',
        '**Fix:** set `resolvConf` in the kubelet config (nodeadm `spec.kubelet.config.resolvConf`), or manage /etc/resolv.conf',
        'on the host and drop the setting.',
    ].join('\n'),
    check(facts) {
        const setting = facts.userData?.effectiveResolvConf;
        const isFlag = setting && setting.mechanism !== 'nodeadm-config' && setting.mechanism !== 'kubelet-config-file';
        if (!setting || !isFlag || setting.content !== 'populated' || !(0, describe_1.resolvConfRulesApply)(facts))
            return [];
        return [
            {
                severity: 'warning',
                title: `kubelet ${(0, describe_1.settingText)(setting)} uses a deprecated flag`,
                detail: `The kubelet gets ${(0, describe_1.settingText)(setting)}, ${(0, describe_1.settingOrigin)(setting, facts)}` +
                    `${setting.contentEvidence ? `; the file is populated: ${setting.contentEvidence}` : ''}. ` +
                    'It works, but --resolv-conf is deprecated and is the path the empty-resolv-conf incident came from.',
                fix: 'Set resolvConf in the KubeletConfiguration (nodeadm spec.kubelet.config.resolvConf) or manage /etc/resolv.conf on the host, and drop --resolv-conf.',
                evidence: (0, describe_1.evidenceFor)(facts, setting),
            },
        ];
    },
};
//# sourceMappingURL=resolv-conf-deprecated-flag.js.map