import type { NodeFacts } from '../model';
import type { UserDataAnalysis, UserDataFormat } from '../userdata/types';
import { locationText } from '../userdata/location';
import { evidenceFor } from './describe';
import type { Rule, RuleResult } from './rule';

/**
 * A managed node group whose launch template has user data but no image id runs an EKS AMI, and
 * EKS merges its own bootstrap into the user data: it must be a MIME multipart archive (Amazon
 * Linux) or TOML settings (Bottlerocket), or node group creation fails. EKS runs the bootstrap
 * itself, so calling bootstrap.sh in that user data bootstraps twice. (EKS User Guide, "Customize
 * managed nodes with launch templates", user data section; REFERENCE.md section 2.)
 */
export const managedNodegroupUserDataFormat: Rule = {
  id: 'managed-nodegroup-user-data-format',
  summary: 'A managed node group without a custom AMI has launch-template user data that is not MIME multipart (Amazon Linux) or TOML (Bottlerocket).',
  defaultSeverity: 'error',
  help: [
    'When a managed node group uses a launch template with user data but no AMI (no `ImageId`), EKS picks the AMI and',
    'merges its own bootstrap into the user data. That only works if the user data is a MIME multipart archive',
    '(Amazon Linux AL2/AL2023) or Bottlerocket TOML settings; a plain script fails when the node group is created or',
    'updated. The same user data calling `/etc/eks/bootstrap.sh` is a warning: EKS already bootstraps the node, so the',
    'node is bootstrapped twice and EKS\'s run, which comes after your parts, rewrites the kubelet arguments of yours.',
    '',
    '**Fix:** wrap the script in a MIME part (CDK: `ec2.MultipartUserData` with `addUserDataPart(..., MultipartBody.SHELL_SCRIPT, true)`),',
    'use TOML for Bottlerocket, and pass kubelet settings through a nodeadm `NodeConfig` part (AL2023) instead of calling',
    'bootstrap.sh. If you really need to run bootstrap.sh yourself, set a custom AMI (`ImageId`) in the launch template.',
  ].join('\n'),
  check(facts) {
    const userData = facts.userData;
    if (facts.node.kind !== 'managed-nodegroup' || facts.node.customAmi || facts.node.launchTemplate !== 'resolved' || !userData) return [];
    return [...formatFinding(facts, userData), ...doubleBootstrapFinding(facts, userData)];
  },
};

/** Wrappers that carry the user data to cloud-init; the format EKS checks is the one inside them. */
const ENCODINGS: readonly UserDataFormat[] = ['intrinsic', 'base64', 'gzip'];

/** The format of the user data inside its encodings (`shell`, `mime-multipart`, …), or undefined when empty. */
export function contentFormatOf(formats: readonly UserDataFormat[]): UserDataFormat | undefined {
  return formats.find((f) => !ENCODINGS.includes(f));
}

/** The format EKS requires for this node group, or undefined when the AMI family does not say (Windows). */
function requiredFormat(facts: NodeFacts, content: UserDataFormat | undefined): 'mime-multipart' | 'bottlerocket-toml' | undefined {
  switch (facts.containerd.family) {
    case 'bottlerocket':
      return 'bottlerocket-toml';
    case 'windows':
      return undefined;
    case 'unknown':
      // The AMI type may be a token: accept either documented format.
      return content === 'bottlerocket-toml' ? 'bottlerocket-toml' : 'mime-multipart';
    default:
      return 'mime-multipart';
  }
}

const FORMAT_NAMES: Partial<Record<UserDataFormat, string>> = {
  'mime-multipart': 'MIME multipart',
  'bottlerocket-toml': 'Bottlerocket TOML',
  shell: 'a plain shell script',
  'cloud-config': 'plain #cloud-config',
  nodeadm: 'a bare nodeadm NodeConfig',
  powershell: 'PowerShell',
  text: 'unrecognised text',
};

function formatFinding(facts: NodeFacts, userData: UserDataAnalysis): RuleResult[] {
  const content = contentFormatOf(userData.formats);
  const required = requiredFormat(facts, content);
  if (!required || content === required) return [];
  // Text that did not decode is user-data-unanalyzable's to report, not a format verdict.
  if (content === undefined || (content === 'text' && userData.problems.some((p) => p.mayAffectResolvConf))) return [];
  const family = facts.containerd.family === 'unknown' ? 'an EKS AMI' : `an EKS ${facts.containerd.family.toUpperCase()} AMI`;
  return [
    {
      severity: 'error',
      title: `managed node group user data is ${FORMAT_NAMES[content] ?? content}, not ${FORMAT_NAMES[required]}`,
      detail:
        `The launch template sets user data but no image id, so EKS runs ${family} and merges its own bootstrap into the user data. ` +
        `EKS requires ${FORMAT_NAMES[required]} user data there; it is ${FORMAT_NAMES[content] ?? content}, so creating or updating the node group fails.`,
      fix:
        required === 'bottlerocket-toml'
          ? 'Write the user data as Bottlerocket TOML settings (e.g. [settings.kubernetes] ...).'
          : 'Wrap the user data in a MIME multipart archive (CDK: ec2.MultipartUserData with addUserDataPart(userData, ec2.MultipartBody.SHELL_SCRIPT, true))' +
            (facts.containerd.family === 'al2023' ? '; put kubelet settings in a nodeadm NodeConfig part (Content-Type: application/node.eks.aws).' : '.'),
      evidence: { ...evidenceFor(facts), userData: { formats: userData.formats, required } },
    },
  ];
}

/** On AL2023 the call fails outright; bootstrap-sh-on-al2023 reports that as an error instead. */
function doubleBootstrapFinding(facts: NodeFacts, userData: UserDataAnalysis): RuleResult[] {
  const call = userData.bootstrapCalls[0];
  if (!call || facts.containerd.family === 'al2023') return [];
  const where = locationText(call.location);
  return [
    {
      severity: 'warning',
      title: 'managed node group user data calls bootstrap.sh although EKS bootstraps the node',
      detail:
        `The user data calls ${call.script}${where ? ` at ${where}` : ''}, but the launch template sets no image id, so EKS merges ` +
        'its own bootstrap into the user data and runs it after your parts: the node is bootstrapped twice and the second run rewrites the kubelet arguments the first one set.',
      fix:
        'Drop the bootstrap.sh call and pass kubelet flags the managed way (node group labels and taints, or a nodeadm NodeConfig on AL2023), ' +
        'or set a custom AMI (ImageId) in the launch template if the node must run its own bootstrap.',
      evidence: { ...evidenceFor(facts), bootstrap: { script: call.script, location: call.location } },
    },
  ];
}
