/**
 * Counts the AWS API calls `performLookup` makes for requests of growing size, against
 * aws-sdk-client-mock mocks (no network, no credentials).
 */
import { DescribeImagesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { DESCRIBE_IMAGES_BATCH, GET_PARAMETERS_BATCH, performLookup } from '../lib/lookup/lookup';
import type { LookupItem, LookupRequest } from '../lib/lookup/types';

const REGIONS = ['us-east-1', 'eu-west-1'] as const;

/** Calls made for one request size, as the mocks saw them, and the most the targets allow. */
export interface LookupCallCount {
  /** Distinct AMI ids asked for directly (and as many SSM parameter names, each holding another id). */
  readonly amiIds: number;
  readonly parameterNames: number;
  readonly regions: number;
  readonly describeImages: number;
  readonly getParameters: number;
  /** One DescribeImages per 100 distinct ids per region (direct ids plus the ids the parameters hold). */
  readonly describeImagesAllowed: number;
  /** One GetParameters per 10 names (per region). */
  readonly getParametersAllowed: number;
  /** Whether the lookup answered every item. */
  readonly outcome: string;
}

/** Counts calls for each size: `n` AMI ids and `n` SSM names (holding `n` further ids), spread over two regions. */
export async function countLookupCalls(sizes: readonly number[]): Promise<LookupCallCount[]> {
  // The SDK's notice about future Node versions says nothing about the calls counted here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const ec2 = mockClient(EC2Client);
  const ssm = mockClient(SSMClient);
  try {
    const counts: LookupCallCount[] = [];
    for (const n of sizes) {
      ec2.reset();
      ssm.reset();
      // EC2 answers every id it is asked (ImageIds or an image-id filter) with an EKS AMI name.
      ec2.on(DescribeImagesCommand).callsFake((input) => {
        const ids: string[] = input.ImageIds ?? input.Filters?.find((f: { Name?: string }) => f.Name === 'image-id')?.Values ?? [];
        return { Images: ids.map((id) => ({ ImageId: id, Name: 'amazon-eks-node-1.29-v20241024' })) };
      });
      // Each parameter holds an AMI id derived from its name.
      ssm.on(GetParametersCommand).callsFake((input) => ({
        Parameters: (input.Names ?? []).map((name: string) => ({ Name: name, Value: parameterAmiId(name) })),
        InvalidParameters: [],
      }));
      const request = requestOf(n);
      const outcome = await performLookup(request, {
        ec2: (region) => new EC2Client({ region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }),
        ssm: (region) => new SSMClient({ region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }),
      });
      counts.push({
        amiIds: n,
        parameterNames: n,
        regions: new Set(request.images.map((i) => i.region)).size,
        describeImages: ec2.commandCalls(DescribeImagesCommand).length,
        getParameters: ssm.commandCalls(GetParametersCommand).length,
        describeImagesAllowed: allowedCalls(idsByRegion(request), DESCRIBE_IMAGES_BATCH),
        getParametersAllowed: allowedCalls(namesByRegion(request), GET_PARAMETERS_BATCH),
        outcome: outcome.kind === 'ok' ? `ok (${outcome.results.length} results)` : outcome.kind,
      });
    }
    return counts;
  } finally {
    ec2.restore();
    ssm.restore();
  }
}

/** `n` distinct AMI ids and `n` distinct parameter names, alternating between the regions. */
function requestOf(n: number): LookupRequest {
  const item = (id: string, i: number): LookupItem => ({ id, region: REGIONS[i % REGIONS.length], paths: [`Bench/Nodes${i}`] });
  return {
    version: 1,
    images: Array.from({ length: n }, (_, i) => item(amiId(i), i)),
    ssmParameters: Array.from({ length: n }, (_, i) => item(`/bench/nodes/${i}/image_id`, i)),
  };
}

function amiId(i: number): string {
  return `ami-${i.toString(16).padStart(17, '0')}`;
}

function parameterAmiId(name: string): string {
  const index = Number(/\/(\d+)\//.exec(name)?.[1] ?? 0);
  return `ami-${(0x100000 + index).toString(16).padStart(17, '0')}`;
}

/** Distinct AMI ids per region: the direct ones and the ones the parameters hold. */
function idsByRegion(request: LookupRequest): Map<string, Set<string>> {
  const ids = new Map<string, Set<string>>();
  const add = (region: string | undefined, id: string) => ids.set(region ?? '', (ids.get(region ?? '') ?? new Set()).add(id));
  for (const item of request.images) add(item.region, item.id);
  for (const item of request.ssmParameters) add(item.region, parameterAmiId(item.id));
  return ids;
}

function namesByRegion(request: LookupRequest): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const item of request.ssmParameters) names.set(item.region ?? '', (names.get(item.region ?? '') ?? new Set()).add(item.id));
  return names;
}

/** What the targets allow: one call per `batch` distinct values per region. */
function allowedCalls(valuesByRegion: ReadonlyMap<string, ReadonlySet<string>>, batch: number): number {
  let allowed = 0;
  for (const values of valuesByRegion.values()) allowed += Math.ceil(values.size / batch);
  return allowed;
}
