import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { isMinorAtLeast, REMOVED_KUBELET_FLAGS, removedKubeletFlag } from '../../lib/kubelet/removed-flags';
import { kubeletFlagRemoved } from '../../lib/rules/kubelet-flag-removed';
import {
  cdkMultipart,
  cdkShellMultipart,
  evaluateRule,
  l1Nodegroup,
  managedNode,
  mime,
  nodeadmPart,
  nodegroupTemplate,
  ruleAnnotations,
  scanRule,
  shellPart,
  v1Nodegroup,
  v2Nodegroup,
} from './helpers';

const RULE = kubeletFlagRemoved.id;
const DOCKERSHIM_BOOTSTRAP = "/etc/eks/bootstrap.sh demo --kubelet-extra-args '--network-plugin=cni --node-labels=pool=a --docker-endpoint unix:///var/run/docker.sock'";
const CUSTOM_AL2_129 = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';

describe('the removed-flags table', () => {
  test('every entry has a source, a parseable release and a replacement, and names are unique', () => {
    for (const entry of REMOVED_KUBELET_FLAGS) {
      expect(entry.name).toMatch(/^--[a-z][a-z0-9-]+$/);
      expect(entry.removedIn).toMatch(/^1\.\d+$/);
      expect(entry.source).toMatch(/Kubernetes 1\.\d+/);
      expect(entry.instead.length).toBeGreaterThan(0);
    }
    expect(new Set(REMOVED_KUBELET_FLAGS.map((e) => e.name)).size).toBe(REMOVED_KUBELET_FLAGS.length);
  });

  test.each([
    ['--network-plugin', '1.23', false],
    ['--network-plugin', '1.24', true],
    ['--network-plugin', '1.30.4', true],
    ['--cni-bin-dir', 'v1.24.0', true],
    ['--container-runtime', '1.26', false],
    ['--container-runtime', '1.27', true],
    ['--container-runtime-endpoint', '1.31', false],
    ['--node-labels', '1.31', false],
    ['--network_plugin', '1.29', true],
    ['-network-plugin', '1.29', true],
    ['--network-plugin', 'latest', false],
  ])('%s on kubelet %s removed: %s', (flag, version, removed) => {
    expect(removedKubeletFlag(flag, version) !== undefined).toBe(removed);
  });

  test('isMinorAtLeast compares major and minor numerically', () => {
    expect(isMinorAtLeast('1.100', '1.27')).toBe(true);
    expect(isMinorAtLeast('1.9', '1.24')).toBe(false);
    expect(isMinorAtLeast('2.0', '1.24')).toBe(true);
    expect(isMinorAtLeast('x', '1.24')).toBe(false);
  });
});

describe('kubelet-flag-removed on node definitions', () => {
  const userData = { 'Fn::Base64': mime([shellPart(DOCKERSHIM_BOOTSTRAP)]) };

  test('dockershim flags on a 1.29 node: one error naming each removed flag, its release and source, from the AMI release', () => {
    const [finding, ...rest] = evaluateRule(RULE, [managedNode({ ami: { ssmParameter: CUSTOM_AL2_129 }, customAmi: true, userData })]);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'error', title: 'kubelet 1.29.8 no longer accepts --network-plugin, --docker-endpoint' });
    expect(finding.detail).toContain('(from AMI amazon-eks-node-1.29-v20241024)');
    expect(finding.detail).toContain('removed in Kubernetes 1.24 (Kubernetes 1.24 release notes');
    expect(finding.fix).toMatch(/^Remove --network-plugin, --docker-endpoint from the kubelet arguments\./);
  });

  test('the node group version is used when the AMI is not identified; an unknown version gives no finding', () => {
    const fromVersion = evaluateRule(RULE, [managedNode({ ami: { imageId: 'ami-0123456789abcdef0', kubernetesVersion: '1.25.4' }, customAmi: true, userData })]);
    expect(fromVersion.map((f) => f.title)).toEqual(['kubelet 1.25.4 no longer accepts --network-plugin, --docker-endpoint']);
    expect(fromVersion[0].detail).toContain("The node runs kubelet 1.25.4 (from the node group's or cluster's Kubernetes version)");
    expect(evaluateRule(RULE, [managedNode({ ami: {}, userData })])).toEqual([]);
  });

  test('quiet on a kubelet that still has the flags (1.23)', () => {
    expect(evaluateRule(RULE, [managedNode({ ami: { amiType: 'AL2_x86_64', releaseVersion: '1.23.17-20240514' }, userData })])).toEqual([]);
  });

  test('nodeadm spec.kubelet.flags are checked too: --container-runtime on AL2023 1.31', () => {
    const nodeConfig = ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    flags:', '      - --container-runtime=remote', ''].join('\n');
    const [finding] = evaluateRule(RULE, [managedNode({ ami: { amiType: 'AL2023_x86_64_STANDARD', kubernetesVersion: '1.31' }, userData: { 'Fn::Base64': mime([nodeadmPart(nodeConfig)]) } })]);
    // The newest 1.31 AL2023 release in the catalog is assumed, so the full kubelet version is known.
    expect(finding.title).toMatch(/^kubelet 1\.31\.\d+ no longer accepts --container-runtime$/);
    expect(finding.detail).toContain('removed in Kubernetes 1.27');
  });
});

describe('kubelet-flag-removed in CDK apps', () => {
  test('L1: a custom AL2 1.29 AMI with dockershim flags fails synth on the node group; without them it passes', () => {
    const broken = l1Nodegroup({ imageSsm: CUSTOM_AL2_129, userData: `#!/bin/bash\n${DOCKERSHIM_BOOTSTRAP}\n` });
    const messages = ruleAnnotations(broken, RULE);
    expect(messages.map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes']]);
    expect(messages[0].message).toContain('S/Nodes: kubelet 1.29.8 no longer accepts --network-plugin, --docker-endpoint.');
    const healthy = l1Nodegroup({ imageSsm: CUSTOM_AL2_129, userData: "#!/bin/bash\n/etc/eks/bootstrap.sh demo --kubelet-extra-args '--node-labels=pool=a'\n" });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });

  test('L2 aws_eks_v2: a 1.31 cluster whose node group passes --container-runtime through nodeadm fails', () => {
    const nodeConfig = ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    flags:', '      - --container-runtime=remote', ''].join('\n');
    const broken = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2023_X86_64_STANDARD, userData: cdkMultipart([nodeadmPart(nodeConfig)]) });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Cluster/NodegroupNodes/Resource']]);
    const healthy = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2023_X86_64_STANDARD, userData: cdkMultipart([nodeadmPart(nodeConfig.replace('--container-runtime=remote', '--node-labels=pool=a'))]) });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });

  test('L2 aws_eks: a Nodegroup with releaseVersion 1.29 and --network-plugin in a MIME part fails', () => {
    const broken = v1Nodegroup({ amiType: eks.NodegroupAmiType.AL2_X86_64, releaseVersion: '1.29.10-20241024', userData: cdkShellMultipart(DOCKERSHIM_BOOTSTRAP) });
    expect(ruleAnnotations(broken, RULE).map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes/Resource']]);
  });
});

describe('kubelet-flag-removed in scan', () => {
  test('a template with a dockershim flag on a 1.29 node group exits 1; the flag on 1.23 passes', async () => {
    const broken = await scanRule(nodegroupTemplate({ imageId: 'ami-0123456789abcdef0', amiType: 'CUSTOM', version: '1.29', userData: `#!/bin/bash\n${DOCKERSHIM_BOOTSTRAP}\n` }), RULE);
    expect(broken.code).toBe(1);
    expect(broken.findings.map((f) => [f.severity, f.title])).toEqual([['error', 'kubelet 1.29 no longer accepts --network-plugin, --docker-endpoint']]);
    const old = await scanRule(nodegroupTemplate({ imageId: 'ami-0123456789abcdef0', amiType: 'CUSTOM', version: '1.23', userData: `#!/bin/bash\n${DOCKERSHIM_BOOTSTRAP}\n` }), RULE);
    expect(old.findings).toEqual([]);
  });
});
