"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NODE_RESOURCE_TYPES = void 0;
exports.nodeDefinitionsFrom = nodeDefinitionsFrom;
const intrinsics_1 = require("./intrinsics");
const LAUNCH_TEMPLATE = 'AWS::EC2::LaunchTemplate';
const LAUNCH_CONFIGURATION = 'AWS::AutoScaling::LaunchConfiguration';
const CLUSTER_TYPES = ['AWS::EKS::Cluster', 'Custom::AWSCDK-EKS-Cluster'];
/** The CloudFormation types front doors gather: what defines nodes, their launch data, their clusters. */
exports.NODE_RESOURCE_TYPES = [
    ...CLUSTER_TYPES,
    'AWS::EKS::Nodegroup',
    'AWS::AutoScaling::AutoScalingGroup',
    'AWS::EC2::Instance',
    LAUNCH_TEMPLATE,
    LAUNCH_CONFIGURATION,
];
/**
 * One definition per node group, auto scaling group and instance, plus one per launch template or
 * launch configuration that none of them uses (it may boot nodes outside the app).
 */
function nodeDefinitionsFrom(resources, links) {
    const used = new Set();
    const definitions = [];
    for (const resource of resources) {
        const definition = consumerDefinition(resource, links);
        if (!definition)
            continue;
        if (definition.launchData)
            used.add(definition.launchData);
        definitions.push(definition.node);
    }
    for (const resource of resources) {
        if ((resource.type === LAUNCH_TEMPLATE || resource.type === LAUNCH_CONFIGURATION) && !used.has(resource)) {
            definitions.push(standaloneDefinition(resource, links));
        }
    }
    return definitions;
}
function consumerDefinition(resource, links) {
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
function nodegroupDefinition(resource, links) {
    const props = resource.properties;
    const spec = (0, intrinsics_1.objectAt)(props, 'LaunchTemplate');
    const lt = spec ? launchTemplateFor(resource, spec.Id, spec.Name, spec.Version, links) : NO_LAUNCH_DATA;
    const data = lt.record ? launchTemplateData(lt.record) : {};
    const imageId = data.ImageId;
    const ami = {
        ...amiFromImageId(lt.record ?? resource, imageId, links),
        amiType: (0, intrinsics_1.literal)(props.AmiType),
        releaseVersion: (0, intrinsics_1.literal)(props.ReleaseVersion),
        kubernetesVersion: (0, intrinsics_1.literal)(props.Version) ?? clusterVersion(resource, props.ClusterName, links),
        region: resource.region,
    };
    return {
        launchData: lt.record,
        node: {
            kind: 'managed-nodegroup',
            source: resource.source,
            userData: data.UserData,
            userDataSource: lt.record?.source,
            launchTemplate: lt.link,
            launchTemplateRef: lt.description,
            ami: prune(ami),
            customAmi: imageId !== undefined || (0, intrinsics_1.literal)(props.AmiType) === 'CUSTOM',
        },
    };
}
/** A node group without `Version` runs its cluster's Kubernetes version. */
function clusterVersion(from, clusterName, links) {
    const cluster = clusterName !== undefined ? links.resourceFor(from, clusterName) : undefined;
    if (!cluster || !CLUSTER_TYPES.includes(cluster.type))
        return undefined;
    // aws_eks (v1) provisions the cluster through a custom resource whose settings sit under `Config`.
    return (0, intrinsics_1.literal)(cluster.properties.Version) ?? (0, intrinsics_1.literal)((0, intrinsics_1.objectAt)(cluster.properties, 'Config')?.version);
}
function autoScalingGroupDefinition(resource, links) {
    const props = resource.properties;
    const mixed = (0, intrinsics_1.objectAt)((0, intrinsics_1.objectAt)((0, intrinsics_1.objectAt)(props, 'MixedInstancesPolicy'), 'LaunchTemplate'), 'LaunchTemplateSpecification');
    const spec = (0, intrinsics_1.objectAt)(props, 'LaunchTemplate') ?? mixed;
    let launch = NO_LAUNCH_DATA;
    let data = {};
    if (spec) {
        launch = launchTemplateFor(resource, spec.LaunchTemplateId, spec.LaunchTemplateName, spec.Version, links);
        data = launch.record ? launchTemplateData(launch.record) : {};
    }
    else if (props.LaunchConfigurationName !== undefined) {
        launch = launchConfigurationFor(resource, props.LaunchConfigurationName, links);
        data = launch.record?.properties ?? {};
    }
    return {
        launchData: launch.record,
        node: definitionFromLaunchData('auto-scaling-group', resource, launch, data, links),
    };
}
function instanceDefinition(resource, links) {
    const props = resource.properties;
    const spec = (0, intrinsics_1.objectAt)(props, 'LaunchTemplate');
    const launch = spec ? launchTemplateFor(resource, spec.LaunchTemplateId, spec.LaunchTemplateName, spec.Version, links) : NO_LAUNCH_DATA;
    const fromTemplate = launch.record ? launchTemplateData(launch.record) : {};
    // An instance's own UserData/ImageId override its launch template's.
    const data = {
        UserData: props.UserData ?? fromTemplate.UserData,
        ImageId: props.ImageId ?? fromTemplate.ImageId,
    };
    const ownUserData = props.UserData !== undefined;
    const node = definitionFromLaunchData('instance', resource, ownUserData ? { ...launch, record: undefined } : launch, data, links);
    return { launchData: launch.record, node: { ...node, launchTemplate: ownUserData ? 'none' : node.launchTemplate } };
}
function standaloneDefinition(resource, links) {
    const isTemplate = resource.type === LAUNCH_TEMPLATE;
    const data = isTemplate ? launchTemplateData(resource) : resource.properties;
    return {
        kind: isTemplate ? 'launch-template' : 'launch-configuration',
        source: resource.source,
        userData: data.UserData,
        launchTemplate: 'none',
        ami: prune({ ...amiFromImageId(resource, data.ImageId, links), region: resource.region }),
        customAmi: data.ImageId !== undefined,
    };
}
function definitionFromLaunchData(kind, resource, launch, data, links) {
    return {
        kind,
        source: resource.source,
        userData: data.UserData,
        userDataSource: launch.record?.source,
        launchTemplate: launch.link,
        launchTemplateRef: launch.description,
        ami: prune({ ...amiFromImageId(launch.record ?? resource, data.ImageId, links), region: resource.region }),
        customAmi: data.ImageId !== undefined,
    };
}
const NO_LAUNCH_DATA = { link: 'none' };
function launchTemplateFor(from, id, name, version, links) {
    const byId = id !== undefined ? links.resourceFor(from, id) : undefined;
    const nameText = (0, intrinsics_1.literal)(name);
    const record = byId ?? (nameText !== undefined ? links.launchTemplateNamed(from, nameText) : name !== undefined ? links.resourceFor(from, name) : undefined);
    if (record?.type === LAUNCH_TEMPLATE)
        return { record, link: 'resolved' };
    const versionText = (0, intrinsics_1.literal)(version) ?? (version === undefined ? '$Default' : 'a computed version');
    const what = (0, intrinsics_1.literal)(id) ?? (nameText !== undefined ? `named "${nameText}"` : 'given by a value the configuration does not show');
    return { link: 'external', description: `launch template ${what} (version ${versionText})` };
}
function launchConfigurationFor(from, name, links) {
    const record = links.resourceFor(from, name);
    if (record?.type === LAUNCH_CONFIGURATION)
        return { record, link: 'resolved' };
    return { link: 'external', description: `launch configuration ${(0, intrinsics_1.literal)(name) ?? 'given by a value the configuration does not show'}` };
}
function launchTemplateData(record) {
    return (0, intrinsics_1.objectAt)(record.properties, 'LaunchTemplateData') ?? {};
}
/** What an `ImageId` value says about the AMI: a literal id, an SSM parameter, or nothing. */
function amiFromImageId(from, imageId, links) {
    if (imageId === undefined)
        return {};
    const text = (0, intrinsics_1.literal)(imageId);
    if (text !== undefined) {
        const ssm = ssmParameterInImageId(text);
        return ssm ? { ssmParameter: ssm } : { imageId: text };
    }
    const parameter = links.parameterFor(from, imageId);
    if (parameter?.default && parameter.type.startsWith('AWS::SSM::Parameter::Value')) {
        return { ssmParameter: parameter.default };
    }
    return { imageIdUnresolved: true };
}
/**
 * EC2 resolves `resolve:ssm:<name>` in an ImageId at launch, CloudFormation `{{resolve:ssm:<name>}}`
 * at deploy: both name the SSM parameter that holds the AMI id.
 */
function ssmParameterInImageId(text) {
    return text.match(/^(?:\{\{)?resolve:ssm:([^:}]+)(?::[\w.-]+)?(?:\}\})?$/)?.[1];
}
function prune(ami) {
    return Object.fromEntries(Object.entries(ami).filter(([, v]) => v !== undefined));
}
//# sourceMappingURL=definitions.js.map