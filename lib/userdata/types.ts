/**
 * The result model of {@link analyzeUserData}: what the kubelet on a node booted with this user
 * data will get, and everything the analysis could not decide. Stable, JSON-serialisable.
 */

/** What a resolv-conf file holds by the time the kubelet starts. */
export type ResolvConfContent =
  /** `""`, `/dev/null`, or a file the user data leaves empty. */
  | 'empty'
  /** At least one `nameserver` line is written, or a known resolver file (`/etc/resolv.conf`, systemd-resolved's). */
  | 'populated'
  /** The user data does not show what the file holds. */
  | 'unknown';

/** How a resolv-conf value reaches the kubelet. */
export type ResolvConfMechanism =
  /** `/etc/eks/bootstrap.sh … --kubelet-extra-args '--resolv-conf=…'` */
  | 'bootstrap-kubelet-extra-args'
  /** `KUBELET_EXTRA_ARGS` in a kubelet systemd drop-in or environment file. */
  | 'kubelet-extra-args-env'
  /** `jq` edit of `/etc/kubernetes/kubelet/kubelet-config.json` setting `.resolvConf`. */
  | 'kubelet-config-file'
  /** nodeadm `NodeConfig` `spec.kubelet.flags`. */
  | 'nodeadm-flags'
  /** nodeadm `NodeConfig` `spec.kubelet.config.resolvConf`. */
  | 'nodeadm-config';

/** Where in the (decoded) user data something was found. */
export interface UserDataLocation {
  /** 1-based index of the MIME part (in document order, nested parts flattened); absent outside MIME. */
  readonly part?: number;
  /** Content type of that part, e.g. `text/x-shellscript`, `application/node.eks.aws`. */
  readonly contentType?: string;
  /** 1-based line number within the part (or the whole document outside MIME). */
  readonly line?: number;
  /** The source line, trimmed and cut to a readable length. */
  readonly text?: string;
}

/** One place where the user data sets the kubelet's resolv-conf. */
export interface ResolvConfSetting {
  /** The path given to the kubelet; `''` for an empty value. */
  readonly value: string;
  /** What that file holds when the kubelet starts. */
  readonly content: ResolvConfContent;
  /** Why {@link content} was decided, e.g. `created empty by "touch /etc/kubelet-resolv.conf" (line 3)`. */
  readonly contentEvidence?: string;
  /** How the value reaches the kubelet. */
  readonly mechanism: ResolvConfMechanism;
  /** Where the user data sets it. */
  readonly location: UserDataLocation;
  /**
   * The systemd file the setting reaches the kubelet from: the drop-in, unit or environment file
   * written for `kubelet-extra-args-env`, and bootstrap.sh's own
   * `/etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf` for
   * `bootstrap-kubelet-extra-args`. Drop-ins apply in filename order, which decides precedence.
   */
  readonly file?: string;
}

/** One kubelet command-line flag the user data passes (for flag-level rules). */
export interface KubeletFlag {
  /** Flag name without value, e.g. `--resolv-conf`. */
  readonly name: string;
  /** The value, if any (`--x=v` or `--x v`). */
  readonly value?: string;
  /** How the flag reaches the kubelet: only the command-line mechanisms carry flags. */
  readonly mechanism: Extract<ResolvConfMechanism, 'bootstrap-kubelet-extra-args' | 'kubelet-extra-args-env' | 'nodeadm-flags'>;
  /** Where the user data passes it. */
  readonly location: UserDataLocation;
}

/** One call of the AL2 bootstrap script. */
export interface BootstrapCall {
  /** The script path as written, e.g. `/etc/eks/bootstrap.sh`. */
  readonly script: string;
  /** All arguments after the script, after quote removal and variable expansion. */
  readonly args: readonly string[];
  /** The `--kubelet-extra-args` value, split into words, if given. */
  readonly kubeletExtraArgs?: readonly string[];
  /** Where the user data calls the script. */
  readonly location: UserDataLocation;
}

/** Formats the decoder recognised, outermost first. */
export type UserDataFormat =
  | 'intrinsic'
  | 'base64'
  | 'gzip'
  | 'mime-multipart'
  | 'shell'
  | 'cloud-config'
  | 'nodeadm'
  | 'bottlerocket-toml'
  | 'powershell'
  | 'text';

/** Something the analysis could not decide. Never silently ignored by the rules. */
export interface UserDataProblem {
  /** Stable machine code, e.g. `token-hole`, `bad-base64`, `bad-gzip`, `size-cap`, `mime-depth`, `bad-mime`, `bad-yaml`, `unparsed-shell`. */
  readonly code: string;
  /** A sentence a user understands. */
  readonly reason: string;
  /** Where the problem is, when it is at one place (absent for whole-input problems such as bad base64). */
  readonly location?: UserDataLocation;
  /**
   * True when the problem could hide or change a kubelet resolv-conf setting (a token where a
   * flag might be, a part that could not be decoded). False for harmless noise.
   */
  readonly mayAffectResolvConf: boolean;
}

/** The operating system family the user data is written for, when it says so. */
export type UserDataOs = 'linux' | 'bottlerocket' | 'windows' | 'unknown';

/**
 * What {@link analyzeUserData} found in one user data: the kubelet's resolv-conf and how it is set,
 * the kubelet flags, the bootstrap calls, and every problem that kept it from deciding something.
 */
export interface UserDataAnalysis {
  /** The resolv-conf the kubelet will use, after all overrides; absent when none is set. */
  readonly effectiveResolvConf?: ResolvConfSetting;
  /** Every resolv-conf setting seen, in the order they take effect. */
  readonly resolvConfSettings: readonly ResolvConfSetting[];
  /** Every kubelet flag passed on the command line (bootstrap extra args, drop-ins, nodeadm flags). */
  readonly kubeletFlags: readonly KubeletFlag[];
  /** Every call of `bootstrap.sh`. */
  readonly bootstrapCalls: readonly BootstrapCall[];
  /** True when the user data calls `bootstrap.sh` at least once (`bootstrapCalls` is not empty). */
  readonly usesBootstrapSh: boolean;
  /** True when the user data holds a nodeadm `NodeConfig`. */
  readonly usesNodeadm: boolean;
  /**
   * The OS the user data is written for. Linux evidence (a shell, cloud-config or nodeadm part, a
   * bootstrap.sh call) wins over a Windows or Bottlerocket part, which would not read MIME parts.
   */
  readonly os: UserDataOs;
  /** Every format recognised while decoding, each once, outermost first (e.g. `base64`, `mime-multipart`, `shell`). */
  readonly formats: readonly UserDataFormat[];
  /** Bytes EC2 receives (after `Fn::Base64`/base64 decoding, before gzip); the 16 KB limit applies to this. */
  readonly rawBytes: number;
  /**
   * Set when {@link rawBytes} is approximate: the user data holds values CloudFormation resolves
   * at deploy time (a `Ref`, `Fn::GetAtt`, a `Fn::If` whose branches differ, ...), which are not
   * counted. Absent when the size is exact.
   */
  readonly rawBytesApproximate?: true;
  /** Bytes after all decoding and decompression. */
  readonly decodedBytes: number;
  /** What the analysis could not decide (see {@link UserDataProblem.mayAffectResolvConf}), and notes such as a setting a later one replaces. */
  readonly problems: readonly UserDataProblem[];
}

/** Input accepted by {@link analyzeUserData}: text, bytes, or a CloudFormation intrinsic tree. */
export type UserDataInput = string | Uint8Array | IntrinsicValue;

/** A CloudFormation value: a literal or an intrinsic function object such as `{ "Fn::Join": [...] }`. */
export type IntrinsicValue =
  | string
  | number
  | boolean
  | null
  | readonly IntrinsicValue[]
  | { readonly [key: string]: IntrinsicValue };

/** Limits of {@link analyzeUserData}, which bound its work on hostile or oversized input. */
export interface AnalyzeOptions {
  /** Cap on decoded size (after decompression); larger input yields a `size-cap` problem. @default 1 MiB */
  readonly maxDecodedBytes?: number;
  /** Cap on MIME nesting. @default 8 */
  readonly maxMimeDepth?: number;
}
