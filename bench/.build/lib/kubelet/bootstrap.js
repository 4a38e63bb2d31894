"use strict";
/**
 * Argument handling of the AL2 EKS AMI's `/etc/eks/bootstrap.sh`: a `while`/`case` loop in which
 * every `--option` takes the next word as its value (`shift 2`), `-h`/`--help` takes none, and any
 * other word is positional (the first is the cluster name). A repeated option keeps its last value.
 * `KUBELET_EXTRA_ARGS` defaults to the environment variable of that name
 * (`KUBELET_EXTRA_ARGS="${KUBELET_EXTRA_ARGS:-}"` in awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.HARMLESS_BOOTSTRAP_OPTIONS = exports.KUBELET_EXTRA_ARGS_OPTION = void 0;
exports.parseBootstrapArgs = parseBootstrapArgs;
exports.extraArgsValue = extraArgsValue;
/** The option that carries kubelet flags. */
exports.KUBELET_EXTRA_ARGS_OPTION = '--kubelet-extra-args';
/** Bootstrap options whose values never reach the kubelet's command line as flags. */
exports.HARMLESS_BOOTSTRAP_OPTIONS = new Set([
    '--apiserver-endpoint', '--b64-cluster-ca', '--dns-cluster-ip', '--use-max-pods', '--container-runtime',
    '--containerd-config-file', '--ip-family', '--service-ipv4-cidr', '--service-ipv6-cidr', '--enable-docker-bridge',
    '--docker-config-json', '--local-disks', '--pause-container-account', '--pause-container-version',
    '--aws-api-retry-attempts', '--enable-local-outpost', '--cluster-id', '--mount-bpf-fs',
]);
/**
 * Roles of each argument. `--kubelet-extra-args=value` is accepted too (the real script would treat
 * it as positional; a guard prefers to see the flags the author meant to pass).
 */
function parseBootstrapArgs(args) {
    const roles = [];
    let extraIndex;
    let missing = false;
    let positionals = 0;
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === '-h' || arg === '--help') {
            roles.push({ index: i, role: 'help' });
        }
        else if (arg.startsWith(exports.KUBELET_EXTRA_ARGS_OPTION + '=')) {
            roles.push({ index: i, role: 'kubelet-extra-args' });
            extraIndex = i;
        }
        else if (arg.startsWith('--')) {
            roles.push({ index: i, role: 'option' });
            if (i + 1 >= args.length) {
                if (arg === exports.KUBELET_EXTRA_ARGS_OPTION)
                    missing = true;
                continue;
            }
            i++;
            if (arg === exports.KUBELET_EXTRA_ARGS_OPTION) {
                roles.push({ index: i, role: 'kubelet-extra-args' });
                extraIndex = i;
                missing = false;
            }
            else
                roles.push({ index: i, role: 'option-value', option: arg });
        }
        else {
            roles.push({ index: i, role: positionals === 0 ? 'cluster-name' : 'positional' });
            positionals++;
        }
    }
    return { roles, kubeletExtraArgsIndex: extraIndex, kubeletExtraArgsMissingValue: missing };
}
/** The `--kubelet-extra-args` value held by word `index` (handles the `=` form). */
function extraArgsValue(args, index) {
    const arg = args[index];
    return arg.startsWith(exports.KUBELET_EXTRA_ARGS_OPTION + '=') ? arg.slice(exports.KUBELET_EXTRA_ARGS_OPTION.length + 1) : arg;
}
//# sourceMappingURL=bootstrap.js.map