"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.recordKubeletArgs = recordKubeletArgs;
exports.isKubeletUnitPath = isKubeletUnitPath;
exports.isKubeletEnvFilePath = isKubeletEnvFilePath;
exports.isKubeletConfigPath = isKubeletConfigPath;
exports.recordKubeletUnitText = recordKubeletUnitText;
exports.recordKubeletConfigText = recordKubeletConfigText;
const args_1 = require("../kubelet/args");
const flags_1 = require("../kubelet/flags");
const holes_1 = require("./holes");
const MECHANISM_SOURCE = {
    'bootstrap-kubelet-extra-args': '--kubelet-extra-args',
    'kubelet-extra-args-env': 'KUBELET_EXTRA_ARGS',
    'nodeadm-flags': 'NodeConfig spec.kubelet.flags',
};
/**
 * Records the kubelet flags in an argument string and the resolv-conf settings among them.
 * Any hole in the string could expand to more flags (systemd splits it again), so it is a problem
 * that may affect resolv-conf; holey words never become settings.
 * @returns the words, for display.
 */
function recordKubeletArgs(ctx, text, mechanism, location) {
    const source = MECHANISM_SOURCE[mechanism];
    const { words, unterminatedQuote } = (0, args_1.splitArgs)(text);
    if (unterminatedQuote)
        ctx.problem('unparsed-kubelet-args', `${source} has an unterminated quote; flags after it may be read differently by the kubelet`, true, location);
    if ((0, holes_1.hasHole)(text)) {
        const holes = ctx.holes.holesIn(text).join(', ');
        ctx.problem('token-hole', `${source} contains an unresolved value (${holes}) that could add or change kubelet flags, including --resolv-conf`, true, location);
    }
    for (const flag of (0, flags_1.parseKubeletFlags)(words)) {
        const name = ctx.holes.display(flag.name);
        const entry = flag.value === undefined
            ? { name, mechanism, location }
            : { name, value: ctx.holes.display(flag.value), mechanism, location };
        ctx.flags.push(entry);
        if (flag.name !== flags_1.RESOLV_CONF_FLAG)
            continue;
        if (flag.missingValue) {
            ctx.problem('flag-missing-value', `${flags_1.RESOLV_CONF_FLAG} is the last word of ${source} and has no value; the kubelet refuses to start`, true, location);
        }
        else if (flag.value !== undefined && !(0, holes_1.hasHole)(flag.value)) {
            ctx.settings.push({ value: flag.value, mechanism, location });
        }
    }
    return words.map((w) => ctx.holes.display(w));
}
/** Paths whose `Environment=`/`ExecStart=` lines reach the kubelet unit. */
function isKubeletUnitPath(path) {
    return /\/kubelet\.service\.d\/[^/]+\.conf$/.test(path) || /\/systemd\/system\/kubelet\.service$/.test(path);
}
/** Environment files the kubelet unit reads (`EnvironmentFile=`). */
function isKubeletEnvFilePath(path) {
    return path === '/etc/sysconfig/kubelet' || path === '/etc/default/kubelet' || path === '/etc/eks/kubelet/environment';
}
/** The kubelet config file of the EKS AMIs (and its nodeadm drop-in directory). */
function isKubeletConfigPath(path) {
    return /\/kubelet-config\.json$/.test(path) || /\/kubelet\/config\.json\.d\/[^/]+\.conf$/.test(path);
}
/**
 * Reads `KUBELET_EXTRA_ARGS` from a systemd drop-in (`Environment=` with quoted or bare
 * assignments) or an environment file, and kubelet flags from an `ExecStart=` running the kubelet.
 */
function recordKubeletUnitText(ctx, text, place, firstLocalLine, envFile) {
    const lines = text.split('\n');
    lines.forEach((raw, i) => {
        const line = raw.trim();
        const location = ctx.location(place, firstLocalLine + i, raw);
        if (/^Environment\s*=/.test(line) && !envFile) {
            for (const assignment of (0, args_1.splitArgs)(line.replace(/^Environment\s*=\s*/, '')).words)
                recordAssignment(ctx, assignment, location);
        }
        else if (envFile && /^(export\s+)?KUBELET_EXTRA_ARGS=/.test(line)) {
            const assignment = (0, args_1.splitArgs)(line.replace(/^export\s+/, '')).words.join(' ');
            recordAssignment(ctx, assignment, location);
        }
        else if (/^ExecStart\s*=/.test(line) && /kubelet(\s|$)/.test(line)) {
            const words = (0, args_1.splitArgs)(line.replace(/^ExecStart\s*=\s*[-@:+!]*/, '')).words;
            const binary = words.findIndex((w) => /(^|\/)kubelet$/.test(w));
            if (binary >= 0)
                recordKubeletArgs(ctx, words.slice(binary + 1).map(quoteForSplit).join(' '), 'kubelet-extra-args-env', location);
        }
    });
}
function recordAssignment(ctx, assignment, location) {
    if (assignment.startsWith('KUBELET_EXTRA_ARGS='))
        recordKubeletArgs(ctx, assignment.slice('KUBELET_EXTRA_ARGS='.length), 'kubelet-extra-args-env', location);
}
/** Re-quotes one already-split word so a second split keeps it whole. */
function quoteForSplit(word) {
    return `'${word.replace(/'/g, `'"'"'`)}'`;
}
/** Records `resolvConf` from kubelet config JSON text written into the kubelet config file. */
function recordKubeletConfigText(ctx, text, location) {
    if (!text.includes('resolvConf'))
        return;
    let value;
    try {
        const parsed = JSON.parse(text);
        value = typeof parsed === 'object' && parsed !== null ? parsed.resolvConf : undefined;
    }
    catch {
        value = /"resolvConf"\s*:\s*"([^"]*)"/.exec(text)?.[1];
    }
    if (typeof value === 'string' && !(0, holes_1.hasHole)(value))
        ctx.settings.push({ value, mechanism: 'kubelet-config-file', location });
    else
        ctx.problem('unparsed-kubelet-config', 'the kubelet config file written here mentions resolvConf but its value could not be read', true, location);
}
//# sourceMappingURL=sinks.js.map