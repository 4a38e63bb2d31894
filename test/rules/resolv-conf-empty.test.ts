import { resolveContainerd } from '../../lib/ami/resolve';
import type { NodeDefinition, NodeFacts } from '../../lib/model';
import { resolvConfEmpty } from '../../lib/rules/resolv-conf-empty';
import type { LookupRoute } from '../../lib/rules/rule';
import { analyzeUserData } from '../../lib/userdata/analyze';
import { AFFECTED_AL2_SSM, healthyCommands, l1NodeStack, l2NodeStack, legacyCommands, ruleMessages, script, UNAFFECTED_AL2_SSM } from '../helpers/cdk';

const RULE = 'resolv-conf-empty';

describe('resolv-conf-empty', () => {
  describe.each([
    ['L1 CfnNodegroup + CfnLaunchTemplate', (commands: string[], o = {}) => l1NodeStack(script(commands), o)],
    ['L2 aws_eks_v2 node group + ec2.LaunchTemplate', (commands: string[], o = {}) => l2NodeStack(commands, o)],
  ])('%s', (_name, build) => {
    test('non-compliant: an empty file on an affected AMI is an error', () => {
      const { errors, warnings } = ruleMessages(build(legacyCommands(), { ssmImage: AFFECTED_AL2_SSM }), RULE);
      expect(errors).toHaveLength(1);
      expect(warnings).toEqual([]);
      expect(errors[0]).toContain('containerd 1.7.22');
    });

    test('compliant: no resolv-conf flag', () => {
      expect(ruleMessages(build(healthyCommands()), RULE)).toEqual({ errors: [], warnings: [] });
    });

    test('known not affected: a warning that names the next release that breaks it', () => {
      const { errors, warnings } = ruleMessages(build(legacyCommands(), { ssmImage: UNAFFECTED_AL2_SSM }), RULE);
      expect(errors).toEqual([]);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('containerd 1.7.11');
      expect(warnings[0]).toContain('v20240817');
    });
  });

  test.each([
    ['an empty value', `/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf='`],
    ['an empty quoted value', `/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf ""'`],
    ['/dev/null', `/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=/dev/null'`],
  ])('non-compliant: %s', (_name, line) => {
    expect(ruleMessages(l1NodeStack(script([line])), RULE).errors).toHaveLength(1);
  });

  test('a file filled after it was emptied is compliant for this rule', () => {
    const stack = l1NodeStack(script([...legacyCommands().slice(0, 1), 'echo "nameserver 10.0.0.2" > /etc/kubelet-resolv.conf', legacyCommands()[1]]));
    expect(ruleMessages(stack, RULE)).toEqual({ errors: [], warnings: [] });
  });

  test('a changelog gap that straddles containerd 1.7.20 is possibly affected: an error that shows the range', () => {
    const { errors } = ruleMessages(l1NodeStack(script(legacyCommands()), { amiType: 'AL2_x86_64', releaseVersion: '1.29.3-20240807' }), RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/between 1\.7\.11 and 1\.7\.20/);
    expect(errors[0]).toContain('possibly affected');
  });

  test('an unknown containerd is an error by default and a warning with unknownContainerd: warning', () => {
    const unknown = { ssmImage: '/my-company/golden-ami/image_id' };
    expect(ruleMessages(l1NodeStack(script(legacyCommands()), unknown), RULE).errors).toHaveLength(1);
    const relaxed = ruleMessages(l1NodeStack(script(legacyCommands()), { ...unknown, guard: { unknownContainerd: 'warning' } }), RULE);
    expect(relaxed.errors).toEqual([]);
    expect(relaxed.warnings).toHaveLength(1);
  });

  test('a containerd override wins over every other source', () => {
    const stack = l1NodeStack(script(legacyCommands()), { guard: { containerd: { [AFFECTED_AL2_SSM]: '1.7.11' } } });
    const { errors, warnings } = ruleMessages(stack, RULE);
    expect(errors).toEqual([]);
    expect(warnings[0]).toContain('containerd 1.7.11');
  });

  test('nodeadm resolvConf "" on AL2023 is an error', () => {
    const nodeConfig = ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    config:', '      resolvConf: ""'].join('\n');
    const mime = [
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="BOUNDARY"',
      '',
      '--BOUNDARY',
      'Content-Type: application/node.eks.aws',
      '',
      nodeConfig,
      '--BOUNDARY--',
      '',
    ].join('\n');
    const { errors } = ruleMessages(l1NodeStack(mime, { amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.31.0-20241016' }), RULE);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('resolvConf: ""');
    expect(errors[0]).toContain('nodeadm');
  });

  test('Bottlerocket nodes are out of scope', () => {
    const stack = l1NodeStack(script(legacyCommands()), { amiType: 'BOTTLEROCKET_x86_64', releaseVersion: '1.29.0-20241024' });
    expect(ruleMessages(stack, RULE)).toEqual({ errors: [], warnings: [] });
  });
});

describe('resolv-conf-empty on plain facts', () => {
  const analysis = analyzeUserData(script(legacyCommands()));
  const node: NodeDefinition = { kind: 'managed-nodegroup', source: { constructPath: 'S/Nodes' }, launchTemplate: 'resolved', ami: {}, customAmi: true };

  test('a known Amazon Linux AMI wins over user data that merely looks like another OS', () => {
    const facts: NodeFacts = { node, userData: { ...analysis, os: 'bottlerocket' }, containerd: resolveContainerd({ ssmParameter: AFFECTED_AL2_SSM }) };
    expect(resolvConfEmpty.check(facts, {}).map((r) => r.severity)).toEqual(['error']);
  });

  /** The finding's detail for a node whose AMI is the affected pinned one, with its containerd overridden. */
  const detailWith = (containerd?: string): string => {
    const overrides = containerd === undefined ? undefined : { [AFFECTED_AL2_SSM]: containerd };
    const facts: NodeFacts = { node, userData: analysis, containerd: resolveContainerd({ ssmParameter: AFFECTED_AL2_SSM }, { overrides }) };
    return resolvConfEmpty.check(facts, {})[0].detail;
  };
  const AFFECTED_RANGES = '>= 1.6.34 on the 1.6 line, >= 1.7.20 on the 1.7 line, and every 2.x';

  test('affected: the message states the affected ranges per release line (1.7.0-1.7.19 are not)', () => {
    expect(detailWith()).toContain(`(affected: containerd ${AFFECTED_RANGES} give pods an empty DNS config`);
    expect(detailWith()).not.toMatch(/1\.6\.34\+|>= 1\.7\.20,/);
  });

  test.each([
    ['1.6.*', '1.6.34'],
    ['1.7.*', '1.7.20'],
    ['1.*', '1.6.34, 1.7.0 and 1.7.20'],
  ])('possibly affected %s: names the boundary the range straddles (%s)', (pattern, boundaries) => {
    expect(detailWith(pattern)).toContain(`(possibly affected: the range straddles containerd ${boundaries}, where affected and unaffected versions meet)`);
  });

  test('not affected on the 1.6 line: says 1.6.34 breaks it too, not only 1.7.20', () => {
    expect(detailWith('1.6.33')).toContain(`It breaks on any AMI whose containerd is affected (${AFFECTED_RANGES}).`);
  });

  test('every sentence starts with a capital, also without an AMI name', () => {
    const detail = detailWith('1.6.33');
    expect(detail).toContain('. The node AMI runs containerd 1.6.33');
    expect(detail).not.toMatch(/\. [a-z]/);
  });

  describe('an unknown containerd: the advice leads where this front door put the lookup request', () => {
    const unknownAmi = (ami: NodeDefinition['ami'], lookupRoute?: LookupRoute): string => {
      const facts: NodeFacts = { node, userData: analysis, containerd: resolveContainerd(ami) };
      return resolvConfEmpty.check(facts, { lookupRoute })[0].detail;
    };
    const LITERAL = { imageId: 'ami-0123456789abcdef0' };

    test('synth wrote it into the cloud assembly (the Aspect, the validation plugin): `lookup` reads it there', () => {
      expect(unknownAmi(LITERAL, { kind: 'assembly' })).toContain(
        '(treated as affected until known; run `eks-node-guard lookup` (it answers the eks-node-guard.lookups.json synth wrote into the cloud assembly) and synthesize again, or set the `containerd` option)',
      );
    });

    test('scan wrote it to its --lookups file: `lookup --app <that file>`', () => {
      expect(unknownAmi(LITERAL, { kind: 'file', file: 'guard.lookups.json' })).toContain('run `eks-node-guard lookup --app guard.lookups.json` (the request this scan wrote)');
    });

    test('nothing wrote one (checkEksNodes, cdk-nag, scan without --lookups): how to write it first', () => {
      const detail = unknownAmi(LITERAL);
      expect(detail).toContain('write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`, answer it with `eks-node-guard lookup --app <file>`');
      expect(detail).not.toContain('run `eks-node-guard lookup`');
    });

    test('an AMI no lookup can name (a token): never sends the user to `lookup`', () => {
      const detail = unknownAmi({ imageIdUnresolved: true }, { kind: 'assembly' });
      expect(detail).toContain('(treated as affected until known; no lookup can tell more: set the `containerd` option for this AMI');
      expect(detail).not.toContain('eks-node-guard lookup');
    });
  });

  test('with an unknown AMI, user data that is Bottlerocket or Windows is out of scope', () => {
    for (const os of ['bottlerocket', 'windows'] as const) {
      const facts: NodeFacts = { node, userData: { ...analysis, os }, containerd: resolveContainerd({ imageId: 'ami-0123456789abcdef0' }) };
      expect(resolvConfEmpty.check(facts, {})).toEqual([]);
    }
  });
});
