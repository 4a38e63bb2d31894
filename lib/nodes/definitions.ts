/**
 * Turns CloudFormation resources into the node definitions the rules judge. Shared by both front
 * doors, so the Aspect and `scan` cannot disagree on what boots a node.
 */
import { isAmiId } from '../ami/identify';
import type { AmiReference } from '../ami/types';
import type { LaunchTemplateLink, NodeDefinition, NodeKind } from '../model';
import type { IntrinsicValue } from '../userdata/types';
import { intrinsicName, literal, objectAt, objectsAt } from './intrinsics';
import type { CfnResourceRecord, ResourceLinks, UnreadableResource } from './resources';

type Props = { readonly [key: string]: IntrinsicValue };

const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';
const AUTO_SCALING_GROUP = 'AWS::AutoScaling::AutoScalingGroup';

const CLUSTER_TYPES = ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'];

/** Resources that boot nodes from launch data (theirs or a launch template's). */
export const CONSUMER_TYPES: readonly string[] = ['AWS::EKS::Nodegroup', AUTO_SCALING_GROUP, 'AWS::EC2::Instance'];

/** Launch templates and launch configurations: what consumers boot from. */
export const LAUNCH_DATA_TYPES: ReadonlySet<string> = new Set([LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION]);

/** The CloudFormation types front doors gather: what defines nodes, their launch data, their clusters. */
export const NODE_RESOURCE_TYPES: readonly string[] = [...CLUSTER_TYPES, ...CONSUMER_TYPES, LAUNCH_TEMPLATE, LAUNCH_CONFIGURATION];

/**
 * One definition per node group, auto scaling group and instance (an auto scaling group has one per
 * launch template it boots from), plus one per launch template or launch configuration that none
 * of them uses (it may boot nodes outside the app).
 * @param usedElsewhere which of some launch templates or configurations are used by node groups,
 *   auto scaling groups or instances that are not among `resources` (not judged here); asked only
 *   about those no resource uses.
 */
export function nodeDefinitionsFrom(
  resources: readonly CfnResourceRecord[],
  links: ResourceLinks,
  usedElsewhere: (launchData: readonly CfnResourceRecord[]) => ReadonlySet<CfnResourceRecord> = () => new Set(),
): NodeDefinition[] {
  const used = new Set<CfnResourceRecord>();
  const definitions: NodeDefinition[] = [];
  for (const resource of resources) {
    const definition = consumerDefinition(resource, links);
    if (!definition) continue;
    for (const record of definition.launchData) used.add(record);
    definitions.push(...definition.nodes);
  }
  const unused = resources.filter((resource) => (resource.type === LAUNCH_TEMPLATE || resource.type === LAUNCH_CONFIGURATION) && !used.has(resource));
  const elsewhere = unused.length > 0 ? usedElsewhere(unused) : new Set();
  for (const resource of unused) if (!elsewhere.has(resource)) definitions.push(standaloneDefinition(resource, links));
  return definitions;
}

/** The launch templates and configurations in the app that a node group, auto scaling group or instance boots from. */
export function launchDataOf(consumer: CfnResourceRecord, links: ResourceLinks): CfnResourceRecord[] {
  return launchesOf(consumer, links).flatMap((launch) => launch.record ?? []);
}

/** Where a consumer names its launch data: a launch template specification (under its keys) or a launch configuration name. */
export type LaunchReference = { readonly template: Props; readonly keys: SpecificationKeys } | { readonly configuration: IntrinsicValue };

/** How a front door reads nested structs of properties (it may tell apart what counts as one). */
export interface StructReader {
  /** The struct under `key` of `value`, if there is one. */
  struct(value: unknown, key: string): Props | undefined;
  /** The structs of the list under `key` of `value`; none when there is no list. */
  list(value: unknown, key: string): readonly Props[];
}

const PLAIN_STRUCTS: StructReader = { struct: objectAt, list: objectsAt };

/**
 * Which launch templates or configurations a node group, auto scaling group or instance names: its
 * `LaunchTemplate`; for an auto scaling group, else its mixed instances policy's, else its launch
 * configuration, and then the launch templates the policy's overrides name (instance types that
 * boot from a template of their own, e.g. an arm64 AMI for Graviton types).
 */
export function launchReferencesOf(type: string, props: Props, read: StructReader = PLAIN_STRUCTS): LaunchReference[] {
  const direct = read.struct(props, 'LaunchTemplate');
  if (type === 'AWS::EKS::Nodegroup') return direct ? [{ template: direct, keys: NODEGROUP_KEYS }] : [];
  if (type !== AUTO_SCALING_GROUP) return direct ? [{ template: direct, keys: EC2_KEYS }] : [];
  const policyTemplate = read.struct(read.struct(props, 'MixedInstancesPolicy'), 'LaunchTemplate');
  const spec = direct ?? read.struct(policyTemplate, 'LaunchTemplateSpecification');
  const base: LaunchReference[] = spec ? [{ template: spec, keys: EC2_KEYS }] : props.LaunchConfigurationName !== undefined ? [{ configuration: props.LaunchConfigurationName }] : [];
  const overrides = read.list(policyTemplate, 'Overrides').map((override) => read.struct(override, 'LaunchTemplateSpecification'));
  return [...base, ...overrides.filter((template) => template !== undefined).map((template) => ({ template, keys: EC2_KEYS }))];
}

/** What a consumer boots from, each once (an override may name the base launch template again). */
function launchesOf(consumer: CfnResourceRecord, links: ResourceLinks): LaunchData[] {
  const launches: LaunchData[] = [];
  for (const reference of launchReferencesOf(consumer.type, consumer.properties)) {
    const launch = 'template' in reference ? launchTemplateFor(consumer, reference.template, reference.keys, links) : launchConfigurationFor(consumer, reference.configuration, links);
    if (!launches.some((known) => known.record === launch.record && known.description === launch.description)) launches.push(launch);
  }
  return launches;
}

/** What a node group or instance boots from: they name one launch template at most. */
function launchOf(consumer: CfnResourceRecord, links: ResourceLinks): LaunchData {
  return launchesOf(consumer, links)[0] ?? NO_LAUNCH_DATA;
}

interface ConsumerDefinition {
  readonly nodes: readonly NodeDefinition[];
  readonly launchData: readonly CfnResourceRecord[];
}

function consumerDefinition(resource: CfnResourceRecord, links: ResourceLinks): ConsumerDefinition | undefined {
  switch (resource.type) {
    case 'AWS::EKS::Nodegroup':
      return nodegroupDefinition(resource, links);
    case 'AWS::AutoScaling::AutoScalingGroup':
      return autoScalingGroupDefinition(resource, links);
    case 'AWS::EC2::Instance':
      return instanceDefinition(resource, links);
    default:
      return undefined;
  }
}

function nodegroupDefinition(resource: CfnResourceRecord, links: ResourceLinks): ConsumerDefinition {
  const props = resource.properties;
  const lt = launchOf(resource, links);
  const node = definitionFromLaunchData('managed-nodegroup', resource, lt, launchDataProps(lt.record), links, {
    amiType: literal(props.AmiType),
    releaseVersion: literal(props.ReleaseVersion),
    kubernetesVersion: literal(props.Version) ?? clusterVersion(resource, props.ClusterName, links),
  });
  return { launchData: lt.record ? [lt.record] : [], nodes: [node] };
}

/** A node group without `Version` runs its cluster's Kubernetes version. */
function clusterVersion(from: CfnResourceRecord, clusterName: IntrinsicValue | undefined, links: ResourceLinks): string | undefined {
  const cluster = clusterName !== undefined ? links.resourceFor(from, clusterName) : undefined;
  if (!cluster || !CLUSTER_TYPES.includes(cluster.type)) return undefined;
  // aws_eks (v1) provisions the cluster through a custom resource whose settings sit under `Config`.
  return literal(cluster.properties.Version) ?? literal(objectAt(cluster.properties, 'Config')?.version);
}

/** One definition per launch template or configuration the group boots from: each boots some of its instances, and findings land on the group. */
function autoScalingGroupDefinition(resource: CfnResourceRecord, links: ResourceLinks): ConsumerDefinition {
  const launches = launchesOf(resource, links);
  return {
    launchData: launches.flatMap((launch) => launch.record ?? []),
    nodes: (launches.length > 0 ? launches : [NO_LAUNCH_DATA]).map((launch) => definitionFromLaunchData('auto-scaling-group', resource, launch, launchDataProps(launch.record), links)),
  };
}

function instanceDefinition(resource: CfnResourceRecord, links: ResourceLinks): ConsumerDefinition {
  const props = resource.properties;
  const launch = launchOf(resource, links);
  const fromTemplate = launchDataProps(launch.record);
  // An instance's own UserData/ImageId override its launch template's.
  const data: Props = {
    UserData: props.UserData ?? fromTemplate.UserData,
    ImageId: props.ImageId ?? fromTemplate.ImageId,
  };
  const ownUserData = props.UserData !== undefined;
  return { launchData: launch.record ? [launch.record] : [], nodes: [definitionFromLaunchData('instance', resource, ownUserData ? NO_LAUNCH_DATA : launch, data, links)] };
}

function standaloneDefinition(resource: CfnResourceRecord, links: ResourceLinks): NodeDefinition {
  const kind = resource.type === LAUNCH_TEMPLATE ? 'launch-template' : 'launch-configuration';
  return definitionFromLaunchData(kind, resource, NO_LAUNCH_DATA, launchDataProps(resource), links);
}

/** `UserData` and `ImageId` of a launch template (its `LaunchTemplateData`) or launch configuration; none without one. */
function launchDataProps(record: CfnResourceRecord | undefined): Props {
  if (!record) return {};
  return record.type === LAUNCH_TEMPLATE ? launchTemplateData(record) : record.properties;
}

/** A node booting from `data` (`UserData`, `ImageId`) of its launch template, launch configuration or itself. */
function definitionFromLaunchData(
  kind: NodeKind,
  resource: CfnResourceRecord,
  launch: LaunchData,
  data: Props,
  links: ResourceLinks,
  managedAmi: Pick<AmiReference, 'amiType' | 'releaseVersion' | 'kubernetesVersion'> = {},
): NodeDefinition {
  return {
    kind,
    source: resource.source,
    userData: data.UserData,
    userDataSource: launch.record?.source,
    launchTemplate: launch.link,
    launchTemplateRef: launch.description,
    ami: prune({ ...amiFromImageId(launch.record ?? resource, data.ImageId, links), ...managedAmi, region: resource.region }),
    // A managed node group runs a custom AMI when its template names one or its AMI type says so.
    customAmi: data.ImageId !== undefined || managedAmi.amiType === 'CUSTOM',
  };
}

interface LaunchData {
  readonly record?: CfnResourceRecord;
  readonly link: LaunchTemplateLink;
  readonly description?: string;
}

const NO_LAUNCH_DATA: LaunchData = { link: 'none' };

/** The keys of a launch template specification: EKS calls them `Id`/`Name`, EC2 and Auto Scaling `LaunchTemplateId`/`…Name`. */
export interface SpecificationKeys {
  readonly id: string;
  readonly name: string;
}
const NODEGROUP_KEYS: SpecificationKeys = { id: 'Id', name: 'Name' };
const EC2_KEYS: SpecificationKeys = { id: 'LaunchTemplateId', name: 'LaunchTemplateName' };

function launchTemplateFor(from: CfnResourceRecord, spec: Props, keys: SpecificationKeys, links: ResourceLinks): LaunchData {
  const id = spec[keys.id];
  const name = spec[keys.name];
  const nameText = literal(name);
  const record =
    (id !== undefined ? links.resourceFor(from, id) : undefined) ??
    (nameText !== undefined ? links.launchTemplateNamed(from, nameText) : name !== undefined ? links.resourceFor(from, name) : undefined);
  if (record?.type === LAUNCH_TEMPLATE) return { record, link: 'resolved' };
  const version = spec.Version;
  const versionText = literal(version) ?? (version === undefined ? '$Default' : 'a computed version');
  const unreadable = unreadableTarget(from, [id, name], links);
  if (unreadable) return { link: 'unreadable', description: `launch template ${unreadable.what} (version ${versionText}), which the guard could not read (${unreadable.reason})` };
  const what =
    literal(id) ??
    (nameText !== undefined ? `named "${nameText}"` : id === undefined && name === undefined ? 'with neither an id nor a name' : 'given by a value the configuration does not show');
  return { link: 'external', description: `launch template ${what} (version ${versionText})` };
}

function launchConfigurationFor(from: CfnResourceRecord, name: IntrinsicValue, links: ResourceLinks): LaunchData {
  const record = links.resourceFor(from, name);
  if (record?.type === LAUNCH_CONFIGURATION) return { record, link: 'resolved' };
  const unreadable = unreadableTarget(from, [name], links);
  if (unreadable) return { link: 'unreadable', description: `launch configuration ${unreadable.what}, which the guard could not read (${unreadable.reason})` };
  return { link: 'external', description: `launch configuration ${literal(name) ?? 'given by a value the configuration does not show'}` };
}

/** The first of `values` that refers to a resource the front door could not read. */
function unreadableTarget(from: CfnResourceRecord, values: readonly (IntrinsicValue | undefined)[], links: ResourceLinks): UnreadableResource | undefined {
  for (const value of values) {
    const unreadable = value !== undefined ? links.unreadableFor?.(from, value) : undefined;
    if (unreadable) return unreadable;
  }
  return undefined;
}

function launchTemplateData(record: CfnResourceRecord): Props {
  return objectAt(record.properties, 'LaunchTemplateData') ?? {};
}

/** What an `ImageId` value says about the AMI: a literal id, an SSM parameter, each region's id of a mapping, or nothing. */
function amiFromImageId(from: CfnResourceRecord, imageId: IntrinsicValue | undefined, links: ResourceLinks): AmiReference {
  if (imageId === undefined) return {};
  const text = literal(imageId);
  if (text !== undefined) return amiFromText(text);
  const parameter = links.parameterFor(from, imageId);
  if (parameter?.default && parameter.type.startsWith('AWS::SSM::Parameter::Value')) {
    return { ssmParameter: parameter.default };
  }
  const findInMap = intrinsicName(imageId) === 'Fn::FindInMap' ? (imageId as Props)['Fn::FindInMap'] : undefined;
  return (findInMap !== undefined ? amiFromMapping(from, findInMap, links) : undefined) ?? { imageIdUnresolved: true };
}

/** A literal image id: an AMI id, or an SSM parameter EC2 or CloudFormation resolves. */
function amiFromText(text: string): AmiReference {
  const ssm = ssmParameterInImageId(text);
  return ssm ? { ssmParameter: ssm } : { imageId: text };
}

/**
 * `Fn::FindInMap [mapping, key, key]` on a mapping of the template: the value, when the first key
 * is a literal or `AWS::Region` of a stack with a concrete region; each region's AMI id, when it is
 * `AWS::Region` of an env-agnostic stack (`MachineImage.genericLinux`, `genericWindows`). A region
 * without the second key is left out: the stack cannot deploy there. Undefined when the mapping is
 * not known or a value is not a literal (AMI id, for the regions).
 */
function amiFromMapping(from: CfnResourceRecord, args: IntrinsicValue, links: ResourceLinks): AmiReference | undefined {
  if (!Array.isArray(args) || args.length !== 3) return undefined;
  const [name, second] = [literal(args[0]), literal(args[2])];
  const mapping = name !== undefined ? links.mappingFor(from, name) : undefined;
  if (name === undefined || second === undefined || !mapping) return undefined;
  const byRegion = intrinsicName(args[1]) === 'Ref' && (args[1] as Props).Ref === 'AWS::Region';
  const first = literal(args[1]) ?? (byRegion ? from.region : undefined);
  if (first !== undefined) {
    const value = literal(mapping[first]?.[second]);
    return value !== undefined ? amiFromText(value) : undefined;
  }
  if (!byRegion) return undefined;
  const ids: Record<string, string> = {};
  for (const [region, values] of Object.entries(mapping)) {
    if (values?.[second] === undefined) continue;
    const id = literal(values[second]);
    if (id === undefined || !isAmiId(id)) return undefined;
    ids[region] = id;
  }
  return { regionalImageIds: { mapping: name, ids } };
}

/**
 * EC2 resolves `resolve:ssm:<name>` in an ImageId at launch, CloudFormation `{{resolve:ssm:<name>}}`
 * at deploy: both name the SSM parameter that holds the AMI id.
 */
function ssmParameterInImageId(text: string): string | undefined {
  return text.match(/^(?:\{\{)?resolve:ssm:([^:}]+)(?::[\w.-]+)?(?:\}\})?$/)?.[1];
}

function prune(ami: AmiReference): AmiReference {
  return Object.fromEntries(Object.entries(ami).filter(([, v]) => v !== undefined)) as AmiReference;
}
