import { App, Stack } from 'aws-cdk-lib';
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
