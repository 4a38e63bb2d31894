/**
 * A resource the guard cannot read (a token that throws when the guard resolves it) must be
 * reported on that resource, where the CDK CLI shows it, and a node group booting from such a
 * launch template must be told it could not be read, not that it is missing.
 */
import { Fn, IResolveContext, Stack, Stage, Token } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { EksNodeGuardProps } from '../../lib';
import type { JsonReport } from '../../lib/report/json';
import { AFFECTED_AL2_SSM, cfnNodegroup, guardedApp, legacyCommands, script } from '../helpers/cdk';

/**
 * User data that throws when the guard resolves it (outside CDK's preparation, at no place in a
 * template), and resolves when CDK prepares or writes the template.
 */
function unreadableByTheGuard(): string {
  return Token.asString({
    creationStack: [],
    resolve: (context: IResolveContext) => {
      if (!context.preparing && context.documentPath.length === 0) throw new Error('not ready yet');
      return Fn.base64(script(legacyCommands()));
    },
    toString: () => 'unreadable user data',
  });
}

function guardedStack(guard: EksNodeGuardProps): Stack {
  return new Stack(guardedApp({}, guard), 'S');
}

const UNREADABLE = Match.stringLikeRegexp('^\\[eks-node-guard:user-data-unanalyzable\\] S/Node: resource could not be read\\. .*not ready yet');

test('an unreadable resource is reported on itself: an error with strict', () => {
  const stack = guardedStack({ strict: true });
  new ec2.CfnInstance(stack, 'Node', { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: unreadableByTheGuard() });
  expect(Annotations.fromStack(stack).findError('/S/Node', UNREADABLE)).toHaveLength(1);
});

test('an unreadable resource is reported on itself: a warning without strict', () => {
  const stack = guardedStack({});
  new ec2.CfnInstance(stack, 'Node', { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: unreadableByTheGuard() });
  const annotations = Annotations.fromStack(stack);
  expect(annotations.findWarning('/S/Node', UNREADABLE)).toHaveLength(1);
  expect(annotations.findError('*', Match.anyValue())).toEqual([]);
});

test('a node group booting from an unreadable launch template is told the template could not be read', () => {
  const stack = guardedStack({ strict: true });
  const lt = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: unreadableByTheGuard() } });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
  const annotations = Annotations.fromStack(stack);
  const [nodegroup] = annotations.findError('/S/Nodes', Match.anyValue());
  expect(nodegroup.entry.data).toMatch(
    /^\[eks-node-guard:user-data-unanalyzable\] S\/Nodes: launch template could not be read\. The nodes boot from launch template S\/Template \(version a computed version\), which the guard could not read \(.*not ready yet\)/,
  );
  expect(nodegroup.entry.data).not.toContain('not defined here');
  expect(annotations.findError('/S/Template', Match.stringLikeRegexp('resource could not be read'))).toHaveLength(1);
});

test("the report notes that the node group's launch template was not checked", () => {
  const stack = guardedStack({});
  const lt = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: unreadableByTheGuard() } });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
  const dir = (stack.node.root as Stage).synth().directory;
  const report = JSON.parse(readFileSync(join(dir, 'eks-node-guard.report.json'), 'utf8')) as JsonReport;
  expect(report.nodes?.find((n) => n.constructPath === 'S/Nodes')?.notes).toEqual([expect.stringMatching(/^Boots from launch template S\/Template .*which the guard could not read .*: its user data was not checked\.$/)]);
});
