/**
 * Sentences and evidence the rules share, so every finding explains itself the same way.
 */
import { AFFECTED_CONTAINERD_TEXT, straddledBoundaries } from '../ami/containerd-version';
import { kubernetesMinor } from '../ami/identify';
import { kubeletVersionOf } from '../ami/resolve';
import type { ContainerdResolution } from '../ami/types';
import type { FindingEvidence, NodeFacts, Severity } from '../model';
import type { GuardOptions } from '../options';
import { LOOKUP_REQUEST_FILE } from '../lookup/types';
import type { LookupRoute } from './rule';
import { isConfigFileMechanism } from '../kubelet/precedence';
import { locationText } from '../userdata/location';
import type { ResolvConfMechanism, ResolvConfSetting } from '../userdata/types';

const MECHANISMS: Record<ResolvConfMechanism, string> = {
  'bootstrap-kubelet-extra-args': '/etc/eks/bootstrap.sh --kubelet-extra-args',
  'kubelet-extra-args-env': 'KUBELET_EXTRA_ARGS in a kubelet drop-in',
  'kubelet-config-file': 'resolvConf in /etc/kubernetes/kubelet/kubelet-config.json (jq edit)',
  'nodeadm-flags': 'nodeadm NodeConfig spec.kubelet.flags',
  'nodeadm-config': 'nodeadm NodeConfig spec.kubelet.config.resolvConf',
};

/** `--resolv-conf=/etc/x` or `resolvConf: /etc/x`, as the user wrote it. */
export function settingText(setting: ResolvConfSetting): string {
  const value = setting.value === '' ? '""' : setting.value;
  return isConfigFileMechanism(setting.mechanism)
    ? `resolvConf: ${value}`
    : `--resolv-conf=${value}`;
}

/** How a setting reaches the kubelet and where it is in the user data. */
export function settingOrigin(setting: ResolvConfSetting, facts: NodeFacts): string {
  const where = locationText(setting.location);
  const userDataAt = facts.node.userDataSource?.constructPath ?? facts.node.userDataSource?.logicalId;
  return `set via ${MECHANISMS[setting.mechanism]}${where ? ` at ${where}` : ''}${userDataAt ? ` in the user data of ${userDataAt}` : ''}`;
}

/**
 * `AMI amazon-eks-node-1.29-v20241024 runs containerd 1.7.22 (affected: …); determined from: <source>`.
 * A sentence of its own: it starts with a capital.
 */
export function containerdText(resolution: ContainerdResolution, route: LookupRoute = { kind: 'none' }): string {
  const version = versionText(resolution);
  const ami = resolution.amiName ? `AMI ${resolution.amiName}` : 'The node AMI';
  return `${ami} runs containerd ${version} (${verdictText(resolution, route)}); determined from: ${resolution.source}`;
}

function versionText(resolution: ContainerdResolution): string {
  const c = resolution.containerd;
  if (c?.exact) return c.exact;
  if (c?.min || c?.max) return `between ${c.min ?? '?'} and ${c.max ?? 'newer'}`;
  return 'of unknown version';
}

const VERDICTS: Record<Exclude<ContainerdResolution['verdict'], 'possibly-affected' | 'unknown'>, string> = {
  affected: `affected: containerd ${AFFECTED_CONTAINERD_TEXT} give pods an empty DNS config for an empty resolv-conf`,
  'not-affected': 'not affected yet',
  'not-applicable': 'not applicable',
};

/** The verdict in words; a range names the boundaries it straddles (1.6.34 for `1.6.*`, not 1.7.20). */
function verdictText(resolution: ContainerdResolution, route: LookupRoute): string {
  if (resolution.verdict === 'unknown') return `treated as affected until known; ${settleUnknownText(resolution, route)}`;
  if (resolution.verdict !== 'possibly-affected') return VERDICTS[resolution.verdict];
  const boundaries = straddledBoundaries(resolution.containerd ?? {});
  return `possibly affected: the range straddles containerd ${listText(boundaries)}, where affected and unaffected versions meet`;
}

/**
 * How to settle an unknown containerd. Only what AWS can answer leads to `eks-node-guard lookup`,
 * and only through a request that exists for this front door (see {@link LookupRoute}).
 */
function settleUnknownText(resolution: ContainerdResolution, route: LookupRoute): string {
  if (resolution.awaitsCdkLookup) return 'the CDK CLI answers its AMI lookup on the next `cdk synth`, or set the `containerd` option';
  const askable = (resolution.wantsImages?.length ?? 0) + (resolution.wantsSsmParameters?.length ?? 0) > 0;
  if (!askable) return 'no lookup can tell more: set the `containerd` option for this AMI, or boot an AMI the guard can identify (an EKS-optimized AMI by name, release version or SSM parameter)';
  return `${lookupAdvice(route)}, or set the \`containerd\` option`;
}

/** How this front door's user gets the AMI looked up. */
function lookupAdvice(route: LookupRoute): string {
  switch (route.kind) {
    case 'assembly':
      return `run \`eks-node-guard lookup\` (it answers the ${LOOKUP_REQUEST_FILE} synth wrote into the cloud assembly) and synthesize again`;
    case 'file':
      return `run \`eks-node-guard lookup --app ${route.file}\` (the request this scan wrote) and scan again with the cdk.context.json it writes`;
    case 'none':
      return 'write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`, answer it with `eks-node-guard lookup --app <file>` and check again with the cdk.context.json that writes';
  }
}

/** `a`, `a and b`, `a, b and c`. */
function listText(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * Severity of a resolv-conf finding: an error wherever containerd may have the empty-DNSConfig
 * change, a warning where it provably does not (yet).
 */
export function resolvConfSeverity(resolution: ContainerdResolution, options: GuardOptions): Severity {
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
export function upgradeWarning(resolution: ContainerdResolution): string {
  if (resolution.verdict !== 'not-affected') return '';
  return resolution.firstAffectedRelease
    ? ` It breaks as soon as the nodes move to ${resolution.firstAffectedRelease} of this AMI series, the next release with an affected containerd.`
    : ` It breaks on any AMI whose containerd is affected (${AFFECTED_CONTAINERD_TEXT}).`;
}

/**
 * Whether the resolv-conf rules apply at all: Windows and Bottlerocket configure DNS differently.
 * A known Amazon Linux AMI wins over what the user data looks like (a shell part may well write a
 * TOML file); the user data's own OS only decides when the AMI is unknown.
 */
export function resolvConfRulesApply(facts: NodeFacts): boolean {
  const family = facts.containerd.family;
  if (family === 'al2' || family === 'al2023') return facts.userData !== undefined;
  return facts.containerd.verdict !== 'not-applicable' && facts.userData !== undefined && facts.userData.os !== 'windows' && facts.userData.os !== 'bottlerocket';
}

/** What a report says about a node's containerd: the verdict, the version or range, and where it came from. */
export function containerdEvidence(c: ContainerdResolution): NonNullable<FindingEvidence['containerd']> {
  return { verdict: c.verdict, version: c.containerd?.exact, min: c.containerd?.min, max: c.containerd?.max, source: c.source };
}

export function evidenceFor(facts: NodeFacts, setting?: ResolvConfSetting): FindingEvidence {
  const c = facts.containerd;
  return {
    resolvConf: setting && {
      value: setting.value,
      content: setting.content,
      mechanism: setting.mechanism,
      location: setting.location,
    },
    ami: { name: c.amiName, release: c.release, family: c.family, source: c.source },
    containerd: containerdEvidence(c),
  };
}

/** The fix every resolv-conf finding shares. */
export const REMOVE_RESOLV_CONF_FIX =
  'Remove --resolv-conf from the kubelet arguments (and resolvConf from the kubelet config) so the kubelet uses the host /etc/resolv.conf. ' +
  'If the nodes need custom DNS, manage /etc/resolv.conf (or systemd-resolved) on the host instead, or point resolvConf at a file that holds nameserver lines.';

/** The kubelet version of a node and where it comes from. */
export interface NodeKubeletVersion {
  /** `1.29.10` when the AMI release is known, else the minor, e.g. `1.29`. */
  readonly version: string;
  /** For messages, e.g. `AMI amazon-eks-node-1.29-v20241024` or `the node group's Kubernetes version`. */
  readonly from: string;
}

/**
 * The kubelet version the node runs: from the resolved AMI (release version or series), else the
 * Kubernetes version of the node group or cluster; undefined when neither is known.
 */
export function nodeKubeletVersion(facts: NodeFacts): NodeKubeletVersion | undefined {
  const resolved = kubeletVersionOf(facts.containerd);
  if (resolved) return { version: resolved.version ?? resolved.minor, from: facts.containerd.amiName ? `AMI ${facts.containerd.amiName}` : facts.containerd.source };
  const declared = facts.node.ami.kubernetesVersion?.trim();
  return declared && kubernetesMinor(declared) ? { version: declared.replace(/^v/, ''), from: "the node group's or cluster's Kubernetes version" } : undefined;
}
