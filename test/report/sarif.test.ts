import * as fs from 'fs';
import * as path from 'path';
import { buildSarifReport, type SarifLog } from '../../lib/report/sarif';
import { ALL_RULES } from '../../lib/rules';
import { sampleFinding, sampleSuppressed } from './findings';
import { sarifValidator } from './sarif-schema';

const validate = sarifValidator();
const TEMPLATE = path.join(__dirname, '..', 'fixtures', 'templates', 'legacy-nodegroup.json');
const TEMPLATE_TEXT = fs.readFileSync(TEMPLATE, 'utf8');

function errorsOf(log: unknown): string {
  return validate(log) ? '' : JSON.stringify(validate.errors, undefined, 1);
}

function log(): SarifLog {
  const onFixture = { templateFile: 'test/fixtures/templates/legacy-nodegroup.json', stack: 'legacy', logicalId: 'Nodegroup', resourceType: 'AWS::EKS::Nodegroup' };
  return buildSarifReport([sampleFinding({ source: onFixture }), sampleFinding({ ruleId: 'not-a-registered-rule', severity: 'info' })], [sampleSuppressed()], {
    rules: ALL_RULES,
    baseDir: path.join(__dirname, '..', '..'),
    templateText: (file) => (file.endsWith('legacy-nodegroup.json') ? TEMPLATE_TEXT : undefined),
    toolVersion: '1.2.3',
  });
}

describe('buildSarifReport', () => {
  test('the schema validator rejects what is not SARIF (the test can fail)', () => {
    expect(errorsOf({ version: '2.1.0', runs: [{ results: [] }] })).not.toBe('');
    expect(errorsOf({ version: '2.0.0', runs: [] })).not.toBe('');
  });

  test('is valid SARIF 2.1.0', () => {
    expect(errorsOf(log())).toBe('');
  });

  test('an empty run is valid SARIF 2.1.0 and still lists the rules', () => {
    const empty = buildSarifReport([], [], { rules: ALL_RULES, baseDir: '/tmp' });
    expect(errorsOf(empty)).toBe('');
    expect(empty.runs[0].tool.driver.rules.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.id));
  });

  test('rules carry help text and markdown and a default level', () => {
    const rule = log().runs[0].tool.driver.rules.find((r) => r.id === 'resolv-conf-empty')!;
    const source = ALL_RULES.find((r) => r.id === 'resolv-conf-empty')!;
    expect(rule.name).toBe('ResolvConfEmpty');
    expect(rule.help.markdown).toBe(source.help);
    expect(rule.help.text).not.toContain('**');
    expect(rule.shortDescription.text).toBe(source.summary);
    expect(rule.defaultConfiguration.level).toBe('error');
  });

  test('results point at the template, relative to %SRCROOT%, on the logical id line', () => {
    const [result] = log().runs[0].results;
    expect(result.ruleId).toBe('resolv-conf-empty');
    expect(result.level).toBe('error');
    const location = result.locations[0];
    expect(location.physicalLocation!.artifactLocation).toEqual({ uri: 'test/fixtures/templates/legacy-nodegroup.json', uriBaseId: '%SRCROOT%' });
    const line = location.physicalLocation!.region.startLine;
    expect(TEMPLATE_TEXT.split('\n')[line - 1]).toContain('"Nodegroup": {');
    expect(location.logicalLocations![0]).toEqual({ name: 'Nodegroup', fullyQualifiedName: 'legacy/Nodegroup', kind: 'resource' });
  });

  test('a template whose text is unknown still gets a location (line 1)', () => {
    const suppressed = log().runs[0].results[2];
    expect(suppressed.locations[0].physicalLocation!.region.startLine).toBe(1);
    expect(suppressed.locations[0].logicalLocations![0].fullyQualifiedName).toBe('Demo/Legacy/Nodegroup');
  });

  test('suppressed findings are results with an external suppression', () => {
    const suppressed = log().runs[0].results[2];
    expect(suppressed.suppressions).toEqual([{ kind: 'external', justification: 'pinned AMI, containerd 1.7.11 (acknowledged at Demo/Legacy)' }]);
    expect(log().runs[0].results[0].suppressions).toBeUndefined();
  });

  test('a finding of an unlisted rule gets a descriptor, and info maps to note', () => {
    const run = log().runs[0];
    const result = run.results[1];
    expect(result.level).toBe('note');
    expect(run.tool.driver.rules[result.ruleIndex].id).toBe('not-a-registered-rule');
  });

  test('fingerprints are stable and distinguish resources', () => {
    const a = log().runs[0].results.map((r) => r.partialFingerprints);
    const b = log().runs[0].results.map((r) => r.partialFingerprints);
    expect(a).toEqual(b);
    expect(new Set(a.map((f) => f['eksNodeGuardResource/v1'])).size).toBe(3);
  });

  test('two findings of one rule on one resource get different fingerprints', () => {
    const first = sampleFinding({ ruleId: 'managed-nodegroup-user-data-format', title: 'user data is a plain shell script, not MIME multipart' });
    const second = sampleFinding({ ruleId: 'managed-nodegroup-user-data-format', title: 'user data calls bootstrap.sh although EKS bootstraps the node' });
    const [a, b] = buildSarifReport([first, second], [], { rules: ALL_RULES, baseDir: '/' }).runs[0].results;
    expect(a.partialFingerprints).not.toEqual(b.partialFingerprints);
  });
});
