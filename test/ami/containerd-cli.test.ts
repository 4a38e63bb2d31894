import { EKS_AMI_TYPES } from '../../lib/ami/identify';
import { parseContainerdArgs } from '../../lib/cli/containerd';
import { CliRun, runCli } from '../helpers/cli';

/** `eks-node-guard containerd <args>`, as the binary runs it (usage errors are reported by the dispatcher). */
function run(args: string[]): Promise<CliRun> {
  return runCli(['containerd', ...args], process.cwd());
}

describe('eks-node-guard containerd', () => {
  it('--ami-name --json: affected, 1.7.22, offline', async () => {
    const { code, stdout, stderr } = await run(['--ami-name', 'amazon-eks-node-1.29-v20241024', '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const [result] = JSON.parse(stdout);
    expect(result).toMatchObject({
      input: { amiName: 'amazon-eks-node-1.29-v20241024' },
      verdict: 'affected',
      containerd: '1.7.22',
      range: null,
      packageVersion: '1.7.22-1.amzn2.0.2',
      amiName: 'amazon-eks-node-1.29-v20241024',
      release: 'v20241024',
      sourceKind: 'catalog',
    });
    expect(result.source).toContain('EKS AMI catalog');
  });

  it('answers every input in input order, pairing --release-version with --ami-type', async () => {
    const { code, stdout } = await run([
      '--ssm-parameter',
      '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240729/image_id',
      '--release-version',
      '1.29.6-20240807',
      '--ami-id',
      'ami-0123456789abcdef0',
      '--ami-type',
      'AL2_x86_64',
      '--ami-name',
      'bottlerocket-aws-k8s-1.29-x86_64-v1.20.0-fcf71a47',
      '--json',
    ]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout);
    expect(results.map((r: { verdict: string }) => r.verdict)).toEqual(['not-affected', 'possibly-affected', 'unknown', 'not-applicable']);
    // A release inside a changelog gap is a range, not a guess.
    expect(results[1]).toMatchObject({ containerd: null, range: { min: '1.7.11', max: '1.7.20' }, release: 'v20240807', sourceKind: 'catalog-gap' });
    expect(results[0].firstAffectedRelease).toBe('v20240817');
    expect(results[2].source).toContain('eks-node-guard lookup');
    expect(results[2].wantsImages).toEqual(['ami-0123456789abcdef0']);
  });

  it('a range with no upper bound has max null', async () => {
    const { stdout } = await run(['--release-version', '1.33.1-20270101', '--ami-type', 'AL2023_x86_64_STANDARD', '--json']);
    expect(JSON.parse(stdout)[0].range).toEqual({ min: '2.2.4', max: null });
  });

  it('prints version, verdict and source as text', async () => {
    const { code, stdout } = await run(['--release-version', '1.29.6-20240807', '--ami-type', 'AL2_x86_64', '--ami-name', 'amazon-eks-node-1.29-v20241024']);
    expect(code).toBe(0);
    expect(stdout).toContain('AL2_x86_64 1.29.6-20240807\n  containerd: 1.7.11..1.7.20\n  verdict:    possibly-affected\n');
    expect(stdout).toContain('amazon-eks-node-1.29-v20241024\n  containerd: 1.7.22 (1.7.22-1.amzn2.0.2)\n  verdict:    affected\n');
    expect(stdout.indexOf('AL2_x86_64 1.29.6')).toBeLessThan(stdout.indexOf('amazon-eks-node-1.29-v20241024'));
    expect(stdout).toMatch(/EKS AMI catalog as of v\d{8}/);
  });

  it('names the next affected release after the node\'s own, and labels it so', async () => {
    // The 1.29 AL2023 series had an affected containerd in v20240817 already; after v20241011 the next is v20241016.
    const { stdout } = await run(['--ami-name', 'amazon-eks-node-al2023-x86_64-standard-1.29-v20241011']);
    expect(stdout).toContain('  verdict:    not-affected\n');
    expect(stdout).toContain('  next release of this series with an affected containerd: v20241016\n');
    expect(stdout).not.toContain('first release');
  });

  it.each([
    [[], 'at least one'],
    [['--release-version', '1.29.6-20240807'], 'pairs'],
    [['--bogus'], "'--bogus'"],
    [['--ami-name'], 'argument missing'],
    [['stray'], 'positional'],
  ])('usage error %j exits 2 with one line', async (args, message) => {
    const { code, stdout, stderr } = await run(args as string[]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each([
    ['AL2_X86_64', ' (did you mean AL2_x86_64?)'],
    ['NOPE', ''],
  ])('an unknown --ami-type %s is a usage error listing the valid types', async (amiType, suggestion) => {
    const { code, stdout, stderr } = await run(['--release-version', '1.29.6-20240807', '--ami-type', amiType]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toContain(`--ami-type '${amiType}' is not an EKS AMI type${suggestion}; valid: `);
    for (const type of EKS_AMI_TYPES) expect(stderr).toContain(type);
    expect(stderr).toContain('BOTTLEROCKET_*');
  });

  it('CUSTOM is a usage error: a custom AMI has no release version', async () => {
    const { code, stderr } = await run(['--release-version', '1.29.6-20240807', '--ami-type', 'CUSTOM']);
    expect(code).toBe(2);
    expect(stderr).toContain('--ami-id or --ami-name');
  });

  it('Bottlerocket and Windows AMI types are accepted: not applicable', async () => {
    const { code, stdout } = await run(['--release-version', '1.29.6-20240807', '--ami-type', 'BOTTLEROCKET_x86_64', '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)[0].verdict).toBe('not-applicable');
  });

  it.each(['notanami', 'ami-1', 'ami-XYZ45678'])('--ami-id %s is a usage error: not an AMI id', async (id) => {
    const { code, stdout, stderr } = await run(['--ami-id', id]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(`eks-node-guard containerd: --ami-id '${id}' is not an AMI id (ami- and 8 or 17 hex digits, e.g. ami-0123456789abcdef0)\n`);
  });

  it('--help prints usage and lists the AMI types', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('--release-version V --ami-type T');
    for (const type of EKS_AMI_TYPES) expect(stdout).toContain(type);
    expect(stdout).toContain('BOTTLEROCKET_*');
  });

  it('parseContainerdArgs keeps token order', () => {
    expect(parseContainerdArgs(['--ami-id', 'ami-12345678', '--ami-name', 'n'])).toEqual({ inputs: [{ imageId: 'ami-12345678' }, { amiName: 'n' }], json: false });
  });
});
