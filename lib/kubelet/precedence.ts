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
  return systemdFileKey(setting.mechanism === 'bootstrap-kubelet-extra-args' ? BOOTSTRAP_DROP_IN : setting.file);
}

/** Sort key of a systemd file: the unit, drop-ins by file name (unknown files among them), environment files last. */
function systemdFileKey(file: string | undefined): string {
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

/** What {@link settingsInEffect} needs of a setting: precedence, and the `KUBELET_EXTRA_ARGS` assignment carrying it. */
export interface AssignedInput extends PrecedenceInput {
  /** Index of the assignment in the list given to {@link settingsInEffect}; absent when not carried by one. */
  readonly assignment?: number;
}

/** Settings that reach the kubelet, in the order they take effect, and those a later assignment replaced. */
export interface SettingsInEffect<T> {
  readonly inEffect: T[];
  readonly replaced: T[];
  /** Index of the assignment systemd reads last, which replaced them. */
  readonly lastAssignment?: number;
}

/**
 * Settings in the order they take effect ({@link orderByPrecedence}), minus those whose
 * `KUBELET_EXTRA_ARGS` assignment systemd replaces and that nothing later overrides. Only the
 * assignment systemd reads last reaches the kubelet (systemd.exec(5), `Environment=`: "If the same
 * variable is set twice, the later setting will override the earlier setting"), so an earlier
 * `--resolv-conf` is gone even when that last assignment has none, e.g. a user's `20-dns.conf`
 * followed by bootstrap.sh's `30-kubelet-extra-args.conf`. Replaced settings followed by one in
 * effect stay in the list: they show what that one overrides.
 * @param assignments the files of every `KUBELET_EXTRA_ARGS` assignment, in script order.
 */
export function settingsInEffect<T extends AssignedInput>(settings: readonly T[], assignments: readonly AssignmentInput[]): SettingsInEffect<T> {
  const ordered = orderByPrecedence(settings);
  const last = lastAssignment(assignments);
  // A setting made in one branch of several is neither replaced nor replaces: which branch runs is decided on the node.
  const replaceable = (assignment: number | undefined) => assignment !== undefined && assignment !== last && !assignments[assignment]?.conditional;
  let end = ordered.length;
  while (end > 0 && replaceable(ordered[end - 1].assignment)) end--;
  return { inEffect: ordered.slice(0, end), replaced: ordered.slice(end), lastAssignment: last };
}

/** What {@link settingsInEffect} needs of a `KUBELET_EXTRA_ARGS` assignment. */
export interface AssignmentInput {
  readonly file: string;
  /** Made in one of several alternative branches: it replaces nothing. */
  readonly conditional?: boolean;
}

/** Index of the unconditional assignment systemd reads last: files in systemd order, script order within one file. */
function lastAssignment(assignments: readonly AssignmentInput[]): number | undefined {
  let last: number | undefined;
  assignments.forEach((assignment, index) => {
    if (assignment.conditional) return;
    if (last === undefined || systemdFileKey(assignment.file) >= systemdFileKey(assignments[last].file)) last = index;
  });
  return last;
}
