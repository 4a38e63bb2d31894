import { isVersionProblem, parseContainerdPattern } from './ami/containerd-version';

/** Options shared by the Aspect and the `scan` command. */
export interface GuardOptions {
  /**
   * Report `user-data-unanalyzable` findings as errors instead of warnings.
   * @default false
   */
  readonly strict?: boolean;
  /**
   * Containerd versions you know, by AMI id, AMI name, SSM parameter name or release version,
   * e.g. `{ 'ami-0123456789abcdef0': '1.7.11' }`. They win over every other source.
   * @default - none
   */
  readonly containerd?: Readonly<Record<string, string>>;
  /**
   * Severity of the resolv-conf rules when the node's containerd version cannot be determined.
   * @default 'error'
   */
  readonly unknownContainerd?: 'error' | 'warning';
  /**
   * Run only these rules (ids such as `resolv-conf-empty`).
   * @default - all rules
   */
  readonly rules?: readonly string[];
  /**
   * Skip these rules.
   * @default - none
   */
  readonly skipRules?: readonly string[];
}

/**
 * Why a `containerd` override cannot be used (the guard reads overrides with the same parser), or
 * undefined when it can.
 */
export function containerdOverrideProblem(key: string, version: unknown): string | undefined {
  if (typeof version !== 'string') return `containerd version for ${key} must be a string, got ${JSON.stringify(version)}`;
  const parsed = parseContainerdPattern(version);
  return isVersionProblem(parsed) ? `containerd version for ${key} must be a version such as 1.7.22 or a pattern such as 1.7.*: ${parsed.problem}` : undefined;
}
