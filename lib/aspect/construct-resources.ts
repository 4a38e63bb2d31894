/**
 * The Aspect's front door: reads CloudFormation resources out of a construct tree, as
 * CloudFormation will receive them (raw overrides included), once per check.
 */
import { CfnParameter, CfnResource, Reference, Stack, Stage, Token, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CONSUMER_TYPES, NODE_RESOURCE_TYPES } from '../nodes/definitions';
import { literal, referencedLogicalId } from '../nodes/intrinsics';
import { launchTemplatesByName, type CfnParameterRecord, type CfnResourceRecord, type ResourceLinks } from '../nodes/resources';
import type { IntrinsicValue } from '../userdata/types';
import { ResolvedTokens, resolveValue } from './resolve-value';

export interface ConstructResources {
  readonly records: readonly CfnResourceRecord[];
  readonly links: ResourceLinks;
  /** The construct each record came from. */
  readonly constructOf: ReadonlyMap<CfnResourceRecord, CfnResource>;
  /** Resources that could not be read (a token that does not resolve, …). */
  readonly failures: readonly { readonly construct: IConstruct; readonly reason: string }[];
}

const GATHERED = new Set(NODE_RESOURCE_TYPES);
const CONSUMERS = new Set(CONSUMER_TYPES);

/** One walk over `root` (not into nested Stages: CDK synthesizes those separately, with their own aspects). */
export function constructResources(root: IConstruct): ConstructResources {
  const records: CfnResourceRecord[] = [];
  const constructOf = new Map<CfnResourceRecord, CfnResource>();
  const stackOf = new Map<CfnResourceRecord, Stack>();
  const parameters = new Map<Stack, Map<string, CfnParameterRecord>>();
  const failures: { construct: IConstruct; reason: string }[] = [];
  const tokensOf = new Map<Stack, ResolvedTokens>();
  const resolverFor = (stack: Stack): Resolver => {
    const resolved = tokensOf.get(stack) ?? new Map();
    tokensOf.set(stack, resolved);
    return (value) => resolveValue(value, stack, resolved);
  };

  for (const construct of constructsBelow(root)) {
    if (construct instanceof CfnParameter) {
      const stack = Stack.of(construct);
      const byId = parameters.get(stack) ?? new Map<string, CfnParameterRecord>();
      parameters.set(stack, byId);
      byId.set(resolverFor(stack)(construct.logicalId) as string, { type: construct.type, default: typeof construct.default === 'string' ? construct.default : undefined });
    } else if (CfnResource.isCfnResource(construct) && GATHERED.has(construct.cfnResourceType)) {
      try {
        const stack = Stack.of(construct);
        const record = recordOf(construct, stack, resolverFor(stack));
        records.push(record);
        constructOf.set(record, construct);
        stackOf.set(record, stack);
      } catch (err) {
        failures.push({ construct, reason: `its properties could not be resolved: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
      }
    }
  }

  const byStackAndId = new Map<Stack, Map<string, CfnResourceRecord>>();
  const byId = new Map<string, CfnResourceRecord[]>();
  for (const record of records) {
    const stack = stackOf.get(record)!;
    const inStack = byStackAndId.get(stack) ?? new Map<string, CfnResourceRecord>();
    byStackAndId.set(stack, inStack);
    inStack.set(record.logicalId, record);
    const sameId = byId.get(record.logicalId) ?? [];
    sameId.push(record);
    byId.set(record.logicalId, sameId);
  }
  const referenced = referencedRecords(records, constructOf);

  const links: ResourceLinks = {
    resourceFor(from, value, propertyPath) {
      // The construct-level reference at that property says which resource it really is: the
      // resolved value may be another stack's logical id (which this stack may also use), or, after
      // CDK's prepare phase, an Fn::ImportValue.
      const byReference = propertyPath !== undefined ? referenced.get(from)?.get(propertyPath) : undefined;
      if (byReference) return byReference;
      const id = referencedLogicalId(value);
      if (id === undefined) return undefined;
      return byStackAndId.get(stackOf.get(from)!)?.get(id) ?? uniqueOrUndefined(byId.get(id));
    },
    launchTemplateNamed: launchTemplatesByName(records, (record) => stackOf.get(record), (record) => literal(record.properties.LaunchTemplateName)),
    parameterFor(from, value) {
      const id = referencedLogicalId(value);
      return id === undefined ? undefined : parameters.get(stackOf.get(from)!)?.get(id);
    },
  };
  return { records, links, constructOf, failures };
}

/** Resolves a value in one stack's scope. */
type Resolver = (value: unknown) => IntrinsicValue | undefined;

function recordOf(resource: CfnResource, stack: Stack, resolve: Resolver): CfnResourceRecord {
  const logicalId = resolve(resource.logicalId) as string;
  return {
    type: resource.cfnResourceType,
    logicalId,
    properties: propertiesOf(resource, stack, logicalId, resolve),
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    source: { constructPath: resource.node.path, stack: stack.stackName, logicalId, resourceType: resource.cfnResourceType },
  };
}

type Props = Record<string, IntrinsicValue>;

/**
 * The properties the guard reads, as CloudFormation will receive them. Rendering a whole resource
 * (`_toCloudFormation`, with CDK's property validators) costs several times more than resolving the
 * few properties the guard needs, so that is done only when raw overrides may change them.
 */
function propertiesOf(resource: CfnResource, stack: Stack, logicalId: string, resolve: Resolver): Props {
  const read = PROPERTY_READERS[resource.cfnResourceType];
  if (read && !hasRawOverrides(resource)) return (resolve(read(resource as unknown as L1Props)) ?? {}) as Props;
  const rendered = stack.resolve(resource._toCloudFormation()) as { Resources: Record<string, { Properties?: Props }> };
  return rendered.Resources[logicalId]?.Properties ?? {};
}

/** `addPropertyOverride` and friends land in a private field; when it cannot be read, assume overrides. */
function hasRawOverrides(resource: CfnResource): boolean {
  const overrides = (resource as unknown as { rawOverrides?: object }).rawOverrides;
  return overrides === undefined || Object.keys(overrides).length > 0;
}

/** L1 constructs expose their properties camelCase; the readers below name them CloudFormation's way. */
type L1Props = Record<string, unknown>;

/** A nested struct under CloudFormation names; a token stands for the whole struct and resolves to CloudFormation's shape. */
function struct(value: unknown, fields: Record<string, string | ((v: unknown) => unknown)>): unknown {
  if (value === undefined || Tokenization.isResolvable(value) || typeof value !== 'object' || value === null) return value;
  const source = value as L1Props;
  return Object.fromEntries(Object.entries(fields).map(([cfnName, field]) => [cfnName, typeof field === 'string' ? source[field] : field(source)]));
}

const EC2_SPECIFICATION = { LaunchTemplateId: 'launchTemplateId', LaunchTemplateName: 'launchTemplateName', Version: 'version' };

const PROPERTY_READERS: Record<string, (r: L1Props) => unknown> = {
  'AWS::EC2::LaunchTemplate': (r) => ({
    LaunchTemplateName: r.launchTemplateName,
    LaunchTemplateData: struct(r.launchTemplateData, { UserData: 'userData', ImageId: 'imageId' }),
  }),
  'AWS::EKS::Nodegroup': (r) => ({
    AmiType: r.amiType,
    ReleaseVersion: r.releaseVersion,
    Version: r.version,
    ClusterName: r.clusterName,
    LaunchTemplate: struct(r.launchTemplate, { Id: 'id', Name: 'name', Version: 'version' }),
  }),
  'AWS::AutoScaling::AutoScalingGroup': (r) => ({
    LaunchConfigurationName: r.launchConfigurationName,
    LaunchTemplate: struct(r.launchTemplate, EC2_SPECIFICATION),
    MixedInstancesPolicy: struct(r.mixedInstancesPolicy, {
      LaunchTemplate: (policy) => struct((policy as L1Props).launchTemplate, {
        LaunchTemplateSpecification: (lt) => struct((lt as L1Props).launchTemplateSpecification, EC2_SPECIFICATION),
      }),
    }),
  }),
  'AWS::AutoScaling::LaunchConfiguration': (r) => ({ UserData: r.userData, ImageId: r.imageId }),
  'AWS::EC2::Instance': (r) => ({ UserData: r.userData, ImageId: r.imageId, LaunchTemplate: struct(r.launchTemplate, EC2_SPECIFICATION) }),
};

/** For each consumer, the records its construct-level references point at, by property path. */
function referencedRecords(records: readonly CfnResourceRecord[], constructOf: ReadonlyMap<CfnResourceRecord, CfnResource>) {
  const recordOf = new Map<CfnResource, CfnResourceRecord>();
  for (const [record, construct] of constructOf) recordOf.set(construct, record);
  const result = new Map<CfnResourceRecord, Map<string, CfnResourceRecord>>();
  for (const record of records) {
    const read = CONSUMERS.has(record.type) ? PROPERTY_READERS[record.type] : undefined;
    if (!read) continue;
    const targets = new Map<string, CfnResourceRecord>();
    // The readers give the L1 values, tokens unresolved, under CloudFormation names.
    for (const { path, target } of referenceTargets(read(constructOf.get(record)! as unknown as L1Props), '')) {
      const targetRecord = recordOf.get(target);
      if (targetRecord) targets.set(path, targetRecord);
    }
    result.set(record, targets);
  }
  return result;
}

function* referenceTargets(value: unknown, path: string, depth = 0): Generator<{ path: string; target: CfnResource }> {
  if (depth > 20 || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number' || Tokenization.isResolvable(value)) {
    // Only a whole-value token can be a resource reference; concatenations are names, tags, ….
    const token = Token.isUnresolved(value) ? Tokenization.reverse(value, { failConcat: false }) : undefined;
    if (token instanceof Reference && CfnResource.isCfnResource(token.target)) yield { path, target: token.target };
    return;
  }
  if (typeof value === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      yield* referenceTargets(child, path ? `${path}.${key}` : key, depth + 1);
    }
  }
}

function uniqueOrUndefined<T>(items: readonly T[] | undefined): T | undefined {
  return items?.length === 1 ? items[0] : undefined;
}

/** Every construct below `root`, depth first, without entering nested Stages. */
function constructsBelow(root: IConstruct): IConstruct[] {
  const out: IConstruct[] = [];
  const stack: IConstruct[] = [root];
  while (stack.length > 0) {
    const construct = stack.pop()!;
    out.push(construct);
    const children = construct.node.children;
    for (let i = children.length - 1; i >= 0; i--) {
      if (!Stage.isStage(children[i])) stack.push(children[i]);
    }
  }
  return out;
}
