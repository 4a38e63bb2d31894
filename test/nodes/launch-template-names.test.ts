import { App, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { checkEksNodes } from '../../lib';
import { cfnNodegroup, healthyCommands, legacyCommands, script, ssmImageParameter } from '../helpers/cdk';

/**
 * Launch template names are unique per account and region, so two stacks (accounts) may each have
 * one named `shared`: a node group that names it means the one in its own stack.
 */
function stackWithNamedTemplate(app: App, id: string, commands: string[]): Stack {
  const stack = new Stack(app, id, { env: { account: id === 'A' ? '111111111111' : '222222222222', region: 'eu-west-1' } });
  new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateName: 'shared', launchTemplateData: { imageId: ssmImageParameter(stack), userData: Fn.base64(script(commands)) } });
  cfnNodegroup(stack, { name: 'shared' });
  return stack;
}

it('a launch template named from a node group is the one in its own stack', () => {
  const app = new App();
  stackWithNamedTemplate(app, 'A', healthyCommands());
  stackWithNamedTemplate(app, 'B', legacyCommands());
  const result = checkEksNodes(app);
  expect(result.errors.map((f) => f.source.constructPath)).toEqual(['B/Nodes']);
  expect(result.nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([
    ['A/Nodes', 'A/NodeTemplate'],
    ['B/Nodes', 'B/NodeTemplate'],
  ]);
});
