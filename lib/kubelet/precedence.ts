import type { ResolvConfMechanism } from '../userdata/types';

/**
 * Which kubelet resolv-conf setting wins. Command-line flags override the kubelet config file
 * (kubelet `--config` docs: "Command-line flags override configuration from this file"), so
 * `kubelet-config-file` and `nodeadm-config` lose to any flag; nodeadm appends `spec.kubelet.flags`
 * after its defaults.
 *
 * `KUBELET_EXTRA_ARGS` reaches the kubelet once, from the last `Environment=` assignment systemd
 * reads. systemd reads the unit file, then the drop-ins of `kubelet.service.d/` in filename order
 * (systemd.unit(5), "drop-in files ... are parsed in lexicographic order"; for a repeated
 * assignment "the last one wins"), then `EnvironmentFile=` files, which override `Environment=`
 * (systemd.exec(5)). bootstrap.sh writes its `--kubelet-extra-args` into
 * `30-kubelet-extra-args.conf`, so a user's `10-*.conf` loses to it and a `99-*.conf` replaces it,
 * whatever order the script writes them in. Settings in the same file keep script order.
 */

/** The drop-in bootstrap.sh writes `KUBELET_EXTRA_ARGS` into (awslabs/amazon-eks-ami templates/al2/runtime/bootstrap.sh). */
export const BOOTSTRAP_DROP_IN = '/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf';

/** What precedence needs of a setting: its mechanism and, for environment settings, the file carrying it. */
export interface PrecedenceInput {
  readonly mechanism: ResolvConfMechanism;
  /** The systemd unit, drop-in or environment file the setting is read from, when known. */
  readonly file?: string;
}

/** The config-file class: values the kubelet reads from its configuration file. */
export function isConfigFileMechanism(mechanism: ResolvConfMechanism): boolean {
  return mechanism === 'kubelet-config-file' || mechanism === 'nodeadm-config';
}

/** Settings that travel as `KUBELET_EXTRA_ARGS` (or other lines) of the kubelet's systemd unit. */
function isSystemdMechanism(mechanism: ResolvConfMechanism): boolean {
  return mechanism === 'bootstrap-kubelet-extra-args' || mechanism === 'kubelet-extra-args-env';
}

/** Sort key of the file a systemd setting comes from: unit file, then drop-ins by name, then environment files. */
function systemdOrderKey(setting: PrecedenceInput): string {
  const file = setting.mechanism === 'bootstrap-kubelet-extra-args' ? BOOTSTRAP_DROP_IN : setting.file;
  if (file === undefined) return '1';
  const dropIn = /\.service\.d\/([^/]+)$/.exec(file);
  if (dropIn) return `1${dropIn[1]}`;
  return /\.service$/.test(file) ? '0' : '2';
}

/**
 * Settings in the order they take effect: config-file values first (script order), then flags;
 * among the systemd settings, the order systemd reads their files in (stable, so script order
 * within one file); nodeadm flags keep their place.
 */
export function orderByPrecedence<T extends PrecedenceInput>(settings: readonly T[]): T[] {
  const config = settings.filter((s) => isConfigFileMechanism(s.mechanism));
  const flags = settings.filter((s) => !isConfigFileMechanism(s.mechanism));
  const systemd = flags.filter((s) => isSystemdMechanism(s.mechanism))
    .map((setting, index) => ({ setting, index, key: systemdOrderKey(setting) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index))
    .map((entry) => entry.setting);
  let next = 0;
  // Systemd settings take the slots they had, in systemd order; other flags stay where they are.
  const ordered = flags.map((s) => (isSystemdMechanism(s.mechanism) ? systemd[next++] : s));
  return [...config, ...ordered];
}

