import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { gzipSync } from 'zlib';
import { USER_DATA_LIMIT_BYTES, userDataTooLarge } from '../../lib/rules/user-data-too-large';
import type { IntrinsicValue } from '../../lib/userdata/types';
import { AL2_MANAGED, cdkMultipart, cdkShellMultipart, evaluateRule, l1Nodegroup, managedNode, mime, nodegroupTemplate, ruleAnnotations, scanRule, shellPart, v2Nodegroup } from './helpers';

const RULE = userDataTooLarge.id;

/** MIME user data of exactly `bytes` bytes (ASCII), padded with a comment line in the script. */
function mimeOfSize(bytes: number): string {
  const base = mime([shellPart('# ', 'sysctl -w net.core.somaxconn=4096')]);
  const padded = mime([shellPart(`# ${'x'.repeat(bytes - base.length)}`, 'sysctl -w net.core.somaxconn=4096')]);
  if (Buffer.byteLength(padded) !== bytes) throw new Error(`padding gave ${Buffer.byteLength(padded)} bytes`);
  return padded;
}

describe('user-data-too-large on node definitions', () => {
  test('the limit is 16384 bytes: exactly the limit passes, one byte more is an error that names the size', () => {
    expect(USER_DATA_LIMIT_BYTES).toBe(16384);
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: { 'Fn::Base64': mimeOfSize(16384) } })])).toEqual([]);
    const [finding] = evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: { 'Fn::Base64': mimeOfSize(16385) } })]);
    expect(finding).toMatchObject({ severity: 'error', title: "user data is 16385 bytes, over EC2's 16 KB limit" });
    expect(finding.detail).toContain('(1 over the limit of 16384)');
  });

  test('the limit applies to the bytes EC2 receives: gzip that brings it under the limit passes', () => {
    const big = mimeOfSize(40000);
    const gzipped = gzipSync(Buffer.from(big)).toString('base64');
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: gzipped })])).toEqual([]);
  });

  test('deploy-time values make the size approximate (counted as nothing); Fn::Sub without variables is literal', () => {
    const userData = { 'Fn::Base64': { 'Fn::Join': ['', [mimeOfSize(17000).replace('sysctl', 'echo '), { Ref: 'Extra' }]] } };
    const [finding] = evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData })]);
    expect(finding.title).toBe("user data is about 16999 bytes (plus deploy-time values), over EC2's 16 KB limit");
    for (const sub of [{ 'Fn::Sub': mimeOfSize(17000) }, { 'Fn::Sub': [mimeOfSize(17000).replace('sysctl', '${Cmd}'), { Cmd: 'sysctl' }] }]) {
      const literal = evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: { 'Fn::Base64': sub } })]);
      expect(literal.map((f) => f.title)).toEqual(["user data is 17000 bytes, over EC2's 16 KB limit"]);
    }
  });

  test('intrinsics that resolve at synth (Fn::Select of literals, Fn::If with equal branches, Ref AWS::NoValue) give an exact size', () => {
    const [head, tail] = mimeOfSize(17000).split('sysctl');
    const exact: IntrinsicValue[] = [
      { 'Fn::Select': [1, ['echo', 'sysctl']] },
      { 'Fn::If': ['IsProd', 'sysctl', 'sysctl'] },
      { 'Fn::Join': ['', ['sysctl', { Ref: 'AWS::NoValue' }]] },
    ];
    for (const value of exact) {
      const userData = { 'Fn::Base64': { 'Fn::Join': ['', [head, value, tail]] } };
      expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData })]).map((f) => f.title)).toEqual(["user data is 17000 bytes, over EC2's 16 KB limit"]);
    }
    const differing = { 'Fn::Base64': { 'Fn::Join': ['', [head, { 'Fn::If': ['IsProd', 'sysctl', 'echo'] }, tail]] } };
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED, userData: differing })]).map((f) => f.title))
      .toEqual(["user data is about 16994 bytes (plus deploy-time values), over EC2's 16 KB limit"]);
  });

  test('no user data, no finding', () => {
    expect(evaluateRule(RULE, [managedNode({ ami: AL2_MANAGED })])).toEqual([]);
  });
});

describe('user-data-too-large in CDK apps', () => {
  test('L1: CfnLaunchTemplate with 17 KB of user data fails synth on the node group; 16 KB passes', () => {
    const broken = l1Nodegroup({ ...AL2_MANAGED, userData: mimeOfSize(17000) });
    const messages = ruleAnnotations(broken, RULE);
    expect(messages.map((m) => [m.level, m.path])).toEqual([['error', '/S/Nodes']]);
    expect(messages[0].message).toContain("S/Nodes: user data is 17000 bytes, over EC2's 16 KB limit.");
    expect(ruleAnnotations(l1Nodegroup({ ...AL2_MANAGED, userData: mimeOfSize(16000) }), RULE)).toEqual([]);
  });

  test('L2 aws_eks_v2: an ec2.LaunchTemplate with oversized MultipartUserData fails; a small one passes', () => {
    const big = cdkMultipart([shellPart(`# ${'x'.repeat(17000)}`)]);
    const broken = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2_X86_64, version: eks2.KubernetesVersion.V1_29, userData: big });
    const messages = ruleAnnotations(broken, RULE);
    expect(messages.map((m) => [m.level, m.path])).toEqual([['error', '/S/Cluster/NodegroupNodes/Resource']]);
    const small = cdkShellMultipart('sysctl -w net.core.somaxconn=4096');
    const healthy = v2Nodegroup({ amiType: eks2.NodegroupAmiType.AL2_X86_64, version: eks2.KubernetesVersion.V1_29, userData: small });
    expect(ruleAnnotations(healthy, RULE)).toEqual([]);
  });
});

describe('user-data-too-large in scan', () => {
  test('an oversized template exits 1 with the size; a small one passes', async () => {
    const broken = await scanRule(nodegroupTemplate({ ...AL2_MANAGED, userData: mimeOfSize(20000) }), RULE);
    expect(broken.code).toBe(1);
    expect(broken.findings.map((f) => [f.severity, f.title])).toEqual([['error', "user data is 20000 bytes, over EC2's 16 KB limit"]]);
    expect(await scanRule(nodegroupTemplate({ ...AL2_MANAGED, userData: mimeOfSize(1000) }), RULE)).toEqual({ code: 0, findings: [] });
  });
});
