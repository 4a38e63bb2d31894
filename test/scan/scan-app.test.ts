import * as fs from 'fs';
import * as path from 'path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { CfnAutoScalingGroup } from 'aws-cdk-lib/aws-autoscaling';
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import type { JsonReport } from '../../lib/report/json';
import { readScanInputs } from '../../lib/scan/inputs';
import { scanTemplates } from '../../lib/scan/scan';
import { sarifValidator } from '../report/sarif-schema';
import { NodeGroupWithTemplate, LEGACY_USER_DATA, runCli, synthApp, tempDir } from './helpers';

const validateSarif = sarifValidator();
const EMPTY = 'resolv-conf-empty';

describe('scan of a synthesized cdk.out', () => {
  test('a legacy app: SARIF with the finding, schema-valid, exit code 1 (issue 6 "done when")', async () => {
    const outdir = synthApp();
    const cwd = path.dirname(outdir);
    const run = await runCli(['scan', 'cdk.out', '--format', 'sarif', '--output', 'guard.sarif'], cwd);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^\d+ errors?, \d+ warnings?, 0 info, 0 suppressed \(1 node checked\); sarif report written to guard.sarif\n$/);
    const sarif = JSON.parse(fs.readFileSync(path.join(cwd, 'guard.sarif'), 'utf8'));
    expect(validateSarif(sarif) ? [] : validateSarif.errors).toEqual([]);
    const result = sarif.runs[0].results.find((r: { ruleId: string }) => r.ruleId === EMPTY);
    expect(result.level).toBe('error');
    expect(result.locations[0].physicalLocation.artifactLocation).toEqual({ uri: 'cdk.out/Demo.template.json', uriBaseId: '%SRCROOT%' });
    const line = fs.readFileSync(path.join(outdir, 'Demo.template.json'), 'utf8').split('\n')[result.locations[0].physicalLocation.region.startLine - 1];
    expect(line).toContain('"LegacyNodegroupDD30B314": {');
    expect(result.locations[0].logicalLocations[0].fullyQualifiedName).toBe('Demo/Legacy/Nodegroup');
  });

  test('the healthy app gives exit code 0', async () => {
    const outdir = synthApp({ healthy: true });
    const run = await runCli(['scan', outdir], '/');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('No findings. 0 errors, 0 warnings, 0 info, 0 suppressed (1 node checked)\n');
  });

  test('nested stacks and Stages are scanned, with construct paths from the assembly metadata', () => {
    const outdir = synthApp({ nested: true, stage: true });
    const inputs = readScanInputs([outdir], '/');
    expect(inputs.problems).toEqual([]);
    expect(inputs.templates.map((t) => t.stackName).sort()).toEqual(['Demo', 'Demo/WorkersNestedStackWorkersNestedStackResourceCEAEF017', 'Prod-Nodes']);
    const result = scanTemplates(inputs);
    expect(result.findings.filter((f) => f.ruleId === EMPTY).map((f) => [f.source.constructPath, f.source.stack, f.source.logicalId]).sort()).toEqual([
      ['Demo/Legacy/Nodegroup', 'Demo', 'LegacyNodegroupDD30B314'],
      ['Demo/Workers/Nested/Nodegroup', 'Demo/WorkersNestedStackWorkersNestedStackResourceCEAEF017', 'NestedNodegroupCAD8C36F'],
      ['Prod/Nodes/Staged/Nodegroup', 'Prod-Nodes', 'StagedNodegroup6CD45430'],
    ]);
    expect(inputs.templates.find((t) => t.stackName === 'Prod-Nodes')!.region).toBeUndefined();
    expect(inputs.templates.find((t) => t.stackName === 'Demo')!.region).toBe('eu-west-1');
  });

  test('CDK CLI style assemblies (path and asset metadata in the templates) read the same', () => {
    const outdir = path.join(tempDir('cli-style'), 'cdk.out');
    const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true, 'aws:cdk:enable-asset-metadata': true } });
    const stack = new Stack(app, 'Demo');
    new NodeGroupWithTemplate(new NestedStack(stack, 'Workers'), 'Nested', LEGACY_USER_DATA);
    app.synth();
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Demo.template.json'), 'utf8'));
    const stackResource = Object.values(template.Resources as Record<string, { Type: string; Metadata?: Record<string, unknown> }>).find((r) => r.Type === 'AWS::CloudFormation::Stack');
    expect(stackResource?.Metadata?.['aws:asset:path']).toMatch(/\.nested\.template\.json$/);
    const result = scanTemplates(readScanInputs([outdir], '/'));
    expect(result.findings.filter((f) => f.ruleId === EMPTY).map((f) => f.source.constructPath)).toEqual(['Demo/Workers/Nested/Nodegroup']);
  });

  test('acknowledgements in the assembly suppress the construct and its children, with the reason', async () => {
    const outdir = synthApp({ acknowledge: 'AMI pinned to containerd 1.7.11 until the DNS change ships', nested: true });
    const run = await runCli(['scan', outdir, '--format', 'json'], '/');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summary.suppressed).toBe(1);
    const suppressed = report.findings.find((f) => f.suppression);
    expect(suppressed).toMatchObject({
      constructPath: 'Demo/Legacy/Nodegroup',
      suppression: { scope: 'Demo/Legacy', reason: 'AMI pinned to containerd 1.7.11 until the DNS change ships' },
    });
    // The nested node group is not inside the acknowledged scope; other rules on Demo/Legacy are not acknowledged.
    expect(report.findings.filter((f) => !f.suppression && f.ruleId === EMPTY).map((f) => f.constructPath)).toEqual(['Demo/Workers/Nested/Nodegroup']);
    expect(report.findings.filter((f) => !f.suppression && f.constructPath === 'Demo/Legacy/Nodegroup').map((f) => f.ruleId)).not.toContain(EMPTY);
  });

  test('only acknowledged findings: exit code 0', async () => {
    const outdir = synthApp({ acknowledgeAll: 'known' });
    expect((await runCli(['scan', outdir], '/')).code).toBe(0);
  });

  test('cdk.context.json next to cdk.out is read: a containerd pinned by the guard lookup context settles an image id', async () => {
    // The app's AMI is a plain image id: without context the guard cannot know its containerd.
    const root = tempDir('context');
    const outdir = path.join(root, 'cdk.out');
    const app = new App({ outdir });
    const stack = new Stack(app, 'Demo', { env: { account: '123456789012', region: 'eu-west-1' } });
    const lt = new CfnLaunchTemplate(stack, 'Lt', { launchTemplateData: { imageId: 'ami-0123456789abcdef0', userData: Buffer.from(LEGACY_USER_DATA).toString('base64') } });
    new CfnAutoScalingGroup(stack, 'Asg', { minSize: '1', maxSize: '1', launchTemplate: { launchTemplateId: lt.ref, version: lt.attrLatestVersionNumber } });
    app.synth();
    const without = await runCli(['scan', 'cdk.out', '--format', 'json'], root);
    const withoutReport = JSON.parse(without.stdout) as JsonReport;
    expect(withoutReport.findings.find((f) => f.ruleId === EMPTY)?.containerd?.verdict).toBe('unknown');

    fs.writeFileSync(
      path.join(root, 'cdk.context.json'),
      JSON.stringify({ 'eks-node-guard:image:eu-west-1:ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20240315', description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.0, containerd: 1.7.11-1.amzn2.0.1)' } }),
    );
    const withContext = JSON.parse((await runCli(['scan', 'cdk.out', '--format', 'json'], root)).stdout) as JsonReport;
    expect(withContext.findings.find((f) => f.ruleId === EMPTY)?.containerd).toMatchObject({ version: '1.7.11', verdict: 'not-affected' });
  });
});
