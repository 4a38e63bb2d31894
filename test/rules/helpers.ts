/** Builders for the rule tests: L1 and L2 node groups, MIME user data, annotations and scan findings of one rule. */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import { evaluateNodes } from '../../lib/evaluate';
import type { AmiFacts } from '../../lib/ami/types';
import type { Finding, NodeDefinition } from '../../lib/model';
import type { GuardOptions } from '../../lib/options';
import type { JsonReport } from '../../lib/report/json';
import { guardedApp, nodegroupStack, v2NodegroupStack } from '../helpers/cdk';
import type { NodegroupStackOptions, V2NodegroupOptions } from '../helpers/cdk';
import { runCli } from '../helpers/cli';
import type { MimePart } from '../helpers/fixtures';
import { tempDir } from '../scan/helpers';

export { cdkScript, cdkShellMultipart, ruleAnnotations } from '../helpers/cdk';
export type { GuardAnnotation } from '../helpers/cdk';
export { AL2_MANAGED, AL2_RECOMMENDED_SSM, AL2023_SSM, mime, NODE_CONFIG_MAX_PODS, nodeadmPart, shellPart } from '../helpers/fixtures';
export type { MimePart } from '../helpers/fixtures';


function synthesized(stack: Stack): Stack {
  (stack.node.root as App).synth();
  return stack;
}

export type L1Options = Omit<NodegroupStackOptions, 'guard'>;

/** An L1 `CfnNodegroup` with a `CfnLaunchTemplate`, synthesized; findings land on `S/Nodes`. */
export function l1Nodegroup(options: L1Options): Stack {
  return synthesized(nodegroupStack(options));
}

export type L2Options = Omit<V2NodegroupOptions, 'guard'>;

/** aws_eks_v2 `Cluster.addNodegroupCapacity` with an `ec2.LaunchTemplate` (default: a 1.31 cluster), synthesized; findings land on `S/Cluster/NodegroupNodes/Resource`. */
export function v2Nodegroup(options: L2Options): Stack {
  return synthesized(v2NodegroupStack(options));
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
  return synthesized(stack);
}

/** Multipart user data (CDK) from raw parts. */
export function cdkMultipart(parts: readonly MimePart[]): ec2.MultipartUserData {
  const userData = new ec2.MultipartUserData();
  for (const part of parts) userData.addPart(ec2.MultipartBody.fromRawBody({ contentType: part.contentType, body: part.body }));
  return userData;
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
