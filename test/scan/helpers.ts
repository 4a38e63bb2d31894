import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Fn, NestedStack, Stack, Stage, Validations } from 'aws-cdk-lib';
import { CfnLaunchTemplate } from 'aws-cdk-lib/aws-ec2';
import { CfnNodegroup } from 'aws-cdk-lib/aws-eks';
import { Construct } from 'constructs';
import { ALL_RULES } from '../../lib/rules';
import { AL2_MANAGED, mime, shellPart } from '../helpers/fixtures';

export { runCli } from '../helpers/cli';

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `eks-node-guard-${prefix}-`));
}

/** A legacy AL2 script: creates an empty file and points the kubelet at it. */
export const LEGACY_USER_DATA = [
  '#!/bin/bash',
  'set -e',
  'touch /etc/kubelet-resolv.conf',
  "/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=/etc/kubelet-resolv.conf'",
  '',
].join('\n');

/** What EKS expects for a managed node group without a custom AMI: MIME multipart, no bootstrap.sh call. */
export const HEALTHY_USER_DATA = mime([shellPart('echo "managed by eks" > /etc/motd')]);

/** An L1 managed node group (AL2, release 1.29.10-20241024: containerd 1.7.22) with a launch template. */
export class NodeGroupWithTemplate extends Construct {
  constructor(scope: Construct, id: string, userData: string) {
    super(scope, id);
    const launchTemplate = new CfnLaunchTemplate(this, 'LaunchTemplate', {
      launchTemplateData: { userData: Fn.base64(userData) },
    });
    new CfnNodegroup(this, 'Nodegroup', {
      clusterName: 'demo',
      nodeRole: 'arn:aws:iam::123456789012:role/node',
      subnets: ['subnet-0123456789abcdef0'],
      ...AL2_MANAGED,
      launchTemplate: { id: launchTemplate.ref, version: launchTemplate.attrLatestVersionNumber },
    });
  }
}

export interface AppShape {
  /** Put a legacy node group in a nested stack. */
  readonly nested?: boolean;
  /** Put a legacy node group in a Stage (a nested cloud assembly). */
  readonly stage?: boolean;
  /** Acknowledge the legacy top-level node group's `resolv-conf-empty` finding with this reason. */
  readonly acknowledge?: string;
  /** Acknowledge every rule on the legacy top-level node group with this reason. */
  readonly acknowledgeAll?: string;
  /** Healthy user data everywhere. */
  readonly healthy?: boolean;
}

/** Synthesizes a small app into a fresh directory; returns the cdk.out path. */
export function synthApp(shape: AppShape = {}): string {
  const outdir = path.join(tempDir('app'), 'cdk.out');
  const app = new App({ outdir });
  const userData = shape.healthy ? HEALTHY_USER_DATA : LEGACY_USER_DATA;
  const stack = new Stack(app, 'Demo', { env: { account: '123456789012', region: 'eu-west-1' } });
  const legacy = new NodeGroupWithTemplate(stack, 'Legacy', userData);
  if (shape.acknowledge) Validations.of(legacy).acknowledge({ id: 'eks-node-guard:resolv-conf-empty', reason: shape.acknowledge });
  if (shape.acknowledgeAll) {
    Validations.of(legacy).acknowledge(...ALL_RULES.map((r) => ({ id: `eks-node-guard:${r.id}`, reason: shape.acknowledgeAll! })));
  }
  if (shape.nested) new NodeGroupWithTemplate(new NestedStack(stack, 'Workers'), 'Nested', userData);
  if (shape.stage) {
    const stage = new Stage(app, 'Prod');
    new NodeGroupWithTemplate(new Stack(stage, 'Nodes'), 'Staged', userData);
  }
  app.synth();
  return outdir;
}
