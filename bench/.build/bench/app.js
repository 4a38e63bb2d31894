"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.addSyntheticNodeGroups = addSyntheticNodeGroups;
/**
 * The synthetic app of the benchmark: N EKS managed node groups spread over stacks of 50, each
 * with its own launch template and MIME multipart user data in the forms CDK apps produce.
 */
const aws_cdk_lib_1 = require("aws-cdk-lib");
const ec2 = __importStar(require("aws-cdk-lib/aws-ec2"));
const eks = __importStar(require("aws-cdk-lib/aws-eks"));
const userdata_1 = require("./userdata");
/** EKS AL2 AMI v20241024 (containerd 1.7.22: affected by an empty resolv-conf), pinned by SSM name. */
const AFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';
/** EKS AL2 AMI v20240703 (containerd 1.7.11: not affected). */
const UNAFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240703/image_id';
const SSM_IMAGE_TYPE = 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';
const AMI_CHOICES = [
    { kind: 'ssm', parameter: AFFECTED_AL2_SSM },
    { kind: 'managed', amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.29.15-20250610', family: 'al2023' },
    { kind: 'ssm', parameter: UNAFFECTED_AL2_SSM },
    { kind: 'managed', amiType: 'AL2_x86_64', releaseVersion: '1.29.10-20241024', family: 'al2' },
];
const FORMS = ['literal', 'literal', 'base64', 'join', 'l2-multipart'];
/** Every 25th node group is the incident (4%: "a few legacy ones"). */
const LEGACY_EVERY = 25;
/**
 * Adds the node groups to `app`, in stacks named `Bench0`, `Bench1`, …; each stack has one
 * `CfnCluster` whose `Ref` (the cluster name) the `join` and `l2-multipart` forms embed.
 */
function addSyntheticNodeGroups(app, options) {
    const stackSize = options.stackSize ?? 50;
    const forms = { literal: 0, base64: 0, join: 0, 'l2-multipart': 0 };
    let legacy = 0;
    let stack;
    for (let i = 0; i < options.nodeGroups; i++) {
        if (i % stackSize === 0)
            stack = new BenchStack(app, `Bench${i / stackSize}`);
        const isLegacy = i % LEGACY_EVERY === 0;
        const ami = isLegacy ? AMI_CHOICES[0] : AMI_CHOICES[i % AMI_CHOICES.length];
        const form = FORMS[i % FORMS.length];
        stack.addNodeGroup(i, ami, form, isLegacy ? 'empty' : i % 3 === 0 ? 'populated' : 'default');
        forms[form] += 1;
        if (isLegacy)
            legacy += 1;
    }
    return { stacks: Math.ceil(options.nodeGroups / stackSize), nodeGroups: options.nodeGroups, legacyNodeGroups: legacy, forms };
}
class BenchStack extends aws_cdk_lib_1.Stack {
    cluster;
    ssmImages = new Map();
    constructor(scope, id) {
        super(scope, id);
        this.cluster = new eks.CfnCluster(this, 'Cluster', {
            name: `bench-${id.toLowerCase()}`,
            version: '1.29',
            roleArn: 'arn:aws:iam::111111111111:role/eks-cluster',
            resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], endpointPrivateAccess: true },
        });
    }
    addNodeGroup(index, ami, form, style) {
        const pool = `p${index}`;
        const launchTemplate = form === 'l2-multipart' ? this.l2LaunchTemplate(index, ami, style) : this.l1LaunchTemplate(index, ami, form, style);
        new eks.CfnNodegroup(this, `Nodes${index}`, {
            clusterName: this.cluster.ref,
            nodegroupName: `bench-${pool}`,
            nodeRole: 'arn:aws:iam::111111111111:role/eks-nodes',
            subnets: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'],
            scalingConfig: { minSize: 1, desiredSize: 2, maxSize: 10 },
            labels: { pool, tier: 'bench' },
            tags: { team: `team-${index % 7}`, pool },
            ...(ami.kind === 'managed' ? { amiType: ami.amiType, releaseVersion: ami.releaseVersion } : {}),
            launchTemplate,
        });
    }
    /** L1 launch template; the user data is literal text in Fn::Base64, pre-encoded base64, or Fn::Join with the cluster's Ref. */
    l1LaunchTemplate(index, ami, form, style) {
        const clusterName = form === 'join' ? this.cluster.ref : `bench-${this.node.id.toLowerCase()}`;
        const document = (0, userdata_1.mimeDocument)(userDataParts(index, ami, clusterName, style));
        const userData = form === 'base64' ? Buffer.from(document).toString('base64') : aws_cdk_lib_1.Fn.base64(document);
        const template = new ec2.CfnLaunchTemplate(this, `Template${index}`, {
            launchTemplateData: {
                ...(ami.kind === 'ssm' ? { imageId: this.ssmImage(ami.parameter) } : {}),
                instanceType: 'm6i.xlarge',
                userData,
                metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 },
                blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 80, volumeType: 'gp3', encrypted: true } }],
                tagSpecifications: [{ resourceType: 'instance', tags: [{ key: 'pool', value: `p${index}` }] }],
            },
        });
        return { id: template.ref, version: template.attrLatestVersionNumber };
    }
    /** L2 `ec2.LaunchTemplate` with `MultipartUserData` (nested base64 parts, the cluster name as a token). */
    l2LaunchTemplate(index, ami, style) {
        const userData = new ec2.MultipartUserData();
        for (const part of userDataParts(index, ami, this.cluster.ref, style)) {
            userData.addPart(ec2.MultipartBody.fromRawBody({ contentType: part.contentType, body: part.body }));
        }
        const template = new ec2.LaunchTemplate(this, `L2Template${index}`, {
            userData,
            instanceType: new ec2.InstanceType('m6i.xlarge'),
            requireImdsv2: true,
            httpPutResponseHopLimit: 2,
            blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(80, { volumeType: ec2.EbsDeviceVolumeType.GP3, encrypted: true }) }],
            ...(ami.kind === 'ssm' ? { machineImage: ec2.MachineImage.fromSsmParameter(ami.parameter) } : {}),
        });
        return { id: template.launchTemplateId, version: template.latestVersionNumber };
    }
    /** One SSM-typed stack parameter per pinned AMI name, shared by the stack's templates. */
    ssmImage(parameterName) {
        const existing = this.ssmImages.get(parameterName);
        if (existing)
            return existing;
        const parameter = new aws_cdk_lib_1.CfnParameter(this, `NodeAmi${this.ssmImages.size}`, { type: SSM_IMAGE_TYPE, default: parameterName });
        this.ssmImages.set(parameterName, parameter.valueAsString);
        return parameter.valueAsString;
    }
}
/** The parts of one node group's user data: AL2 gets a bootstrap.sh call, AL2023 a NodeConfig. */
function userDataParts(index, ami, clusterName, style) {
    const pool = `p${index}`;
    const al2023 = ami.kind === 'managed' && ami.family === 'al2023';
    // AL2023 has no bootstrap.sh; its kubelet flags go into the NodeConfig (resolv-conf untouched).
    return [(0, userdata_1.tuningScript)(index), (0, userdata_1.cloudConfig)(index), al2023 ? (0, userdata_1.nodeConfig)(pool) : (0, userdata_1.al2BootstrapScript)(clusterName, pool, style)];
}
//# sourceMappingURL=app.js.map