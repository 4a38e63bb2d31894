/**
 * The synthetic app of the benchmark: N EKS managed node groups spread over stacks of 50, each
 * with its own launch template and MIME multipart user data in the forms CDK apps produce.
 */
import { App, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { al2BootstrapScript, cloudConfig, MimePart, mimeDocument, nodeConfig, ResolvStyle, tuningScript } from './userdata';

/** EKS AL2 AMI v20241024 (containerd 1.7.22: affected by an empty resolv-conf), pinned by SSM name. */
const AFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';
/** EKS AL2 AMI v20240703 (containerd 1.7.11: not affected). */
const UNAFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240703/image_id';
const SSM_IMAGE_TYPE = 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>';

/** How a node group's AMI is chosen; all resolve offline. */
type AmiChoice =
  | { readonly kind: 'ssm'; readonly parameter: string }
  | { readonly kind: 'managed'; readonly amiType: string; readonly releaseVersion: string; readonly family: 'al2' | 'al2023' };

/** How the user data reaches the template. */
export type UserDataForm = 'literal' | 'base64' | 'join' | 'l2-multipart';

/** What the generator built: the counts the benchmark prints next to its timings. */
export interface SyntheticAppShape {
  readonly stacks: number;
  readonly nodeGroups: number;
  /** Node groups with the incident's empty resolv-conf on an affected AMI: the guard must report each. */
  readonly legacyNodeGroups: number;
  readonly forms: Readonly<Record<UserDataForm, number>>;
}

/** Options of {@link addSyntheticNodeGroups}. */
export interface SyntheticAppOptions {
  readonly nodeGroups: number;
}

const AMI_CHOICES: readonly AmiChoice[] = [
  { kind: 'ssm', parameter: AFFECTED_AL2_SSM },
  { kind: 'managed', amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.29.15-20250610', family: 'al2023' },
  { kind: 'ssm', parameter: UNAFFECTED_AL2_SSM },
  { kind: 'managed', amiType: 'AL2_x86_64', releaseVersion: '1.29.10-20241024', family: 'al2' },
];
/** Node groups per stack. */
const STACK_SIZE = 50;
const FORMS: readonly UserDataForm[] = ['literal', 'literal', 'base64', 'join', 'l2-multipart'];
/** Every 25th node group is the incident (4%: "a few legacy ones"). */
const LEGACY_EVERY = 25;

/**
 * Adds the node groups to `app`, in stacks named `Bench0`, `Bench1`, …; each stack has one
 * `CfnCluster` whose `Ref` (the cluster name) the `join` and `l2-multipart` forms embed.
 */
export function addSyntheticNodeGroups(app: App, options: SyntheticAppOptions): SyntheticAppShape {
  const forms: Record<UserDataForm, number> = { literal: 0, base64: 0, join: 0, 'l2-multipart': 0 };
  let legacy = 0;
  let stack: BenchStack | undefined;
  for (let i = 0; i < options.nodeGroups; i++) {
    if (i % STACK_SIZE === 0) stack = new BenchStack(app, `Bench${i / STACK_SIZE}`);
    const isLegacy = i % LEGACY_EVERY === 0;
    const ami = isLegacy ? AMI_CHOICES[0] : AMI_CHOICES[i % AMI_CHOICES.length];
    const form = FORMS[i % FORMS.length];
    stack!.addNodeGroup(i, ami, form, isLegacy ? 'empty' : i % 3 === 0 ? 'populated' : 'default');
    forms[form] += 1;
    if (isLegacy) legacy += 1;
  }
  return { stacks: Math.ceil(options.nodeGroups / STACK_SIZE), nodeGroups: options.nodeGroups, legacyNodeGroups: legacy, forms };
}

class BenchStack extends Stack {
  private readonly cluster: eks.CfnCluster;
  private readonly ssmImages = new Map<string, string>();

  public constructor(scope: App, id: string) {
    super(scope, id);
    this.cluster = new eks.CfnCluster(this, 'Cluster', {
      name: `bench-${id.toLowerCase()}`,
      version: '1.29',
      roleArn: 'arn:aws:iam::111111111111:role/eks-cluster',
      resourcesVpcConfig: { subnetIds: ['subnet-0a1b2c3d', 'subnet-1a2b3c4d'], endpointPrivateAccess: true },
    });
  }

  public addNodeGroup(index: number, ami: AmiChoice, form: UserDataForm, style: ResolvStyle): void {
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
  private l1LaunchTemplate(index: number, ami: AmiChoice, form: Exclude<UserDataForm, 'l2-multipart'>, style: ResolvStyle) {
    const clusterName = form === 'join' ? this.cluster.ref : `bench-${this.node.id.toLowerCase()}`;
    const document = mimeDocument(userDataParts(index, ami, clusterName, style));
    const userData = form === 'base64' ? Buffer.from(document).toString('base64') : Fn.base64(document);
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
  private l2LaunchTemplate(index: number, ami: AmiChoice, style: ResolvStyle) {
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
    return { id: template.launchTemplateId!, version: template.latestVersionNumber };
  }

  /** One SSM-typed stack parameter per pinned AMI name, shared by the stack's templates. */
  private ssmImage(parameterName: string): string {
    const existing = this.ssmImages.get(parameterName);
    if (existing) return existing;
    const parameter = new CfnParameter(this, `NodeAmi${this.ssmImages.size}`, { type: SSM_IMAGE_TYPE, default: parameterName });
    this.ssmImages.set(parameterName, parameter.valueAsString);
    return parameter.valueAsString;
  }
}

/**
 * The parts of one node group's user data, as each kind of node group ships them: a custom AL2 AMI
 * (pinned by SSM) calls bootstrap.sh itself; on an EKS-managed AL2 AMI, EKS merges its own
 * bootstrap call after the parts; AL2023 passes its kubelet flags in a NodeConfig.
 */
function userDataParts(index: number, ami: AmiChoice, clusterName: string, style: ResolvStyle): MimePart[] {
  const pool = `p${index}`;
  const common = [tuningScript(index), cloudConfig(index, clusterName)];
  if (ami.kind === 'ssm') return [...common, al2BootstrapScript(clusterName, pool, style)];
  return ami.family === 'al2023' ? [...common, nodeConfig(pool)] : common;
}
