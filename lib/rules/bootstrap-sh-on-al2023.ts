import { parseBootstrapArgs } from '../kubelet/bootstrap';
import { yamlLibrary } from '../yaml-library';
import { parseKubeletFlags, RESOLV_CONF_FLAG } from '../kubelet/flags';
import { removedKubeletFlag } from '../kubelet/removed-flags';
import type { NodeFacts } from '../model';
import type { BootstrapCall } from '../userdata/types';
import { locationText } from '../userdata/location';
import { evidenceFor, nodeKubeletVersion } from './describe';
import type { Rule } from './rule';

/**
 * AL2023 EKS AMIs have no `/etc/eks/bootstrap.sh`: nodes are configured by nodeadm from a
 * `NodeConfig`. Since AMI release v20241121 the path holds a stub that prints an error and exits 1;
 * before that it did not exist. Either way a node whose user data calls it never joins
 * (awslabs/amazon-eks-ami AL2023 docs; REFERENCE.md section 2).
 */
export const bootstrapShOnAl2023: Rule = {
  id: 'bootstrap-sh-on-al2023',
  summary: 'User data calls /etc/eks/bootstrap.sh on an Amazon Linux 2023 AMI, which has no bootstrap.sh: the node never joins.',
  defaultSeverity: 'error',
  help: [
    'The node runs an Amazon Linux 2023 EKS AMI (amiType `AL2023_*`, an AL2023 SSM parameter or AMI name, or an AMI',
    'identified by a lookup), but its user data calls `/etc/eks/bootstrap.sh`. AL2023 nodes are configured by nodeadm;',
    'bootstrap.sh does not exist there (since AMI release v20241121 it is a stub that exits 1), so the kubelet is never',
    'configured and the node never joins the cluster. This typically happens when a node group moves from AL2 to AL2023',
    '(AL2 AMIs end with Kubernetes 1.32) and keeps its user data.',
    '',
    '**Fix:** replace the bootstrap.sh call with a nodeadm `NodeConfig` in a MIME part with',
    '`Content-Type: application/node.eks.aws`. The finding shows the equivalent NodeConfig, with the kubelet flags from',
    '`--kubelet-extra-args` carried over (minus `--resolv-conf`).',
  ].join('\n'),
  check(facts) {
    const calls = facts.userData?.bootstrapCalls ?? [];
    if (facts.containerd.family !== 'al2023' || calls.length === 0) return [];
    const call = calls[0];
    const draft = nodeConfigFromBootstrapCall(call, { includeCluster: needsClusterSection(facts), kubeletVersion: nodeKubeletVersion(facts)?.version });
    const ami = facts.containerd.amiName ? `AMI ${facts.containerd.amiName}` : 'an Amazon Linux 2023 AMI';
    const where = locationText(call.location);
    const more = calls.length > 1 ? ` (and ${calls.length - 1} more call${calls.length > 2 ? 's' : ''})` : '';
    const notes = [
      draft.placeholders.length > 0 ? 'fill in the <...> placeholders' : '',
      draft.notCarriedOver.length > 0 ? `not carried over: ${draft.notCarriedOver.join(', ')}` : '',
    ].filter(Boolean);
    return [
      {
        severity: 'error',
        title: 'user data calls /etc/eks/bootstrap.sh on an Amazon Linux 2023 AMI',
        detail:
          `The user data calls ${call.script}${where ? ` at ${where}` : ''}${more}, but the node runs ${ami} ` +
          `(determined from: ${facts.containerd.source}). AL2023 has no bootstrap.sh (since release v20241121 a stub that exits 1); ` +
          'nodes are configured by nodeadm, so this node never joins the cluster.',
        fix:
          'Replace the bootstrap.sh call with this nodeadm NodeConfig in a MIME part with Content-Type: application/node.eks.aws' +
          `${notes.length > 0 ? ` (${notes.join('; ')})` : ''}:\n${draft.yaml.trimEnd()}`,
        evidence: { ...evidenceFor(facts), bootstrap: { script: call.script, location: call.location, nodeConfig: draft.yaml } },
      },
    ];
  },
};

/**
 * A managed node group on an EKS AMI gets its cluster settings from EKS (it merges its own
 * NodeConfig); only custom AMIs and self-managed nodes must name the cluster themselves.
 */
function needsClusterSection(facts: NodeFacts): boolean {
  return facts.node.kind !== 'managed-nodegroup' || facts.node.customAmi;
}

/** A nodeadm NodeConfig equivalent to one bootstrap.sh call. */
export interface NodeConfigDraft {
  /** The NodeConfig as YAML, ready to paste. */
  readonly yaml: string;
  /** The `<...>` placeholders in {@link yaml}, for values the call does not give literally. */
  readonly placeholders: readonly string[];
  /** bootstrap.sh options and kubelet flags the draft leaves out, e.g. `--resolv-conf`, `--use-max-pods`. */
  readonly notCarriedOver: readonly string[];
}

export interface NodeConfigDraftOptions {
  /** Whether to write `spec.cluster` (self-managed nodes and custom AMIs). */
  readonly includeCluster: boolean;
  /** The node's kubelet version (`1.31` or `1.31.2`): flags it no longer accepts are left out. */
  readonly kubeletVersion?: string;
}

/** bootstrap.sh options that map onto the NodeConfig. */
const MAPPED_OPTIONS = new Set(['--apiserver-endpoint', '--b64-cluster-ca', '--dns-cluster-ip', '--service-ipv4-cidr', '--service-ipv6-cidr']);

/**
 * The NodeConfig (apiVersion node.eks.aws/v1alpha1) a bootstrap.sh call translates to:
 * `spec.cluster` from the cluster name, `--apiserver-endpoint`, `--b64-cluster-ca` and
 * `--service-ipv4-cidr`/`--service-ipv6-cidr`; `--dns-cluster-ip` as the kubelet's `clusterDNS`
 * (nodeadm derives it from the CIDR, which the IP alone does not give); the `--kubelet-extra-args`
 * flags as `spec.kubelet.flags`, minus `--resolv-conf` (the empty-resolv-conf incident) and flags
 * the kubelet version no longer accepts. Values that are deploy-time tokens or shell variables
 * become `<...>` placeholders. Pure; never throws.
 */
export function nodeConfigFromBootstrapCall(call: BootstrapCall, options: NodeConfigDraftOptions): NodeConfigDraft {
  const { roles } = parseBootstrapArgs(call.args);
  const optionValues: Record<string, string> = {};
  let clusterName: string | undefined;
  const notCarriedOver: string[] = [];
  for (const role of roles) {
    const word = call.args[role.index];
    if (role.role === 'cluster-name') clusterName = word || undefined;
    else if (role.role === 'option-value' && role.option) {
      if (!MAPPED_OPTIONS.has(role.option)) notCarriedOver.push(`${role.option} ${word}`);
      // An empty value counts as not given: the cluster section needs a real one.
      else if (word !== '') optionValues[role.option] = word;
    }
  }
  const placeholders: string[] = [];
  const value = (given: string | undefined, label: string): string => {
    if (given !== undefined && isLiteral(given)) return given;
    const text = given ? `<${label}: ${given}>` : `<${label}>`;
    placeholders.push(text);
    return text;
  };

  const dnsIp = optionValues['--dns-cluster-ip'];
  const spec: Record<string, unknown> = {};
  if (options.includeCluster) {
    const cidr = optionValues['--service-ipv4-cidr'] ?? optionValues['--service-ipv6-cidr'];
    spec.cluster = {
      name: value(clusterName, 'cluster name'),
      apiServerEndpoint: value(optionValues['--apiserver-endpoint'], 'API server endpoint (aws eks describe-cluster)'),
      certificateAuthority: value(optionValues['--b64-cluster-ca'], 'base64 cluster CA (aws eks describe-cluster)'),
      cidr: value(cidr, dnsIp && isLiteral(dnsIp) ? `service CIDR that holds ${dnsIp} (aws eks describe-cluster)` : 'service CIDR (aws eks describe-cluster)'),
    };
  }
  const kubelet: Record<string, unknown> = {};
  if (dnsIp !== undefined) kubelet.config = { clusterDNS: [value(dnsIp, 'cluster DNS IP')] };
  const flags: string[] = [];
  for (const flag of parseKubeletFlags(call.kubeletExtraArgs ?? [])) {
    const removed = options.kubeletVersion ? removedKubeletFlag(flag.name, options.kubeletVersion) : undefined;
    if (flag.name === RESOLV_CONF_FLAG || removed) {
      notCarriedOver.push(removed ? `${flag.name} (removed in Kubernetes ${removed.removedIn})` : flag.name);
      continue;
    }
    flags.push(flag.value === undefined ? flag.name : `${flag.name}=${value(flag.value, `value of ${flag.name}`)}`);
  }
  if (flags.length > 0) kubelet.flags = flags;
  if (Object.keys(kubelet).length > 0) spec.kubelet = kubelet;

  const document = { apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec };
  return { yaml: yamlLibrary().stringify(document, { lineWidth: 0 }), placeholders, notCarriedOver };
}

/** A value the user data spells out: no `{{deploy-time token}}` and no shell variable. */
function isLiteral(value: string): boolean {
  return !value.includes('{{') && !value.includes('$');
}
