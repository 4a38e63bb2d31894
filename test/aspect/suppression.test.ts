import { App, Stack, Validations } from 'aws-cdk-lib';
import { readFileSync } from 'fs';
import { join } from 'path';
import { EksNodeGuard } from '../../lib';
import { guardMessages, l1NodeStack, legacyCommands, script } from '../helpers/cdk';

function reportOf(stack: Stack) {
  const dir = (stack.node.root as App).synth().directory;
  return JSON.parse(readFileSync(join(dir, 'eks-node-guard.report.json'), 'utf8'));
}

describe('acknowledging findings', () => {
  test('Validations.acknowledge on an ancestor suppresses the error; the report keeps it with the reason', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    Validations.of(stack).acknowledge({ id: 'eks-node-guard:resolv-conf-empty', reason: 'nodes pinned to v20240703 until DNS migration (JIRA-42)' });
    expect(guardMessages(stack)).toEqual([]);
    const report = reportOf(stack);
    expect(report.summary).toMatchObject({ errors: 0, suppressed: 1 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'resolv-conf-empty',
      constructPath: 'S/Nodes',
      suppression: { scope: 'S', reason: 'nodes pinned to v20240703 until DNS migration (JIRA-42)' },
    });
  });

  test('EksNodeGuard.acknowledge does the same and requires a reason', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    expect(() => EksNodeGuard.acknowledge(stack, 'resolv-conf-empty', ' ')).toThrow(/needs a reason/);
    EksNodeGuard.acknowledge(stack.node.findChild('Nodes'), 'resolv-conf-empty', 'accepted risk');
    expect(guardMessages(stack)).toEqual([]);
    expect(reportOf(stack).findings[0].suppression).toEqual({ scope: 'S/Nodes', reason: 'accepted risk' });
  });

  test('EksNodeGuard.acknowledge takes the prefixed id as Validations spells it', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    EksNodeGuard.acknowledge(stack, 'eks-node-guard:resolv-conf-empty', 'accepted risk');
    expect(guardMessages(stack)).toEqual([]);
    expect(reportOf(stack).findings[0].suppression).toEqual({ scope: 'S', reason: 'accepted risk' });
  });

  test('EksNodeGuard.acknowledge throws on an unknown rule id instead of acknowledging nothing', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    expect(() => EksNodeGuard.acknowledge(stack, 'resolv-conf-emtpy', 'typo')).toThrow("eks-node-guard: cannot acknowledge on S: unknown rule id 'resolv-conf-emtpy' (known: resolv-conf-empty, ");
    expect(() => EksNodeGuard.acknowledge(stack, 'eks-node-guard:no-such-rule', 'typo')).toThrow("unknown rule id 'no-such-rule'");
    expect(() => EksNodeGuard.acknowledge(stack, 'other-tool:resolv-conf-empty', 'typo')).toThrow("unknown rule id 'other-tool:resolv-conf-empty'");
  });

  test('on an aws-cdk-lib without Validations (the peer range includes such versions), it records the metadata itself', () => {
    const stack = new Stack(new App(), 'Old');
    jest.isolateModules(() => {
      const actual = jest.requireActual('aws-cdk-lib');
      jest.doMock('aws-cdk-lib', () => new Proxy(actual, { get: (target, key) => (key === 'Validations' ? undefined : target[key]) }));
      const { acknowledgeRule } = require('../../lib/aspect/acknowledgements');
      acknowledgeRule(stack, 'resolv-conf-empty', 'pinned AMI');
    });
    jest.dontMock('aws-cdk-lib');
    const acknowledged = stack.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data);
    expect(acknowledged).toEqual([{ 'Annotation::eks-node-guard:resolv-conf-empty': 'pinned AMI' }]);
  });

  test('acknowledging one rule leaves the others', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    Validations.of(stack).acknowledge({ id: 'eks-node-guard:resolv-conf-unverified', reason: 'not this one' });
    expect(guardMessages(stack)).toHaveLength(1);
  });

  test('an acknowledgement on a sibling does not apply', () => {
    const stack = l1NodeStack(script(legacyCommands()));
    Validations.of(new Stack(stack.node.root, 'Other')).acknowledge({ id: 'eks-node-guard:resolv-conf-empty', reason: 'elsewhere' });
    expect(guardMessages(stack)).toHaveLength(1);
  });
});

describe('rule selection', () => {
  test('skipRules turns a rule off; rules selects only those', () => {
    expect(guardMessages(l1NodeStack(script(legacyCommands()), { guard: { skipRules: ['resolv-conf-empty'] } }))).toEqual([]);
    expect(guardMessages(l1NodeStack(script(legacyCommands()), { guard: { rules: ['resolv-conf-empty'] } }))).toHaveLength(1);
  });

  test('an unknown rule id fails at construction, not silently', () => {
    expect(() => new EksNodeGuard({ rules: ['no-such-rule'] })).toThrow("unknown rule id 'no-such-rule'");
    expect(() => new EksNodeGuard({ skipRules: ['resolv-conf-emtpy'] })).toThrow(/known: resolv-conf-empty/);
  });
});

test("the validation plugin's id form (eks-node-guard::<rule>) acknowledges the Aspect's finding too", () => {
  const stack = l1NodeStack(script(legacyCommands()));
  Validations.of(stack).acknowledge({ id: 'eks-node-guard::resolv-conf-empty', reason: 'one id for both' });
  expect(guardMessages(stack)).toEqual([]);
});
