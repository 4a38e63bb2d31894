import { App, AppProps, Aspects, AspectPriority, Fn, IAspect, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct, IConstruct } from 'constructs';
import { EksNodeGuard } from '../../lib';
import { guardMessages, healthyCommands, l1NodeStack, legacyCommands, pinnedLaunchTemplate, script } from '../helpers/cdk';

/** Another team's aspect that rewrites launch-template user data (say, to add their agent). */
class RewriteUserData implements IAspect {
  visit(node: IConstruct): void {
    if (node instanceof ec2.CfnLaunchTemplate) {
      node.launchTemplateData = { ...(node.launchTemplateData as ec2.CfnLaunchTemplate.LaunchTemplateDataProperty), userData: Fn.base64(script(legacyCommands())) };
    }
  }
}

describe('the guard judges the tree other aspects leave behind', () => {
  test.each([
    ['added after the guard, same priority', AspectPriority.DEFAULT],
    ['a mutating aspect', AspectPriority.MUTATING],
    ['added after the guard, read-only priority', AspectPriority.READONLY],
  ])('%s', (_name, priority) => {
    const stack = l1NodeStack(script(healthyCommands()));
    Aspects.of(stack.node.root).add(new RewriteUserData(), { priority });
    expect(guardMessages(stack)).toEqual([expect.stringMatching(/^\[eks-node-guard:resolv-conf-empty\] S\/Nodes: /)]);
  });

  test.each([
    ['guard on the stack, the rewrite added after it on the stack', (stack: Stack) => {
      Aspects.of(stack).add(new EksNodeGuard());
      Aspects.of(stack).add(new RewriteUserData());
    }],
    ['guard on the stack at mutating priority, the rewrite on the app', (stack: Stack) => {
      Aspects.of(stack).add(new EksNodeGuard(), { priority: AspectPriority.MUTATING });
      Aspects.of(stack.node.root).add(new RewriteUserData());
    }],
    ['guard on the app before the rewrite, without tree metadata', (stack: Stack) => {
      Aspects.of(stack.node.root).add(new EksNodeGuard());
      Aspects.of(stack.node.root).add(new RewriteUserData());
    }, { treeMetadata: false }],
  ] as [string, (stack: Stack) => void, AppProps?][])('%s', (_name, add, appProps = {}) => {
    const app = new App(appProps);
    const stack = new Stack(app, 'S');
    // The launch template is the last construct CDK visits: the rewrite reaches it last of all.
    const nodes = new Construct(stack, 'Nodes');
    const lt = pinnedLaunchTemplate(stack, 'T', healthyCommands());
    new ec2.CfnInstance(nodes, 'Node', { launchTemplate: { launchTemplateId: lt.ref, version: '1' } });
    add(stack);
    expect(guardMessages(stack)).toEqual([expect.stringMatching(/^\[eks-node-guard:resolv-conf-empty\] S\/Nodes\/Node: /)]);
  });

  test('the same guard added to the app and to a stack checks each node once', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const lt = pinnedLaunchTemplate(stack, 'T', legacyCommands());
    new ec2.CfnInstance(stack, 'Node', { launchTemplate: { launchTemplateId: lt.ref, version: '1' } });
    const guard = new EksNodeGuard();
    Aspects.of(app).add(guard);
    Aspects.of(stack).add(guard);
    expect(guardMessages(stack)).toEqual([expect.stringMatching(/^\[eks-node-guard:resolv-conf-empty\] S\/Node: /)]);
  });
});
