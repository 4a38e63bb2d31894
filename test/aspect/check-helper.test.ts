import { App, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { DemoStack } from '../../bin/demo-app';
import { checkEksNodes } from '../../lib';
import { AFFECTED_AL2_SSM, cfnNodegroup, legacyCommands, script } from '../helpers/cdk';

describe('checkEksNodes, the unit-test helper', () => {
  test('the healthy demo stack has no guard errors', () => {
    const stack = new DemoStack(new App(), 'Demo', { legacy: false });
    const result = checkEksNodes(stack);
    expect(result.errors).toEqual([]);
    expect(result.nodes.length).toBeGreaterThan(0);
  });

  test('the legacy demo stack is caught, with structured evidence', () => {
    const result = checkEksNodes(new DemoStack(new App(), 'Demo', { legacy: true }));
    expect(result.errors.map((f) => f.ruleId)).toEqual(['resolv-conf-empty']);
    expect(result.errors[0].evidence).toMatchObject({
      resolvConf: { value: '/etc/kubelet-resolv.conf', content: 'empty', mechanism: 'bootstrap-kubelet-extra-args' },
      containerd: { verdict: 'affected', version: '1.7.22' },
      ami: { name: 'amazon-eks-node-1.29-v20241024', family: 'al2' },
    });
  });

  test('it annotates nothing and writes nothing', () => {
    const stack = new DemoStack(new App(), 'Demo', { legacy: true });
    checkEksNodes(stack);
    const annotations = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => String(m.data).includes('eks-node-guard')));
    expect(annotations).toEqual([]);
  });

  test('it writes no lookup request, so an unknown AMI is not sent to a `lookup` that has none to read (the cdk-nag pack runs it too)', () => {
    const stack = new Stack(new App(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateData: { imageId: 'ami-0123456789abcdef0', userData: Fn.base64(script(legacyCommands())) } });
    cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
    const [error] = checkEksNodes(stack).errors;
    expect(error.detail).toContain('AMI ami-0123456789abcdef0 is not in the lookup results');
    expect(error.detail).toContain('write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`, answer it with `eks-node-guard lookup --app <file>`');
    expect(error.detail).not.toContain('run `eks-node-guard lookup`');
  });

  test('it returns exactly the declared fields, no internals', () => {
    const result = checkEksNodes(new DemoStack(new App(), 'Demo', { legacy: true }));
    expect(Object.keys(result).sort()).toEqual(['errors', 'findings', 'nodes', 'suppressed', 'warnings']);
  });

  test('an app without EKS nodes has nothing to judge', () => {
    expect(checkEksNodes(new Stack(new App(), 'Empty'))).toMatchObject({ findings: [], nodes: [] });
  });
});

test('after synthesis (cross-stack references are imports then) it still follows the launch template', () => {
  const app = new App();
  const templates = new Stack(app, 'Templates');
  const lt = new ec2.CfnLaunchTemplate(templates, 'LT', {
    launchTemplateData: { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: Buffer.from(script(legacyCommands())).toString('base64') },
  });
  const nodes = new Stack(app, 'Nodes');
  cfnNodegroup(nodes, { id: lt.ref });
  const before = checkEksNodes(nodes).errors.map((f) => f.source.constructPath);
  app.synth();
  expect(checkEksNodes(nodes).errors.map((f) => f.source.constructPath)).toEqual(before);
  expect(before).toEqual(['Nodes/Nodes']);
});
