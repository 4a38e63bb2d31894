import * as fs from 'fs';
import * as path from 'path';
import type { JsonReport } from '../../lib/report/json';
import { runCli, tempDir } from './helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'templates');

async function jsonScan(args: string[], cwd = FIXTURES): Promise<{ code: number; report: JsonReport }> {
  const run = await runCli(['scan', ...args, '--format', 'json'], cwd);
  expect(run.stderr).toBe('');
  return { code: run.code, report: JSON.parse(run.stdout) as JsonReport };
}

const EMPTY = 'resolv-conf-empty';

/** The parts of findings that must not depend on the template's syntax. */
function comparable(report: JsonReport) {
  return report.findings.map(({ templateFile: _file, stack: _stack, ...rest }) => rest);
}

describe('eks-node-guard scan on templates', () => {
  test('the YAML short-form template gives the same findings as its JSON twin', async () => {
    const json = await jsonScan(['legacy-nodegroup.json']);
    const yaml = await jsonScan(['legacy-nodegroup.yaml']);
    expect(json.code).toBe(1);
    expect(yaml.code).toBe(1);
    expect(json.report.findings.filter((f) => f.ruleId === EMPTY)).toHaveLength(1);
    expect(comparable(yaml.report)).toEqual(comparable(json.report));
    expect(yaml.report.findings.find((f) => f.ruleId === EMPTY)).toMatchObject({
      ruleId: 'resolv-conf-empty',
      severity: 'error',
      logicalId: 'Nodegroup',
      templateFile: 'legacy-nodegroup.yaml',
      resolvConf: { value: '/etc/kubelet-resolv.conf', content: 'empty', mechanism: 'bootstrap-kubelet-extra-args' },
      containerd: { verdict: 'affected', version: '1.7.22' },
    });
  });

  test.each([
    ['lt-by-name.yaml', 'launch template by LaunchTemplateName'],
    ['asg-ssm-image.yaml', 'auto scaling group with an SSM-parameter image id'],
  ])('%s (%s) gives the finding', async (file) => {
    const { code, report } = await jsonScan([file]);
    expect(code).toBe(1);
    expect(report.findings.map((f) => [f.ruleId, f.severity])).toContainEqual([EMPTY, 'error']);
  });

  test('the SSM parameter name settles the AMI', async () => {
    const { report } = await jsonScan(['asg-ssm-image.yaml']);
    expect(report.findings[0].ami?.name).toBe('amazon-eks-node-1.29-v20241024');
  });

  test('cross-template Fn::ImportValue: the node group is judged by the exported launch template', async () => {
    const { code, report } = await jsonScan(['import-nodegroup.yaml', 'export-launch-template.json']);
    expect(code).toBe(1);
    expect(report.findings.filter((f) => f.ruleId === EMPTY).map((f) => [f.logicalId, f.templateFile])).toEqual([['Nodegroup', 'import-nodegroup.yaml']]);
    // Without the exporting template the launch template is external: nothing to judge as empty.
    const alone = await jsonScan(['import-nodegroup.yaml']);
    expect(alone.report.findings.filter((f) => f.ruleId === EMPTY)).toEqual([]);
  });

  test('the healthy template: exit code 0 and a one-line table', async () => {
    const run = await runCli(['scan', 'healthy-nodegroup.yaml'], FIXTURES);
    expect(run).toEqual({ code: 0, stdout: 'No findings. 0 errors, 0 warnings, 0 info, 0 suppressed (1 node checked)\n', stderr: '' });
  });

  test('the default table format for people', async () => {
    const run = await runCli(['scan', 'legacy-nodegroup.yaml'], FIXTURES);
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^SEVERITY\s+RULE\s+RESOURCE\s+FINDING$/);
    expect(run.stdout.split('\n')).toContainEqual(expect.stringMatching(/^error\s+resolv-conf-empty\s+legacy-nodegroup\/Nodegroup\s+kubelet --resolv-conf=\/etc\/kubelet-resolv.conf is empty$/));
    expect(run.stdout).not.toContain('\u001b[');
    const tty = await runCli(['scan', 'legacy-nodegroup.yaml'], FIXTURES, { isTty: true });
    expect(tty.stdout).toContain('\u001b[31merror');
  });

  test('a nested stack whose template is not local is named in a note, not silently skipped', async () => {
    const run = await runCli(['scan', 'remote-nested-stack.yaml'], FIXTURES);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('eks-node-guard scan: note: nested stack remote-nested-stack/Workers in remote-nested-stack.yaml was not scanned: its template is not a local file\n');
  });

  test('- reads a template from standard input', async () => {
    const run = await runCli(['scan', '-', '--format', 'json'], FIXTURES, { stdin: fs.readFileSync(path.join(FIXTURES, 'legacy-nodegroup.yaml'), 'utf8') });
    expect(run.code).toBe(1);
    expect((JSON.parse(run.stdout) as JsonReport).findings.find((f) => f.ruleId === EMPTY)?.stack).toBe('stdin');
  });
});

describe('options', () => {
  test('--containerd overrides the catalog: an unaffected containerd turns the error into a warning', async () => {
    const { code, report } = await jsonScan(['asg-ssm-image.yaml', '--containerd', 'amazon-eks-node-1.29-v20241024=1.7.11']);
    expect(code).toBe(0);
    expect(report.findings.map((f) => f.severity)).toEqual(['warning']);
    expect(report.findings[0].containerd).toMatchObject({ version: '1.7.11', verdict: 'not-affected' });
  });

  test('--containerd takes the patterns the Aspect takes (1.7.* is a range that may be affected)', async () => {
    const { report } = await jsonScan(['asg-ssm-image.yaml', '--containerd', 'amazon-eks-node-1.29-v20241024=1.7.*']);
    expect(report.findings[0].containerd).toMatchObject({ verdict: 'possibly-affected' });
  });

  test('--fail-on warning makes warnings fail', async () => {
    const args = ['scan', 'asg-ssm-image.yaml', '--containerd', 'amazon-eks-node-1.29-v20241024=1.7.11'];
    expect((await runCli(args, FIXTURES)).code).toBe(0);
    expect((await runCli([...args, '--fail-on', 'warning'], FIXTURES)).code).toBe(1);
  });

  test('--config supplies containerd overrides and rule selection; flags win over it', async () => {
    const dir = tempDir('config');
    const config = path.join(dir, 'guard.json');
    fs.writeFileSync(config, JSON.stringify({ containerd: { 'amazon-eks-node-1.29-v20241024': '1.7.11' }, skipRules: [] }));
    const fromFile = await jsonScan(['asg-ssm-image.yaml', '--config', config]);
    expect(fromFile).toMatchObject({ code: 0, report: { findings: [{ severity: 'warning', containerd: { version: '1.7.11' } }] } });
    const flagWins = await jsonScan(['asg-ssm-image.yaml', '--config', config, '--containerd', 'amazon-eks-node-1.29-v20241024=1.7.22']);
    expect(flagWins).toMatchObject({ code: 1, report: { findings: [{ severity: 'error', containerd: { version: '1.7.22' } }] } });
    fs.writeFileSync(config, JSON.stringify({ skipRules: [EMPTY] }));
    const skipped = await jsonScan(['asg-ssm-image.yaml', '--config', config]);
    expect(skipped).toMatchObject({ code: 0, report: { findings: [] } });
  });

  test('--context reads CDK context: a CDK SSM lookup settles which release a recommended image parameter gives', async () => {
    const dir = tempDir('context');
    const template = path.join(dir, 'ssm.yaml');
    fs.writeFileSync(
      template,
      fs.readFileSync(path.join(FIXTURES, 'asg-ssm-image.yaml'), 'utf8').replace('amazon-eks-node-1.29-v20241024/image_id', 'recommended/image_id'),
    );
    const withoutContext = await jsonScan([template]);
    // Without context the guard assumes the newest catalog AMI and says so.
    expect(withoutContext.report.findings[0].ami?.source).toContain('assumed the newest catalog AMI');
    const context = path.join(dir, 'ctx.json');
    fs.writeFileSync(
      context,
      JSON.stringify({
        'ssm:account=123456789012:parameterName=/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version:region=eu-west-1': '1.29.10-20241024',
      }),
    );
    const withContext = await jsonScan([template, '--context', context]);
    expect(withContext.report.findings[0]).toMatchObject({
      severity: 'error',
      ami: { name: 'amazon-eks-node-1.29-v20241024', source: expect.stringContaining('cdk.context.json') },
      containerd: { verdict: 'affected', version: '1.7.22' },
    });
  });

  test('--strict turns unanalysable user data into an error (exit code 1)', async () => {
    const lenient = await jsonScan(['token-extra-args.yaml']);
    expect(lenient).toMatchObject({ code: 0, report: { findings: [{ ruleId: 'user-data-unanalyzable', severity: 'warning' }] } });
    const strict = await jsonScan(['token-extra-args.yaml', '--strict']);
    expect(strict).toMatchObject({ code: 1, report: { findings: [{ ruleId: 'user-data-unanalyzable', severity: 'error' }] } });
  });

  test('a byte order mark before a JSON template is ignored', async () => {
    const dir = tempDir('bom');
    fs.writeFileSync(path.join(dir, 'bom.json'), `\uFEFF${fs.readFileSync(path.join(FIXTURES, 'legacy-nodegroup.json'), 'utf8')}`);
    const { report } = await jsonScan(['bom.json'], dir);
    expect(report.findings.map((f) => f.ruleId)).toContain(EMPTY);
  });

  test('--output writes the report and prints a summary', async () => {
    const dir = tempDir('output');
    const run = await runCli(['scan', path.join(FIXTURES, 'asg-ssm-image.yaml'), '--format', 'json', '--output', 'report.json'], dir);
    expect(run).toEqual({ code: 1, stdout: '1 error, 0 warnings, 0 info, 0 suppressed (1 node checked); json report written to report.json\n', stderr: '' });
    expect((JSON.parse(fs.readFileSync(path.join(dir, 'report.json'), 'utf8')) as JsonReport).summary.errors).toBe(1);
  });

  describe('--lookups: the lookup request the Aspect writes into cdk.out, for `eks-node-guard lookup --app <file>`', () => {
    const MAPPED = 'asg-ami-mapping.yaml';

    test('without it, the finding says how to write the request, not to run a `lookup` that has nothing to read', async () => {
      const { code, report } = await jsonScan([MAPPED]);
      expect(code).toBe(1);
      const [finding] = report.findings;
      expect(finding.message).toContain('write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`');
      expect(finding.message).not.toContain('run `eks-node-guard lookup`');
      // The mapping by AWS::Region (MachineImage.genericLinux without an env): each region's id, not "not known at synth".
      expect(finding.containerd?.source).toContain('the image id comes from Fn::FindInMap on mapping NodeAmiMap by region, one AMI per region');
    });

    test("writes each region's AMI id to the file, and the finding points at it", async () => {
      const dir = tempDir('lookups');
      const run = await runCli(['scan', path.join(FIXTURES, MAPPED), '--format', 'json', '--lookups', 'guard.lookups.json'], dir);
      expect(run.code).toBe(1);
      expect(run.stderr).toBe("eks-node-guard scan: note: wrote 2 lookup item(s) to guard.lookups.json; answer them with 'eks-node-guard lookup --app guard.lookups.json'\n");
      expect(JSON.parse(fs.readFileSync(path.join(dir, 'guard.lookups.json'), 'utf8'))).toEqual({
        version: 1,
        images: [
          { id: 'ami-0123456789abcdef0', region: 'eu-west-1', paths: ['asg-ami-mapping/Nodes'] },
          { id: 'ami-0fedcba9876543210', region: 'us-east-1', paths: ['asg-ami-mapping/Nodes'] },
        ],
        ssmParameters: [],
      });
      const [finding] = (JSON.parse(run.stdout) as JsonReport).findings;
      expect(finding.message).toContain('run `eks-node-guard lookup --app guard.lookups.json` (the request this scan wrote)');
    });

    test('an unwritable file is a usage error', async () => {
      const run = await runCli(['scan', MAPPED, '--lookups', path.join(tempDir('lookups'), 'missing', 'x.json')], FIXTURES);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/^eks-node-guard scan: --lookups .*x\.json: cannot write \(ENOENT\)\n$/);
    });
  });

  test('--help prints the usage', async () => {
    const run = await runCli(['scan', '--help'], FIXTURES);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: eks-node-guard scan <path>...');
  });
});

describe('usage and input errors: exit code 2, one line, no stack trace', () => {
  const dir = tempDir('errors');
  fs.writeFileSync(path.join(dir, 'binary.json'), Buffer.from([0x7b, 0x00, 0xff, 0xfe]));
  fs.writeFileSync(path.join(dir, 'bad-config.json'), '{"containerd": {"ami-1": "latest"}}');
  fs.writeFileSync(path.join(dir, 'typo-config.json'), '{"strcit": true}');
  fs.writeFileSync(path.join(dir, 'rule-typo-config.json'), '{"skipRules": ["resolv-conf-emtpy"]}');
  fs.mkdirSync(path.join(dir, 'empty-dir'));
  fs.mkdirSync(path.join(dir, 'bad-assembly'));
  fs.writeFileSync(path.join(dir, 'bad-assembly', 'manifest.json'), '{"artifacts": {"S": {"type": "aws:cloudformation:stack", "properties": {"templateFile": "missing.json"}}}}');

  test.each([
    [['no-such.json'], 'no-such.json: no such file or directory'],
    [[path.join(FIXTURES, 'no-resources.json')], 'not a CloudFormation template (no Resources section)'],
    [[path.join(FIXTURES, 'truncated.json')], 'invalid JSON'],
    [[path.join(FIXTURES, 'broken.yaml')], 'invalid YAML at line'],
    [[path.join(FIXTURES, 'unknown-tag.yaml')], 'unsupported YAML tag'],
    [['binary.json'], 'invalid JSON'],
    [['empty-dir'], 'not a cdk.out directory'],
    [['bad-assembly'], 'missing.json: no such file or directory'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--format', 'xml'], '--format must be one of table, json, sarif'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--fail-on', 'info'], '--fail-on must be error or warning'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--containerd', 'ami-1'], '--containerd expects KEY=VERSION'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--config', 'bad-config.json'], "containerd version for ami-1 must be a version such as 1.7.22 or a pattern such as 1.7.*: 'latest'"],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--config', 'typo-config.json'], 'unknown key "strcit"'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--config', 'missing.json'], 'cannot read (ENOENT)'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--context', path.join(FIXTURES, 'truncated.json')], 'invalid JSON'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--output', path.join(dir, 'no-dir', 'x.json')], 'cannot write (ENOENT)'],
    [[path.join(FIXTURES, 'legacy-nodegroup.json'), '--unknown'], "Unknown option '--unknown'"],
    [[], 'give at least one template file or cdk.out directory'],
  ])('scan %j', async (args, message) => {
    const run = await runCli(['scan', ...args], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  test('an unknown rule id in --config is a usage error, with the command prefix once', async () => {
    const run = await runCli(['scan', path.join(FIXTURES, 'legacy-nodegroup.json'), '--config', 'rule-typo-config.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^eks-node-guard scan: config .*rule-typo-config\.json: "skipRules": unknown rule id 'resolv-conf-emtpy' \(known: resolv-conf-empty, /);
    expect(run.stderr).not.toContain('eks-node-guard: ');
  });

  test('several bad inputs: the first is named, the rest counted', async () => {
    const run = await runCli(['scan', 'no-such.json', 'also-missing.yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('eks-node-guard scan: no-such.json: no such file or directory (and 1 more input problem)\n');
  });
});

describe('internal errors: exit code 3, one line, never passed off as a usage error', () => {
  afterEach(() => {
    jest.dontMock('../../lib/scan/scan');
    jest.resetModules();
  });

  test('an unexpected exception in a command exits 3 and asks for a report', async () => {
    jest.resetModules();
    jest.doMock('../../lib/scan/scan', () => ({
      scanTemplates: () => {
        throw new TypeError("Cannot read properties of undefined (reading 'Resources')\n    at scanTemplates (lib/scan/scan.ts:1:1)");
      },
    }));
    const { runCli: runFresh } = await import('../helpers/cli');
    const run = await runFresh(['scan', 'legacy-nodegroup.json'], FIXTURES);
    expect(run).toEqual({
      code: 3,
      stdout: '',
      stderr: "eks-node-guard scan: internal error (please report): Cannot read properties of undefined (reading 'Resources')\n",
    });
  });
});
