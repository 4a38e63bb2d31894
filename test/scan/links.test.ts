import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { CfnResourceRecord } from '../../lib/nodes/resources';
import { readScanInputs } from '../../lib/scan/inputs';
import { TemplateSet } from '../../lib/scan/links';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'templates');

function setOf(...files: string[]): TemplateSet {
  const inputs = readScanInputs(files, FIXTURES);
  expect(inputs.problems).toEqual([]);
  return new TemplateSet(inputs.templates);
}

function record(set: TemplateSet, logicalId: string): CfnResourceRecord {
  const found = set.records.find((r) => r.logicalId === logicalId);
  if (!found) throw new Error(`no ${logicalId}`);
  return found;
}

describe('TemplateSet records', () => {
  test('one record per resource, with its source', () => {
    const set = setOf('legacy-nodegroup.yaml');
    expect(set.records.map((r) => [r.logicalId, r.type])).toEqual([
      ['NodeLaunchTemplate', 'AWS::EC2::LaunchTemplate'],
      ['Nodegroup', 'AWS::EKS::Nodegroup'],
    ]);
    expect(record(set, 'Nodegroup').source).toEqual({
      constructPath: undefined,
      stack: 'legacy-nodegroup',
      logicalId: 'Nodegroup',
      templateFile: 'legacy-nodegroup.yaml',
      resourceType: 'AWS::EKS::Nodegroup',
    });
  });
});

describe('TemplateSet links', () => {
  test('Ref and GetAtt reach a resource in the same template (the same record object)', () => {
    const set = setOf('legacy-nodegroup.yaml');
    const ng = record(set, 'Nodegroup');
    const lt = record(set, 'NodeLaunchTemplate');
    expect(set.resourceFor(ng, { Ref: 'NodeLaunchTemplate' })).toBe(lt);
    expect(set.resourceFor(ng, { 'Fn::GetAtt': ['NodeLaunchTemplate', 'LatestVersionNumber'] })).toBe(lt);
    expect(set.resourceFor(ng, { 'Fn::GetAtt': 'NodeLaunchTemplate.LatestVersionNumber' })).toBe(lt);
    expect(set.resourceFor(ng, { Ref: 'Missing' })).toBeUndefined();
    expect(set.resourceFor(ng, 'lt-0123456789abcdef0')).toBeUndefined();
  });

  test('Fn::ImportValue follows an export of another template (export name built with Fn::Join)', () => {
    const set = setOf('import-nodegroup.yaml', 'export-launch-template.json');
    const ng = record(set, 'Nodegroup');
    expect(set.resourceFor(ng, { 'Fn::ImportValue': 'shared-node-template' })).toBe(record(set, 'SharedNodeTemplate'));
    expect(set.resourceFor(ng, { 'Fn::ImportValue': 'other' })).toBeUndefined();
  });

  test('Fn::ImportValue of a Fn::Sub name with literal variables', () => {
    const set = setOf('import-nodegroup.yaml', 'export-launch-template.json');
    const ng = record(set, 'Nodegroup');
    expect(set.resourceFor(ng, { 'Fn::ImportValue': { 'Fn::Sub': ['shared-${A}-template', { A: 'node' }] } })).toBe(record(set, 'SharedNodeTemplate'));
  });

  test('a launch template is found by LaunchTemplateName (a Fn::Join of literals)', () => {
    const set = setOf('lt-by-name.yaml');
    expect(set.launchTemplateNamed(record(set, 'Nodegroup'), 'eks-nodes-legacy')).toBe(record(set, 'NodeLaunchTemplate'));
    expect(set.launchTemplateNamed(record(set, 'Nodegroup'), 'other')).toBeUndefined();
  });

  test('an SSM-typed parameter gives its type and default', () => {
    const set = setOf('asg-ssm-image.yaml');
    expect(set.parameterFor(record(set, 'NodeLaunchTemplate'), { Ref: 'NodeImageId' })).toEqual({
      type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      default: '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id',
    });
    expect(set.parameterFor(record(set, 'NodeLaunchTemplate'), { Ref: 'NodeLaunchTemplate' })).toBeUndefined();
  });
});

describe('nested stacks', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eks-node-guard-links-'));
    const parent = {
      Parameters: { ImageParam: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id' } },
      Resources: {
        SharedLt: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: {} } },
        Child: {
          Type: 'AWS::CloudFormation::Stack',
          Properties: { Parameters: { LtId: { Ref: 'SharedLt' }, Image: { Ref: 'ImageParam' }, Literal: 'v1' } },
          Metadata: { 'aws:asset:path': 'ParentChild.nested.template.json' },
        },
        Ng: { Type: 'AWS::EKS::Nodegroup', Properties: { LaunchTemplate: { Id: { 'Fn::GetAtt': ['Child', 'Outputs.ChildLtId'] } } } },
      },
    };
    const child = {
      Parameters: { LtId: { Type: 'String' }, Image: { Type: 'String' }, Literal: { Type: 'String' } },
      Resources: {
        ChildLt: { Type: 'AWS::EC2::LaunchTemplate', Properties: {} },
        ChildNg: { Type: 'AWS::EKS::Nodegroup', Properties: {} },
      },
      Outputs: { ChildLtId: { Value: { Ref: 'ChildLt' } } },
    };
    fs.writeFileSync(path.join(dir, 'Parent.template.json'), JSON.stringify(parent));
    fs.writeFileSync(path.join(dir, 'ParentChild.nested.template.json'), JSON.stringify(child));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function nestedSet(): TemplateSet {
    const inputs = readScanInputs(['Parent.template.json'], dir);
    expect(inputs.problems).toEqual([]);
    expect(inputs.templates.map((t) => t.stackName)).toEqual(['Parent', 'Parent/Child']);
    return new TemplateSet(inputs.templates);
  }

  test('a nested stack parameter follows the value the parent passes', () => {
    const set = nestedSet();
    expect(set.resourceFor(record(set, 'ChildNg'), { Ref: 'LtId' })).toBe(record(set, 'SharedLt'));
  });

  test('a nested stack parameter fed by a parent SSM parameter is that parameter', () => {
    const set = nestedSet();
    expect(set.parameterFor(record(set, 'ChildNg'), { Ref: 'Image' })).toEqual({
      type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      default: '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id',
    });
    expect(set.parameterFor(record(set, 'ChildNg'), { Ref: 'Literal' })).toEqual({ type: 'String', default: 'v1' });
  });

  test('GetAtt Outputs.X of a nested stack reaches the resource inside it', () => {
    const set = nestedSet();
    expect(set.resourceFor(record(set, 'Ng'), { 'Fn::GetAtt': ['Child', 'Outputs.ChildLtId'] })).toBe(record(set, 'ChildLt'));
  });
});
