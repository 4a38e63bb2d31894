/**
 * A guard added to one scope (a stack) judges the nodes below it and follows their links anywhere
 * in the Stage, reading other stacks only where a link leads: a guard on each stack costs about
 * what one guard on the app costs, instead of reading the whole app once per stack.
 */
import { App, Aspects, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkEksNodes, EksNodeGuard } from '../../lib';
import { AFFECTED_AL2_SSM, cfnNodegroup, countReads, guardMessages, healthyCommands, legacyCommands, pinnedLaunchTemplate, RESOLV_FILE, script, ssmImageParameter } from '../helpers/cdk';

/** Counts the reads of a launch template's `launchTemplateData`, the property that holds its user data. */
function countTemplateReads(template: ec2.CfnLaunchTemplate): () => number {
  return countReads(template, 'launchTemplateData');
}

/** A launch template `Templates/Shared` (the incident) used by a node group in stack `Nodes`. */
function crossStackApp(): { app: App; templates: Stack; nodes: Stack } {
  const app = new App();
  const templates = new Stack(app, 'Templates');
  const shared = pinnedLaunchTemplate(templates, 'Shared', legacyCommands());
  const nodes = new Stack(app, 'Nodes');
  cfnNodegroup(nodes, { id: shared.ref, version: shared.attrLatestVersionNumber });
  return { app, templates, nodes };
}

test('a guard on each stack reads each stack once, not the whole app per stack', () => {
  const app = new App();
  const reads: (() => number)[] = [];
  const stacks = [0, 1, 2, 3, 4].map((i) => {
    const stack = new Stack(app, `S${i}`);
    const template = pinnedLaunchTemplate(stack, 'T', healthyCommands());
    reads.push(countTemplateReads(template));
    cfnNodegroup(stack, { id: template.ref, version: template.attrLatestVersionNumber });
    // A template no node group uses (say, for Karpenter): telling so must not read the other stacks either.
    pinnedLaunchTemplate(stack, 'Spare', healthyCommands());
    return stack;
  });
  for (const stack of stacks) expect(checkEksNodes(stack).nodes.map((n) => n.node.source.constructPath)).toEqual([`${stack.stackName}/Nodes`, `${stack.stackName}/Spare`]);
  expect(reads.map((read) => read())).toEqual([1, 1, 1, 1, 1]);
});

test("a node group's check follows its launch template into another stack", () => {
  const { nodes } = crossStackApp();
  expect(checkEksNodes(nodes).errors.map((f) => [f.ruleId, f.source.constructPath])).toEqual([['resolv-conf-empty', 'Nodes/Nodes']]);
});

test('a launch template used from another stack is not judged on its own; an unused one is', () => {
  const { templates } = crossStackApp();
  pinnedLaunchTemplate(templates, 'Spare', legacyCommands());
  const result = checkEksNodes(templates);
  expect(result.nodes.map((n) => n.node.source.constructPath)).toEqual(['Templates/Spare']);
  expect(result.errors.map((f) => f.source.constructPath)).toEqual(['Templates/Spare']);
});

test('guards added per stack annotate what one guard on the app annotates', () => {
  const perStack = crossStackApp();
  for (const stack of [perStack.templates, perStack.nodes]) Aspects.of(stack).add(new EksNodeGuard());
  const onApp = crossStackApp();
  Aspects.of(onApp.app).add(new EksNodeGuard());
  expect(guardMessages(perStack.nodes)).toEqual(guardMessages(onApp.nodes));
  expect(guardMessages(perStack.nodes)).toHaveLength(1);
  expect(guardMessages(perStack.templates)).toEqual([]);
});

test('a launch template named from a node group in another stack is not judged on its own', () => {
  const app = new App();
  const a = new Stack(app, 'A');
  new ec2.CfnLaunchTemplate(a, 'Named', { launchTemplateName: 'workers', launchTemplateData: { userData: Fn.base64(script(legacyCommands())) } });
  cfnNodegroup(new Stack(app, 'B'), { name: 'workers' });
  expect(checkEksNodes(a).nodes).toEqual([]);
  expect(checkEksNodes(app).nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([['B/Nodes', 'A/Named']]);
});

test('whether a launch template is used elsewhere follows the fields node definitions follow', () => {
  const app = new App();
  const a = new Stack(app, 'A');
  pinnedLaunchTemplate(a, 'T', legacyCommands());
  const versionOnly = pinnedLaunchTemplate(a, 'VersionOnly', legacyCommands());
  const b = new Stack(app, 'B');
  // A CloudFormation Ref written as an object: it leads to A/T (the one resource of that id).
  cfnNodegroup(b, { id: { Ref: 'T' } as unknown as string });
  // Only the version comes from A/VersionOnly; the node group boots from an external template.
  new eks.CfnNodegroup(b, 'External', { clusterName: 'demo', nodeRole: 'r', subnets: ['s'], launchTemplate: { id: 'lt-0123456789abcdef0', version: versionOnly.attrLatestVersionNumber } });
  expect(checkEksNodes(a).nodes.map((n) => n.node.source.constructPath)).toEqual(['A/VersionOnly']);
});

test('references written as logical ids are followed in the own stack, else to the one resource of that id in the app', () => {
  const app = new App();
  const a = new Stack(app, 'A');
  ssmImageParameter(a);
  // The parameter by its logical id as text, not by its token.
  new ec2.CfnLaunchTemplate(a, 'Local', { launchTemplateData: { imageId: Fn.ref('NodeAmi'), userData: Fn.base64(script(legacyCommands())) } });
  pinnedLaunchTemplate(a, 'OnlyInA', legacyCommands());
  cfnNodegroup(a, { id: Fn.ref('Local') });
  const b = new Stack(app, 'B');
  cfnNodegroup(b, { id: Fn.ref('OnlyInA') });
  // The same logical id in another stack: A's node group still means its own.
  pinnedLaunchTemplate(b, 'Local', healthyCommands());
  const linked = (stack: Stack) => checkEksNodes(stack).nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath, n.node.ami.ssmParameter]);
  // A/OnlyInA is B's node group's template: not judged on its own in A.
  expect(linked(a)).toEqual([['A/Nodes', 'A/Local', AFFECTED_AL2_SSM]]);
  expect(linked(b)).toEqual([
    ['B/Nodes', 'A/OnlyInA', AFFECTED_AL2_SSM],
    ['B/Local', undefined, AFFECTED_AL2_SSM],
  ]);
});

describe('a raw override on the node group', () => {
  test('of another property: the reference still leads to the other stack, past a template with the same logical id', () => {
    const app = new App();
    const shared = pinnedLaunchTemplate(new Stack(app, 'A'), 'T', legacyCommands());
    const b = new Stack(app, 'B');
    pinnedLaunchTemplate(b, 'T', healthyCommands());
    cfnNodegroup(b, { id: shared.ref }).addPropertyOverride('Labels', { team: 'a' });
    const result = checkEksNodes(b);
    expect(result.nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([
      ['B/Nodes', 'A/T'],
      ['B/T', undefined],
    ]);
    expect(result.errors.map((f) => f.source.constructPath)).toEqual(['B/Nodes']);
  });

  test('of the launch template id: the override is followed', () => {
    const stack = new Stack(new App(), 'S');
    const healthy = pinnedLaunchTemplate(stack, 'Healthy', healthyCommands());
    const legacy = pinnedLaunchTemplate(stack, 'Legacy', legacyCommands());
    cfnNodegroup(stack, { id: healthy.ref }).addPropertyOverride('LaunchTemplate.Id', legacy.ref);
    expect(checkEksNodes(stack).nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([
      ['S/Nodes', 'S/Legacy'],
      ['S/Healthy', undefined],
    ]);
  });
});

describe('reports', () => {
  /** Stack A: a populated resolv-conf file (a warning for the deprecated flag); B: the incident (an error). */
  function twoStackApp(): { app: App; stacks: Stack[] } {
    const app = new App();
    const stacks = [
      ['A', 'ami-0aaaaaaaaaaaaaaaa', [`echo "nameserver 169.254.169.253" > ${RESOLV_FILE}`, `/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=${RESOLV_FILE}'`]],
      ['B', 'ami-0bbbbbbbbbbbbbbbb', legacyCommands()],
    ].map(([id, ami, commands]) => {
      const stack = new Stack(app, id as string, { env: { account: '111111111111', region: 'eu-west-1' } });
      const template = new ec2.CfnLaunchTemplate(stack, 'T', { launchTemplateData: { imageId: ami as string, userData: Fn.base64(script(commands as string[])) } });
      cfnNodegroup(stack, { id: template.ref });
      return stack;
    });
    return { app, stacks };
  }

  const read = (dir: string, file: string) => JSON.parse(readFileSync(join(dir, file), 'utf8'));

  test("guards added per stack write one report and one lookup request with every stack's nodes, errors first", () => {
    const { app, stacks } = twoStackApp();
    for (const stack of stacks) Aspects.of(stack).add(new EksNodeGuard());
    const dir = app.synth().directory;
    const report = read(dir, 'eks-node-guard.report.json');
    expect(report.nodes.map((n: { constructPath: string }) => n.constructPath)).toEqual(['A/Nodes', 'B/Nodes']);
    const findings = report.findings.map((f: { severity: string; constructPath: string }) => `${f.severity} ${f.constructPath}`);
    expect(findings[0]).toBe('error B/Nodes');
    expect(findings).toContain('warning A/Nodes');
    expect(read(dir, 'eks-node-guard.lookups.json').images).toEqual([
      { id: 'ami-0aaaaaaaaaaaaaaaa', region: 'eu-west-1', paths: ['A/Nodes'] },
      { id: 'ami-0bbbbbbbbbbbbbbbb', region: 'eu-west-1', paths: ['B/Nodes'] },
    ]);
  });

  test('a stack checked by its own guard and by one on the app is in the report once', () => {
    const { app, stacks } = twoStackApp();
    Aspects.of(stacks[0]).add(new EksNodeGuard());
    Aspects.of(app).add(new EksNodeGuard());
    const report = read(app.synth().directory, 'eks-node-guard.report.json');
    expect(report.nodes.map((n: { constructPath: string }) => n.constructPath)).toEqual(['A/Nodes', 'B/Nodes']);
    expect(report.summary.errors).toBe(1);
  });

  test('guards with different rules on overlapping scopes: every finding once', () => {
    const { app, stacks } = twoStackApp();
    Aspects.of(app).add(new EksNodeGuard({ skipRules: ['resolv-conf-empty'] }));
    Aspects.of(stacks[1]).add(new EksNodeGuard());
    const report = read(app.synth().directory, 'eks-node-guard.report.json');
    const findings = report.findings.map((f: { ruleId: string; constructPath: string }) => `${f.ruleId} ${f.constructPath}`);
    expect(findings.filter((f: string) => f === 'resolv-conf-empty B/Nodes')).toHaveLength(1);
    expect(findings).toEqual([...new Set(findings)]);
    expect(report.nodes).toHaveLength(2);
  });

  test('the guard checks in the validation phase, so synth({ skipValidation: true }) neither checks nor writes reports', () => {
    const { app, stacks } = twoStackApp();
    Aspects.of(app).add(new EksNodeGuard());
    const assembly = app.synth({ skipValidation: true });
    expect(existsSync(join(assembly.directory, 'eks-node-guard.report.json'))).toBe(false);
    expect(assembly.getStackArtifact(stacks[1].artifactId).messages).toEqual([]);
  });

  test('a second synth of the same app does not check again', () => {
    const { app, stacks } = twoStackApp();
    Aspects.of(app).add(new EksNodeGuard());
    const errors = () => app.synth({ force: true }).getStackArtifact(stacks[1].artifactId).messages.filter((m) => m.level === 'error');
    expect(errors()).toHaveLength(1);
    expect(errors()).toHaveLength(1);
  });
});

test('reports that cannot be written leave a warning and do not fail synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'eng-scope-'));
  // A directory where the report file goes: CDK writes its assembly, the guard cannot write its report.
  mkdirSync(join(outdir, 'eks-node-guard.report.json'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'S');
  const template = pinnedLaunchTemplate(stack, 'T', healthyCommands());
  cfnNodegroup(stack, { id: template.ref });
  Aspects.of(app).add(new EksNodeGuard());
  const warnings = app.synth().getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
  expect(warnings).toEqual([expect.stringMatching(/^\[eks-node-guard\] the guard could not write its reports: .*EISDIR.*\[ack: eks-node-guard:internal-error\]$/)]);
});
