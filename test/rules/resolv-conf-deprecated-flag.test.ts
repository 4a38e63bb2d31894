import { l1NodeStack, l2NodeStack, legacyCommands, ruleMessages, script } from '../helpers/cdk';

const RULE = 'resolv-conf-deprecated-flag';

describe('resolv-conf-deprecated-flag', () => {
  describe.each([
    ['L1', (commands: string[]) => l1NodeStack(script(commands))],
    ['L2', (commands: string[]) => l2NodeStack(commands)],
  ])('%s', (_name, build) => {
    test('non-compliant: a populated file passed as a flag is a warning, never an error', () => {
      const { errors, warnings } = ruleMessages(build([`/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=/run/systemd/resolve/resolv.conf'`]), RULE);
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('deprecated');
    });

    test('compliant: no flag', () => {
      expect(ruleMessages(build(['/etc/eks/bootstrap.sh demo']), RULE)).toEqual({ errors: [], warnings: [] });
    });

    test('an empty file is the other rule, not this one', () => {
      expect(ruleMessages(build(legacyCommands()), RULE)).toEqual({ errors: [], warnings: [] });
    });
  });
});
