/** Builders for the rule tests: L1 and L2 node groups, MIME user data, annotations and scan findings of one rule. */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import type { SynthesisMessage } from 'aws-cdk-lib/cx-api';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { evaluateNodes } from '../../lib/evaluate';
import type { AmiFacts } from '../../lib/ami/types';
import type { Finding, NodeDefinition } from '../../lib/model';
import type { GuardOptions } from '../../lib/options';
import type { JsonReport } from '../../lib/report/json';
import { guardedApp, nodegroupStack, NodegroupStackOptions } from '../helpers/cdk';
import { runCli, tempDir } from '../scan/helpers';

/** The EKS AL2023 x86_64 standard AMI for 1.31, recommended (family al2023 from the path). */
export const AL2023_SSM = '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id';

export interface MimePart {
  readonly contentType: string;
  readonly body: string;
}

/** A MIME multipart archive as EKS expects it. */
export function mime(parts: readonly MimePart[]): string {
  const lines = ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="==BOUNDARY=="', ''];
  for (const part of parts) lines.push('--==BOUNDARY==', `Content-Type: ${part.contentType}`, '', part.body);
  lines.push('--==BOUNDARY==--', '');
  return lines.join('\n');
}

export function shellPart(...commands: string[]): MimePart {
  return { contentType: 'text/x-shellscript; charset="us-ascii"', body: ['#!/bin/bash', ...commands, ''].join('\n') };
}

export function nodeadmPart(yamlBody: string): MimePart {
  return { contentType: 'application/node.eks.aws', body: yamlBody };
}

export type L1Options = Omit<NodegroupStackOptions, 'guard'>;

/** An L1 `CfnNodegroup` with a `CfnLaunchTemplate`; findings land on `S/Nodes`. */
export function l1Nodegroup(options: L1Options): Stack {
  const stack = nodegroupStack(options);
  (stack.node.root as App).synth();
  return stack;
}

export interface L2Options {
  readonly userData: ec2.UserData;
  readonly machineImage?: ec2.IMachineImage;
  readonly amiType?: eks2.NodegroupAmiType;
  readonly releaseVersion?: string;
  readonly version?: eks2.KubernetesVersion;
}

/** aws_eks_v2 `Cluster.addNodegroupCapacity` with an `ec2.LaunchTemplate`; findings land on `S/Cluster/NodegroupNodes/Resource`. */
export function v2Nodegroup(options: L2Options): Stack {
  const app = guardedApp();
  const stack = new Stack(app, 'S');
  const cluster = new eks2.Cluster(stack, 'Cluster', {
    version: options.version ?? eks2.KubernetesVersion.V1_31,
    defaultCapacity: 0,
    defaultCapacityType: eks2.DefaultCapacityType.NODEGROUP,
  });
  const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: options.machineImage, userData: options.userData });
  cluster.addNodegroupCapacity('Nodes', {
    amiType: options.amiType,
    releaseVersion: options.releaseVersion,
    launchTemplateSpec: { id: lt.launchTemplateId!, version: lt.latestVersionNumber },
  });
  app.synth();
  return stack;
}

/** aws_eks (v1) `Nodegroup` on an imported cluster with an `ec2.LaunchTemplate`; findings land on `S/Nodes/Resource`. */
export function v1Nodegroup(options: { userData: ec2.UserData; machineImage?: ec2.IMachineImage; amiType?: eks.NodegroupAmiType; releaseVersion?: string }): Stack {
  const app = guardedApp();
  const stack = new Stack(app, 'S');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
  const cluster = eks.Cluster.fromClusterAttributes(stack, 'Cluster', { clusterName: 'demo', vpc });
  const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: options.machineImage, userData: options.userData });
  new eks.Nodegroup(stack, 'Nodes', {
    cluster,
    amiType: options.amiType,
    releaseVersion: options.releaseVersion,
    launchTemplateSpec: { id: lt.launchTemplateId!, version: lt.latestVersionNumber },
  });
  app.synth();
  return stack;
}

/** Multipart user data (CDK) from raw parts. */
export function cdkMultipart(parts: readonly MimePart[]): ec2.MultipartUserData {
  const userData = new ec2.MultipartUserData();
  for (const part of parts) userData.addPart(ec2.MultipartBody.fromRawBody({ contentType: part.contentType, body: part.body }));
  return userData;
}

/** Plain Linux user data (CDK) with these commands. */
export function cdkScript(...commands: string[]): ec2.UserData {
  const userData = ec2.UserData.forLinux();
  userData.addCommands(...commands);
  return userData;
}

export interface RuleMessage {
  readonly level: 'error' | 'warning' | 'info';
  readonly path: string;
  readonly message: string;
}

/** The guard's annotations of one rule on a stack, all levels. */
export function ruleMessages(stack: Stack, ruleId: string): RuleMessage[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp(`^\\[eks-node-guard:${ruleId}\\]`);
  const of = (level: RuleMessage['level'], found: readonly SynthesisMessage[]) =>
    found.map((m) => ({ level, path: m.id, message: String(m.entry.data) }));
  return [
    ...of('error', annotations.findError('*', pattern)),
    ...of('warning', annotations.findWarning('*', pattern)),
    ...of('info', annotations.findInfo('*', pattern)),
  ];
}

/** Findings of one rule for hand-written node definitions. */
export function evaluateRule(ruleId: string, nodes: readonly NodeDefinition[], options: GuardOptions = {}, amiFacts: AmiFacts = {}): Finding[] {
  return evaluateNodes(nodes, options, amiFacts).findings.filter((f) => f.ruleId === ruleId);
}

/** A managed node group definition with a resolved launch template. */
export function managedNode(partial: Partial<NodeDefinition> & Pick<NodeDefinition, 'ami'>): NodeDefinition {
  return {
    kind: 'managed-nodegroup',
    source: { logicalId: 'Nodes', resourceType: 'AWS::EKS::Nodegroup' },
    launchTemplate: 'resolved',
    customAmi: false,
    ...partial,
  };
}

/** `eks-node-guard scan --format json` on one template; returns the exit code and the findings of one rule. */
export async function scanRule(template: object, ruleId: string): Promise<{ code: number; findings: JsonReport['findings'] }> {
  const dir = tempDir('rules');
  const file = path.join(dir, 'template.json');
  fs.writeFileSync(file, JSON.stringify(template));
  const run = await runCli(['scan', file, '--format', 'json'], dir);
  if (run.stderr) throw new Error(run.stderr);
  const report = JSON.parse(run.stdout) as JsonReport;
  return { code: run.code, findings: report.findings.filter((f) => f.ruleId === ruleId) };
}

/** A template with a managed node group and its launch template. */
export function nodegroupTemplate(options: { userData: string; imageId?: string; amiType?: string; releaseVersion?: string; version?: string }): object {
  return {
    Resources: {
      NodeTemplate: {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: { LaunchTemplateData: { UserData: { 'Fn::Base64': options.userData }, ...(options.imageId ? { ImageId: options.imageId } : {}) } },
      },
      Nodes: {
        Type: 'AWS::EKS::Nodegroup',
        Properties: {
          ClusterName: 'demo',
          NodeRole: 'arn:aws:iam::111111111111:role/nodes',
          Subnets: ['subnet-1'],
          ...(options.amiType ? { AmiType: options.amiType } : {}),
          ...(options.releaseVersion ? { ReleaseVersion: options.releaseVersion } : {}),
          ...(options.version ? { Version: options.version } : {}),
          LaunchTemplate: { Id: { Ref: 'NodeTemplate' }, Version: { 'Fn::GetAtt': ['NodeTemplate', 'LatestVersionNumber'] } },
        },
      },
    },
  };
}
