import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { parse } from 'yaml';
import { bootstrapShOnAl2023, nodeConfigFromBootstrapCall } from '../../lib/rules/bootstrap-sh-on-al2023';
import { analyzeUserData } from '../../lib/userdata/analyze';
import type { BootstrapCall } from '../../lib/userdata/types';
import {
  AL2_RECOMMENDED_SSM,
  AL2023_SSM,
  cdkMultipart,
  cdkScript,
  evaluateRule,
  l1Nodegroup,
  managedNode,
  mime,
  NODE_CONFIG_MAX_PODS,
  nodeadmPart,
  nodegroupTemplate,
  ruleAnnotations,
  scanRule,
  shellPart,
  v1Nodegroup,
  v2Nodegroup,
} from './helpers';

const RULE = bootstrapShOnAl2023.id;

const BOOTSTRAP =
  "/etc/eks/bootstrap.sh demo --apiserver-endpoint https://ABC.gr7.eu-west-1.eks.amazonaws.com --b64-cluster-ca Q0EK --dns-cluster-ip 10.100.0.10 --kubelet-extra-args '--resolv-conf=/etc/kubelet-resolv.conf --node-labels=pool=a --max-pods 58'";

function callOf(script: string): BootstrapCall {
  const [call] = analyzeUserData(script).bootstrapCalls;
  if (!call) throw new Error(`no bootstrap call in ${script}`);
  return call;
}

describe('nodeConfigFromBootstrapCall', () => {
  test('literal arguments become spec.cluster; extra args become kubelet flags minus --resolv-conf; the DNS IP becomes clusterDNS', () => {
    const draft = nodeConfigFromBootstrapCall(callOf(`#!/bin/bash\n${BOOTSTRAP}\n`), { includeCluster: true });
    expect(parse(draft.yaml)).toEqual({
      apiVersion: 'node.eks.aws/v1alpha1',
      kind: 'NodeConfig',
      spec: {
        cluster: {
          name: 'demo',
          apiServerEndpoint: 'https://ABC.gr7.eu-west-1.eks.amazonaws.com',
          certificateAuthority: 'Q0EK',
          cidr: '<service CIDR that holds 10.100.0.10 (aws eks describe-cluster)>',
        },
        kubelet: { config: { clusterDNS: ['10.100.0.10'] }, flags: ['--node-labels=pool=a', '--max-pods=58'] },
      },
    });
    expect(draft.placeholders).toEqual(['<service CIDR that holds 10.100.0.10 (aws eks describe-cluster)>']);
    expect(draft.notCarriedOver).toEqual(['--resolv-conf']);
  });

  test('--service-ipv4-cidr fills the cidr; other options are listed as not carried over', () => {
    const draft = nodeConfigFromBootstrapCall(
      callOf('/etc/eks/bootstrap.sh prod --apiserver-endpoint https://x --b64-cluster-ca Q0EK --service-ipv4-cidr 172.20.0.0/16 --use-max-pods false\n'),
      { includeCluster: true },
    );
    expect(parse(draft.yaml).spec).toEqual({ cluster: { name: 'prod', apiServerEndpoint: 'https://x', certificateAuthority: 'Q0EK', cidr: '172.20.0.0/16' } });
    expect(draft.placeholders).toEqual([]);
    expect(draft.notCarriedOver).toEqual(['--use-max-pods false']);
  });

  test('deploy-time tokens and shell variables become placeholders that show the original', () => {
    const analysis = analyzeUserData({
      'Fn::Join': ['', ['#!/bin/bash\n/etc/eks/bootstrap.sh ', { Ref: 'ClusterName' }, ' --b64-cluster-ca "$CA" --kubelet-extra-args "--node-labels=team=', { Ref: 'Team' }, '"\n']],
    });
    const draft = nodeConfigFromBootstrapCall(analysis.bootstrapCalls[0], { includeCluster: true });
    const spec = parse(draft.yaml).spec;
    expect(spec.cluster.name).toBe('<cluster name: {{Ref ClusterName}}>');
    expect(spec.cluster.certificateAuthority).toBe('<base64 cluster CA (aws eks describe-cluster): {{$CA}}>');
    expect(spec.kubelet.flags).toEqual(['--node-labels=<value of --node-labels: team={{Ref Team}}>']);
    expect(draft.placeholders).toContain('<cluster name: {{Ref ClusterName}}>');
  });

  test('without the cluster section (managed node groups on EKS AMIs) only the kubelet part is written', () => {
    const draft = nodeConfigFromBootstrapCall(callOf(`${BOOTSTRAP}\n`), { includeCluster: false });
    expect(parse(draft.yaml).spec).toEqual({ kubelet: { config: { clusterDNS: ['10.100.0.10'] }, flags: ['--node-labels=pool=a', '--max-pods=58'] } });
  });

  test('flags the kubelet version no longer accepts are left out, with the release that removed them', () => {
    const call = callOf("/etc/eks/bootstrap.sh demo --kubelet-extra-args '--network-plugin=cni --container-runtime=remote --node-labels=a=b'\n");
    expect(parse(nodeConfigFromBootstrapCall(call, { includeCluster: false, kubeletVersion: '1.31.2' }).yaml).spec.kubelet.flags).toEqual(['--node-labels=a=b']);
    expect(nodeConfigFromBootstrapCall(call, { includeCluster: false, kubeletVersion: '1.31' }).notCarriedOver).toEqual([
      '--network-plugin (removed in Kubernetes 1.24)',
      '--container-runtime (removed in Kubernetes 1.27)',
    ]);
    expect(parse(nodeConfigFromBootstrapCall(call, { includeCluster: false }).yaml).spec.kubelet.flags).toHaveLength(3);
  });

  test('a call without arguments yields placeholders for the whole cluster section', () => {
    const draft = nodeConfigFromBootstrapCall(callOf('/etc/eks/bootstrap.sh\n'), { includeCluster: true });
    expect(Object.values(parse(draft.yaml).spec.cluster)).toEqual(draft.placeholders);
    expect(draft.placeholders).toHaveLength(4);
  });
});

describe('bootstrap-sh-on-al2023 on node definitions', () => {
  const userData = { 'Fn::Base64': mime([shellPart(BOOTSTRAP)]) };

  test.each([
    ['amiType AL2023_*', { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' }],
    ['an AL2023 SSM parameter', { ssmParameter: AL2023_SSM }],
    ['an AL2023 AMI name', { amiName: 'amazon-eks-node-al2023-x86_64-standard-1.31-v20241121' }],
  ])('an error when the AMI is AL2023 by %s', (_, ami) => {
    const [finding] = evaluateRule(RULE, [managedNode({ ami, userData, customAmi: 'ssmParameter' in ami || 'amiName' in ami })]);
    expect(finding).toMatchObject({ severity: 'error', title: 'user data calls /etc/eks/bootstrap.sh on an Amazon Linux 2023 AMI' });
    expect(finding.fix).toContain('apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n');
    expect(finding.fix).toContain('- --node-labels=pool=a');
    expect(finding.fix).not.toContain('--resolv-conf=');
  });

  test('an AMI known only from a lookup (DescribeImages name) counts too', () => {
    const node = managedNode({ ami: { imageId: 'ami-0123456789abcdef0' }, customAmi: true, userData });
    expect(evaluateRule(RULE, [node])).toEqual([]);
    const looked = evaluateRule(RULE, [node], {}, { images: { 'ami-0123456789abcdef0': { name: 'amazon-eks-node-al2023-x86_64-standard-1.31-v20241121' } } });
    expect(looked).toHaveLength(1);
  });

  test('a custom AMI gets the cluster section; a managed node group on an EKS AMI only the kubelet part', () => {
    const custom = evaluateRule(RULE, [managedNode({ ami: { ssmParameter: AL2023_SSM }, customAmi: true, userData })]);
    expect(custom[0].fix).toContain('apiServerEndpoint: https://ABC.gr7.eu-west-1.eks.amazonaws.com');
    const managed = evaluateRule(RULE, [managedNode({ ami: { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' }, userData })]);
    expect(managed[0].fix).not.toContain('cluster:');
  });

  test('quiet on AL2, on Bottlerocket, on an unknown AMI and for nodeadm user data on AL2023', () => {
    expect(evaluateRule(RULE, [managedNode({ ami: { amiType: 'AL2_x86_64', kubernetesVersion: '1.29' }, userData })])).toEqual([]);
    expect(evaluateRule(RULE, [managedNode({ ami: { amiType: 'BOTTLEROCKET_x86_64', kubernetesVersion: '1.31' }, userData })])).toEqual([]);
    expect(evaluateRule(RULE, [managedNode({ ami: {}, userData })])).toEqual([]);
    const nodeadm = { 'Fn::Base64': mime([nodeadmPart(NODE_CONFIG_MAX_PODS)]) };
    expect(evaluateRule(RULE, [managedNode({ ami: { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' }, userData: nodeadm })])).toEqual([]);
  });
});

describe('bootstrap-sh-on-al2023 in CDK apps', () => {
  test('L1: CfnLaunchTemplate with an AL2023 image id and a bootstrap.sh script fails synth on the node group', () => {
    const stack = l1Nodegroup({ imageSsm: AL2023_SSM, userData: `#!/bin/bash\n${BOOTSTRAP}\n` });
    const messages = ruleAnnotations(stack, RULE);
    expect(messages.map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes']]);
    expect(messages[0].message).toContain('S/Nodes: user data calls /etc/eks/bootstrap.sh on an Amazon Linux 2023 AMI.');
    expect(messages[0].message).toContain('name: demo');
  });

  test('L1: the same node group on the AL2 AMI is fine', () => {
    const stack = l1Nodegroup({ imageSsm: AL2_RECOMMENDED_SSM, userData: `#!/bin/bash\n${BOOTSTRAP}\n` });
    expect(ruleAnnotations(stack, RULE)).toEqual([]);
  });

  test('L2 aws_eks_v2: addNodegroupCapacity with amiType AL2023 and a bootstrap.sh MIME part fails; a nodeadm part passes', () => {
    const broken = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2023_X86_64_STANDARD, userData: cdkMultipart([shellPart(BOOTSTRAP)]) });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Cluster/NodegroupNodes/Resource']]);
    const healthy = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2023_X86_64_STANDARD, userData: cdkMultipart([nodeadmPart(NODE_CONFIG_MAX_PODS)]) });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });

  test('L2 aws_eks: Nodegroup with an AL2023 machine image from SSM fails; the AL2 image passes', () => {
    const script = cdkScript(BOOTSTRAP);
    const broken = v1Nodegroup({ machineImage: ec2.MachineImage.fromSsmParameter(AL2023_SSM), userData: script });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes/Resource']]);
    const healthy = v1Nodegroup({ machineImage: ec2.MachineImage.fromSsmParameter(AL2_RECOMMENDED_SSM), userData: script });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });

  test('L2 aws_eks: Nodegroup with amiType AL2023 (no custom AMI) and a bootstrap.sh MIME part fails', () => {
    const broken = v1Nodegroup({ amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD, userData: cdkMultipart([shellPart(BOOTSTRAP)]) });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes/Resource']]);
  });
});

describe('bootstrap-sh-on-al2023 in scan', () => {
  test('a template with an AL2023 node group calling bootstrap.sh exits 1 with the finding; nodeadm passes', async () => {
    const broken = await scanRule(nodegroupTemplate({ amiType: 'AL2023_x86_64_STANDARD', version: '1.31', userData: mime([shellPart(BOOTSTRAP)]) }), RULE);
    expect(broken.code).toBe(1);
    expect(broken.findings.map((f) => [f.severity, f.logicalId])).toEqual([['error', 'Nodes']]);
    const healthy = await scanRule(nodegroupTemplate({ amiType: 'AL2023_x86_64_STANDARD', version: '1.31', userData: mime([nodeadmPart(NODE_CONFIG_MAX_PODS)]) }), RULE);
    expect(healthy.findings).toEqual([]);
  });
});
