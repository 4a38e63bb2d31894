"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isConfigFileMechanism = isConfigFileMechanism;
exports.orderByPrecedence = orderByPrecedence;
exports.effectiveSetting = effectiveSetting;
/**
 * Which kubelet resolv-conf setting wins. Command-line flags override the kubelet config file
 * (kubelet `--config` docs: "Command-line flags override configuration from this file"), so
 * `kubelet-config-file` and `nodeadm-config` lose to any flag; nodeadm appends `spec.kubelet.flags`
 * after its defaults; among settings of the same class the later one wins.
 */
/** The config-file class: values the kubelet reads from its configuration file. */
function isConfigFileMechanism(mechanism) {
    return mechanism === 'kubelet-config-file' || mechanism === 'nodeadm-config';
}
/** Settings in the order they take effect (config-file values first, then flags; stable otherwise). */
function orderByPrecedence(settings) {
    const config = settings.filter((s) => isConfigFileMechanism(s.mechanism));
    const flags = settings.filter((s) => !isConfigFileMechanism(s.mechanism));
    return [...config, ...flags];
}
/** The setting the kubelet ends up with: the last in precedence order. */
function effectiveSetting(settings) {
    const ordered = orderByPrecedence(settings);
    return ordered[ordered.length - 1];
}
//# sourceMappingURL=precedence.js.map