/** Small builders for the synth tests: user data from the incident, CDK node groups, and reading the guard's annotations. */
import { App, AppProps, Aspects, CfnParameter, Fn, Stack, Stage } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import type { Construct } from 'constructs';
import { EksNodeGuard, EksNodeGuardProps } from '../../lib';
import { AFFECTED_AL2_SSM } from './fixtures';

export { AFFECTED_AL2_SSM, UNAFFECTED_AL2_SSM } from './fixtures';

export const RESOLV_FILE = '/etc/kubelet-resolv.conf';

/** The user data of the incident: an empty file handed to the kubelet. */
export function legacyCommands(cluster = 'demo'): string[] {
  return [`touch ${RESOLV_FILE}`, `/etc/eks/bootstrap.sh ${cluster} --kubelet-extra-args '--resolv-conf=${RESOLV_FILE} --node-labels=pool=a'`];
}

/** The same nodes without the resolv-conf flag. */
export function healthyCommands(cluster = 'demo'): string[] {
  return [`/etc/eks/bootstrap.sh ${cluster} --kubelet-extra-args '--node-labels=pool=a'`];
}

export function script(commands: string[]): string {
  return ['#!/bin/bash', 'set -ex', ...commands, ''].join('\n');
}

/** Plain Linux user data (CDK) with these commands. */
export function cdkScript(...commands: string[]): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(...commands);
  return userData;
}

/** Multipart user data (CDK) with one shell part of these commands, the way CDK apps wrap a script for managed node groups. */
export function cdkShellMultipart(...commands: string[]): ec2.MultipartUserData {
  const userData = new ec2.MultipartUserData();
  userData.addUserDataPart(cdkScript(...commands), ec2.MultipartBody.SHELL_SCRIPT, true);
  return userData;
}

/** A stack parameter `NodeAmi` whose value CloudFormation resolves from an SSM parameter holding an AMI id (the guard reads its default); returns the value. */
export function ssmImageParameter(scope: Construct, ssmName: string = AFFECTED_AL2_SSM): string {
  return new CfnParameter(scope, 'NodeAmi', { type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', default: ssmName }).valueAsString;
}

/** An L1 managed node group `Nodes` of cluster `demo` booting from this launch template. */
export function cfnNodegroup(
  scope: Construct,
  launchTemplate: eks.CfnNodegroup.LaunchTemplateSpecificationProperty,
  extra: Partial<eks.CfnNodegroupProps> = {},
): eks.CfnNodegroup {
  return new eks.CfnNodegroup(scope, 'Nodes', {
    clusterName: 'demo',
    nodeRole: 'arn:aws:iam::111111111111:role/nodes',
    subnets: ['subnet-1'],
    ...extra,
    launchTemplate,
  });
}

/** An L1 launch template booting the affected AL2 AMI (by `resolve:ssm:`) with a script of these commands. */
export function pinnedLaunchTemplate(scope: Construct, id: string, commands: string[]): ec2.CfnLaunchTemplate {
  return new ec2.CfnLaunchTemplate(scope, id, { launchTemplateData: { imageId: 'resolve:ssm:' + AFFECTED_AL2_SSM, userData: Fn.base64(script(commands)) } });
}

/** An app with the guard at the root; CloudFormation validation off (see test/setup-env.ts). */
export function guardedApp(props: AppProps = {}, guard: EksNodeGuardProps = {}): App {
  const app = new App(props);
  Aspects.of(app).add(new EksNodeGuard(guard));
  return app;
}

export type GuardLevel = 'error' | 'warning' | 'info';

/** One `[eks-node-guard:…]` annotation in the cloud assembly. */
export interface GuardAnnotation {
  readonly level: GuardLevel;
  /** The construct path as the assembly writes it, e.g. `/S/Nodes`. */
  readonly path: string;
  readonly message: string;
}

/**
 * The guard's annotations on a stack, in the order the stack artifact lists them. Reads the app's
 * cloud assembly as it is: the app is synthesized only if nothing synthesized it yet.
 */
export function guardAnnotations(stack: Stack): GuardAnnotation[] {
  const root = stack.node.root;
  if (!Stage.isStage(root)) throw new Error(`${stack.node.path} is not part of an App or Stage`);
  const annotations: GuardAnnotation[] = [];
  for (const m of root.synth().getStackArtifact(stack.artifactId).messages) {
    const data: unknown = m.entry.data;
    if (typeof data === 'string' && data.startsWith('[eks-node-guard:')) annotations.push({ level: m.level as GuardLevel, path: m.id, message: data });
  }
  return annotations;
}

/** Messages of the guard's annotations of one level on a stack. */
export function guardMessages(stack: Stack, level: GuardLevel = 'error'): string[] {
  return guardAnnotations(stack)
    .filter((a) => a.level === level)
    .map((a) => a.message);
}

/** The annotations of one rule on a stack, all levels: errors first, then warnings, then infos. */
export function ruleAnnotations(stack: Stack, ruleId: string): GuardAnnotation[] {
  const ofRule = guardAnnotations(stack).filter((a) => a.message.startsWith(`[eks-node-guard:${ruleId}]`));
  return (['error', 'warning', 'info'] as const).flatMap((level) => ofRule.filter((a) => a.level === level));
}

/** The messages of one rule on a stack, by level (infos left out). */
export function ruleMessages(stack: Stack, ruleId: string): { errors: string[]; warnings: string[] } {
  const annotations = ruleAnnotations(stack, ruleId);
  const of = (level: GuardLevel) => annotations.filter((a) => a.level === level).map((a) => a.message);
  return { errors: of('error'), warnings: of('warning') };
}

export interface NodeStackOptions {
  /** SSM parameter of the image id (a custom AMI); default: the affected pinned AL2 AMI. */
  readonly ssmImage?: string;
  /** Use a managed node group AMI type instead of a custom AMI. */
  readonly amiType?: string;
  readonly releaseVersion?: string;
  readonly guard?: EksNodeGuardProps;
}

export interface NodegroupStackOptions {
  /** Raw user data; the launch template gets `Fn::Base64` of it. */
  readonly userData?: string;
  /** An SSM parameter for the launch template's image id (a custom AMI); none by default. */
  readonly imageSsm?: string;
  readonly amiType?: string;
  readonly releaseVersion?: string;
  readonly version?: string;
  readonly guard?: EksNodeGuardProps;
}

/** L1: a guarded app with a CfnNodegroup (`S/Nodes`) booting from a CfnLaunchTemplate (`S/NodeTemplate`). Not synthesized. */
export function nodegroupStack(options: NodegroupStackOptions): Stack {
  const app = guardedApp({}, options.guard);
  const stack = new Stack(app, 'S');
  const imageId = options.imageSsm ? ssmImageParameter(stack, options.imageSsm) : undefined;
  const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', {
    launchTemplateData: { imageId, userData: options.userData === undefined ? undefined : Fn.base64(options.userData) },
  });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber }, { amiType: options.amiType, releaseVersion: options.releaseVersion, version: options.version });
  return stack;
}

/** L1 with a custom AMI (the affected pinned AL2 AMI unless `ssmImage` says otherwise), or an EKS `amiType`. */
export function l1NodeStack(userData: string, options: NodeStackOptions = {}): Stack {
  const custom = options.amiType === undefined;
  return nodegroupStack({ ...options, userData, imageSsm: custom ? (options.ssmImage ?? AFFECTED_AL2_SSM) : undefined });
}

export interface V2NodegroupOptions {
  readonly userData: ec2.UserData;
  /** The launch template's AMI (a custom AMI); none by default. */
  readonly machineImage?: ec2.IMachineImage;
  readonly amiType?: eks2.NodegroupAmiType;
  readonly releaseVersion?: string;
  /** The cluster's Kubernetes version. @default 1.31 */
  readonly version?: eks2.KubernetesVersion;
  readonly guard?: EksNodeGuardProps;
}

/**
 * L2: a guarded app with an aws_eks_v2 `Cluster.addNodegroupCapacity` node group booting from an
 * `ec2.LaunchTemplate` (`S/NodeTemplate`); findings land on `S/Cluster/NodegroupNodes/Resource`. Not synthesized.
 */
export function v2NodegroupStack(options: V2NodegroupOptions): Stack {
  const app = guardedApp({}, options.guard);
  const stack = new Stack(app, 'S');
  const cluster = new eks2.Cluster(stack, 'Cluster', {
    version: options.version ?? eks2.KubernetesVersion.V1_31,
    defaultCapacity: 0,
    defaultCapacityType: eks2.DefaultCapacityType.NODEGROUP,
  });
  const lt = new ec2.LaunchTemplate(stack, 'NodeTemplate', { machineImage: options.machineImage, userData: options.userData });
  cluster.addNodegroupCapacity('Nodes', {
    amiType: options.amiType,
    releaseVersion: options.releaseVersion,
    launchTemplateSpec: { id: lt.launchTemplateId!, version: lt.latestVersionNumber },
  });
  return stack;
}

/** {@link v2NodegroupStack} on a 1.29 cluster with these shell commands, on a custom AMI (the affected pinned AL2 AMI unless `ssmImage` says otherwise) or an EKS `amiType`. */
export function l2NodeStack(commands: string[], options: NodeStackOptions = {}): Stack {
  const custom = options.amiType === undefined;
  return v2NodegroupStack({
    userData: cdkScript(...commands),
    machineImage: custom ? ec2.MachineImage.fromSsmParameter(options.ssmImage ?? AFFECTED_AL2_SSM) : undefined,
    amiType: options.amiType as eks2.NodegroupAmiType | undefined,
    releaseVersion: options.releaseVersion,
    version: eks2.KubernetesVersion.V1_29,
    guard: options.guard,
  });
}

/** Counts the reads of `object[key]` from now on (writes still land): how tests see what the guard reads. */
export function countReads<T extends object>(object: T, key: keyof T & string): () => number {
  let reads = 0;
  let value = object[key];
  Object.defineProperty(object, key, {
    get: () => {
      reads++;
      return value;
    },
    set: (next: T[keyof T & string]) => {
      value = next;
    },
    configurable: true,
  });
  return () => reads;
}
