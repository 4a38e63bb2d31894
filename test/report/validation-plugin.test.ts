import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import { EksNodeGuardValidationPlugin } from '../../lib/report/validation-plugin';
import { ALL_RULES } from '../../lib/rules';
import { HEALTHY_USER_DATA, LEGACY_USER_DATA, NodeGroupWithTemplate } from '../scan/helpers';

function app(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'eks-node-guard-plugin-')) });
}

interface ValidationReport {
  readonly pluginReports: Array<{ pluginName: string; conclusion: string; violations: Array<Record<string, unknown>> }>;
}

/** CDK's validation report, written into the assembly directory. */
function guardReport(outdir: string): ValidationReport['pluginReports'][number] {
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8')) as ValidationReport;
  const ours = report.pluginReports.find((r) => r.pluginName === 'eks-node-guard');
  if (!ours) throw new Error('no eks-node-guard report');
  return ours;
}

describe('EksNodeGuardValidationPlugin', () => {
  // CDK prints its validation report to stderr; the tests read the report file instead.
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('fails synth with the finding in the validation report', () => {
    const a = app();
    Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin());
    const stack = new Stack(a, 'Demo', { env: { region: 'eu-west-1' } });
    new NodeGroupWithTemplate(stack, 'Legacy', LEGACY_USER_DATA);
    expect(() => a.synth()).toThrow(/resolv-conf-empty[\s\S]*LegacyNodegroup|LegacyNodegroup[\s\S]*resolv-conf-empty/);
    const ours = guardReport(a.outdir);
    expect(ours.conclusion).toBe('failure');
    expect(ours.violations).toContainEqual(
      expect.objectContaining({
        ruleName: 'resolv-conf-empty',
        severity: 'error',
        violatingConstructs: [expect.objectContaining({ constructPath: 'Demo/Legacy/Nodegroup', cloudFormationResource: expect.objectContaining({ logicalId: 'LegacyNodegroupDD30B314' }) })],
      }),
    );
  });

  test('finds node groups in nested stacks', () => {
    const a = app();
    Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin());
    const stack = new Stack(a, 'Demo');
    new NodeGroupWithTemplate(new NestedStack(stack, 'Workers'), 'Nested', LEGACY_USER_DATA);
    expect(() => a.synth()).toThrow(/resolv-conf-empty/);
  });

  test('a healthy app synthesizes', () => {
    const a = app();
    Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin());
    new NodeGroupWithTemplate(new Stack(a, 'Demo'), 'Healthy', HEALTHY_USER_DATA);
    expect(() => a.synth()).not.toThrow();
  });

  test('an acknowledgement in the plugin namespace lets synth pass and is reported as suppressed', () => {
    const a = app();
    Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin());
    const stack = new Stack(a, 'Demo');
    const legacy = new NodeGroupWithTemplate(stack, 'Legacy', LEGACY_USER_DATA);
    Validations.of(legacy).acknowledge(...ALL_RULES.map((r) => ({ id: `eks-node-guard::${r.id}`, reason: 'AMI pinned to containerd 1.7.11' })));
    expect(() => a.synth()).not.toThrow();
    expect(JSON.stringify(guardReport(a.outdir))).toContain('AMI pinned to containerd 1.7.11');
  });

  test('options reach the rules: a containerd override downgrades the finding to a warning, skipRules skip', () => {
    const a = app();
    const options = { containerd: { '1.29.10-20241024': '1.7.11' }, skipRules: ['managed-nodegroup-user-data-format'] };
    Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin(options));
    new NodeGroupWithTemplate(new Stack(a, 'Demo'), 'Legacy', LEGACY_USER_DATA);
    expect(() => a.synth()).not.toThrow();
    const ours = guardReport(a.outdir);
    expect(ours.violations.map((v) => [v.ruleName, v.severity])).toEqual([['resolv-conf-empty', 'warning']]);
  });
});
