import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { gzipSync } from 'zlib';
import { contentFormatOf, managedNodegroupUserDataFormat } from '../../lib/rules/managed-nodegroup-user-data-format';
import {
  AL2_MANAGED,
  AL2_RECOMMENDED_SSM,
  cdkMultipart,
  cdkScript,
  cdkShellMultipart,
  evaluateRule,
  l1Nodegroup,
  managedNode,
  mime,
  NODE_CONFIG_MAX_PODS,
  nodegroupTemplate,
  ruleAnnotations,
  scanRule,
  shellPart,
  v1Nodegroup,
  v2Nodegroup,
} from './helpers';

const RULE = managedNodegroupUserDataFormat.id;
const SYSCTL = 'sysctl -w net.core.somaxconn=4096';
const BOOTSTRAP = "/etc/eks/bootstrap.sh demo --kubelet-extra-args '--node-labels=pool=a'";
const TOML = '[settings.kubernetes]\nmax-pods = 58\n';

function findings(userData: string, ami: object = AL2_MANAGED, extra: object = {}) {
  return evaluateRule(RULE, [managedNode({ ami, userData: { 'Fn::Base64': userData }, ...extra })]).map((f) => [f.severity, f.title]);
}

describe('contentFormatOf', () => {
  test('skips the encodings and returns the format inside them', () => {
    expect(contentFormatOf(['intrinsic', 'base64', 'gzip', 'mime-multipart', 'shell'])).toBe('mime-multipart');
    expect(contentFormatOf(['intrinsic', 'shell'])).toBe('shell');
    expect(contentFormatOf(['intrinsic', 'base64'])).toBeUndefined();
  });
});

describe('managed-nodegroup-user-data-format on node definitions', () => {
  test('a plain script on an EKS AL2 AMI without a custom AMI is an error', () => {
    expect(findings(`#!/bin/bash\n${SYSCTL}\n`)).toEqual([['error', 'managed node group user data is a plain shell script, not MIME multipart']]);
  });

  test('MIME multipart passes, also gzip-compressed', () => {
    expect(findings(mime([shellPart(SYSCTL)]))).toEqual([]);
    const gzipped = gzipSync(Buffer.from(mime([shellPart(SYSCTL)]))).toString('base64');
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: gzipped })])).toEqual([]);
  });

  test('a custom AMI, a non-managed node and an external launch template are not judged', () => {
    expect(findings(`#!/bin/bash\n${BOOTSTRAP}\n`, { ssmParameter: AL2_RECOMMENDED_SSM }, { customAmi: true })).toEqual([]);
    expect(findings(`#!/bin/bash\n${BOOTSTRAP}\n`, AL2_MANAGED, { kind: 'launch-template' })).toEqual([]);
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, launchTemplate: 'external' })])).toEqual([]);
  });

  test('Bottlerocket needs TOML: TOML passes, MIME is an error', () => {
    const bottlerocket = { amiType: 'BOTTLEROCKET_x86_64', kubernetesVersion: '1.31' };
    expect(findings(TOML, bottlerocket)).toEqual([]);
    expect(findings(mime([shellPart(SYSCTL)]), bottlerocket)).toEqual([['error', 'managed node group user data is MIME multipart, not Bottlerocket TOML']]);
  });

  test('an AMI type the configuration does not show accepts either documented format', () => {
    expect(findings(TOML, {})).toEqual([]);
    expect(findings(mime([shellPart(SYSCTL)]), {})).toEqual([]);
    expect(findings(`#!/bin/bash\n${SYSCTL}\n`, {})).toHaveLength(1);
  });

  test('a bare nodeadm NodeConfig on AL2023 is an error too', () => {
    expect(findings(NODE_CONFIG_MAX_PODS, { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' })).toEqual([
      ['error', 'managed node group user data is a bare nodeadm NodeConfig, not MIME multipart'],
    ]);
  });

  test('bootstrap.sh inside MIME user data on AL2 is a double-bootstrap warning; on AL2023 it is left to bootstrap-sh-on-al2023', () => {
    expect(findings(mime([shellPart(BOOTSTRAP)]))).toEqual([['warning', 'managed node group user data calls bootstrap.sh although EKS bootstraps the node']]);
    expect(findings(mime([shellPart(BOOTSTRAP)]), { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' })).toEqual([]);
  });

  test('a plain bootstrap.sh script gets both findings', () => {
    expect(findings(`#!/bin/bash\n${BOOTSTRAP}\n`).map(([severity]) => severity)).toEqual(['error', 'warning']);
  });
});

describe('managed-nodegroup-user-data-format in CDK apps', () => {
  test('L1: CfnLaunchTemplate without an image id and a plain script fails synth; MIME passes', () => {
    const broken = l1Nodegroup({ ...AL2_MANAGED, userData: `#!/bin/bash\n${SYSCTL}\n` });
    const messages = ruleAnnotations(broken, RULE);
    expect(messages.map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes']]);
    expect(messages[0].message).toContain('EKS requires MIME multipart user data there; it is a plain shell script');
    expect(ruleAnnotations(l1Nodegroup({ ...AL2_MANAGED, userData: mime([shellPart(SYSCTL)]) }), RULE)).toEqual([]);
  });

  test('L1: with an image id (custom AMI) a plain script is fine', () => {
    const stack = l1Nodegroup({ imageSsm: AL2_RECOMMENDED_SSM, userData: `#!/bin/bash\n${BOOTSTRAP}\n` });
    expect(ruleAnnotations(stack, RULE)).toEqual([]);
  });

  test('L2 aws_eks_v2: UserData.forLinux() without a machine image fails; MultipartUserData passes', () => {
    const broken = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2_X86_64, version: eks2.KubernetesVersion.V1_29, userData: cdkScript(SYSCTL) });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Cluster/NodegroupNodes/Resource']]);
    const healthy = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2_X86_64, version: eks2.KubernetesVersion.V1_29, userData: cdkMultipart([shellPart(SYSCTL)]) });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });

  test('L2 aws_eks: MultipartUserData calling bootstrap.sh warns about the double bootstrap; with a machine image it does not', () => {
    const userData = cdkShellMultipart(BOOTSTRAP);
    const doubled = v1Nodegroup({ amiType: eks.NodegroupAmiType.AL2_X86_64, releaseVersion: '1.29.10-20241024', userData });
    expect(ruleAnnotations(doubled, RULE).map((m) => [m.level, m.path])).toEqual([['warning', '/S/Nodes/Resource']]);
    const custom = v1Nodegroup({ machineImage: ec2.MachineImage.fromSsmParameter(AL2_RECOMMENDED_SSM), userData });
    expect(ruleAnnotations(custom, RULE)).toEqual([]);
  });
});

describe('managed-nodegroup-user-data-format in scan', () => {
  test('a plain script in a managed node group template exits 1; MIME passes', async () => {
    const broken = await scanRule(nodegroupTemplate({ ...AL2_MANAGED, userData: `#!/bin/bash\n${SYSCTL}\n` }), RULE);
    expect(broken.code).toBe(1);
    expect(broken.findings.map((f) => [f.severity, f.logicalId])).toEqual([['error', 'Nodes']]);
    const healthy = await scanRule(nodegroupTemplate({ ...AL2_MANAGED, userData: mime([shellPart(SYSCTL)]) }), RULE);
    expect(healthy).toEqual({ code: 0, findings: [] });
  });
});
