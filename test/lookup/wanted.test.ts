import { resolveContainerd } from '../../lib/ami/resolve';
import type { AmiReference } from '../../lib/ami/types';
import { lookupRequestFor } from '../../lib/lookup/wanted';
import type { NodeFacts, NodeSource } from '../../lib/model';

const EU = 'ami-0123456789abcdef0';
const US = 'ami-0fedcba9876543210';
const RELEASE_PARAM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version';

/** A judged launch template with this AMI reference, resolved offline. */
function factsOf(ami: AmiReference, source: NodeSource = { constructPath: 'S/Lt' }): NodeFacts {
  return { node: { kind: 'launch-template', source, launchTemplate: 'none', ami, customAmi: true }, containerd: resolveContainerd(ami) };
}

describe('lookupRequestFor: the request every front door writes', () => {
  test('a literal AMI id is asked in the stack region, or with no region in an env-agnostic stack', () => {
    expect(lookupRequestFor([factsOf({ imageId: EU, region: 'eu-west-1' }), factsOf({ imageId: US }, { stack: 'tpl.yaml', logicalId: 'Lt' })])).toEqual({
      version: 1,
      images: [
        { id: EU, region: 'eu-west-1', paths: ['S/Lt'] },
        { id: US, paths: ['tpl.yaml/Lt'] },
      ],
      ssmParameters: [],
    });
  });

  test("a per-region mapping's AMI ids are asked in the region that lists each", () => {
    const request = lookupRequestFor([factsOf({ regionalImageIds: { mapping: 'LTAmiMap', ids: { 'eu-west-1': EU, 'us-east-1': US } } })]);
    expect(request.images).toEqual([
      { id: EU, region: 'eu-west-1', paths: ['S/Lt'] },
      { id: US, region: 'us-east-1', paths: ['S/Lt'] },
    ]);
  });

  test('SSM parameters someone else asks (CDK, for the Aspect) are left out', () => {
    const facts = factsOf({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29', region: 'eu-west-1' });
    expect(lookupRequestFor([facts]).ssmParameters).toEqual([{ id: RELEASE_PARAM, region: 'eu-west-1', paths: ['S/Lt'] }]);
    expect(lookupRequestFor([facts], { ssmAskedElsewhere: (f) => f === facts }).ssmParameters).toEqual([]);
  });

  test('an AMI no lookup can identify is listed as unresolved, with the reason; a pending CDK lookup is not', () => {
    const request = lookupRequestFor([factsOf({ imageIdUnresolved: true }), factsOf({ imageId: 'ami-1234' }, { constructPath: 'S/Pending' })]);
    expect(request).toEqual({
      version: 1,
      images: [],
      ssmParameters: [],
      unresolved: [{ reason: expect.stringContaining('the image id is not known at synth'), paths: ['S/Lt'] }],
    });
  });
});
