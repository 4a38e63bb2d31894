/**
 * Stacks of one app may share a launch template through an export: stack A exports its id
 * (`CfnOutput` with `exportName`), stack B's node group imports it (`Fn.importValue`). The Aspect
 * follows the import to the template, as `scan` does, whichever scope the guard is added to.
 */
import { App, Aspects, CfnOutput, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { checkEksNodes, EksNodeGuard } from '../../lib';
import { cfnNodegroup, countReads, healthyCommands, legacyCommands, pinnedLaunchTemplate } from '../helpers/cdk';

/** Stack A exports a launch template's id as `workers-lt-id`; stack B's node group imports `importName`. */
function exportingApp(commands: string[], importName = 'workers-lt-id'): { app: App; a: Stack; b: Stack; output: CfnOutput } {
  const app = new App();
  const a = new Stack(app, 'A');
  const lt = pinnedLaunchTemplate(a, 'Template', commands);
  const output = new CfnOutput(a, 'TemplateId', { value: lt.ref, exportName: 'workers-lt-id' });
  const b = new Stack(app, 'B');
  cfnNodegroup(b, { id: Fn.importValue(importName), version: '1' });
  return { app, a, b, output };
}

const EMPTY_FROM_A = Match.stringLikeRegexp('^\\[eks-node-guard:resolv-conf-empty\\] B/Nodes: .* in the user data of A/Template');

test('a guard on the app judges the node group by the imported launch template', () => {
  const { app, a, b } = exportingApp(legacyCommands());
  Aspects.of(app).add(new EksNodeGuard());
  expect(Annotations.fromStack(b).findError('/B/Nodes', EMPTY_FROM_A)).toHaveLength(1);
  expect(Annotations.fromStack(b).findWarning('*', Match.anyValue())).toEqual([]);
  // Used by B's node group, the template is not judged on its own.
  expect(Annotations.fromStack(a).findError('*', Match.anyValue())).toEqual([]);
});

test("a guard on the consumer's stack follows the import into the exporting stack", () => {
  const { b } = exportingApp(legacyCommands());
  Aspects.of(b).add(new EksNodeGuard());
  expect(Annotations.fromStack(b).findError('/B/Nodes', EMPTY_FROM_A)).toHaveLength(1);
});

test("a guard on the exporting stack does not judge a template another stack's node group imports", () => {
  const { a } = exportingApp(legacyCommands());
  Aspects.of(a).add(new EksNodeGuard());
  expect(Annotations.fromStack(a).findError('*', Match.anyValue())).toEqual([]);
  expect(checkEksNodes(a).nodes).toEqual([]);
});

test('a healthy imported template passes', () => {
  const { app, b } = exportingApp(healthyCommands());
  Aspects.of(app).add(new EksNodeGuard());
  const annotations = Annotations.fromStack(b);
  expect(annotations.findError('*', Match.anyValue())).toEqual([]);
  expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
});

test('an import of a name no stack exports is a launch template the app does not define', () => {
  const { app, b } = exportingApp(legacyCommands(), 'platform-workers-lt-id');
  Aspects.of(app).add(new EksNodeGuard());
  expect(Annotations.fromStack(b).findWarning('/B/Nodes', Match.stringLikeRegexp('launch template cannot be verified'))).toHaveLength(1);
});

test('exports are read only when a value is imported', () => {
  const { app, b, output } = exportingApp(legacyCommands());
  const c = new Stack(app, 'C');
  const local = pinnedLaunchTemplate(c, 'Template', healthyCommands());
  cfnNodegroup(c, { id: local.ref, version: local.attrLatestVersionNumber });
  const reads = countReads(output, 'exportName');
  checkEksNodes(c);
  expect(reads()).toBe(0);
  checkEksNodes(b);
  expect(reads()).toBeGreaterThan(0);
});
