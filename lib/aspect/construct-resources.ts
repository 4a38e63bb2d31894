/**
 * The Aspect's front door: reads CloudFormation resources out of a construct tree, as
 * CloudFormation will receive them (raw overrides included), once per check.
 */
import { CfnParameter, CfnResource, Reference, Stack, Stage, Token, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { NODE_RESOURCE_TYPES } from '../nodes/definitions';
import { referencedLogicalId } from '../nodes/intrinsics';
import type { CfnParameterRecord, CfnResourceRecord, ResourceLinks } from '../nodes/resources';
import type { IntrinsicValue } from '../userdata/types';

export interface ConstructResources {
  readonly records: readonly CfnResourceRecord[];
  readonly links: ResourceLinks;
  /** The construct each record came from. */
  readonly constructOf: ReadonlyMap<CfnResourceRecord, CfnResource>;
  /** Resources that could not be read (a token that does not resolve, …). */
  readonly failures: readonly { readonly construct: IConstruct; readonly reason: string }[];
}

const GATHERED = new Set(NODE_RESOURCE_TYPES);
const CONSUMERS = new Set(['AWS::EKS::Nodegroup', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance']);

/** One walk over `root` (not into nested Stages: CDK synthesizes those separately, with their own aspects). */
export function constructResources(root: IConstruct): ConstructResources {
  const records: CfnResourceRecord[] = [];
  const constructOf = new Map<CfnResourceRecord, CfnResource>();
  const stackOf = new Map<CfnResourceRecord, Stack>();
  const parameters = new Map<Stack, Map<string, CfnParameterRecord>>();
  const failures: { construct: IConstruct; reason: string }[] = [];

  for (const construct of constructsBelow(root)) {
    if (construct instanceof CfnParameter) {
      const stack = Stack.of(construct);
      const byId = parameters.get(stack) ?? new Map<string, CfnParameterRecord>();
      parameters.set(stack, byId);
      byId.set(stack.resolve(construct.logicalId), { type: construct.type, default: typeof construct.default === 'string' ? construct.default : undefined });
    } else if (CfnResource.isCfnResource(construct) && GATHERED.has(construct.cfnResourceType)) {
      try {
        const record = recordOf(construct);
        records.push(record);
        constructOf.set(record, construct);
        stackOf.set(record, Stack.of(construct));
      } catch (err) {
        failures.push({ construct, reason: `its properties could not be resolved: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
      }
    }
  }

  const byStackAndId = new Map<Stack, Map<string, CfnResourceRecord>>();
  const byId = new Map<string, CfnResourceRecord[]>();
  const templatesByName = new Map<string, CfnResourceRecord>();
  for (const record of records) {
    const stack = stackOf.get(record)!;
    const inStack = byStackAndId.get(stack) ?? new Map<string, CfnResourceRecord>();
    byStackAndId.set(stack, inStack);
    inStack.set(record.logicalId, record);
    byId.set(record.logicalId, [...(byId.get(record.logicalId) ?? []), record]);
    const name = (record.properties.LaunchTemplateName as IntrinsicValue | undefined);
    if (record.type === 'AWS::EC2::LaunchTemplate' && typeof name === 'string') templatesByName.set(name, record);
  }
  const referenced = referencedRecords(records, constructOf);

  const links: ResourceLinks = {
    resourceFor(from, value, propertyPath) {
      // The construct-level reference at that property says which resource it really is: the
      // resolved value may be another stack's logical id (which this stack may also use), or, after
      // CDK's prepare phase, an Fn::ImportValue.
      const byReference = propertyPath !== undefined ? referenced.get(from)?.get(pathKey(propertyPath)) : undefined;
      if (byReference) return byReference;
      const id = referencedLogicalId(value);
      if (id === undefined) return undefined;
      return byStackAndId.get(stackOf.get(from)!)?.get(id) ?? uniqueOrUndefined(byId.get(id));
    },
    launchTemplateNamed: (_from, name) => templatesByName.get(name),
    parameterFor(from, value) {
      const id = referencedLogicalId(value);
      return id === undefined ? undefined : parameters.get(stackOf.get(from)!)?.get(id);
    },
  };
  return { records, links, constructOf, failures };
}

function recordOf(resource: CfnResource): CfnResourceRecord {
  const stack = Stack.of(resource);
  const logicalId: string = stack.resolve(resource.logicalId);
  // `_toCloudFormation` renders what the template will hold, raw overrides (addPropertyOverride) included.
  const rendered = stack.resolve(resource._toCloudFormation()) as { Resources: Record<string, { Properties?: Record<string, IntrinsicValue> }> };
  return {
    type: resource.cfnResourceType,
    logicalId,
    properties: rendered.Resources[logicalId]?.Properties ?? {},
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    source: { constructPath: resource.node.path, stack: stack.stackName, logicalId, resourceType: resource.cfnResourceType },
  };
}

/** For each consumer, the records its construct-level references point at, by property path. */
function referencedRecords(records: readonly CfnResourceRecord[], constructOf: ReadonlyMap<CfnResourceRecord, CfnResource>) {
  const recordOf = new Map<CfnResource, CfnResourceRecord>();
  for (const [record, construct] of constructOf) recordOf.set(construct, record);
  const result = new Map<CfnResourceRecord, Map<string, CfnResourceRecord>>();
  for (const record of records) {
    if (!CONSUMERS.has(record.type)) continue;
    const targets = new Map<string, CfnResourceRecord>();
    for (const { path, target } of referenceTargets(constructProperties(constructOf.get(record)!), '')) {
      const targetRecord = recordOf.get(target);
      if (targetRecord) targets.set(path, targetRecord);
    }
    result.set(record, targets);
  }
  return result;
}

/** L1 properties are camelCase (`launchTemplate.id`), CloudFormation's PascalCase (`LaunchTemplate.Id`). */
function pathKey(path: string): string {
  return path.toLowerCase();
}

/** The L1 properties as currently set, tokens unresolved (CfnResource keeps this getter protected). */
function constructProperties(resource: CfnResource): unknown {
  return (resource as unknown as { cfnProperties: unknown }).cfnProperties;
}

function* referenceTargets(value: unknown, path: string, depth = 0): Generator<{ path: string; target: CfnResource }> {
  if (depth > 20 || value === null || value === undefined) return;
  if (typeof value === 'string' || typeof value === 'number' || Tokenization.isResolvable(value)) {
    // Only a whole-value token can be a resource reference; concatenations are names, tags, ….
    const token = Token.isUnresolved(value) ? Tokenization.reverse(value, { failConcat: false }) : undefined;
    if (token instanceof Reference && CfnResource.isCfnResource(token.target)) yield { path: pathKey(path), target: token.target };
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
