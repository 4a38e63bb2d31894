/**
 * The Aspect's front door: reads CloudFormation resources out of a construct tree, as
 * CloudFormation will receive them (raw overrides included), once per check.
 *
 * Only the checked scope is read up front. What its resources lead to elsewhere in the Stage (a
 * launch template in another stack, one named from a node group, a consumer of the scope's launch
 * template) is read when a link is followed: a guard added to each of many stacks then reads each
 * stack about once, instead of the whole Stage per stack.
 */
import { CfnElement, CfnMapping, CfnOutput, CfnParameter, CfnResource, IResolvable, Reference, Stack, Token, Tokenization } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { CONSUMER_TYPES, LAUNCH_DATA_TYPES, launchDataOf, launchReferencesOf, type LaunchReference, type StructReader } from '../nodes/definitions';
import { intrinsicName, literal, referencedLogicalId } from '../nodes/intrinsics';
import { byUniqueName, type CfnMappingRecord, type CfnParameterRecord, type CfnResourceRecord, type ResourceLinks } from '../nodes/resources';
import type { IntrinsicValue } from '../userdata/types';
import { resolveValue } from './resolve-value';
import { constructsBelow, isGathered, stageOf } from './tree';

export interface ConstructResources {
  /** The resources below the checked scope. */
  readonly records: readonly CfnResourceRecord[];
  readonly links: ResourceLinks;
  /** The construct each record came from (records read to follow links included). */
  readonly constructOf: ReadonlyMap<CfnResourceRecord, CfnResource>;
  /** Resources that could not be read (a token that does not resolve, …), with the reason. */
  readonly failures: ReadonlyMap<CfnResource, string>;
  /** Which of these launch templates or configurations a node group, auto scaling group or instance outside the scope boots from. */
  readonly usedElsewhere: (launchData: readonly CfnResourceRecord[]) => ReadonlySet<CfnResourceRecord>;
}

const CONSUMERS = new Set(CONSUMER_TYPES);

/** Following `Fn::ImportValue` from export to export stops after this many hops (a loop guard). */
const MAX_IMPORT_HOPS = 16;

/** Reads the resources below `scope` (not in nested Stages: CDK synthesizes those separately, with their own aspects). */
export function constructResources(scope: IConstruct): ConstructResources {
  const stage = stageOf(scope) ?? scope.node.root;
  const constructOf = new Map<CfnResourceRecord, CfnResource>();
  const stackOf = (record: CfnResourceRecord): Stack => Stack.of(constructOf.get(record)!);
  const failures = new Map<CfnResource, string>();
  const targets = new Map<object, IConstruct>();
  const targetOf = (value: IntrinsicValue): IConstruct | undefined => (typeof value === 'object' && value !== null ? targets.get(value) : undefined);
  const tokensOf = new Map<Stack, TokensNotingTargets>();
  const resolverFor = (stack: Stack): Resolver => {
    let resolved = tokensOf.get(stack);
    if (!resolved) tokensOf.set(stack, (resolved = new TokensNotingTargets(targets)));
    return (value) => resolveValue(value, stack, resolved);
  };
  const logicalIdOf = (construct: CfnElement): string => resolverFor(Stack.of(construct))(construct.logicalId) as string;
  const read = new Map<CfnResource, CfnResourceRecord | undefined>();
  const recordFor = (construct: CfnResource): CfnResourceRecord | undefined => {
    if (read.has(construct)) return read.get(construct);
    let record: CfnResourceRecord | undefined;
    try {
      const stack = Stack.of(construct);
      record = recordOf(construct, stack, resolverFor(stack));
      constructOf.set(record, construct);
    } catch (err) {
      failures.set(construct, `its properties could not be resolved: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    }
    read.set(construct, record);
    return record;
  };
  const recordsOf = (constructs: readonly CfnResource[]): CfnResourceRecord[] => constructs.flatMap((construct) => recordFor(construct) ?? []);
  const records = recordsOf(constructsBelow(scope).filter(isGathered));

  // Built on first use, each with one walk: a reference that is not a token (a logical id written
  // as text) or a name leads anywhere in a stack or the Stage.
  const inStack = perKey((stack: Stack) => {
    const resources = new Map<string, CfnResource>();
    const parameters = new Map<string, CfnParameter>();
    const mappings = new Map<string, CfnMapping>();
    for (const construct of constructsBelow(stack)) {
      if (Stack.of(construct) !== stack) continue;
      if (isGathered(construct)) resources.set(logicalIdOf(construct), construct);
      else if (construct instanceof CfnParameter) parameters.set(logicalIdOf(construct), construct);
      else if (construct instanceof CfnMapping) mappings.set(logicalIdOf(construct), construct);
    }
    return { resources, parameters, mappings };
  });
  // One walk of the Stage, on first use, for what references lead to anywhere in it.
  const stageIndex = once(() => {
    const gathered: CfnResource[] = [];
    const outputs: CfnOutput[] = [];
    for (const construct of constructsBelow(stage)) {
      if (isGathered(construct)) gathered.push(construct);
      else if (construct instanceof CfnOutput) outputs.push(construct);
    }
    return { gathered, outputs };
  });
  const inStage = () => stageIndex().gathered;
  const byIdInStage = once(() => {
    const byId = new Map<string, CfnResource[]>();
    for (const construct of inStage()) {
      const id = logicalIdOf(construct);
      byId.set(id, [...(byId.get(id) ?? []), construct]);
    }
    return byId;
  });
  // Stacks of one app share values through exports, named uniquely per environment.
  const exportNamed = byUniqueName(
    () => stageIndex().outputs,
    (output) => (output.exportName !== undefined ? literal(resolverFor(Stack.of(output))(output.exportName)) : undefined),
    (output) => environmentOf(Stack.of(output)),
  );
  /** The output value an `Fn::ImportValue` of a literal export name imports, resolved in its stack. */
  const importedValue = (stack: Stack, value: IntrinsicValue): { stack: Stack; value: IntrinsicValue } | undefined => {
    const name = intrinsicName(value) === 'Fn::ImportValue' ? literal((value as Props)['Fn::ImportValue']) : undefined;
    const output = name !== undefined ? exportNamed(environmentOf(stack), name) : undefined;
    if (!output) return undefined;
    const exporter = Stack.of(output);
    const exported = resolverFor(exporter)(output.value);
    return exported === undefined ? undefined : { stack: exporter, value: exported };
  };
  /** The gathered construct a value refers to, seen from `stack`. */
  const constructFor = (stack: Stack, value: IntrinsicValue, hops = 0): CfnResource | undefined => {
    // The token a value came from says which resource it really is: the resolved value may be
    // another stack's logical id (which this stack may also use).
    const target = targetOf(value);
    if (target && isGathered(target)) return target;
    const id = referencedLogicalId(value);
    if (id === undefined) {
      const imported = hops < MAX_IMPORT_HOPS ? importedValue(stack, value) : undefined;
      return imported && constructFor(imported.stack, imported.value, hops + 1);
    }
    const sameStack = inStack(stack).resources.get(id);
    if (sameStack) return sameStack;
    const sameId = byIdInStage().get(id);
    return sameId?.length === 1 ? sameId[0] : undefined;
  };
  // Only the names are resolved to find a template by name; the one found is read in full.
  const templateNamed = byUniqueName(
    () => inStage().filter((construct) => construct.cfnResourceType === 'AWS::EC2::LaunchTemplate'),
    (template) => literal(hasRawOverrides(template) ? recordFor(template)?.properties.LaunchTemplateName : resolverFor(Stack.of(template))((template as unknown as L1Props).launchTemplateName)),
    (template) => Stack.of(template),
  );
  const links: ResourceLinks = {
    resourceFor(from, value) {
      const construct = constructFor(stackOf(from), value);
      return construct && recordFor(construct);
    },
    unreadableFor(from, value) {
      const construct = constructFor(stackOf(from), value);
      if (!construct || recordFor(construct)) return undefined;
      const reason = failures.get(construct);
      return reason === undefined ? undefined : { what: construct.node.path, reason };
    },
    launchTemplateNamed: (from, name) => {
      const template = templateNamed(stackOf(from), name);
      return template && recordFor(template);
    },
    parameterFor(from, value) {
      const target = targetOf(value);
      const id = referencedLogicalId(value);
      const parameter = target instanceof CfnParameter ? target : id !== undefined ? inStack(stackOf(from)).parameters.get(id) : undefined;
      return parameter && parameterRecord(parameter);
    },
    mappingFor(from, name) {
      const stack = stackOf(from);
      const mapping = inStack(stack).mappings.get(name);
      return mapping && mappingContent(mapping, resolverFor(stack));
    },
  };
  const usedElsewhere = (launchData: readonly CfnResourceRecord[]): Set<CfnResourceRecord> => {
    const used = new Set<CfnResourceRecord>();
    // Below the whole Stage, every consumer is in scope.
    if (scope === stage) return used;
    const wanted = new Set(launchData);
    const byConstruct = new Map<IConstruct | undefined, CfnResourceRecord>(launchData.map((record) => [constructOf.get(record), record]));
    const names = new Set(launchData.map((record) => literal(record.properties.LaunchTemplateName)));
    const launchDataOfConstruct = (construct: CfnResource): CfnResourceRecord[] => {
      const record = recordFor(construct);
      return record ? launchDataOf(record, links) : [];
    };
    for (const construct of inStage()) {
      if (!CONSUMERS.has(construct.cfnResourceType) || construct.node.scopes.includes(scope)) continue;
      // Most consumers name their launch templates by references: no need to resolve them.
      const referenced = launchReferenceTargets(construct, names);
      const data = referenced !== UNTOLD ? referenced.flatMap((target) => byConstruct.get(target) ?? []) : launchDataOfConstruct(construct);
      for (const record of data) if (wanted.has(record)) used.add(record);
    }
    return used;
  };
  return { records, links, constructOf, failures, usedElsewhere };
}

function parameterRecord(parameter: CfnParameter): CfnParameterRecord {
  return { type: parameter.type, default: typeof parameter.default === 'string' ? parameter.default : undefined };
}

/**
 * A mapping's keys and values as the template will hold them. CDK keeps them in a private field
 * (the public `findInMap` answers one pair of keys, and rendering the mapping may annotate it);
 * when the field is not where this expects, the mapping is unknown.
 */
function mappingContent(mapping: CfnMapping, resolve: Resolver): CfnMappingRecord | undefined {
  const content = resolve((mapping as unknown as { mapping?: unknown }).mapping);
  return typeof content === 'object' && content !== null && !Array.isArray(content) ? (content as CfnMappingRecord) : undefined;
}

/** What {@link launchReferenceTargets} answers when reading the properties is not enough. */
const UNTOLD = Symbol('untold');

/**
 * The launch templates and configurations a consumer's references point at, read without resolving
 * anything from the fields node definitions follow ({@link launchReferencesOf}). {@link UNTOLD}
 * when reading is not enough: a struct, list or value that is a token other than a reference (a
 * lazy value, a raw `{ Ref }`, an import), a reference to something else, a name among `names`,
 * or raw overrides.
 */
function launchReferenceTargets(consumer: CfnResource, names: ReadonlySet<string | undefined>): IConstruct[] | typeof UNTOLD {
  if (hasRawOverrides(consumer)) return UNTOLD;
  let opaque = false;
  const reader: StructReader = {
    struct(value, key) {
      const child = isPlainStruct(value) ? value[key] : undefined;
      if (child !== undefined && !isPlainStruct(child)) opaque = true;
      return isPlainStruct(child) ? (child as Props) : undefined;
    },
    list(value, key) {
      const child = isPlainStruct(value) ? value[key] : undefined;
      if (child !== undefined && (!Array.isArray(child) || !child.every(isPlainStruct))) opaque = true;
      return Array.isArray(child) ? (child.filter(isPlainStruct) as Props[]) : [];
    },
  };
  const props = PROPERTY_READERS[consumer.cfnResourceType](consumer as unknown as L1Props) as Props;
  const references = launchReferencesOf(consumer.cfnResourceType, props, reader);
  if (opaque) return UNTOLD;
  const targets: IConstruct[] = [];
  for (const reference of references) {
    const target = referenceTarget(reference, names);
    if (target === UNTOLD) return UNTOLD;
    if (target) targets.push(target);
  }
  return targets;
}

/** The launch template or configuration one reference points at, as {@link launchReferenceTargets} reads it; undefined when it names none by reference and none of `names`. */
function referenceTarget(reference: LaunchReference, names: ReadonlySet<string | undefined>): IConstruct | undefined | typeof UNTOLD {
  // As node definitions do: the id first, the name only when the id leads nowhere in the app.
  const values = 'template' in reference ? [reference.template[reference.keys.id], reference.template[reference.keys.name]] : [reference.configuration];
  for (const value of values) {
    if (value === undefined) continue;
    if (typeof value === 'string' && !Token.isUnresolved(value)) {
      if (names.has(value)) return UNTOLD;
      continue;
    }
    const token = typeof value === 'string' ? Tokenization.reverse(value, { failConcat: false }) : Tokenization.isResolvable(value) ? value : undefined;
    if (!(token instanceof Reference) || !isGathered(token.target) || !LAUNCH_DATA_TYPES.has(token.target.cfnResourceType)) return UNTOLD;
    return token.target;
  }
  return undefined;
}

/** Whether two stacks deploy to the same account and region (env-agnostic stacks share theirs). */
/** A stack's account and region, as a key (tokens for an environment-agnostic stack). */
function environmentOf(stack: Stack): string {
  return `${stack.account}/${stack.region}`;
}

/** A struct as written (not a token standing for one). */
function isPlainStruct(value: unknown): value is L1Props {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Tokenization.isResolvable(value);
}

/**
 * Resolved tokens of one stack that also note which construct each resolved reference stands for,
 * by the identity of the resolved value: a token is resolved once per stack, and record properties
 * hold that very object. Only a whole-value reference is one; concatenations are names, tags, ….
 */
class TokensNotingTargets extends Map<IResolvable, unknown> {
  public constructor(private readonly targets: Map<object, IConstruct>) {
    super();
  }

  public override set(token: IResolvable, value: unknown): this {
    if (token instanceof Reference && typeof value === 'object' && value !== null) this.targets.set(value, token.target);
    return super.set(token, value);
  }
}

/** `compute` run on first call only. */
function once<T>(compute: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) [value, done] = [compute(), true];
    return value;
  };
}

/** `compute` memoised per key. */
function perKey<K, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new Map<K, V>();
  return (key) => {
    if (!cache.has(key)) cache.set(key, compute(key));
    return cache.get(key)!;
  };
}

/** Resolves a value in one stack's scope. */
type Resolver = (value: unknown) => IntrinsicValue | undefined;

function recordOf(resource: CfnResource, stack: Stack, resolve: Resolver): CfnResourceRecord {
  const logicalId = resolve(resource.logicalId) as string;
  return {
    type: resource.cfnResourceType,
    logicalId,
    properties: propertiesOf(resource, resolve),
    region: Token.isUnresolved(stack.region) ? undefined : stack.region,
    source: { constructPath: resource.node.path, stack: stack.stackName, logicalId, resourceType: resource.cfnResourceType },
  };
}

type Props = Record<string, IntrinsicValue>;

/**
 * The properties the guard reads, as CloudFormation will receive them. Rendering a whole resource
 * (`_toCloudFormation`, with CDK's property validators) costs several times more than resolving the
 * few properties the guard needs, so that is done only when raw overrides may change them. The
 * rendering is resolved like the rest, so references in the properties are still followed by their
 * tokens; CDK resolves the override values itself, and references in those are followed by logical id.
 */
function propertiesOf(resource: CfnResource, resolve: Resolver): Props {
  const read = PROPERTY_READERS[resource.cfnResourceType];
  if (read && !hasRawOverrides(resource)) return (resolve(read(resource as unknown as L1Props)) ?? {}) as Props;
  // One entry, keyed by the logical id (a token): its value is what counts.
  const [rendered] = Object.values((resource._toCloudFormation() as { Resources: Record<string, unknown> }).Resources);
  return ((resolve(rendered) as { Properties?: Props } | undefined)?.Properties ?? {}) as Props;
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
  const out: L1Props = {};
  for (const [cfnName, field] of Object.entries(fields)) out[cfnName] = typeof field === 'string' ? source[field] : field(source);
  return out;
}

/** A list of structs under CloudFormation names; a token stands for the list (or an item) and resolves to CloudFormation's shape. */
function structs(value: unknown, fields: Record<string, string | ((v: unknown) => unknown)>): unknown {
  return Array.isArray(value) ? value.map((item: unknown) => struct(item, fields)) : value;
}

const EC2_SPECIFICATION = { LaunchTemplateId: 'launchTemplateId', LaunchTemplateName: 'launchTemplateName', Version: 'version' };

const PROPERTY_READERS: Record<string, (r: L1Props) => unknown> = {
  'AWS::EKS::Cluster': (r) => ({ Version: r.version }),
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
        Overrides: (lt) => structs((lt as L1Props).overrides, {
          LaunchTemplateSpecification: (override) => struct((override as L1Props).launchTemplateSpecification, EC2_SPECIFICATION),
        }),
      }),
    }),
  }),
  'AWS::AutoScaling::LaunchConfiguration': (r) => ({ UserData: r.userData, ImageId: r.imageId }),
  'AWS::EC2::Instance': (r) => ({ UserData: r.userData, ImageId: r.imageId, LaunchTemplate: struct(r.launchTemplate, EC2_SPECIFICATION) }),
};
