import { App, CfnParameter, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { checkEksNodes } from '../../lib';
import { resolveValue } from '../../lib/aspect/resolve-value';
import { cdkScript, cfnNodegroup } from '../helpers/cdk';

/** The guard's resolution must give what CDK writes into the template. */
describe('resolveValue equals Stack.resolve', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const cluster = new CfnParameter(stack, 'ClusterName', { type: 'String' });
  const template = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: {} });
  const userData = cdkScript(`/etc/eks/bootstrap.sh ${cluster.valueAsString} --kubelet-extra-args '--max-pods=20'`);

  const cases: Record<string, unknown> = {
    'plain values': { a: 'text', b: [1, true, null, { c: 'd' }], e: undefined },
    'Fn::Base64 of a literal': Fn.base64('#!/bin/bash\necho hi\n'),
    'text around a reference (adjacent text merged)': { Name: `pre-${cluster.valueAsString}-mid-${template.ref}-post` },
    'Fn::Join with a nested Fn::Base64': Fn.join('', ['a', Fn.base64(Fn.join('-', [cluster.valueAsString, 'x'])), 'b']),
    'a GetAtt': template.attrLatestVersionNumber,
    'a Lazy that produces tokens': Lazy.string({ produce: () => `v=${template.ref}` }),
    'a number token': Token.asNumber(Lazy.number({ produce: () => 42 })),
    'a list token': Token.asList(Lazy.list({ produce: () => ['a', template.ref] })),
    'an L2 UserData rendering': Fn.base64(userData.render()),
    'a token as an object key (left to CDK)': { [Lazy.string({ produce: () => 'key' })]: 'v' },
    'a number token inside a string': `--max-pods=${Token.asNumber(Lazy.number({ produce: () => 58 }))} --x=${new CfnParameter(stack, 'Pods', { type: 'Number' }).valueAsNumber}`,
    'a token that resolves to nothing inside a string': `pre-${Lazy.string({ produce: () => undefined })}`,
    // toJsonString splices tokens into the JSON text by the type hints resolution leaves on values.
    'Stack.toJsonString with string, number and list tokens': stack.toJsonString({
      spec: { kubelet: { config: { resolvConf: cluster.valueAsString, maxPods: Token.asNumber(Lazy.number({ produce: () => 58 })) }, flags: [Fn.sub('--node-labels=region=${AWS::Region} --resolv-conf=')] } },
      list: Token.asList(Lazy.list({ produce: () => ['a', template.ref] })),
    }),
  };

  it.each(Object.entries(cases))('%s', (_name, value) => {
    expect(resolveValue(value, stack, new Map())).toEqual(stack.resolve(value));
  });

  it('resolves a token once per map and reuses the result', () => {
    const produce = jest.fn(() => 'once');
    const lazy = Lazy.string({ produce }, { displayHint: 'counted' });
    const resolved = new Map();
    expect(resolveValue({ a: lazy, b: `${lazy}!` }, stack, resolved)).toEqual({ a: 'once', b: 'once!' });
    expect(produce).toHaveBeenCalledTimes(1);
  });
});

it('a NodeConfig built with Stack.toJsonString is judged on the JSON CDK writes', () => {
  const stack = new Stack(new App(), 'S');
  const nodeConfig = stack.toJsonString({
    apiVersion: 'node.eks.aws/v1alpha1',
    kind: 'NodeConfig',
    spec: { kubelet: { flags: [Fn.sub('--node-labels=region=${AWS::Region} --resolv-conf=')] } },
  });
  const userData = `MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: application/node.eks.aws\n\n${nodeConfig}\n--B--\n`;
  const template = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: { userData: Fn.base64(userData) } });
  cfnNodegroup(stack, { id: template.ref, version: template.attrLatestVersionNumber }, { amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.31.3-20250103' });
  expect(checkEksNodes(stack).errors.map((f) => f.ruleId)).toEqual(['resolv-conf-empty']);
});
