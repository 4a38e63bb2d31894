#!/usr/bin/env node
/**
 * The demo app: an EKS cluster whose managed node group boots from a launch template with MIME
 * multipart user data, checked by EksNodeGuard. Env-agnostic, so it synthesizes offline.
 *
 *   npx cdk synth                 healthy nodes: passes
 *   npx cdk synth -c demo=legacy  adds the node group from the incident: fails with the guard's error
 *   npx cdk synth -c demo=legacy -c demo-acknowledge="<reason>"
 *                                 acknowledges the finding: passes, and the report lists the suppression
 */
import { App, Aspects, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks-v2';
import { Construct } from 'constructs';
import { EksNodeGuard } from '../lib';

export class DemoStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { legacy: boolean; acknowledge?: string }) {
    super(scope, id, props);
    const cluster = new eks.Cluster(this, 'Cluster', {
      version: eks.KubernetesVersion.V1_29,
      defaultCapacityType: eks.DefaultCapacityType.NODEGROUP,
      defaultCapacity: 0,
    });

    // Healthy: AL2023 nodes configured through nodeadm; EKS merges its own bootstrap part in.
    const userData = new ec2.MultipartUserData();
    userData.addPart(
      ec2.MultipartBody.fromRawBody({
        contentType: 'application/node.eks.aws',
        body: ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    config:', '      maxPods: 58', ''].join('\n'),
      }),
    );
    const tuning = ec2.UserData.forLinux();
    tuning.addCommands('sysctl -w net.core.somaxconn=4096');
    userData.addUserDataPart(tuning, ec2.MultipartBody.SHELL_SCRIPT, true);
    cluster.addNodegroupCapacity('Nodes', {
      amiType: eks.NodegroupAmiType.AL2023_X86_64_STANDARD,
      releaseVersion: '1.29.15-20250610',
      launchTemplateSpec: launchTemplateSpec(new ec2.LaunchTemplate(this, 'NodeLaunchTemplate', { userData })),
    });

    if (props.legacy) {
      // The configuration from the incident: a custom AMI (the EKS AL2 AMI pinned by SSM) whose
      // user data points the kubelet at an empty resolv-conf. Fine on containerd 1.7.11; on 1.7.22
      // aws-node crash-loops and the nodes never become Ready.
      const legacy = ec2.UserData.forLinux();
      legacy.addCommands(
        'touch /etc/kubelet-resolv.conf',
        `/etc/eks/bootstrap.sh ${cluster.clusterName} --kubelet-extra-args '--resolv-conf=/etc/kubelet-resolv.conf --node-labels=pool=legacy'`,
      );
      const legacyTemplate = new ec2.LaunchTemplate(this, 'LegacyLaunchTemplate', {
        machineImage: ec2.MachineImage.fromSsmParameter('/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id'),
        userData: legacy,
      });
      const legacyNodes = cluster.addNodegroupCapacity('LegacyNodes', { launchTemplateSpec: launchTemplateSpec(legacyTemplate) });
      if (props.acknowledge) EksNodeGuard.acknowledge(legacyNodes, 'resolv-conf-empty', props.acknowledge);
    }
  }
}

function launchTemplateSpec(template: ec2.LaunchTemplate): eks.LaunchTemplateSpec {
  return { id: template.launchTemplateId!, version: template.latestVersionNumber };
}

if (require.main === module) {
  const app = new App();
  new DemoStack(app, 'EksNodeGuardDemo', {
    legacy: app.node.tryGetContext('demo') === 'legacy',
    acknowledge: app.node.tryGetContext('demo-acknowledge'),
  });
  Aspects.of(app).add(new EksNodeGuard());
}
