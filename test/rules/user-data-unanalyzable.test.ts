import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { gzipSync } from 'zlib';
import { cfnNodegroup, guardedApp, healthyCommands, l1NodeStack, l2NodeStack, ruleMessages, script, ssmImageParameter } from '../helpers/cdk';
import { AL2_MANAGED } from '../helpers/fixtures';

const RULE = 'user-data-unanalyzable';

/** A node group whose kubelet arguments come from a deploy-time parameter. */
function tokenInKubeletArgs(strict: boolean): Stack {
  const app = guardedApp({}, { strict });
  const stack = new Stack(app, 'S');
  const extraArgs = new CfnParameter(stack, 'KubeletArgs', { default: '--max-pods=20' });
  const imageId = ssmImageParameter(stack);
  const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', {
    launchTemplateData: {
      imageId,
      userData: Fn.base64(Fn.join('', ["#!/bin/bash\n/etc/eks/bootstrap.sh demo --kubelet-extra-args '", extraArgs.valueAsString, "'\n"])),
    },
  });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
  return stack;
}

describe('user-data-unanalyzable', () => {
  test('non-compliant (L1): a token inside --kubelet-extra-args is a warning', () => {
    const { errors, warnings } = ruleMessages(tokenInKubeletArgs(false), RULE);
    expect(errors).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('S/Nodes');
  });

  test('strict: the same is an error', () => {
    expect(ruleMessages(tokenInKubeletArgs(true), RULE).errors).toHaveLength(1);
  });

  test('non-compliant (L1): gzip user data that does not inflate', () => {
    const broken = gzipSync(script(healthyCommands())).subarray(0, 40);
    const app = guardedApp();
    const stack = new Stack(app, 'S');
    const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateData: { userData: broken.toString('base64') } });
    cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber }, AL2_MANAGED);
    const { warnings } = ruleMessages(stack, RULE);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/gzip/i);
  });

  test('compliant (L1): tokens in harmless places (cluster name, endpoint) are fine', () => {
    expect(ruleMessages(l1NodeStack(script(healthyCommands())), RULE)).toEqual({ errors: [], warnings: [] });
  });

  test('compliant (L2): CDK-rendered user data with the cluster name token', () => {
    expect(ruleMessages(l2NodeStack(healthyCommands()), RULE)).toEqual({ errors: [], warnings: [] });
  });
});
