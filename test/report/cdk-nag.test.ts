import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage, Validations } from 'aws-cdk-lib';
import { EksNodeGuardNagPack } from '../../lib/report/cdk-nag';
import { ALL_RULES } from '../../lib/rules';
import { HEALTHY_USER_DATA, LEGACY_USER_DATA, NodeGroupWithTemplate } from '../scan/helpers';

function app(): App {
  return new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'eks-node-guard-nag-')) });
}

describe('EksNodeGuardNagPack (cdk-nag 3)', () => {
  beforeEach(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  test('reports the guard findings as EksNodeGuard-<rule> on the node group', () => {
    const a = app();
    const stack = new Stack(a, 'Demo');
    new NodeGroupWithTemplate(stack, 'Legacy', LEGACY_USER_DATA);
    const report = new EksNodeGuardNagPack().validateScope(a);
    expect(report.success).toBe(false);
    expect(report.violations).toContainEqual(
      expect.objectContaining({
        ruleName: 'EksNodeGuard-resolv-conf-empty',
        severity: 'error',
        violatingResources: [expect.objectContaining({ constructPath: 'Demo/Legacy/Nodegroup' })],
      }),
    );
  });

  test('fails a real synth, and covers Stages', () => {
    const a = app();
    Validations.of(a).addPlugins(new EksNodeGuardNagPack(a));
    new NodeGroupWithTemplate(new Stack(new Stage(a, 'Prod'), 'Nodes'), 'Staged', LEGACY_USER_DATA);
    expect(() => a.synth()).toThrow(/EksNodeGuard-resolv-conf-empty/);
  });

  test('verbose descriptions read as sentences: the title ends with a period before the explanation', () => {
    const a = app();
    new NodeGroupWithTemplate(new Stack(a, 'Demo'), 'Legacy', LEGACY_USER_DATA);
    const report = new EksNodeGuardNagPack(undefined, { verbose: true }).validateScope(a);
    const description = report.violations.find((v) => v.ruleName === 'EksNodeGuard-resolv-conf-empty')!.description;
    expect(description).toMatch(/^kubelet --resolv-conf=\S+ is empty\. The kubelet gets /);
    expect(description).toMatch(/\. Fix: \S/);
    // Terse descriptions are the title alone, also a sentence.
    const terse = new EksNodeGuardNagPack().validateScope(a).violations.find((v) => v.ruleName === 'EksNodeGuard-resolv-conf-empty')!.description;
    expect(terse).toMatch(/^kubelet --resolv-conf=\S+ is empty\.$/);
  });

  test('a healthy app passes; acknowledged findings pass', () => {
    const healthy = app();
    new NodeGroupWithTemplate(new Stack(healthy, 'Demo'), 'Healthy', HEALTHY_USER_DATA);
    expect(new EksNodeGuardNagPack().validateScope(healthy)).toEqual({ success: true, violations: [] });

    const acknowledged = app();
    const legacy = new NodeGroupWithTemplate(new Stack(acknowledged, 'Demo'), 'Legacy', LEGACY_USER_DATA);
    Validations.of(legacy).acknowledge(...ALL_RULES.map((r) => ({ id: `EksNodeGuard-${r.id}`, reason: 'pinned AMI' })));
    expect(new EksNodeGuardNagPack().validateScope(acknowledged)).toEqual({ success: true, violations: [] });
  });
});
