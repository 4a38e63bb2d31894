import { amiFactsFromContext, mergeAmiFacts } from '../../lib/scan/context';
import { applyAcknowledgements, guardRuleOfAcknowledgement } from '../../lib/scan/suppressions';
import { sampleFinding } from '../report/findings';

describe('amiFactsFromContext', () => {
  test('reads guard lookups and CDK SSM lookups; ignores dummy values and other keys', () => {
    const facts = amiFactsFromContext({
      'eks-node-guard:image:eu-west-1:ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20240315', description: 'd' },
      'eks-node-guard:image:*:ami-0fedcba9876543210': { missing: true },
      'eks-node-guard:ssm:eu-west-1:/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/release_version': '1.30.4-20240917',
      'ssm:account=123456789012:parameterName=/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version:region=us-east-1': '1.29.10-20241024',
      'ssm:account=123456789012:parameterName=/pending:region=us-east-1': 'dummy-value-for-/pending',
      'availability-zones:account=123456789012:region=us-east-1': ['us-east-1a'],
    });
    expect(facts).toEqual({
      images: {
        'ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20240315', description: 'd', missing: undefined },
        'ami-0fedcba9876543210': { name: undefined, description: undefined, missing: true },
      },
      ssmValues: {
        '/aws/service/eks/optimized-ami/1.30/amazon-linux-2/recommended/release_version': '1.30.4-20240917',
        '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version': '1.29.10-20241024',
      },
    });
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
