import { App, CfnParameter, Stack, aws_ec2 as ec2, aws_eks as eks } from 'aws-cdk-lib';
import { analyse, affecting, BOOT, effective } from './helpers';
import type { IntrinsicValue } from '../../lib/userdata/types';

/** What CDK's ASG capacity renders for self-managed nodes (Fn::Base64 of Fn::Join with holes). */
function asgShape(extra: string): IntrinsicValue {
  return { 'Fn::Base64': { 'Fn::Join': ['', [
    '#!/bin/bash\nset -o xtrace\n/etc/eks/bootstrap.sh ', { Ref: 'ClusterEB0386A7' },
    ` --kubelet-extra-args "--node-labels lifecycle=OnDemand${extra}" --apiserver-endpoint '`, { 'Fn::GetAtt': ['ClusterEB0386A7', 'Endpoint'] },
    "' --b64-cluster-ca '", { 'Fn::GetAtt': ['ClusterEB0386A7', 'CertificateAuthorityData'] },
    "' --use-max-pods true\n/opt/aws/bin/cfn-signal --exit-code $? --stack ", { Ref: 'AWS::StackName' },
    ' --resource NodesASG --region ', { Ref: 'AWS::Region' }, '\n',
  ]] } };
}

describe('CloudFormation intrinsic trees', () => {
  it('CDK ASG capacity shape: holes for cluster name, endpoint and CA are harmless', () => {
    const a = analyse(asgShape(''));
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems).toEqual([]);
    expect(a.formats).toEqual(['intrinsic', 'base64', 'shell']);
    expect(a.bootstrapCalls[0].args[0]).toBe('{{Ref ClusterEB0386A7}}');
  });

  it('CDK ASG capacity shape with an empty --resolv-conf', () => {
    expect(effective(asgShape(' --resolv-conf='))).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('a hole inside --kubelet-extra-args may affect resolv-conf', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args "--node-labels=`, { Ref: 'Labels' }, '"\n']] } };
    const a = analyse(tree);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems).toMatchObject([{ code: 'token-hole', mayAffectResolvConf: true, location: { line: 2 } }]);
  });

  it('Fn::Sub with ${Var}, ${AWS::Region}, ${!Literal} and a variable map', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Sub': [
      `#!/bin/bash\nREGION=\${AWS::Region}\necho '\${!NotAVar}' > /tmp/x\n${BOOT} \${ClusterName} --kubelet-extra-args '\${Extra}'\n`,
      { Extra: { 'Fn::Join': [' ', ['--max-pods=20', '--resolv-conf=']] } },
    ] } };
    const a = analyse(tree);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty' });
    expect(a.problems).toEqual([]);
  });

  it('Fn::Sub with an unmapped ${Var} inside the extra args is a problem', () => {
    const a = analyse({ 'Fn::Base64': { 'Fn::Sub': `#!/bin/bash\n${BOOT} c --kubelet-extra-args '\${Extra}'\n` } });
    expect(affecting(a)).toEqual(['token-hole']);
  });

  it('Fn::Select of a literal list and Fn::If with equal branches resolve; differing branches are holes', () => {
    expect(effective({ 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args '`, { 'Fn::Select': [1, ['--max-pods=1', '--resolv-conf=']] }, "'\n"]] } })?.[0]).toBe('');
    expect(effective({ 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args '`, { 'Fn::If': ['C', '--resolv-conf=', '--resolv-conf='] }, "'\n"]] } })?.[0]).toBe('');
    const a = analyse({ 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args '`, { 'Fn::If': ['C', '--resolv-conf=', { Ref: 'AWS::NoValue' }] }, "'\n"]] } });
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems[0].reason).toContain('Fn::If C');
  });

  it('Fn::ImportValue as the whole script is a hole that may affect resolv-conf', () => {
    expect(affecting(analyse({ 'Fn::Base64': { 'Fn::ImportValue': 'SharedUserData' } }))).toEqual(['token-hole']);
  });

  it('an already-base64 literal in a template (no Fn::Base64) is decoded', () => {
    const b64 = Buffer.from(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n`).toString('base64');
    const a = analyse({ 'Fn::Join': ['', [b64]] });
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(a.formats).toEqual(['intrinsic', 'base64', 'shell']);
  });

  it('a plain script in a template (wrongly without Fn::Base64) is analysed as text', () => {
    expect(effective({ 'Fn::Join': ['\n', ['#!/bin/bash', `${BOOT} c --kubelet-extra-args '--resolv-conf='`]] })?.[0]).toBe('');
  });
});

describe('user data rendered by aws-cdk-lib', () => {
  const app = new App();
  const stack = new Stack(app, 'Rendered');
  const cluster = new eks.Cluster(stack, 'Cluster', {
    version: eks.KubernetesVersion.V1_31,
    defaultCapacity: 0,
    kubectlLayer: { layerVersionArn: 'arn:aws:lambda:us-east-1:123456789012:layer:kubectl:1' } as never,
  });

  function renderAsg(extra: string): IntrinsicValue {
    const asg = cluster.addAutoScalingGroupCapacity(`Nodes${Math.random().toString(36).slice(2, 7)}`, {
      instanceType: new ec2.InstanceType('m5.large'),
      bootstrapOptions: { kubeletExtraArgs: `--node-labels lifecycle=OnDemand ${extra}` },
    });
    const lt = asg.node.tryFindChild('LaunchTemplate') as ec2.LaunchTemplate | undefined;
    const userData = lt ? lt.userData! : (asg as unknown as { userData: ec2.UserData }).userData;
    return stack.resolve({ 'Fn::Base64': userData.render() }) as IntrinsicValue;
  }

  it('addAutoScalingGroupCapacity without --resolv-conf: no problems', () => {
    const a = analyse(renderAsg('--max-pods=20'));
    expect(a.usesBootstrapSh).toBe(true);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual([]);
  });

  it('addAutoScalingGroupCapacity with --resolv-conf=""', () => {
    expect(effective(renderAsg('--resolv-conf=""'))).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('MultipartUserData with a base64 shell part (nested Fn::Base64) and a NodeConfig part', () => {
    const multipart = new ec2.MultipartUserData();
    const shell = ec2.UserData.forLinux();
    shell.addCommands(`touch /etc/r.conf`, `echo "Environment='KUBELET_EXTRA_ARGS=--resolv-conf=/etc/r.conf'" > /etc/systemd/system/kubelet.service.d/50.conf`, `echo ${stack.region}`);
    multipart.addUserDataPart(shell, ec2.MultipartBody.SHELL_SCRIPT, true);
    multipart.addPart(ec2.MultipartBody.fromRawBody({ contentType: 'application/node.eks.aws', body: 'apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: c\n' }));
    const tree = stack.resolve({ 'Fn::Base64': multipart.render() }) as IntrinsicValue;
    const a = analyse(tree);
    expect(a.formats).toEqual(['intrinsic', 'base64', 'mime-multipart', 'shell', 'nodeadm']);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/r.conf', content: 'empty', mechanism: 'kubelet-extra-args-env', location: { part: 1, contentType: 'text/x-shellscript' } });
    expect(a.usesNodeadm).toBe(true);
    expect(a.problems).toEqual([]);
  });

  it('MultipartUserData whose shell part is a hole may affect resolv-conf', () => {
    const multipart = new ec2.MultipartUserData();
    multipart.addPart(ec2.MultipartBody.fromRawBody({ contentType: 'text/x-shellscript', body: new CfnParameter(stack, 'Script').valueAsString, transferEncoding: 'base64' }));
    const tree = stack.resolve({ 'Fn::Base64': multipart.render() }) as IntrinsicValue;
    expect(affecting(analyse(tree))).toContain('token-hole');
  });
});
