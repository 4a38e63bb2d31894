/**
 * A guard added to one scope (a stack) judges the nodes below it and follows their links anywhere
 * in the Stage, reading other stacks only where a link leads: a guard on each stack costs about
 * what one guard on the app costs, instead of reading the whole app once per stack.
 */
import { App, Aspects, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mkdirSync, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkEksNodes, EksNodeGuard } from '../../lib';
import { AFFECTED_AL2_SSM, cfnNodegroup, guardMessages, healthyCommands, legacyCommands, script } from '../helpers/cdk';

function launchTemplate(stack: Stack, id: string, commands: string[]): ec2.CfnLaunchTemplate {
  return new ec2.CfnLaunchTemplate(stack, id, { launchTemplateData: { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: Fn.base64(script(commands)) } });
}

/** Counts the reads of a launch template's `launchTemplateData`, the property that holds its user data. */
function countReads(template: ec2.CfnLaunchTemplate): () => number {
  let reads = 0;
  let value = template.launchTemplateData;
  Object.defineProperty(template, 'launchTemplateData', {
    get: () => {
      reads++;
      return value;
    },
    set: (next) => {
      value = next;
    },
    configurable: true,
  });
  return () => reads;
}

/** A launch template `Templates/Shared` (the incident) used by a node group in stack `Nodes`. */
function crossStackApp(): { app: App; templates: Stack; nodes: Stack } {
  const app = new App();
  const templates = new Stack(app, 'Templates');
  const shared = launchTemplate(templates, 'Shared', legacyCommands());
  const nodes = new Stack(app, 'Nodes');
  cfnNodegroup(nodes, { id: shared.ref, version: shared.attrLatestVersionNumber });
  return { app, templates, nodes };
}

test('a guard on each stack reads each stack once, not the whole app per stack', () => {
  const app = new App();
  const reads: (() => number)[] = [];
  const stacks = [0, 1, 2, 3, 4].map((i) => {
    const stack = new Stack(app, `S${i}`);
    const template = launchTemplate(stack, 'T', healthyCommands());
    reads.push(countReads(template));
    cfnNodegroup(stack, { id: template.ref, version: template.attrLatestVersionNumber });
    return stack;
  });
  for (const stack of stacks) expect(checkEksNodes(stack).nodes).toHaveLength(1);
  expect(reads.map((read) => read())).toEqual([1, 1, 1, 1, 1]);
});

test("a node group's check follows its launch template into another stack", () => {
  const { nodes } = crossStackApp();
  expect(checkEksNodes(nodes).errors.map((f) => [f.ruleId, f.source.constructPath])).toEqual([['resolv-conf-empty', 'Nodes/Nodes']]);
});

test('a launch template used from another stack is not judged on its own; an unused one is', () => {
  const { templates } = crossStackApp();
  launchTemplate(templates, 'Spare', legacyCommands());
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

test('references written as logical ids are followed in the own stack, else to the one resource of that id in the app', () => {
  const app = new App();
  const a = new Stack(app, 'A');
  const imageId = new CfnParameter(a, 'NodeAmi', { type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', default: AFFECTED_AL2_SSM });
  new ec2.CfnLaunchTemplate(a, 'Local', { launchTemplateData: { imageId: Fn.ref(imageId.logicalId), userData: Fn.base64(script(legacyCommands())) } });
  launchTemplate(a, 'OnlyInA', legacyCommands());
  cfnNodegroup(a, { id: Fn.ref('Local') });
  const b = new Stack(app, 'B');
  cfnNodegroup(b, { id: Fn.ref('OnlyInA') });
  // The same logical id in another stack: A's node group still means its own.
  launchTemplate(b, 'Local', healthyCommands());
  const linked = (stack: Stack) => checkEksNodes(stack).nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath, n.node.ami.ssmParameter]);
  // A/OnlyInA is B's node group's template: not judged on its own in A.
  expect(linked(a)).toEqual([['A/Nodes', 'A/Local', AFFECTED_AL2_SSM]]);
  expect(linked(b)).toEqual([
    ['B/Nodes', 'A/OnlyInA', AFFECTED_AL2_SSM],
    ['B/Local', undefined, AFFECTED_AL2_SSM],
  ]);
});

test("guards added per stack write one report and one lookup request with every stack's nodes", () => {
  const app = new App();
  for (const [id, ami] of [['A', 'ami-0aaaaaaaaaaaaaaaa'], ['B', 'ami-0bbbbbbbbbbbbbbbb']]) {
    const stack = new Stack(app, id, { env: { account: '111111111111', region: 'eu-west-1' } });
    const template = new ec2.CfnLaunchTemplate(stack, 'T', { launchTemplateData: { imageId: ami, userData: Fn.base64(script(healthyCommands())) } });
    cfnNodegroup(stack, { id: template.ref });
    Aspects.of(stack).add(new EksNodeGuard());
  }
  const dir = app.synth().directory;
  const report = JSON.parse(readFileSync(join(dir, 'eks-node-guard.report.json'), 'utf8'));
  expect(report.nodes.map((n: { constructPath: string }) => n.constructPath)).toEqual(['A/Nodes', 'B/Nodes']);
  const lookups = JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8'));
  expect(lookups.images).toEqual([
    { id: 'ami-0aaaaaaaaaaaaaaaa', region: 'eu-west-1', paths: ['A/Nodes'] },
    { id: 'ami-0bbbbbbbbbbbbbbbb', region: 'eu-west-1', paths: ['B/Nodes'] },
  ]);
});

test('reports that cannot be written leave a warning and do not fail synth', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'eng-scope-'));
  // A directory where the report file goes: CDK writes its assembly, the guard cannot write its report.
  mkdirSync(join(outdir, 'eks-node-guard.report.json'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'S');
  const template = launchTemplate(stack, 'T', healthyCommands());
  cfnNodegroup(stack, { id: template.ref });
  Aspects.of(app).add(new EksNodeGuard());
  const warnings = app.synth().getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
  expect(warnings).toEqual([expect.stringMatching(/^\[eks-node-guard\] the guard could not write its reports: .*EISDIR.*\[ack: eks-node-guard:internal-error\]$/)]);
});
