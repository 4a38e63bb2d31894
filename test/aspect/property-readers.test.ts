/**
 * The Aspect reads the few properties it needs straight from L1 constructs instead of rendering
 * whole resources; what it reads must equal what CloudFormation gets.
 */
import { App, CfnResource, Fn, Stack } from 'aws-cdk-lib';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import { constructResources } from '../../lib/aspect/construct-resources';
import { AFFECTED_AL2_SSM, cdkScript, cdkShellMultipart, legacyCommands, script, ssmImageParameter } from '../helpers/cdk';

/** Whether a value is a struct to look into, rather than a literal or an intrinsic (`Ref`, `Fn::…`). */
function isStruct(value: unknown): value is Record<string, unknown> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return !Object.keys(value).some((k) => k === 'Ref' || k.startsWith('Fn::'));
}

/** `full` restricted to the keys (recursively, through structs and lists) that `shape` has. */
function project(full: unknown, shape: unknown): unknown {
  if (Array.isArray(shape) && Array.isArray(full)) return full.map((item, i) => project(item, shape[i]));
  if (!isStruct(shape) || !isStruct(full)) return full;
  return Object.fromEntries(Object.keys(shape).map((key) => [key, project(full[key], shape[key])]));
}

function buildApp(): App {
  const app = new App({ context: { '@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig': false } });
  const stack = new Stack(app, 'S');
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  const userData = cdkScript(...legacyCommands());
  const multipart = cdkShellMultipart(...legacyCommands());
  const l2 = new ec2.LaunchTemplate(stack, 'L2Template', { machineImage: ec2.MachineImage.fromSsmParameter(AFFECTED_AL2_SSM), userData: multipart, instanceType: new ec2.InstanceType('m5.large') });
  const l1 = new ec2.CfnLaunchTemplate(stack, 'L1Template', { launchTemplateName: 'named', launchTemplateData: { imageId: ssmImageParameter(stack), userData: Fn.base64(script(legacyCommands())) } });
  new eks.CfnNodegroup(stack, 'ById', { clusterName: 'c', nodeRole: 'r', subnets: ['s'], launchTemplate: { id: l1.ref, version: l1.attrLatestVersionNumber }, amiType: 'AL2_x86_64', releaseVersion: '1.29.8-20241024', version: '1.29' });
  new eks.CfnNodegroup(stack, 'ByName', { clusterName: 'c', nodeRole: 'r', subnets: ['s'], launchTemplate: { name: 'named' } });
  const cluster = new eks2.Cluster(stack, 'V2', { version: eks2.KubernetesVersion.V1_29, defaultCapacity: 0, defaultCapacityType: eks2.DefaultCapacityType.NODEGROUP });
  cluster.addNodegroupCapacity('Nodes', { launchTemplateSpec: { id: l2.launchTemplateId!, version: l2.latestVersionNumber } });
  cluster.addAutoScalingGroupCapacity('Capacity', { instanceType: new ec2.InstanceType('m5.large'), bootstrapOptions: { kubeletExtraArgs: '--max-pods=20' } });
  new autoscaling.AutoScalingGroup(stack, 'WithTemplate', { vpc, launchTemplate: l2 });
  new autoscaling.AutoScalingGroup(stack, 'Mixed', {
    vpc,
    mixedInstancesPolicy: { launchTemplate: l2, launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m5.large') }, { instanceType: new ec2.InstanceType('m6g.large'), launchTemplate: l2 }] },
  });
  new autoscaling.CfnAutoScalingGroup(stack, 'L1Mixed', {
    maxSize: '1', minSize: '0',
    mixedInstancesPolicy: {
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: l1.ref, version: '1' },
        overrides: [{ instanceType: 'm5.large' }, { instanceType: 'm6g.large', launchTemplateSpecification: { launchTemplateName: 'named', version: '2' } }],
      },
    },
  });
  new ec2.Instance(stack, 'Instance', { vpc, instanceType: new ec2.InstanceType('m5.large'), machineImage: ec2.MachineImage.fromSsmParameter(AFFECTED_AL2_SSM), userData });
  new ec2.CfnInstance(stack, 'L1Instance', { imageId: 'ami-0123456789abcdef0', launchTemplate: { launchTemplateName: 'named', version: '2' } });
  return app;
}

test('every property the guard reads equals the rendered CloudFormation', () => {
  const app = buildApp();
  const gathered = constructResources(app);
  const types = new Set<string>();
  for (const record of gathered.records) {
    const construct = gathered.constructOf.get(record) as CfnResource;
    const stack = Stack.of(construct);
    const full = (stack.resolve(construct._toCloudFormation()) as { Resources: Record<string, { Properties: object }> }).Resources[record.logicalId].Properties;
    expect({ path: record.source.constructPath, props: record.properties }).toEqual({ path: record.source.constructPath, props: project(full, record.properties) });
    types.add(record.type);
  }
  expect([...types].sort()).toEqual([
    'AWS::AutoScaling::AutoScalingGroup',
    'AWS::AutoScaling::LaunchConfiguration',
    'AWS::EC2::Instance',
    'AWS::EC2::LaunchTemplate',
    'AWS::EKS::Cluster',
    'AWS::EKS::Nodegroup',
  ]);
});

test('with a raw override the guard renders the resource, so the override is seen', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const lt = new ec2.CfnLaunchTemplate(stack, 'T', { launchTemplateData: { userData: Fn.base64('#!/bin/bash\necho one\n') } });
  lt.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64('#!/bin/bash\necho two\n'));
  const [record] = constructResources(app).records;
  expect(record.properties).toMatchObject({ LaunchTemplateData: { UserData: { 'Fn::Base64': '#!/bin/bash\necho two\n' } } });
});
