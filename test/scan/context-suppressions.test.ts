import { amiFactsForContext, mergeAmiFacts } from '../../lib/nodes/context-facts';
import { guardRuleOfAcknowledgement } from '../../lib/nodes/acknowledgement-ids';
import { applyAcknowledgements } from '../../lib/scan/suppressions';
import { sampleFinding } from '../report/findings';

describe('amiFactsForContext', () => {
  const context = {
    'eks-node-guard:image:eu-west-1:ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20240315' },
    'ssm:account=123456789012:parameterName=/p/release_version:region=eu-west-1': '1.29.10-20241024',
    'ssm:account=123456789012:parameterName=/p/release_version:region=us-east-1': '1.29.3-20240531',
  };

  test("gives the facts of the node's region, with extra facts over them", () => {
    const factsFor = amiFactsForContext(context, { overrides: { 'ami-1': '1.7.11' }, ssmValues: { '/q': 'v' } });
    expect(factsFor({ region: 'eu-west-1' })).toEqual({
      overrides: { 'ami-1': '1.7.11' },
      ssmValues: { '/p/release_version': '1.29.10-20241024', '/q': 'v' },
      images: { 'ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20240315' } },
    });
    expect(factsFor({ region: 'us-east-1' }).ssmValues).toEqual({ '/p/release_version': '1.29.3-20240531', '/q': 'v' });
  });

  test('is computed once per region', () => {
    const factsFor = amiFactsForContext(context);
    expect(factsFor({ region: 'eu-west-1', imageId: 'ami-a' })).toBe(factsFor({ region: 'eu-west-1', imageId: 'ami-b' }));
  });

  test('mergeAmiFacts: later sources win per key', () => {
    expect(mergeAmiFacts({ ssmValues: { a: '1', b: '1' } }, { ssmValues: { b: '2' }, overrides: { x: '1.7.11' } })).toEqual({
      overrides: { x: '1.7.11' },
      ssmValues: { a: '1', b: '2' },
      images: {},
    });
  });
});

describe('acknowledgements', () => {
  test.each([
    ['Annotation::eks-node-guard:resolv-conf-empty', 'resolv-conf-empty'],
    ['eks-node-guard::resolv-conf-empty', 'resolv-conf-empty'],
    ['eks-node-guard:resolv-conf-empty', 'resolv-conf-empty'],
    ['cdk-nag::AwsSolutions-IAM4', undefined],
    ['Annotation::other:rule', undefined],
  ])('%s names rule %s', (id, rule) => {
    expect(guardRuleOfAcknowledgement(id)).toBe(rule);
  });

  test('apply to the construct and its children only, for the named rule; the closest scope wins', () => {
    const onLegacy = sampleFinding({ source: { constructPath: 'Demo/Legacy/Nodegroup' } });
    const onSibling = sampleFinding({ source: { constructPath: 'Demo/LegacyOther/Nodegroup' } });
    const otherRule = sampleFinding({ ruleId: 'user-data-unanalyzable', source: { constructPath: 'Demo/Legacy/Nodegroup' } });
    const noPath = sampleFinding({ source: { logicalId: 'X' } });
    const { findings, suppressed } = applyAcknowledgements(
      [onLegacy, onSibling, otherRule, noPath],
      [
        { constructPath: 'Demo', id: 'Annotation::eks-node-guard:resolv-conf-empty', reason: 'app-wide' },
        { constructPath: 'Demo/Legacy', id: 'eks-node-guard::resolv-conf-empty', reason: 'pinned' },
      ],
    );
    expect(suppressed.map((f) => [f.source.constructPath, f.suppressedBy])).toEqual([
      ['Demo/Legacy/Nodegroup', { scope: 'Demo/Legacy', reason: 'pinned' }],
      ['Demo/LegacyOther/Nodegroup', { scope: 'Demo', reason: 'app-wide' }],
    ]);
    expect(findings).toEqual([otherRule, noPath]);
  });
});
