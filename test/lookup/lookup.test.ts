import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import {
  amiIdInParameterValue,
  contextEntries,
  ImageLookupResult,
  LookupClientFactory,
  performLookup,
  SsmLookupResult,
} from '../../lib/lookup/lookup';
import { LookupItem, LookupRequest } from '../../lib/lookup/types';
import { amiId, awsError, eksImage, networkError } from './aws-fixtures';

const ec2Mock = mockClient(EC2Client);
const ssmMock = mockClient(SSMClient);

/** Real client classes (their `send` is stubbed by aws-sdk-client-mock); one per region. */
function factory(): LookupClientFactory & { regions: string[] } {
  const regions: string[] = [];
  return {
    regions,
    ec2: (region) => {
      regions.push(`ec2:${region}`);
      return new EC2Client({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
    },
    ssm: (region) => {
      regions.push(`ssm:${region}`);
      return new SSMClient({ region, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } });
    },
  };
}

function request(images: LookupItem[], ssmParameters: LookupItem[] = []): LookupRequest {
  return { version: 1, images, ssmParameters };
}

function imageItems(count: number, region: string | undefined = 'eu-west-1'): LookupItem[] {
  return Array.from({ length: count }, (_, i) => ({ id: amiId(i + 1), region, paths: [`App/Stack/Ng${i}`] }));
}

/** DescribeImages answers every id it is asked for (ImageIds or the image-id filter). */
function describeEverything(): void {
  ec2Mock.on(DescribeImagesCommand).callsFake((input) => {
    const ids: string[] = input.ImageIds ?? input.Filters?.[0]?.Values ?? [];
    return { Images: ids.map((id) => eksImage(id)) };
  });
}

const images = (results: readonly unknown[]) => results.filter((r): r is ImageLookupResult => (r as ImageLookupResult).kind === 'image');
const parameters = (results: readonly unknown[]) => results.filter((r): r is SsmLookupResult => (r as SsmLookupResult).kind === 'ssm');

beforeEach(() => {
  ec2Mock.reset();
  ssmMock.reset();
});

describe('DescribeImages batching', () => {
  test.each([
    [1, 1],
    [100, 1],
    [101, 2],
    [250, 3],
    [50, 1],
    [500, 5],
  ])('%i ids in one region -> %i DescribeImages call(s), each with at most 100 ids', async (count, expectedCalls) => {
    describeEverything();
    const outcome = await performLookup(request(imageItems(count)), factory());
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.calls).toEqual({ 'ec2:DescribeImages': expectedCalls, 'ssm:GetParameters': 0 });
    const sent = ec2Mock.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input.ImageIds ?? []);
    expect(sent).toHaveLength(expectedCalls);
    expect(Math.max(...sent.map((ids) => ids.length))).toBeLessThanOrEqual(100);
    expect(new Set(sent.flat()).size).toBe(count);
    expect(images(outcome.results)).toHaveLength(count);
    expect(images(outcome.results).every((r) => r.value.name === 'amazon-eks-node-1.29-v20241024')).toBe(true);
  });

  test('duplicate ids are asked once; deprecated AMIs are included', async () => {
    describeEverything();
    const items = [...imageItems(3), ...imageItems(3)];
    const outcome = await performLookup(request(items), factory());
    const input = ec2Mock.commandCalls(DescribeImagesCommand)[0].args[0].input;
    expect(input.ImageIds).toEqual([amiId(1), amiId(2), amiId(3)]);
    expect(input.IncludeDeprecated).toBe(true);
    expect(outcome.calls['ec2:DescribeImages']).toBe(1);
  });

  test('ids of different regions are batched per region, with one client per region', async () => {
    describeEverything();
    const f = factory();
    const outcome = await performLookup(request([...imageItems(2, 'eu-west-1'), ...imageItems(2, 'us-east-1')]), f);
    expect(outcome.calls['ec2:DescribeImages']).toBe(2);
    expect(f.regions).toEqual(['ec2:eu-west-1', 'ec2:us-east-1']);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(outcome.results.map((r) => r.contextKey)).toEqual([
      `eks-node-guard:image:eu-west-1:${amiId(1)}`,
      `eks-node-guard:image:eu-west-1:${amiId(2)}`,
      `eks-node-guard:image:us-east-1:${amiId(1)}`,
      `eks-node-guard:image:us-east-1:${amiId(2)}`,
    ]);
  });

  test('follows NextToken pagination', async () => {
    ec2Mock
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [eksImage(amiId(1))], NextToken: 'page-2' })
      .resolvesOnce({ Images: [eksImage(amiId(2))] });
    const outcome = await performLookup(request(imageItems(2)), factory());
    const calls = ec2Mock.commandCalls(DescribeImagesCommand).map((c) => c.args[0].input);
    expect(calls[0].NextToken).toBeUndefined();
    expect(calls[1]).toMatchObject({ NextToken: 'page-2', ImageIds: [amiId(1), amiId(2)] });
    expect(outcome.calls['ec2:DescribeImages']).toBe(2);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(images(outcome.results).map((r) => r.value.missing)).toEqual([undefined, undefined]);
  });
});

describe('missing AMIs', () => {
  test('ids absent from a partial DescribeImages answer are recorded as { missing: true }', async () => {
    ec2Mock.on(DescribeImagesCommand).resolves({ Images: [eksImage(amiId(2))] });
    const outcome = await performLookup(request(imageItems(3)), factory());
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(images(outcome.results).map((r) => [r.imageId, r.value, r.missingReason])).toEqual([
      [amiId(1), { missing: true }, 'not-found'],
      [amiId(2), { name: 'amazon-eks-node-1.29-v20241024', description: eksImage('x').Description }, undefined],
      [amiId(3), { missing: true }, 'not-found'],
    ]);
    expect(contextEntries(outcome.results)[`eks-node-guard:image:eu-west-1:${amiId(1)}`]).toEqual({ missing: true });
  });

  test('InvalidAMIID.NotFound for one id re-asks the batch with the image-id filter, which just omits it', async () => {
    ec2Mock
      .on(DescribeImagesCommand)
      .rejectsOnce(awsError('InvalidAMIID.NotFound', `The image id '[${amiId(2)}]' does not exist`))
      .resolvesOnce({ Images: [eksImage(amiId(1))] });
    const outcome = await performLookup(request(imageItems(2)), factory());
    const second = ec2Mock.commandCalls(DescribeImagesCommand)[1].args[0].input;
    expect(second.ImageIds).toBeUndefined();
    expect(second.Filters).toEqual([{ Name: 'image-id', Values: [amiId(1), amiId(2)] }]);
    expect(second.IncludeDeprecated).toBe(true);
    expect(outcome.calls['ec2:DescribeImages']).toBe(2);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(images(outcome.results).map((r) => r.value.missing ?? false)).toEqual([false, true]);
  });

  test('a malformed id is recorded as missing without being sent', async () => {
    describeEverything();
    const outcome = await performLookup(request([{ id: 'ami-nothex', region: 'eu-west-1', paths: [] }, ...imageItems(1)]), factory());
    expect(ec2Mock.commandCalls(DescribeImagesCommand)[0].args[0].input.ImageIds).toEqual([amiId(1)]);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(images(outcome.results)[0]).toMatchObject({ imageId: 'ami-nothex', value: { missing: true }, missingReason: 'malformed' });
  });
});

describe('SSM parameters', () => {
  const recommended = (k8s: string) => `/aws/service/eks/optimized-ami/${k8s}/amazon-linux-2/recommended/image_id`;

  test('batches names by 10 and chains AMI values into the same region DescribeImages batch', async () => {
    const names = Array.from({ length: 12 }, (_, i) => recommended(`1.${20 + i}`));
    ssmMock.on(GetParametersCommand).callsFake((input) => ({
      Parameters: (input.Names as string[]).map((name) => ({ Name: name, Value: amiId(1000 + names.indexOf(name)) })),
    }));
    describeEverything();
    const outcome = await performLookup(
      request(imageItems(2), names.map((id) => ({ id, region: 'eu-west-1', paths: ['App/Stack/Ng'] }))),
      factory(),
    );
    expect(outcome.calls).toEqual({ 'ec2:DescribeImages': 1, 'ssm:GetParameters': 2 });
    expect(ssmMock.commandCalls(GetParametersCommand).map((c) => c.args[0].input.Names!.length)).toEqual([10, 2]);
    // The two literal ids and the twelve parameter values go out in one DescribeImages call.
    expect(ec2Mock.commandCalls(DescribeImagesCommand)[0].args[0].input.ImageIds).toHaveLength(14);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    const first = parameters(outcome.results)[0];
    expect(first).toMatchObject({ name: names[0], value: amiId(1000), imageId: amiId(1000), contextKey: `eks-node-guard:ssm:eu-west-1:${names[0]}` });
    const chained = images(outcome.results).find((r) => r.imageId === amiId(1000))!;
    expect(chained.viaParameters).toEqual([names[0]]);
    expect(chained.value.name).toBe('amazon-eks-node-1.29-v20241024');
    const entries = contextEntries(outcome.results);
    expect(entries[`eks-node-guard:ssm:eu-west-1:${names[0]}`]).toBe(amiId(1000));
    expect(entries[`eks-node-guard:image:eu-west-1:${amiId(1000)}`]).toMatchObject({ name: 'amazon-eks-node-1.29-v20241024' });
  });

  test('InvalidParameters are recorded as missing and get no context entry', async () => {
    ssmMock.on(GetParametersCommand).resolves({
      Parameters: [{ Name: '/real', Value: '1.29.10-20241122' }],
      InvalidParameters: ['/typo'],
    });
    const outcome = await performLookup(
      request([], [
        { id: '/real', region: 'eu-west-1', paths: [] },
        { id: '/typo', region: 'eu-west-1', paths: [] },
      ]),
      factory(),
    );
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(parameters(outcome.results)).toMatchObject([
      { name: '/real', value: '1.29.10-20241122' },
      { name: '/typo', missing: true },
    ]);
    expect(parameters(outcome.results)[0].imageId).toBeUndefined();
    expect(ec2Mock.commandCalls(DescribeImagesCommand)).toHaveLength(0);
    expect(contextEntries(outcome.results)).toEqual({ 'eks-node-guard:ssm:eu-west-1:/real': '1.29.10-20241122' });
  });

  test('env-agnostic items use the default region and the `*` key region', async () => {
    ssmMock.on(GetParametersCommand).resolves({ Parameters: [{ Name: '/p', Value: amiId(7) }] });
    describeEverything();
    const f = factory();
    const outcome = await performLookup(request([], [{ id: '/p', paths: [] }]), f, { defaultRegion: 'ap-south-1' });
    expect(f.regions).toEqual(['ssm:ap-south-1', 'ec2:ap-south-1']);
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    expect(outcome.results.map((r) => [r.contextKey, r.region])).toEqual([
      ['eks-node-guard:ssm:*:/p', 'ap-south-1'],
      [`eks-node-guard:image:*:${amiId(7)}`, 'ap-south-1'],
    ]);
  });

  test('without a default region, regionless items are reported before any call', async () => {
    const outcome = await performLookup(request([{ id: amiId(1), paths: [] }]), factory());
    expect(outcome).toEqual({ kind: 'needs-region', items: [amiId(1)], calls: { 'ec2:DescribeImages': 0, 'ssm:GetParameters': 0 } });
  });

  test('amiIdInParameterValue reads plain ids and the image_id of a recommended JSON value', () => {
    expect(amiIdInParameterValue(amiId(1))).toBe(amiId(1));
    expect(amiIdInParameterValue(JSON.stringify({ image_id: 'ami-0abc1234', image_name: 'x' }))).toBe('ami-0abc1234');
    expect(amiIdInParameterValue('1.29.10-20241122')).toBeUndefined();
    expect(amiIdInParameterValue('{not json')).toBeUndefined();
  });
});

describe('failures stop the lookup with one classified failure', () => {
  test('AccessDeniedException on GetParameters names ssm:GetParameters', async () => {
    ssmMock.on(GetParametersCommand).rejects(awsError('AccessDeniedException', 'User: arn:aws:iam::1:user/x is not authorized'));
    const outcome = await performLookup(request(imageItems(1), [{ id: '/p', region: 'eu-west-1', paths: [] }]), factory());
    expect(outcome.kind).toBe('failed');
    if (outcome.kind !== 'failed') return;
    expect(outcome.failure).toMatchObject({ kind: 'access-denied', action: 'ssm:GetParameters', region: 'eu-west-1' });
    expect(outcome.failure.message).toContain('ssm:GetParameters');
    expect(ec2Mock.commandCalls(DescribeImagesCommand)).toHaveLength(0);
  });

  test('UnauthorizedOperation on DescribeImages names ec2:DescribeImages', async () => {
    ec2Mock.on(DescribeImagesCommand).rejects(awsError('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    const outcome = await performLookup(request(imageItems(1)), factory());
    if (outcome.kind !== 'failed') throw new Error(outcome.kind);
    expect(outcome.failure.kind).toBe('access-denied');
    expect(outcome.failure.message).toMatch(/allow the IAM action ec2:DescribeImages/);
  });

  test('throttling exhausted after the SDK retries says so', async () => {
    ec2Mock.on(DescribeImagesCommand).rejects(awsError('RequestLimitExceeded', 'Request limit exceeded.', 3));
    const outcome = await performLookup(request(imageItems(1)), factory());
    if (outcome.kind !== 'failed') throw new Error(outcome.kind);
    expect(outcome.failure.kind).toBe('throttled');
    expect(outcome.failure.message).toContain('after 3 attempts');
    expect(outcome.calls['ec2:DescribeImages']).toBe(1);
  });

  test('a throttled batch after a successful one fails the whole run (nothing partial is returned)', async () => {
    ec2Mock
      .on(DescribeImagesCommand)
      .resolvesOnce({ Images: [] })
      .rejectsOnce(awsError('RequestLimitExceeded', 'Request limit exceeded.', 3));
    const outcome = await performLookup(request(imageItems(150)), factory());
    expect(outcome.kind).toBe('failed');
    expect(outcome.calls['ec2:DescribeImages']).toBe(2);
  });

  test('network errors are classified as such', async () => {
    ssmMock.on(GetParametersCommand).rejects(networkError());
    const outcome = await performLookup(request([], [{ id: '/p', region: 'eu-west-1', paths: [] }]), factory());
    if (outcome.kind !== 'failed') throw new Error(outcome.kind);
    expect(outcome.failure.kind).toBe('network');
    expect(outcome.failure.message).toContain('ECONNREFUSED');
  });

  test('missing credentials say how to provide them', async () => {
    ec2Mock.on(DescribeImagesCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));
    const outcome = await performLookup(request(imageItems(1)), factory());
    if (outcome.kind !== 'failed') throw new Error(outcome.kind);
    expect(outcome.failure.kind).toBe('no-credentials');
    expect(outcome.failure.message).toMatch(/--profile.*AWS_ACCESS_KEY_ID/);
  });
});
