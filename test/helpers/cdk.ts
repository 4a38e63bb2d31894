/** Small builders for the synth tests: user data from the incident, and reading the guard's annotations. */
import { App, AppProps, Aspects, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { EksNodeGuard, EksNodeGuardProps } from '../../lib';

/** The EKS AL2 AMI of release v20241024 (containerd 1.7.22: affected), pinned so it resolves offline. */
export const AFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';
/** v20240703 shipped containerd 1.7.11: not affected (yet). */
export const UNAFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240703/image_id';

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

/** An app with the guard at the root; CloudFormation validation off (see test/setup-env.ts). */
export function guardedApp(props: AppProps = {}, guard: EksNodeGuardProps = {}): App {
  const app = new App(props);
  Aspects.of(app).add(new EksNodeGuard(guard));
  return app;
}

/** Messages of the guard's annotations of one level on a stack. */
export function guardMessages(stack: Stack, level: 'error' | 'warning' | 'info' = 'error'): string[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp('^\\[eks-node-guard:');
  const found = level === 'error' ? annotations.findError('*', pattern) : level === 'warning' ? annotations.findWarning('*', pattern) : annotations.findInfo('*', pattern);
  return found.map((m) => String(m.entry.data));
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

/** L1: a guarded app with a CfnNodegroup (`S/Nodes`) booting from a CfnLaunchTemplate. */
export function nodegroupStack(options: NodegroupStackOptions): Stack {
  const app = guardedApp({}, options.guard);
  const stack = new Stack(app, 'S');
  const imageId = options.imageSsm
    ? new CfnParameter(stack, 'NodeAmi', { type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', default: options.imageSsm }).valueAsString
    : undefined;
  const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', {
    launchTemplateData: { imageId, userData: options.userData === undefined ? undefined : Fn.base64(options.userData) },
  });
  new eks.CfnNodegroup(stack, 'Nodes', {
    clusterName: 'demo',
    nodeRole: 'arn:aws:iam::111111111111:role/nodes',
    subnets: ['subnet-1'],
    amiType: options.amiType,
    releaseVersion: options.releaseVersion,
    version: options.version,
    launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber },
  });
  return stack;
}

/** L1 with a custom AMI (the affected pinned AL2 AMI unless `ssmImage` says otherwise), or an EKS `amiType`. */
export function l1NodeStack(userData: string, options: NodeStackOptions = {}): Stack {
  const custom = options.amiType === undefined;
  return nodegroupStack({ ...options, userData, imageSsm: custom ? (options.ssmImage ?? AFFECTED_AL2_SSM) : undefined });
}

/** L2: an aws_eks_v2 cluster node group booting from an ec2.LaunchTemplate with these shell commands. */
export function l2NodeStack(commands: string[], options: NodeStackOptions = {}): Stack {
  const app = guardedApp({}, options.guard);
  const stack = new Stack(app, 'S');
  const cluster = new eks2.Cluster(stack, 'Cluster', { version: eks2.KubernetesVersion.V1_29, defaultCapacity: 0, defaultCapacityType: eks2.DefaultCapacityType.NODEGROUP });
  const userData = ec2.UserData.forLinux();
  userData.addCommands(...commands);
  const custom = options.amiType === undefined;
  const lt = new ec2.LaunchTemplate(stack, 'NodeTemplate', {
    userData,
    machineImage: custom ? ec2.MachineImage.fromSsmParameter(options.ssmImage ?? AFFECTED_AL2_SSM) : undefined,
  });
  cluster.addNodegroupCapacity('Nodes', {
    amiType: options.amiType as eks2.NodegroupAmiType | undefined,
    releaseVersion: options.releaseVersion,
    launchTemplateSpec: { id: lt.launchTemplateId!, version: lt.latestVersionNumber },
  });
  return stack;
}

/** The guard's messages of one rule, by level. */
export function ruleMessages(stack: Stack, ruleId: string): { errors: string[]; warnings: string[] } {
  const mine = (messages: string[]) => messages.filter((m) => m.startsWith(`[eks-node-guard:${ruleId}]`));
  return { errors: mine(guardMessages(stack, 'error')), warnings: mine(guardMessages(stack, 'warning')) };
}
