/**
 * An auto scaling group's mixed instances policy may boot some instance types from launch templates
 * of their own (`Overrides[].LaunchTemplateSpecification`, e.g. an arm64 AMI for Graviton types).
 * The group is judged with each of them, findings land on the group, and such a template is not
 * judged again as an unused one: by the Aspect, in any scope, and by `scan`.
 */
import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkEksNodes, EksNodeGuard } from '../../lib';
import type { JsonReport } from '../../lib/report/json';
import { readScanInputs } from '../../lib/scan/inputs';
import { scanTemplates } from '../../lib/scan/scan';
import { AFFECTED_AL2_SSM, cdkScript, healthyCommands, legacyCommands } from '../helpers/cdk';

function template(stack: Stack, id: string, commands: string[]): ec2.LaunchTemplate {
  return new ec2.LaunchTemplate(stack, id, { machineImage: ec2.MachineImage.fromSsmParameter(AFFECTED_AL2_SSM), userData: cdkScript(...commands) });
}

/** A group in `stack` booting from a healthy base template, with an override to `override` for Graviton types. */
function mixedGroup(stack: Stack, override: ec2.ILaunchTemplate): void {
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
  new autoscaling.AutoScalingGroup(stack, 'Asg', {
    vpc,
    mixedInstancesPolicy: {
      launchTemplate: template(stack, 'Base', healthyCommands()),
      launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m5.large') }, { instanceType: new ec2.InstanceType('m6g.large'), launchTemplate: override }],
    },
  });
}

const EMPTY_IN_OVERRIDE = (path: string) => Match.stringLikeRegexp(`^\\[eks-node-guard:resolv-conf-empty\\] .* in the user data of ${path}`);

test("an override's launch template is judged as the group's, and not on its own", () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  mixedGroup(stack, template(stack, 'Arm', legacyCommands()));
  Aspects.of(app).add(new EksNodeGuard());
  const annotations = Annotations.fromStack(stack);
  expect(annotations.findError('/S/Asg/ASG', EMPTY_IN_OVERRIDE('S/Arm/Resource'))).toHaveLength(1);
  expect(annotations.findError('*', Match.anyValue())).toHaveLength(1);
  expect(annotations.findWarning('/S/Arm/Resource', Match.anyValue())).toEqual([]);
});

test('a healthy override passes, and the group is judged once per distinct launch template', () => {
  const app = new App();
  const stack = new Stack(app, 'S');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
  const base = template(stack, 'Base', healthyCommands());
  new autoscaling.AutoScalingGroup(stack, 'Asg', {
    vpc,
    mixedInstancesPolicy: {
      launchTemplate: base,
      launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m5.large'), launchTemplate: base }, { instanceType: new ec2.InstanceType('m6g.large'), launchTemplate: template(stack, 'Arm', healthyCommands()) }],
    },
  });
  Aspects.of(app).add(new EksNodeGuard());
  expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
  const report = JSON.parse(readFileSync(join(app.synth().directory, 'eks-node-guard.report.json'), 'utf8')) as JsonReport;
  expect(report.nodes?.map((n) => n.constructPath)).toEqual(['S/Asg/ASG', 'S/Asg/ASG']);
  expect(checkEksNodes(stack).nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([
    ['S/Asg/ASG', 'S/Base/Resource'],
    ['S/Asg/ASG', 'S/Arm/Resource'],
  ]);
});

test("a guard on the group's stack follows an override's launch template into another stack", () => {
  const app = new App();
  const templates = new Stack(app, 'Templates');
  const nodes = new Stack(app, 'Nodes');
  mixedGroup(nodes, template(templates, 'Arm', legacyCommands()));
  Aspects.of(nodes).add(new EksNodeGuard());
  expect(Annotations.fromStack(nodes).findError('/Nodes/Asg/ASG', EMPTY_IN_OVERRIDE('Templates/Arm/Resource'))).toHaveLength(1);
});

test("a guard on the template's stack does not judge a template another stack's group uses as an override", () => {
  const app = new App();
  const templates = new Stack(app, 'Templates');
  mixedGroup(new Stack(app, 'Nodes'), template(templates, 'Arm', legacyCommands()));
  Aspects.of(templates).add(new EksNodeGuard());
  expect(Annotations.fromStack(templates).findError('*', Match.anyValue())).toEqual([]);
  expect(checkEksNodes(templates).nodes).toEqual([]);
});

test('scan judges the synthesized group with its override the same way', () => {
  const outdir = join(mkdtempSync(join(tmpdir(), 'eks-node-guard-mixed-')), 'cdk.out');
  const app = new App({ outdir });
  const stack = new Stack(app, 'S');
  mixedGroup(stack, template(stack, 'Arm', legacyCommands()));
  app.synth();
  const result = scanTemplates(readScanInputs([outdir], '/'));
  expect(result.findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.source.constructPath])).toEqual([['resolv-conf-empty', 'S/Asg/ASG']]);
  expect(result.nodes.map((n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath])).toEqual([
    ['S/Asg/ASG', 'S/Base/Resource'],
    ['S/Asg/ASG', 'S/Arm/Resource'],
  ]);
});
