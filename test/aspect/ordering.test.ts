import { App, Aspects, AspectPriority, Fn, IAspect, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
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
