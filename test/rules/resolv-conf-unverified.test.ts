import { l1NodeStack, l2NodeStack, ruleMessages, script, UNAFFECTED_AL2_SSM } from '../helpers/cdk';

const RULE = 'resolv-conf-unverified';
const UNSEEN = [`/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=/etc/custom/resolv.conf'`];

describe('resolv-conf-unverified', () => {
  describe.each([
    ['L1', (commands: string[], o = {}) => l1NodeStack(script(commands), o)],
    ['L2', (commands: string[], o = {}) => l2NodeStack(commands, o)],
  ])('%s', (_name, build) => {
    test('non-compliant: a file the user data does not show, on an affected AMI, is an error', () => {
      const { errors } = ruleMessages(build(UNSEEN), RULE);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain('--resolv-conf=/etc/custom/resolv.conf');
      expect(errors[0]).toContain('unknown content');
    });

    test('compliant: the file is written with nameserver lines', () => {
      const commands = ['mkdir -p /etc/custom', 'echo "nameserver 10.0.0.2" > /etc/custom/resolv.conf', ...UNSEEN];
      expect(ruleMessages(build(commands), RULE)).toEqual({ errors: [], warnings: [] });
    });

    test('on an AMI that is not affected it is a warning', () => {
      const { errors, warnings } = ruleMessages(build(UNSEEN, { ssmImage: UNAFFECTED_AL2_SSM }), RULE);
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(1);
    });
  });
});
