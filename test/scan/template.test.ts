import * as fs from 'fs';
import * as path from 'path';
import { lineOfResource, parseCfnYaml, parseTemplateText } from '../../lib/scan/template';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'templates');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');

function yamlValue(text: string): unknown {
  const parsed = parseCfnYaml(text);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

describe('YAML short-form intrinsics', () => {
  test.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!GetAtt Lt.LatestVersionNumber', { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] }],
    ['!GetAtt Nested.Outputs.LtId', { 'Fn::GetAtt': ['Nested', 'Outputs.LtId'] }],
    ['!GetAtt [Lt, LatestVersionNumber]', { 'Fn::GetAtt': ['Lt', 'LatestVersionNumber'] }],
    ['!Base64 abc', { 'Fn::Base64': 'abc' }],
    ['!Sub "x-${AWS::Region}"', { 'Fn::Sub': 'x-${AWS::Region}' }],
    ['!Sub ["x-${A}", {A: !Ref B}]', { 'Fn::Sub': ['x-${A}', { A: { Ref: 'B' } }] }],
    ['!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!If [IsProd, a, !Ref "AWS::NoValue"]', { 'Fn::If': ['IsProd', 'a', { Ref: 'AWS::NoValue' }] }],
    ['!ImportValue shared-lt', { 'Fn::ImportValue': 'shared-lt' }],
    ['!FindInMap [M, !Ref "AWS::Region", Ami]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!Not [!Condition IsProd]', { 'Fn::Not': [{ Condition: 'IsProd' }] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
  ])('%s', (source, expected) => {
    expect(yamlValue(`v: ${source}`)).toEqual({ v: expected });
  });

  test('block scalars under a tag keep their text', () => {
    expect(yamlValue('v: !Base64 |\n  #!/bin/bash\n  echo hi\n')).toEqual({ v: { 'Fn::Base64': '#!/bin/bash\necho hi\n' } });
  });

  test('a tag on a mapping wraps the mapping', () => {
    expect(yamlValue('v: !Base64\n  Fn::Sub: abc\n')).toEqual({ v: { 'Fn::Base64': { 'Fn::Sub': 'abc' } } });
  });

  test('anchors and aliases carry the converted value', () => {
    expect(yamlValue('a: &x !Ref Q\nb: *x\n')).toEqual({ a: { Ref: 'Q' }, b: { Ref: 'Q' } });
  });

  test('an unknown tag is a problem, not a silent string', () => {
    const parsed = parseCfnYaml('v: !Unknown x');
    expect(parsed).toEqual({ ok: false, problem: expect.stringContaining('!Unknown') });
  });
});

describe('parseTemplateText', () => {
  test('the YAML short-form template equals its JSON twin', () => {
    const json = parseTemplateText(fixture('legacy-nodegroup.json'));
    const yaml = parseTemplateText(fixture('legacy-nodegroup.yaml'));
    expect(json.ok && yaml.ok).toBe(true);
    if (json.ok && yaml.ok) expect(yaml.template.Resources).toEqual(json.template.Resources);
  });

  test.each([
    ['no-resources.json', 'no Resources section'],
    ['truncated.json', 'invalid JSON'],
    ['broken.yaml', 'invalid YAML at line'],
    ['unknown-tag.yaml', 'unsupported YAML tag'],
  ])('%s is a typed problem', (name, problem) => {
    const parsed = parseTemplateText(fixture(name));
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.problem).toContain(problem);
  });

  test('a resource without Type is not CloudFormation', () => {
    expect(parseTemplateText('{"Resources": {"A": {}}}')).toEqual({ ok: false, problem: expect.stringContaining('resource A has no Type') });
  });

  test('a YAML scalar document is not a template', () => {
    expect(parseTemplateText('just text')).toEqual({ ok: false, problem: expect.stringContaining('not an object') });
  });
});

describe('lineOfResource', () => {
  test('finds the logical id key in JSON and YAML, after the Resources key', () => {
    const json = fixture('legacy-nodegroup.json');
    const yaml = fixture('legacy-nodegroup.yaml');
    expect(json.split('\n')[lineOfResource(json, 'Nodegroup')! - 1]).toContain('"Nodegroup": {');
    expect(yaml.split('\n')[lineOfResource(yaml, 'Nodegroup')! - 1]).toBe('  Nodegroup:');
    expect(yaml.split('\n')[lineOfResource(yaml, 'ClusterName')! - 1]).not.toMatch(/^ {2}ClusterName:/);
  });

  test('is undefined when the id is not there', () => {
    expect(lineOfResource('{"Resources": {}}', 'Missing')).toBeUndefined();
  });

  test('does not match a longer id that starts with the same name', () => {
    const text = 'Resources:\n  NodegroupRole:\n    Type: X\n  Nodegroup:\n    Type: Y\n';
    expect(lineOfResource(text, 'Nodegroup')).toBe(4);
  });
});
