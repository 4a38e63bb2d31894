/**
 * Argument handling of the AL2 EKS AMI's `/etc/eks/bootstrap.sh`: a `while`/`case` loop in which
 * each known option takes the next word as its value (`shift; shift`, booleans such as
 * `--use-max-pods` included: they take `true`/`false` as the next word), `-h`/`--help` takes none,
 * and every other word, an unknown `--option` included, is one positional word (the `*)` branch:
 * `POSITIONAL+=("$1"); shift`); the first positional is the cluster name. A repeated option keeps
 * its last value. The `case` patterns are exact words (`--kubelet-extra-args)`), so
 * `--kubelet-extra-args=value` falls to `*)` and is positional.
 * `KUBELET_EXTRA_ARGS` defaults to the environment variable of that name
 * (`KUBELET_EXTRA_ARGS="${KUBELET_EXTRA_ARGS:-}"` in awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh).
 */

/** The option that carries kubelet flags. */
const KUBELET_EXTRA_ARGS_OPTION = '--kubelet-extra-args';

/** Known bootstrap options other than `--kubelet-extra-args`: each takes the next word, which never reaches the kubelet's command line as flags. */
const HARMLESS_BOOTSTRAP_OPTIONS: ReadonlySet<string> = new Set([
  '--apiserver-endpoint', '--b64-cluster-ca', '--dns-cluster-ip', '--use-max-pods', '--container-runtime',
  '--containerd-config-file', '--ip-family', '--service-ipv4-cidr', '--service-ipv6-cidr', '--enable-docker-bridge',
  '--docker-config-json', '--local-disks', '--pause-container-account', '--pause-container-version',
  '--aws-api-retry-attempts', '--enable-local-outpost', '--cluster-id', '--mount-bpf-fs',
]);

/** One word of a bootstrap.sh call and the role the script gives it. */
export interface BootstrapWord {
  readonly index: number;
  /** An unknown `--option` is `positional` (or `cluster-name` when first), as in the real script. */
  readonly role: 'cluster-name' | 'positional' | 'option' | 'option-value' | 'kubelet-extra-args' | 'help';
  /** For `option-value`: the option it belongs to. */
  readonly option?: string;
}

/** Parsed bootstrap.sh arguments. */
export interface BootstrapArgs {
  readonly roles: readonly BootstrapWord[];
  /** Index of the word holding the effective `--kubelet-extra-args` value (the last one given). */
  readonly kubeletExtraArgsIndex?: number;
  /** `--kubelet-extra-args` was the last word, with no value. */
  readonly kubeletExtraArgsMissingValue: boolean;
  /**
   * `--kubelet-extra-args=VALUE` words and their values: the script's `case` matches only the
   * separate word `--kubelet-extra-args`, so these are positional words and their flags never reach the kubelet.
   */
  readonly ignoredKubeletExtraArgs: readonly { readonly index: number; readonly value: string }[];
}

/**
 * Roles of each argument, as the real script gives them: `--kubelet-extra-args=value` is a
 * positional word (see {@link BootstrapArgs.ignoredKubeletExtraArgs}).
 */
export function parseBootstrapArgs(args: readonly string[]): BootstrapArgs {
  const roles: BootstrapWord[] = [];
  const ignored: { index: number; value: string }[] = [];
  let extraIndex: number | undefined;
  let missing = false;
  let positionals = 0;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-h' || arg === '--help') {
      roles.push({ index: i, role: 'help' });
    } else if (arg === KUBELET_EXTRA_ARGS_OPTION || HARMLESS_BOOTSTRAP_OPTIONS.has(arg)) {
      roles.push({ index: i, role: 'option' });
      if (i + 1 >= args.length) {
        if (arg === KUBELET_EXTRA_ARGS_OPTION) missing = true;
        continue;
      }
      i++;
      if (arg === KUBELET_EXTRA_ARGS_OPTION) {
        roles.push({ index: i, role: 'kubelet-extra-args' });
        extraIndex = i;
        missing = false;
      } else roles.push({ index: i, role: 'option-value', option: arg });
    } else {
      if (arg.startsWith(KUBELET_EXTRA_ARGS_OPTION + '=')) ignored.push({ index: i, value: arg.slice(KUBELET_EXTRA_ARGS_OPTION.length + 1) });
      roles.push({ index: i, role: positionals === 0 ? 'cluster-name' : 'positional' });
      positionals++;
    }
  }
  return { roles, kubeletExtraArgsIndex: extraIndex, kubeletExtraArgsMissingValue: missing, ignoredKubeletExtraArgs: ignored };
}
