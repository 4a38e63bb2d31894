"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REMOVE_RESOLV_CONF_FIX = void 0;
exports.settingText = settingText;
exports.locationText = locationText;
exports.settingOrigin = settingOrigin;
exports.containerdText = containerdText;
exports.versionText = versionText;
exports.resolvConfSeverity = resolvConfSeverity;
exports.upgradeWarning = upgradeWarning;
exports.resolvConfRulesApply = resolvConfRulesApply;
exports.evidenceFor = evidenceFor;
exports.nodeKubeletVersion = nodeKubeletVersion;
/**
 * Sentences and evidence the rules share, so every finding explains itself the same way.
 */
const resolve_1 = require("../ami/resolve");
const MECHANISMS = {
    'bootstrap-kubelet-extra-args': '/etc/eks/bootstrap.sh --kubelet-extra-args',
    'kubelet-extra-args-env': 'KUBELET_EXTRA_ARGS in a kubelet drop-in',
    'kubelet-config-file': 'resolvConf in /etc/kubernetes/kubelet/kubelet-config.json (jq edit)',
    'nodeadm-flags': 'nodeadm NodeConfig spec.kubelet.flags',
    'nodeadm-config': 'nodeadm NodeConfig spec.kubelet.config.resolvConf',
};
/** `--resolv-conf=/etc/x` or `resolvConf: /etc/x`, as the user wrote it. */
function settingText(setting) {
    const value = setting.value === '' ? '""' : setting.value;
    return setting.mechanism === 'nodeadm-config' || setting.mechanism === 'kubelet-config-file'
        ? `resolvConf: ${value}`
        : `--resolv-conf=${value}`;
}
/** `MIME part 2 (text/x-shellscript), line 4: "…"`. */
function locationText(location) {
    const parts = [];
    if (location.part !== undefined)
        parts.push(`MIME part ${location.part}${location.contentType ? ` (${location.contentType})` : ''}`);
    if (location.line !== undefined)
        parts.push(`line ${location.line}`);
    const where = parts.join(', ');
    const text = location.text ? `"${location.text}"` : '';
    return [where, text].filter(Boolean).join(': ');
}
/** How a setting reaches the kubelet and where it is in the user data. */
function settingOrigin(setting, facts) {
    const where = locationText(setting.location);
    const userDataAt = facts.node.userDataSource?.constructPath ?? facts.node.userDataSource?.logicalId;
    return `set via ${MECHANISMS[setting.mechanism]}${where ? ` at ${where}` : ''}${userDataAt ? ` in the user data of ${userDataAt}` : ''}`;
}
/** `AMI amazon-eks-node-1.29-v20241024 ships containerd 1.7.22 (affected) — <source>`. */
function containerdText(resolution) {
    const version = versionText(resolution);
    const ami = resolution.amiName ? `AMI ${resolution.amiName}` : 'the node AMI';
    const verdict = VERDICTS[resolution.verdict];
    return `${ami} runs containerd ${version} (${verdict}); determined from: ${resolution.source}`;
}
function versionText(resolution) {
    const c = resolution.containerd;
    if (c?.exact)
        return c.exact;
    if (c?.min || c?.max)
        return `between ${c.min ?? '?'} and ${c.max ?? 'newer'}`;
    return 'of unknown version';
}
const VERDICTS = {
    affected: 'affected: containerd >= 1.7.20, 1.6.34+ and 2.x give pods an empty DNS config for an empty resolv-conf',
    'possibly-affected': 'possibly affected: the range straddles containerd 1.7.20, where the change landed',
    unknown: 'treated as affected until known; pin the AMI, run `eks-node-guard lookup`, or set the `containerd` option',
    'not-affected': 'not affected yet',
    'not-applicable': 'not applicable',
};
/**
 * Severity of a resolv-conf finding: an error wherever containerd may have the empty-DNSConfig
 * change, a warning where it provably does not (yet).
 */
function resolvConfSeverity(resolution, options) {
    switch (resolution.verdict) {
        case 'affected':
        case 'possibly-affected':
            return 'error';
        case 'unknown':
            return options.unknownContainerd ?? 'error';
        default:
            return 'warning';
    }
}
/** For not-affected nodes: when the configuration will break. */
function upgradeWarning(resolution) {
    if (resolution.verdict !== 'not-affected')
        return '';
    return resolution.firstAffectedRelease
        ? ` It breaks as soon as the nodes move to ${resolution.firstAffectedRelease} or later of this AMI series.`
        : ' It breaks on any AMI with containerd >= 1.7.20.';
}
/** Whether the resolv-conf rules apply at all: Windows and Bottlerocket configure DNS differently. */
function resolvConfRulesApply(facts) {
    return facts.containerd.verdict !== 'not-applicable' && facts.userData !== undefined && facts.userData.os !== 'windows' && facts.userData.os !== 'bottlerocket';
}
function evidenceFor(facts, setting) {
    const c = facts.containerd;
    return {
        resolvConf: setting && {
            value: setting.value,
            content: setting.content,
            mechanism: setting.mechanism,
            location: setting.location,
        },
        ami: { name: c.amiName, release: c.release, family: c.family, source: c.source },
        containerd: {
            verdict: c.verdict,
            version: c.containerd?.exact,
            min: c.containerd?.min,
            max: c.containerd?.max,
            source: c.source,
        },
    };
}
/** The fix every resolv-conf finding shares. */
exports.REMOVE_RESOLV_CONF_FIX = 'Remove --resolv-conf from the kubelet arguments (and resolvConf from the kubelet config) so the kubelet uses the host /etc/resolv.conf. ' +
    'If the nodes need custom DNS, manage /etc/resolv.conf (or systemd-resolved) on the host instead, or point resolvConf at a file that holds nameserver lines.';
/**
 * The kubelet version the node runs: from the resolved AMI (release version or series), else the
 * Kubernetes version of the node group or cluster; undefined when neither is known.
 */
function nodeKubeletVersion(facts) {
    const resolved = (0, resolve_1.kubeletVersionOf)(facts.containerd);
    if (resolved)
        return { version: resolved.version ?? resolved.minor, from: facts.containerd.amiName ? `AMI ${facts.containerd.amiName}` : facts.containerd.source };
    const declared = facts.node.ami.kubernetesVersion?.trim();
    return declared && /^v?\d+\.\d+(\.\d+)?$/.test(declared) ? { version: declared.replace(/^v/, ''), from: "the node group's or cluster's Kubernetes version" } : undefined;
}
//# sourceMappingURL=describe.js.map