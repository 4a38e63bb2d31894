import { evaluateNodes } from '../../lib/evaluate';
import type { NodeDefinition } from '../../lib/model';
import { buildJsonReport, JSON_REPORT_SCHEMA_VERSION, renderJsonReport } from '../../lib/report/json';
import { renderTable, summaryLine } from '../../lib/report/table';
import { resolvConfRulesApply } from '../../lib/rules/describe';
import { sampleFinding, sampleSuppressed } from './findings';

describe('buildJsonReport', () => {
  test('lists every node judged, and says why the resolv-conf rules do not apply to Bottlerocket and Windows nodes', () => {
    const node = (logicalId: string, amiType: string): NodeDefinition => ({
      kind: 'managed-nodegroup',
      source: { logicalId, templateFile: 't.json' },
      userData: '[settings.kubernetes]\nmax-pods = 29\n',
      launchTemplate: 'resolved',
      ami: { amiType, releaseVersion: '1.29.0-20241024', kubernetesVersion: '1.29' },
      customAmi: false,
    });
    const { facts } = evaluateNodes([node('Rocket', 'BOTTLEROCKET_x86_64'), node('Win', 'WINDOWS_CORE_2022_x86_64'), node('Al2', 'AL2_x86_64')]);
    const report = buildJsonReport([], [], { nodes: facts });
    expect(report.summary.nodes).toBe(3);
    expect(report.nodes?.map((n) => [n.logicalId, n.containerd.verdict, n.notes.length])).toEqual([
      ['Rocket', 'not-applicable', 1],
      ['Win', 'not-applicable', 1],
      ['Al2', 'affected', 0],
    ]);
    expect(report.nodes?.[0].notes[0]).toMatch(/^Bottlerocket node: .*resolv-conf rules do not apply/);
    expect(report.nodes?.[1].notes[0]).toMatch(/^Windows node: /);
  });

  test('says nothing of the sort when a containerd override makes the rules apply to a Bottlerocket AMI running a shell script', () => {
    const node: NodeDefinition = {
      kind: 'managed-nodegroup',
      source: { logicalId: 'Rocket', templateFile: 't.json' },
      userData: '#!/bin/bash\n/etc/eks/bootstrap.sh demo\n',
      launchTemplate: 'resolved',
      ami: { amiType: 'BOTTLEROCKET_x86_64', releaseVersion: '1.29.0-20241024', kubernetesVersion: '1.29' },
      customAmi: false,
    };
    const { facts } = evaluateNodes([node], { containerd: { '1.29.0-20241024': '1.7.22' } });
    expect(resolvConfRulesApply(facts[0])).toBe(true);
    expect(buildJsonReport([], [], { nodes: facts }).nodes?.[0].notes).toEqual([]);
  });

  test('one entry per finding and per suppressed finding, with evidence and a summary', () => {
    const warning = sampleFinding({ ruleId: 'resolv-conf-unverified', severity: 'warning' });
    const report = buildJsonReport([sampleFinding(), warning], [sampleSuppressed()], { toolVersion: '1.2.3', nodes: [] });
    expect(report.schemaVersion).toBe(JSON_REPORT_SCHEMA_VERSION);
    expect(report.tool).toEqual({ name: 'eks-node-guard', version: '1.2.3' });
    expect(report.summary).toEqual({ errors: 1, warnings: 1, info: 0, suppressed: 1, nodes: 0 });
    expect(report.findings).toHaveLength(3);
    expect(report.findings[0]).toEqual({
      ruleId: 'resolv-conf-empty',
      severity: 'error',
      title: 'kubelet --resolv-conf=/etc/kubelet-resolv.conf is empty',
      message: expect.stringContaining('containerd 1.7.22'),
      fix: 'Remove --resolv-conf from --kubelet-extra-args.',
      constructPath: 'Demo/Nodegroup',
      stack: 'Demo',
      logicalId: 'Nodegroup',
      templateFile: 'cdk.out/Demo.template.json',
      resourceType: 'AWS::EKS::Nodegroup',
      resolvConf: { value: '/etc/kubelet-resolv.conf', content: 'empty', mechanism: 'bootstrap-kubelet-extra-args', location: { line: 3 } },
      ami: { name: 'amazon-eks-node-1.29-v20241024', release: 'v20241024', family: 'al2', source: 'releaseVersion 1.29.10-20241024' },
      containerd: { verdict: 'affected', version: '1.7.22', source: 'catalog' },
      suppression: undefined,
    });
    expect(report.findings[2].suppression).toEqual({ scope: 'Demo/Legacy', reason: 'pinned AMI, containerd 1.7.11' });
  });

  test('is deterministic: no timestamp unless injected', () => {
    const a = renderJsonReport(buildJsonReport([sampleFinding()], [], { toolVersion: '1.0.0' }));
    const b = renderJsonReport(buildJsonReport([sampleFinding()], [], { toolVersion: '1.0.0' }));
    expect(a).toBe(b);
    expect(a).not.toContain('generatedAt');
    expect(buildJsonReport([], [], { generatedAt: '2026-01-01T00:00:00.000Z' }).generatedAt).toBe('2026-01-01T00:00:00.000Z');
  });

  test('the tool version defaults to the package version', () => {
    expect(buildJsonReport([], []).tool.version).toBe(require('../../package.json').version);
  });
});

describe('renderTable', () => {
  test('aligned columns, details and a summary; no escape codes without colour', () => {
    const longer = sampleFinding({ ruleId: 'user-data-unanalyzable', severity: 'warning', title: 'user data could not be read', source: { stack: 'Plain', logicalId: 'Instance', templateFile: 'plain.yaml' } });
    const text = renderTable([sampleFinding(), longer], [sampleSuppressed()], { colour: false, nodes: 3 });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^SEVERITY\s+RULE\s+RESOURCE\s+FINDING$/);
    const column = (line: string, word: string) => line.indexOf(word);
    const resourceColumn = column(lines[0], 'RESOURCE');
    expect(column(lines[1], 'Demo/Nodegroup')).toBe(resourceColumn);
    expect(column(lines[2], 'Plain/Instance')).toBe(resourceColumn);
    expect(column(lines[3], 'Demo/Legacy/Nodegroup')).toBe(resourceColumn);
    expect(lines[3]).toMatch(/^suppressed/);
    expect(text).toContain('Suppressed at Demo/Legacy: pinned AMI, containerd 1.7.11');
    expect(text).toContain('Fix: Remove --resolv-conf from --kubelet-extra-args.');
    expect(text).not.toContain('\u001b[');
    expect(text.trimEnd().split('\n').pop()).toBe('1 error, 1 warning, 0 info, 1 suppressed (3 nodes checked)');
  });

  test('colour paints severities when asked, without breaking alignment', () => {
    const text = renderTable([sampleFinding()], [], { colour: true });
    expect(text).toContain('\u001b[31merror');
    const stripped = text.replace(/\u001b\[[0-9;]*m/g, '');
    expect(stripped).toBe(renderTable([sampleFinding()], [], { colour: false }));
  });

  test('no findings is one line', () => {
    expect(renderTable([], [], { colour: false, nodes: 1 })).toBe('No findings. 0 errors, 0 warnings, 0 info, 0 suppressed (1 node checked)\n');
  });

  test('summaryLine counts by severity', () => {
    expect(summaryLine([sampleFinding(), sampleFinding()], [])).toBe('2 errors, 0 warnings, 0 info, 0 suppressed');
  });
});
