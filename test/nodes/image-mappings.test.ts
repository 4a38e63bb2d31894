import { App, CfnMapping, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { checkEksNodes } from '../../lib';
import type { AmiReference } from '../../lib/ami/types';
import { legacyCommands, script } from '../helpers/cdk';

const EU = 'ami-0123456789abcdef0';
const US = 'ami-0fedcba9876543210';

/** The AMI reference of a launch template whose image id is `Fn::FindInMap` on a mapping `AmiMap` of its stack. */
function amiOf(imageId: (mapping: CfnMapping) => string, mapping: Record<string, Record<string, string>>, env?: { region: string }): AmiReference {
  const stack = new Stack(new App(), 'S', { env });
  const map = new CfnMapping(stack, 'AmiMap', { mapping });
  new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateData: { imageId: imageId(map), userData: Fn.base64(script(legacyCommands())) } });
  const [node] = checkEksNodes(stack).nodes;
  return node.node.ami;
}

const BY_REGION = { 'eu-west-1': { ami: EU }, 'us-east-1': { ami: US }, 'ap-south-1': { other: 'x' } };

describe('an image id from Fn::FindInMap on a mapping of the stack', () => {
  test('by AWS::Region in an env-agnostic stack: each region that has the key, with its AMI id', () => {
    expect(amiOf((m) => m.findInMap(Fn.ref('AWS::Region'), 'ami'), BY_REGION)).toEqual({
      regionalImageIds: { mapping: 'AmiMap', ids: { 'eu-west-1': EU, 'us-east-1': US } },
    });
  });

  test("by AWS::Region in a stack with a region: that region's AMI id", () => {
    const ami = amiOf((m) => Fn.findInMap(m.logicalId, Fn.ref('AWS::Region'), 'ami'), BY_REGION, { region: 'us-east-1' });
    expect(ami).toEqual({ imageId: US, region: 'us-east-1' });
  });

  test('literal keys: that value', () => {
    expect(amiOf((m) => Fn.findInMap(m.logicalId, 'eu-west-1', 'ami'), BY_REGION)).toEqual({ imageId: EU });
  });

  test('a value that is not a literal AMI id, or a mapping that is not there: unresolved, not guessed', () => {
    expect(amiOf((m) => m.findInMap(Fn.ref('AWS::Region'), 'ami'), { 'eu-west-1': { ami: Fn.ref('AWS::AccountId') } })).toEqual({ imageIdUnresolved: true });
    expect(amiOf(() => Fn.findInMap('Elsewhere', Fn.ref('AWS::Region'), 'ami'), BY_REGION)).toEqual({ imageIdUnresolved: true });
  });
});
