/** The demo app stays quiet for the node-bootstrap rules: healthy, and also with the incident's node group added. */
import { DemoStack } from '../../bin/demo-app';
import { bootstrapShOnAl2023 } from '../../lib/rules/bootstrap-sh-on-al2023';
import { kubeletFlagRemoved } from '../../lib/rules/kubelet-flag-removed';
import { managedNodegroupUserDataFormat } from '../../lib/rules/managed-nodegroup-user-data-format';
import { userDataTooLarge } from '../../lib/rules/user-data-too-large';
import { guardedApp } from '../helpers/cdk';
import { ruleAnnotations } from './helpers';

const RULES = [bootstrapShOnAl2023, managedNodegroupUserDataFormat, userDataTooLarge, kubeletFlagRemoved].map((r) => r.id);

function demo(legacy: boolean) {
  const app = guardedApp();
  const stack = new DemoStack(app, 'EksNodeGuardDemo', { legacy });
  app.synth();
  return stack;
}

describe('demo app', () => {
  test('the healthy demo synthesizes with no finding of the bootstrap rules', () => {
    const stack = demo(false);
    expect(RULES.flatMap((id) => ruleAnnotations(stack, id))).toEqual([]);
  });

  test('the legacy demo (custom AL2 AMI, bootstrap.sh) draws none of them either: its problem is resolv-conf-empty', () => {
    const stack = demo(true);
    expect(RULES.flatMap((id) => ruleAnnotations(stack, id))).toEqual([]);
    expect(ruleAnnotations(stack, 'resolv-conf-empty').map((m) => m.level)).toEqual(['error']);
  });
});
