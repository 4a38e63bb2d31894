import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import { LOOKUP_REQUEST_FILE } from '../../lib/lookup/types';
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

  describe('the lookup request, as the Aspect writes it', () => {
    const AMI = 'ami-0123456789abcdef0';

    /** A node group booting `genericLinux` (a literal AMI id in a stack with a region) with the incident's user data. */
    function genericLinuxApp(props: AppProps = {}): App {
      const a = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'eks-node-guard-plugin-')), ...props });
      Validations.of(a).addPlugins(new EksNodeGuardValidationPlugin());
      const stack = new Stack(a, 'Demo', { env: { account: '111111111111', region: 'eu-west-1' } });
      const launchTemplate = new ec2.LaunchTemplate(stack, 'LT', { machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': AMI }), userData: ec2.UserData.custom(LEGACY_USER_DATA) });
      new CfnNodegroup(stack, 'Nodegroup', {
        clusterName: 'demo',
        nodeRole: 'arn:aws:iam::123456789012:role/node',
        subnets: ['subnet-0123456789abcdef0'],
        launchTemplate: { id: launchTemplate.launchTemplateId, version: launchTemplate.latestVersionNumber },
      });
      return a;
    }

    const requestIn = (outdir: string) => JSON.parse(fs.readFileSync(path.join(outdir, LOOKUP_REQUEST_FILE), 'utf8'));
    const emptyResolvConf = (outdir: string) => String(guardReport(outdir).violations.find((v) => v.ruleName === 'resolv-conf-empty')?.description);

    test('is written into the cloud assembly, where the finding sends `eks-node-guard lookup`', () => {
      const a = genericLinuxApp();
      expect(() => a.synth()).toThrow(/resolv-conf-empty/);
      expect(requestIn(a.outdir)).toEqual({ version: 1, images: [{ id: AMI, region: 'eu-west-1', paths: ['Demo/Nodegroup'] }], ssmParameters: [] });
      expect(emptyResolvConf(a.outdir)).toContain(`AMI ${AMI} is not in the lookup results \`eks-node-guard lookup\` stores in cdk.context.json`);
      expect(emptyResolvConf(a.outdir)).toContain('run `eks-node-guard lookup` (it answers the eks-node-guard.lookups.json synth wrote into the cloud assembly)');
    });

    test('an app that forbids plugins to change the assembly keeps a request already there, and the finding says how to write one', () => {
      const a = genericLinuxApp({ confirmValidationPluginsDoNotMutate: true });
      const earlier = '{"version":1,"images":[],"ssmParameters":[]}\n';
      fs.writeFileSync(path.join(a.outdir, LOOKUP_REQUEST_FILE), earlier);
      expect(() => a.synth()).toThrow(/resolv-conf-empty/);
      expect(fs.readFileSync(path.join(a.outdir, LOOKUP_REQUEST_FILE), 'utf8')).toBe(earlier);
      expect(emptyResolvConf(a.outdir)).toContain('write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`');

      const fresh = genericLinuxApp({ confirmValidationPluginsDoNotMutate: true });
      expect(() => fresh.synth()).toThrow(/resolv-conf-empty/);
      expect(requestIn(fresh.outdir).images).toEqual([expect.objectContaining({ id: AMI })]);
    });
  });
});

