import { App, CfnParameter, Fn, Lazy, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { resolveValue } from '../../lib/aspect/resolve-value';

/** The guard's resolution must give what CDK writes into the template. */
describe('resolveValue equals Stack.resolve', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const cluster = new CfnParameter(stack, 'ClusterName', { type: 'String' });
  const template = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: {} });
  const userData = ec2.UserData.forLinux();
  userData.addCommands(`/etc/eks/bootstrap.sh ${cluster.valueAsString} --kubelet-extra-args '--max-pods=20'`);

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
