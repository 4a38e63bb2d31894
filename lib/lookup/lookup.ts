/**
 * Answering a {@link LookupRequest} with AWS: SSM GetParameters, then EC2 DescribeImages for the
 * literal AMI ids and the AMI ids the parameters hold, batched per region. No file IO here.
 */
import { DescribeImagesCommand, DescribeImagesCommandInput, EC2Client, Image } from '@aws-sdk/client-ec2';
import { GetParametersCommand, SSMClient } from '@aws-sdk/client-ssm';
import { isAmiId } from '../ami/identify';
import { classifyAwsError, LookupAction, LookupFailure } from './errors';
import { ImageContextValue, imageContextKey, LookupItem, LookupRequest, ssmContextKey } from './types';

/** EC2 accepts many ids per DescribeImages; 100 keeps each request and response small. */
export const DESCRIBE_IMAGES_BATCH = 100;
/** GetParameters takes at most 10 names per call (an AWS limit). */
export const GET_PARAMETERS_BATCH = 10;

/** Makes (or returns cached) SDK clients for a region. Tests pass mocked or endpoint-overridden clients. */
export interface LookupClientFactory {
  readonly ec2: (region: string) => EC2Client;
  readonly ssm: (region: string) => SSMClient;
}

/** SDK `send` calls made, per API action (SDK-internal retries of one call count once). */
export interface LookupCallCounts {
  readonly 'ec2:DescribeImages': number;
  readonly 'ssm:GetParameters': number;
}

/** What DescribeImages said about one AMI id, and the context key that stores it. */
export interface ImageLookupResult {
  readonly kind: 'image';
  readonly imageId: string;
  /** The region asked. */
  readonly region: string;
  /** The context key written (its region is `*` for items of env-agnostic stacks). */
  readonly contextKey: string;
  readonly value: ImageContextValue;
  /** Why it is missing, when it is: `not-found` (not returned by EC2) or `malformed` (not an AMI id, not sent). */
  readonly missingReason?: 'not-found' | 'malformed';
  /** SSM parameters whose value is this AMI id, when it was found through them. */
  readonly viaParameters: readonly string[];
  /** Construct paths of the nodes that need it. */
  readonly paths: readonly string[];
}

/** What GetParameters said about one parameter. */
export interface SsmLookupResult {
  readonly kind: 'ssm';
  readonly name: string;
  readonly region: string;
  readonly contextKey: string;
  /** The parameter's value; absent when the parameter does not exist (or is not readable). */
  readonly value?: string;
  /** True when GetParameters listed the name under InvalidParameters. */
  readonly missing?: boolean;
  /** The AMI id the value holds (a plain id, or `image_id` of a JSON value), described in the same run. */
  readonly imageId?: string;
  readonly paths: readonly string[];
}

export type LookupResult = ImageLookupResult | SsmLookupResult;

/** The outcome of {@link performLookup}: results, or the first failure; call counts either way. */
export type LookupOutcome =
  | { readonly kind: 'ok'; readonly results: readonly LookupResult[]; readonly calls: LookupCallCounts }
  | { readonly kind: 'failed'; readonly failure: LookupFailure; readonly calls: LookupCallCounts }
  /** Some items have no region and no default region was given. */
  | { readonly kind: 'needs-region'; readonly items: readonly string[]; readonly calls: LookupCallCounts };

export interface PerformLookupOptions {
  /** Region for items whose stack had none (env-agnostic stacks). */
  readonly defaultRegion?: string;
}


/** The AMI id an SSM parameter value holds: the value itself, or `image_id` of a JSON object (`.../recommended`). */
export function amiIdInParameterValue(value: string): string | undefined {
  const trimmed = value.trim();
  if (isAmiId(trimmed)) return trimmed;
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const id = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).image_id : undefined;
    return typeof id === 'string' && isAmiId(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Items of `request` that have no region of their own. */
export function regionlessItems(request: LookupRequest): string[] {
  return [...request.images, ...request.ssmParameters].filter((i) => !i.region).map((i) => i.id);
}

/** A lookup item with the region to ask and the region that goes into its context key. */
interface PlannedItem {
  readonly id: string;
  readonly region: string;
  readonly keyRegion: string;
  readonly paths: readonly string[];
}

class FailedCall extends Error {
  constructor(readonly failure: LookupFailure) {
    super(failure.message);
  }
}

/**
 * Looks up every item of `request`: at most one GetParameters call per 10 names and one
 * DescribeImages call per 100 distinct AMI ids per region (plus NextToken pages, and one
 * filter-based retry of a batch EC2 rejects for an unknown id). Stops at the first failed call.
 */
export async function performLookup(
  request: LookupRequest,
  clients: LookupClientFactory,
  options: PerformLookupOptions = {},
): Promise<LookupOutcome> {
  const calls = { 'ec2:DescribeImages': 0, 'ssm:GetParameters': 0 };
  const missingRegion = options.defaultRegion ? [] : regionlessItems(request);
  if (missingRegion.length > 0) return { kind: 'needs-region', items: missingRegion, calls };
  const plan = (items: readonly LookupItem[]): PlannedItem[] =>
    items.map((i) => ({ id: i.id, region: i.region ?? options.defaultRegion!, keyRegion: i.region ?? '*', paths: i.paths }));

  try {
    const parameters = plan(request.ssmParameters);
    const ssmResults = await lookUpParameters(parameters, clients, calls);
    // The AMI behind an image_id parameter is described in the same run, so one synth settles it.
    const chained: ChainedItem[] = ssmResults.flatMap((r, index) =>
      r.imageId ? [{ ...parameters[index], id: r.imageId, via: r.name }] : [],
    );
    const imageResults = await lookUpImages(plan(request.images), chained, clients, calls);
    return { kind: 'ok', results: [...ssmResults, ...imageResults], calls };
  } catch (err) {
    if (err instanceof FailedCall) return { kind: 'failed', failure: err.failure, calls };
    throw err;
  }
}

async function send<T>(action: LookupAction, region: string, call: () => Promise<T>, calls: Record<LookupAction, number>): Promise<T> {
  calls[action] += 1;
  try {
    return await call();
  } catch (err) {
    throw new FailedCall(classifyAwsError(err, action, region));
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

function groupByRegion<T extends { region: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(item.region, [...(groups.get(item.region) ?? []), item]);
  return groups;
}

/** Results in the order of `items` (one per item). */
async function lookUpParameters(items: readonly PlannedItem[], clients: LookupClientFactory, calls: Record<LookupAction, number>): Promise<SsmLookupResult[]> {
  const answers = new Map<string, { value?: string; missing?: boolean }>();
  for (const [region, group] of groupByRegion(items)) {
    const names = [...new Set(group.map((i) => i.id))];
    for (const batch of chunk(names, GET_PARAMETERS_BATCH)) {
      const out = await send('ssm:GetParameters', region, () => clients.ssm(region).send(new GetParametersCommand({ Names: batch })), calls);
      for (const p of out.Parameters ?? []) {
        // A `name:version` or `name:label` request comes back as Name + Selector.
        if (p.Name !== undefined) answers.set(`${region}\u0000${p.Name}${p.Selector ?? ''}`, { value: p.Value ?? '' });
      }
      for (const name of out.InvalidParameters ?? []) answers.set(`${region}\u0000${name}`, { missing: true });
    }
  }
  return items.map((item) => {
    // A name AWS neither returned nor listed as invalid is treated as missing too: never guessed.
    const answer = answers.get(`${item.region}\u0000${item.id}`) ?? { missing: true };
    const imageId = answer.value !== undefined ? amiIdInParameterValue(answer.value) : undefined;
    return {
      kind: 'ssm',
      name: item.id,
      region: item.region,
      contextKey: ssmContextKey(item.keyRegion, item.id),
      ...(answer.value !== undefined ? { value: answer.value } : { missing: true }),
      ...(imageId ? { imageId } : {}),
      paths: item.paths,
    };
  });
}

interface ChainedItem extends PlannedItem {
  readonly via: string;
}

async function lookUpImages(
  direct: readonly PlannedItem[],
  chained: readonly ChainedItem[],
  clients: LookupClientFactory,
  calls: Record<LookupAction, number>,
): Promise<ImageLookupResult[]> {
  const all: (PlannedItem & { readonly via?: string })[] = [...direct, ...chained];
  const described = new Map<string, Image>();
  for (const [region, group] of groupByRegion(all)) {
    const ids = [...new Set(group.map((i) => i.id).filter((id) => isAmiId(id)))];
    for (const batch of chunk(ids, DESCRIBE_IMAGES_BATCH)) {
      for (const image of await describeBatch(region, batch, clients, calls)) {
        if (image.ImageId) described.set(`${region}\u0000${image.ImageId}`, image);
      }
    }
  }
  // One result per context key: the same AMI may be asked for directly and through a parameter.
  const byKey = new Map<string, { item: PlannedItem; paths: Set<string>; via: Set<string> }>();
  for (const item of all) {
    const key = imageContextKey(item.keyRegion, item.id);
    const entry = byKey.get(key) ?? { item, paths: new Set<string>(), via: new Set<string>() };
    item.paths.forEach((p) => entry.paths.add(p));
    if (item.via) entry.via.add(item.via);
    byKey.set(key, entry);
  }
  return [...byKey.entries()].map(([contextKey, { item, paths, via }]) => {
    const image = described.get(`${item.region}\u0000${item.id}`);
    const base = { kind: 'image' as const, imageId: item.id, region: item.region, contextKey, viaParameters: [...via], paths: [...paths] };
    if (!image) return { ...base, value: { missing: true }, missingReason: isAmiId(item.id) ? 'not-found' : 'malformed' };
    return { ...base, value: imageValue(image) };
  });
}

function imageValue(image: Image): ImageContextValue {
  return { ...(image.Name !== undefined ? { name: image.Name } : {}), ...(image.Description !== undefined ? { description: image.Description } : {}) };
}

/** EC2 fails a whole ImageIds call when one id is unknown; the image-id filter instead just omits it. */
const UNKNOWN_ID_ERRORS = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable']);

async function describeBatch(region: string, ids: readonly string[], clients: LookupClientFactory, calls: Record<LookupAction, number>): Promise<Image[]> {
  try {
    // Deprecated AMIs (EKS AMIs older than two years) must still be described.
    return await describeAllPages(region, { ImageIds: [...ids], IncludeDeprecated: true }, clients, calls);
  } catch (err) {
    if (err instanceof UnknownIdError) {
      return describeAllPages(region, { Filters: [{ Name: 'image-id', Values: [...ids] }], IncludeDeprecated: true }, clients, calls);
    }
    throw err;
  }
}

class UnknownIdError extends Error {}

async function describeAllPages(region: string, input: DescribeImagesCommandInput, clients: LookupClientFactory, calls: Record<LookupAction, number>): Promise<Image[]> {
  const images: Image[] = [];
  let nextToken: string | undefined;
  do {
    const page = { ...input, ...(nextToken ? { NextToken: nextToken } : {}) };
    calls['ec2:DescribeImages'] += 1;
    let out;
    try {
      out = await clients.ec2(region).send(new DescribeImagesCommand(page));
    } catch (err) {
      const name = (err as { name?: unknown }).name;
      if (typeof name === 'string' && UNKNOWN_ID_ERRORS.has(name) && input.ImageIds) throw new UnknownIdError(name);
      throw new FailedCall(classifyAwsError(err, 'ec2:DescribeImages', region));
    }
    images.push(...(out.Images ?? []));
    nextToken = out.NextToken;
  } while (nextToken);
  return images;
}

/**
 * The cdk.context.json entries for `results`: every image (found or `{ missing: true }`) and every
 * parameter with a value. A missing parameter gets no entry: its key holds a parameter value by
 * contract, so synth keeps asking for it and says why.
 */
export function contextEntries(results: readonly LookupResult[]): Record<string, ImageContextValue | string> {
  const entries: Record<string, ImageContextValue | string> = {};
  for (const result of results) {
    if (result.kind === 'image') entries[result.contextKey] = result.value;
    else if (result.value !== undefined) entries[result.contextKey] = result.value;
  }
  return entries;
}
