import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UsageError } from '../../lib/cli/io';
import { createLookupCommand, LookupCommandDeps } from '../../lib/cli/lookup';
import { nodeContextFileFs } from '../../lib/lookup/context-file';
import { LOOKUP_REQUEST_FILE, LookupRequest } from '../../lib/lookup/types';
import { capturingIo, runCli } from '../helpers/cli';
import { AL2_RECOMMENDED_SSM } from '../helpers/fixtures';
import { awsError, eksImage } from './aws-fixtures';

const ec2Mock = mockClient(EC2Client);
const ssmMock = mockClient(SSMClient);

const AMI = 'ami-0123456789abcdef0';
const PARAM = AL2_RECOMMENDED_SSM;
const PARAM_AMI = 'ami-0fedcba9876543210';

let dir: string;
beforeEach(async () => {
  ec2Mock.reset();
  ssmMock.reset();
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eng-cli-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** A cloud assembly `cdk.out` (its manifest.json) with no request file. */
async function writeAssembly(): Promise<void> {
  await fsp.mkdir(path.join(dir, 'cdk.out'), { recursive: true });
  await fsp.writeFile(path.join(dir, 'cdk.out', 'manifest.json'), '{"version":"48.0.0","artifacts":{}}');
}

async function writeRequest(request: LookupRequest): Promise<void> {
  await writeAssembly();
  await fsp.writeFile(path.join(dir, 'cdk.out', LOOKUP_REQUEST_FILE), JSON.stringify(request));
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  profiles: (string | undefined)[];
}

/** Runs the command as the dispatcher does: a UsageError becomes exit 2 and one stderr line. */
async function run(args: string[], options: { env?: Record<string, string>; profileRegion?: string; deps?: Partial<LookupCommandDeps> } = {}): Promise<Run> {
  const io = capturingIo({ cwd: dir, env: options.env });
  const profiles: Run['profiles'] = [];
  const credentials = { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' };
  const deps: LookupCommandDeps = {
    clients: ({ profile }) => {
      profiles.push(profile);
      return { ec2: (region) => new EC2Client({ region, credentials }), ssm: (region) => new SSMClient({ region, credentials }) };
    },
    defaultRegion: async (profile) => (profile === 'dev' ? options.profileRegion : undefined),
    contextFs: nodeContextFileFs,
    ...options.deps,
  };
  let code: number;
  try {
    code = await createLookupCommand(deps)(args, io);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.stderr(`eks-node-guard lookup: ${err.message}\n`);
    code = 2;
  }
  return { code, stdout: io.out, stderr: io.err, profiles };
}

function mockAws(): void {
  ssmMock.on(GetParametersCommand).resolves({ Parameters: [{ Name: PARAM, Value: PARAM_AMI }] });
  ec2Mock.on(DescribeImagesCommand).callsFake((input) => ({
    Images: (input.ImageIds as string[]).filter((id) => id === PARAM_AMI).map((id) => eksImage(id, 'v20241024', '1.7.22')),
  }));
}

const contextPath = () => path.join(dir, 'cdk.context.json');
const readContext = async () => JSON.parse(await fsp.readFile(contextPath(), 'utf8'));

test('looks up, prints a summary and call counts, and merges the answers into cdk.context.json', async () => {
  mockAws();
  await writeRequest({
    version: 1,
    images: [{ id: AMI, region: 'eu-west-1', paths: ['App/Stack/Lt'] }],
    ssmParameters: [{ id: PARAM, region: 'eu-west-1', paths: ['App/Stack/Ng'] }],
  });
  await fsp.writeFile(contextPath(), JSON.stringify({ 'availability-zones:account=1:region=eu-west-1': ['eu-west-1a'] }, undefined, 2));

  const r = await run([], { deps: { describeContainerd: (res) => `containerd for ${res.value.name}` } });
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  expect(r.stdout.split('\n')).toEqual([
    `${PARAM} (eu-west-1) = ${PARAM_AMI}`,
    `${AMI} (eu-west-1): not found (unknown, deregistered, or not shared with this account); the guard will report the AMI as unknown`,
    `${PARAM_AMI} (eu-west-1): amazon-eks-node-1.29-v20241024 -> containerd for amazon-eks-node-1.29-v20241024 [from ${PARAM}]`,
    'API calls: ec2:DescribeImages 1, ssm:GetParameters 1',
    'Wrote 3 key(s) to cdk.context.json; run cdk synth again (no AWS access needed).',
    '',
  ]);
  expect(await readContext()).toEqual({
    'availability-zones:account=1:region=eu-west-1': ['eu-west-1a'],
    [`eks-node-guard:ssm:eu-west-1:${PARAM}`]: PARAM_AMI,
    [`eks-node-guard:image:eu-west-1:${AMI}`]: { missing: true },
    [`eks-node-guard:image:eu-west-1:${PARAM_AMI}`]: {
      name: 'amazon-eks-node-1.29-v20241024',
      description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.8, containerd: 1.7.22)',
    },
  });
  expect((await fsp.readdir(dir)).sort()).toEqual(['cdk.context.json', 'cdk.out']);
});

test('--json prints an array of results on stdout and the call counts on stderr', async () => {
  mockAws();
  await writeRequest({ version: 1, images: [], ssmParameters: [{ id: PARAM, region: 'eu-west-1', paths: ['App/Stack/Ng'] }] });
  const r = await run(['--json', '--context-file', 'ctx.json']);
  expect(r.code).toBe(0);
  const results = JSON.parse(r.stdout);
  expect(results.map((x: { kind: string; contextKey: string }) => [x.kind, x.contextKey])).toEqual([
    ['ssm', `eks-node-guard:ssm:eu-west-1:${PARAM}`],
    ['image', `eks-node-guard:image:eu-west-1:${PARAM_AMI}`],
  ]);
  expect(r.stderr).toMatch(/^API calls: ec2:DescribeImages 1, ssm:GetParameters 1\nWrote 2 key\(s\) to ctx.json/);
  expect(Object.keys(JSON.parse(await fsp.readFile(path.join(dir, 'ctx.json'), 'utf8')))).toHaveLength(2);
});

test('--dry-run looks up but leaves the context file untouched', async () => {
  mockAws();
  await writeRequest({ version: 1, images: [{ id: AMI, region: 'eu-west-1', paths: [] }], ssmParameters: [] });
  await fsp.writeFile(contextPath(), '{"a":1}');
  const r = await run(['--dry-run']);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Dry run: 1 key(s) not written to cdk.context.json.');
  expect(await fsp.readFile(contextPath(), 'utf8')).toBe('{"a":1}');
});

test('nothing to look up: says so, exit 0, no AWS call and no file written', async () => {
  await writeAssembly();
  const none = await run([]);
  expect(none).toMatchObject({ code: 0, stderr: '' });
  expect(none.stdout).toBe(
    `Nothing to look up: no ${LOOKUP_REQUEST_FILE} in cdk.out (the EksNodeGuard Aspect and validation plugin write it at synth; elsewhere, run 'eks-node-guard scan cdk.out --lookups <file>' and pass --app <file>). cdk.context.json left untouched.\n`,
  );
  await writeRequest({ version: 1, images: [], ssmParameters: [] });
  expect((await run([])).stdout).toBe('Nothing to look up: the request lists no AMI id or SSM parameter: every AMI was identified offline. cdk.context.json left untouched.\n');
  expect(ec2Mock.calls()).toHaveLength(0);
  await expect(fsp.access(contextPath())).rejects.toThrow();
});

test('an AMI synth could not name is not taken for one it identified: the nodes and the reason are listed', async () => {
  const reason = 'containerd version unknown: the image id is not known at synth (a token, a parameter without a default, or a mapping whose values are not all literal AMI ids)';
  const unresolved = [{ reason, paths: ['S/LT/Resource'] }];
  const line = `No lookup can identify the AMI of S/LT/Resource: ${reason}; set the containerd option for it, or boot an AMI the guard can identify.\n`;
  await writeRequest({ version: 1, images: [], ssmParameters: [], unresolved });
  const empty = await run([]);
  expect(empty).toMatchObject({ code: 0, stderr: '' });
  expect(empty.stdout).toBe(`${line}Nothing to look up: the request lists no AMI id or SSM parameter, and no lookup can identify the AMIs above. cdk.context.json left untouched.\n`);
  expect(empty.stdout).not.toContain('identified offline');

  mockAws();
  await writeRequest({ version: 1, images: [], ssmParameters: [{ id: PARAM, region: 'eu-west-1', paths: ['S/Ng'] }], unresolved });
  const json = await run(['--json']);
  expect(json.code).toBe(0);
  expect(JSON.parse(json.stdout)).toHaveLength(2);
  expect(json.stderr.startsWith(line)).toBe(true);
});

test('a request written by `scan --lookups` is answered per region, and scan reads the answers back', async () => {
  const template = path.join(__dirname, '..', 'fixtures', 'templates', 'asg-ami-mapping.yaml');
  const [EU, US] = ['ami-0123456789abcdef0', 'ami-0fedcba9876543210'];
  const scan = (args: string[]) => runCli(['scan', template, '--format', 'json', ...args], dir);
  expect((await scan(['--lookups', 'guard.lookups.json'])).code).toBe(1);
  const regions: string[] = [];
  ec2Mock.on(DescribeImagesCommand).callsFake(async (input, getClient) => {
    regions.push(await getClient().config.region());
    return { Images: (input.ImageIds as string[]).map((id) => eksImage(id, id === EU ? 'v20240703' : 'v20241024', id === EU ? '1.7.11' : '1.7.22')) };
  });

  const r = await run(['--app', 'guard.lookups.json']);
  expect(r).toMatchObject({ code: 0, stderr: '' });
  expect(regions.sort()).toEqual(['eu-west-1', 'us-east-1']);
  expect(Object.keys(await readContext()).sort()).toEqual([`eks-node-guard:image:eu-west-1:${EU}`, `eks-node-guard:image:us-east-1:${US}`]);

  const rescan = await scan(['--context', 'cdk.context.json']);
  const [finding] = JSON.parse(rescan.stdout).findings;
  expect(finding).toMatchObject({ severity: 'error', containerd: { verdict: 'affected', version: '1.7.22' } });
  expect(finding.message).toContain('judged by the riskiest, us-east-1');
});

test('a directory that is not a cloud assembly (no manifest.json) is a usage error, not "nothing to look up"', async () => {
  await fsp.mkdir(path.join(dir, 'src'));
  const r = await run(['--app', 'src']);
  expect(r).toMatchObject({ code: 2, stdout: '' });
  expect(r.stderr).toBe(`eks-node-guard lookup: ${path.join(dir, 'src')} is not a cloud assembly (no manifest.json): run 'cdk synth' first, or pass --app <cloud assembly directory>\n`);
  await expect(fsp.access(contextPath())).rejects.toThrow();
});

test('a missing cloud assembly and unknown options are usage errors (exit 2, one line)', async () => {
  const missing = await run(['--app', 'nope']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toMatch(/^eks-node-guard lookup: .*nope not found: run 'cdk synth' first.*\n$/);
  const unknown = await run(['--bogus']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  expect(unknown.stderr).toContain('Usage: eks-node-guard lookup');
});

describe('region of env-agnostic items', () => {
  beforeEach(async () => {
    mockAws();
    await writeRequest({ version: 1, images: [{ id: AMI, paths: ['App/Agnostic/Lt'] }], ssmParameters: [] });
  });

  test('no region anywhere: one-line usage error, no AWS call', async () => {
    const r = await run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`eks-node-guard lookup: 1 item(s) come from env-agnostic stacks (e.g. ${AMI}) and no region is configured: pass --region <region> or set AWS_REGION\n`);
    expect(ec2Mock.calls()).toHaveLength(0);
  });

  test('--region wins, then AWS_REGION, AWS_DEFAULT_REGION, then the profile region', async () => {
    const regionOf = async (args: string[], env: Record<string, string>) => {
      ec2Mock.resetHistory();
      await run(args, { env, profileRegion: 'ap-south-1' });
      return ec2Mock.commandCalls(DescribeImagesCommand).length === 1 ? await ec2Mock.call(0).thisValue.config.region() : undefined;
    };
    expect(await regionOf(['--region', 'us-west-2'], { AWS_REGION: 'eu-west-1' })).toBe('us-west-2');
    expect(await regionOf([], { AWS_REGION: 'eu-west-1', AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-west-1');
    expect(await regionOf([], { AWS_DEFAULT_REGION: 'eu-central-1' })).toBe('eu-central-1');
    expect(await regionOf(['--profile', 'dev'], {})).toBe('ap-south-1');
    expect(await regionOf([], { AWS_PROFILE: 'dev' })).toBe('ap-south-1');
  });

  test('the key region stays `*` and the profile reaches the client factory', async () => {
    const r = await run(['--profile', 'dev'], { profileRegion: 'ap-south-1' });
    expect(r.profiles).toEqual(['dev']);
    expect(Object.keys(await readContext())).toEqual([`eks-node-guard:image:*:${AMI}`]);
  });
});

describe('failures: exit 1, one stderr line, context file byte-identical', () => {
  const original = Buffer.from('{\n    "keep": [1, 2.5, "x"]\n}', 'utf8');
  beforeEach(async () => {
    await writeRequest({ version: 1, images: [{ id: AMI, region: 'eu-west-1', paths: [] }], ssmParameters: [{ id: PARAM, region: 'eu-west-1', paths: [] }] });
    await fsp.writeFile(contextPath(), original);
  });
  const unchanged = async () => {
    expect((await fsp.readFile(contextPath())).equals(original)).toBe(true);
    expect((await fsp.readdir(dir)).sort()).toEqual(['cdk.context.json', 'cdk.out']);
  };

  test('AccessDenied on ssm:GetParameters', async () => {
    ssmMock.on(GetParametersCommand).rejects(awsError('AccessDeniedException', 'User: x is not authorized to perform: ssm:GetParameters'));
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^eks-node-guard lookup: not authorized to call ssm:GetParameters in eu-west-1 .*allow the IAM action ssm:GetParameters.*\n$/);
    expect(r.stdout).toBe('');
    await unchanged();
  });

  test('throttling exhausted on ec2:DescribeImages', async () => {
    ssmMock.on(GetParametersCommand).resolves({ Parameters: [], InvalidParameters: [PARAM] });
    ec2Mock.on(DescribeImagesCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.', 3));
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/still throttled after 3 attempts \(the SDK's retries are exhausted\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    await unchanged();
  });

  test('no credentials', async () => {
    ssmMock.on(GetParametersCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no AWS credentials found .*--profile/);
    await unchanged();
  });

  test('a rename failure while writing', async () => {
    mockAws();
    const r = await run([], { deps: { contextFs: { ...nodeContextFileFs, rename: async () => { throw new Error('EACCES: permission denied'); } } } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/cannot write .*cdk.context.json: EACCES/);
    await unchanged();
  });

  test('a corrupt context file fails before any AWS call', async () => {
    const corrupt = Buffer.from('{"a": 1,,}', 'utf8');
    await fsp.writeFile(contextPath(), corrupt);
    mockAws();
    const r = await run([]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^eks-node-guard lookup: .*cdk.context.json is not valid JSON .*left unchanged\n$/);
    expect(ssmMock.calls()).toHaveLength(0);
    expect((await fsp.readFile(contextPath())).equals(corrupt)).toBe(true);
  });
});
