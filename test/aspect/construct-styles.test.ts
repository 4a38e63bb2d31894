/**
 * Every way a CDK user defines EKS worker nodes, each synthesized twice: with the user data of the
 * incident (the guard must fail synth with an error on the right construct) and without it (no
 * guard errors). Then the guard must never change a template.
 */
import { App, Aspects, CfnParameter, Fn, IAspect, NestedStack, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as autoscaling from 'aws-cdk-lib/aws-autoscaling';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as eks from 'aws-cdk-lib/aws-eks';
import * as eks2 from 'aws-cdk-lib/aws-eks-v2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct, IConstruct } from 'constructs';
import { DemoStack } from '../../bin/demo-app';
import { checkEksNodes, EksNodeGuard } from '../../lib';
import {
  AFFECTED_AL2_SSM,
  cdkScript,
  cdkShellMultipart,
  cfnNodegroup,
  guardMessages,
  healthyCommands,
  legacyCommands,
  RESOLV_FILE,
  script,
  ssmImageParameter,
} from '../helpers/cdk';

interface Case {
  readonly name: string;
  /** Builds the app; returns the stack whose annotations to read and the construct path the error must name. */
  readonly build: (app: App, legacy: boolean) => { stack: Stack; path: RegExp };
  readonly appContext?: Record<string, unknown>;
}

const ASG_LAUNCH_TEMPLATE_FLAG = { '@aws-cdk/aws-autoscaling:generateLaunchTemplateInsteadOfLaunchConfig': true };

function commands(legacy: boolean): string[] {
  return legacy ? legacyCommands() : healthyCommands();
}

function linuxUserData(legacy: boolean): ec2.UserData {
  return cdkScript(...commands(legacy));
}

function multipartUserData(legacy: boolean): ec2.MultipartUserData {
  return cdkShellMultipart(...commands(legacy));
}

/** An L2 LaunchTemplate on the pinned AMI, as a node group's launch template spec. */
function l2LaunchTemplate(stack: Stack, userData: ec2.UserData): eks.LaunchTemplateSpec {
  const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: pinnedAmi(), userData });
  return { id: lt.launchTemplateId!, version: lt.latestVersionNumber };
}

function pinnedAmi(): ec2.IMachineImage {
  return ec2.MachineImage.fromSsmParameter(AFFECTED_AL2_SSM);
}

/** An L1 launch template on the pinned AMI (an SSM-typed stack parameter). */
function l1LaunchTemplate(scope: Construct, userData: string) {
  return new ec2.CfnLaunchTemplate(scope, 'NodeTemplate', { launchTemplateData: { imageId: ssmImageParameter(scope), userData } });
}

/** aws_eks (v1) types require a kubectl layer; any layer ARN does for synth. */
function v1Cluster(stack: Stack): eks.Cluster {
  const kubectlLayer = lambda.LayerVersion.fromLayerVersionArn(stack, 'Kubectl', 'arn:aws:lambda:eu-west-1:111111111111:layer:kubectl:1');
  return new eks.Cluster(stack, 'Cluster', { version: eks.KubernetesVersion.V1_29, defaultCapacity: 0, kubectlLayer });
}

function v2Cluster(stack: Stack): eks2.Cluster {
  return new eks2.Cluster(stack, 'Cluster', { version: eks2.KubernetesVersion.V1_29, defaultCapacity: 0, defaultCapacityType: eks2.DefaultCapacityType.NODEGROUP });
}

/** Self-managed capacity: CDK renders the bootstrap.sh call, the user only passes kubelet arguments. */
function autoScalingGroupCapacityCase(name: string, cluster: (stack: Stack) => eks.Cluster | eks2.Cluster, appContext?: Record<string, unknown>): Case {
  return {
    name,
    appContext,
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      cluster(stack).addAutoScalingGroupCapacity('Asg', {
        instanceType: new ec2.InstanceType('m5.large'),
        bootstrapOptions: { kubeletExtraArgs: legacy ? '--resolv-conf=/dev/null' : '--max-pods=20' },
      });
      return { stack, path: /S\/Cluster\/Asg/ };
    },
  };
}

const CASES: Case[] = [
  {
    name: 'the demo app (bin/demo-app.ts)',
    build: (app, legacy) => ({ stack: new DemoStack(app, 'Demo', { legacy }), path: /Demo\/Cluster\/NodegroupLegacyNodes/ }),
  },
  {
    name: 'aws_eks addNodegroupCapacity + L2 LaunchTemplate (UserData)',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const cluster = v1Cluster(stack);
      cluster.addNodegroupCapacity('Nodes', { launchTemplateSpec: l2LaunchTemplate(stack, linuxUserData(legacy)) });
      return { stack, path: /S\/Cluster\/NodegroupNodes/ };
    },
  },
  {
    name: 'aws_eks Nodegroup + L2 LaunchTemplate (MultipartUserData)',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const cluster = v1Cluster(stack);
      new eks.Nodegroup(stack, 'Nodes', { cluster, launchTemplateSpec: l2LaunchTemplate(stack, multipartUserData(legacy)) });
      return { stack, path: /S\/Nodes/ };
    },
  },
  autoScalingGroupCapacityCase('aws_eks addAutoScalingGroupCapacity bootstrapOptions (launch configuration)', v1Cluster),
  autoScalingGroupCapacityCase('aws_eks addAutoScalingGroupCapacity bootstrapOptions (launch template feature flag)', v1Cluster, ASG_LAUNCH_TEMPLATE_FLAG),
  {
    name: 'aws_eks_v2 addNodegroupCapacity + L2 LaunchTemplate',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const cluster = v2Cluster(stack);
      cluster.addNodegroupCapacity('Nodes', { launchTemplateSpec: l2LaunchTemplate(stack, multipartUserData(legacy)) });
      return { stack, path: /S\/Cluster\/NodegroupNodes/ };
    },
  },
  autoScalingGroupCapacityCase('aws_eks_v2 addAutoScalingGroupCapacity bootstrapOptions', v2Cluster),
  {
    name: 'L1 CfnNodegroup + CfnLaunchTemplate, plain-string user data',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const lt = l1LaunchTemplate(stack, script(commands(legacy)));
      cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
      return { stack, path: /S\/Nodes/ };
    },
  },
  {
    name: 'L1 CfnNodegroup + CfnLaunchTemplate, already-base64 user data',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const lt = l1LaunchTemplate(stack, Buffer.from(script(commands(legacy))).toString('base64'));
      cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
      return { stack, path: /S\/Nodes/ };
    },
  },
  {
    name: 'L1 CfnNodegroup + CfnLaunchTemplate, Fn::Base64 of Fn::Join with a token',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const cluster = new CfnParameter(stack, 'ClusterName', { default: 'demo' });
      const [touch, bootstrap] = legacy ? legacyCommands('CLUSTER') : ['', healthyCommands('CLUSTER')[0]];
      const [before, after] = bootstrap.split('CLUSTER');
      const userData = Fn.base64(Fn.join('', ['#!/bin/bash\n', `${touch}\n`, before, cluster.valueAsString, `${after}\n`]));
      const lt = l1LaunchTemplate(stack, userData);
      cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
      return { stack, path: /S\/Nodes/ };
    },
  },
  {
    name: 'autoscaling.AutoScalingGroup with a launch template',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
      const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: pinnedAmi(), userData: linuxUserData(legacy), instanceType: new ec2.InstanceType('m5.large') });
      new autoscaling.AutoScalingGroup(stack, 'Asg', { vpc, launchTemplate: lt });
      return { stack, path: /S\/Asg/ };
    },
  },
  {
    name: 'autoscaling.AutoScalingGroup with a mixed instances policy',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
      const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: pinnedAmi(), userData: linuxUserData(legacy) });
      new autoscaling.AutoScalingGroup(stack, 'Asg', {
        vpc,
        mixedInstancesPolicy: { launchTemplate: lt, launchTemplateOverrides: [{ instanceType: new ec2.InstanceType('m5.large') }] },
      });
      return { stack, path: /S\/Asg/ };
    },
  },
  {
    name: 'L1 CfnAutoScalingGroup with a CfnLaunchConfiguration',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const lc = new autoscaling.CfnLaunchConfiguration(stack, 'Config', {
        imageId: ssmImageParameter(stack),
        instanceType: 'm5.large',
        userData: Fn.base64(script(commands(legacy))),
      });
      new autoscaling.CfnAutoScalingGroup(stack, 'Asg', { maxSize: '1', minSize: '1', launchConfigurationName: lc.ref, availabilityZones: ['eu-west-1a'] });
      return { stack, path: /S\/Asg/ };
    },
  },
  {
    name: 'ec2.Instance',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
      new ec2.Instance(stack, 'Node', { vpc, instanceType: new ec2.InstanceType('m5.large'), machineImage: pinnedAmi(), userData: linuxUserData(legacy) });
      return { stack, path: /S\/Node/ };
    },
  },
  {
    name: 'ec2.CfnInstance',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      new ec2.CfnInstance(stack, 'Node', { imageId: ssmImageParameter(stack), userData: Fn.base64(script(commands(legacy))) });
      return { stack, path: /S\/Node/ };
    },
  },
  {
    name: 'launch template in another stack',
    build: (app, legacy) => {
      const templates = new Stack(app, 'Templates');
      const lt = new ec2.LaunchTemplate(templates, 'LT', { machineImage: pinnedAmi(), userData: multipartUserData(legacy) });
      const nodes = new Stack(app, 'Nodes');
      // The same construct id in the consuming stack gives the same logical id: the guard must follow the real reference.
      new ec2.LaunchTemplate(nodes, 'LT', { machineImage: pinnedAmi(), userData: linuxUserData(false) });
      cfnNodegroup(nodes, { id: lt.launchTemplateId!, version: lt.latestVersionNumber });
      return { stack: nodes, path: /Nodes\/Nodes/ };
    },
  },
  {
    name: 'nested stack',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      const nested = new NestedStack(stack, 'Workers');
      const lt = new ec2.LaunchTemplate(nested, 'LT', { machineImage: pinnedAmi(), userData: linuxUserData(legacy) });
      cfnNodegroup(nested, { id: lt.launchTemplateId!, version: lt.latestVersionNumber });
      // Nested stacks report their annotations through the parent stack's artifact.
      return { stack, path: /S\/Workers\/Nodes/ };
    },
  },
  {
    name: 'raw addPropertyOverride on the user data',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      // The props say one thing; CloudFormation gets the override.
      const lt = l1LaunchTemplate(stack, Fn.base64(script(commands(!legacy))));
      lt.addPropertyOverride('LaunchTemplateData.UserData', Fn.base64(script(commands(legacy))));
      cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
      return { stack, path: /S\/Nodes/ };
    },
  },
  {
    name: 'launch template referenced by name',
    build: (app, legacy) => {
      const stack = new Stack(app, 'S');
      l1LaunchTemplate(stack, Fn.base64(script(commands(legacy)))).launchTemplateName = 'workers';
      cfnNodegroup(stack, { name: 'workers', version: '1' });
      return { stack, path: /S\/Nodes/ };
    },
  },
];

function synthCase(c: Case, legacy: boolean, guard: boolean) {
  const app = new App({ context: c.appContext });
  const built = c.build(app, legacy);
  if (guard) Aspects.of(app).add(new EksNodeGuard());
  return { app, ...built };
}

/** Every template file of the app's cloud assembly (nested stacks and Stages included), by path. */
function templatesOf(app: App): Record<string, unknown> {
  const dir = app.synth().directory;
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.template.json'));
  return Object.fromEntries(files.map((f) => [f, JSON.parse(readFileSync(join(dir, f), 'utf8'))]));
}

describe.each(CASES)('$name', (c) => {
  test('the incident configuration fails synth with the guard error on the node construct', () => {
    const { stack, path } = synthCase(c, true, true);
    const errors = guardMessages(stack);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^\[eks-node-guard:resolv-conf-empty\] /);
    expect(errors[0]).toMatch(path);
    expect(errors[0]).toMatch(/containerd 1\.7\.2\d/);
  });

  test('the healthy configuration has no guard errors', () => {
    const { stack } = synthCase(c, false, true);
    expect(guardMessages(stack)).toEqual([]);
  });

  test('the guard never changes a template', () => {
    for (const legacy of [true, false]) {
      const plain = templatesOf(synthCase(c, legacy, false).app);
      const guarded = templatesOf(synthCase(c, legacy, true).app);
      expect(Object.keys(guarded).length).toBeGreaterThan(0);
      expect(guarded).toEqual(plain);
    }
  });
});

describe('an aspect that changes user data after the guard has read it', () => {
  /** Adds a command to every L2 launch template's user data when it reaches the template's L1 resource, as hardening aspects may. */
  class Harden implements IAspect {
    public visit(node: IConstruct): void {
      if (node instanceof ec2.CfnLaunchTemplate && node.node.scope instanceof ec2.LaunchTemplate) node.node.scope.userData?.addCommands('echo hardened');
    }
  }

  /** The launch template's user data as synthesized, with the guard read first in one of two ways (or not at all). */
  function userDataAfter(read: 'none' | 'checkEksNodes' | 'guard on the stack'): unknown {
    const app = new App();
    const stack = new Stack(app, 'S');
    // The launch template is the stack's last construct: a guard on the stack reads it before Harden runs.
    pinnedAmi().getImage(stack); // creates the AMI's stack parameter now, ahead of the template
    const group = new Construct(stack, 'Group');
    const lt = new ec2.LaunchTemplate(stack, 'LT', { machineImage: pinnedAmi(), userData: cdkScript(...healthyCommands()) });
    new eks.CfnNodegroup(group, 'Nodes', { clusterName: 'demo', nodeRole: 'arn:aws:iam::111111111111:role/nodes', subnets: ['subnet-1'], launchTemplate: { id: lt.launchTemplateId, version: lt.latestVersionNumber } });
    if (read === 'guard on the stack') Aspects.of(stack).add(new EksNodeGuard());
    // Added after the guard, at the same priority: it visits each construct after the guard.
    Aspects.of(stack).add(new Harden());
    if (read === 'checkEksNodes') checkEksNodes(stack);
    const template = Template.fromStack(stack).toJSON() as { Resources: Record<string, { Type: string; Properties: { LaunchTemplateData: { UserData: unknown } } }> };
    return Object.values(template.Resources).find((r) => r.Type === 'AWS::EC2::LaunchTemplate')!.Properties.LaunchTemplateData.UserData;
  }

  test.each(['checkEksNodes', 'guard on the stack'] as const)('keeps its change in the template (%s)', (read) => {
    const userData = userDataAfter(read);
    expect(JSON.stringify(userData)).toContain('echo hardened');
    expect(userData).toEqual(userDataAfter('none'));
  });
});

describe('Stages', () => {
  /** Errors of a stack inside a Stage: CDK writes Stages as nested cloud assemblies. */
  function stageErrors(legacy: boolean): string[] {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'S');
    const lt = l1LaunchTemplate(stack, Fn.base64(script(commands(legacy))));
    cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
    Aspects.of(stage).add(new EksNodeGuard());
    const assembly = app.synth().getNestedAssembly(stage.artifactId);
    return assembly.getStackArtifact(stack.artifactId).messages.filter((m) => m.level === 'error').map((m) => String(m.entry.data));
  }

  test('a guard added to a Stage fails the incident configuration inside it', () => {
    const errors = stageErrors(true);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Prod/S/Nodes');
  });

  test('and passes the healthy one', () => {
    expect(stageErrors(false)).toEqual([]);
  });

  /** A Stage `Prod` with the incident's node group, under `parent`. */
  function prodStage(parent: Construct): Stage {
    const stage = new Stage(parent, 'Prod');
    const stack = new Stack(stage, 'S');
    const lt = l1LaunchTemplate(stack, Fn.base64(script(commands(true))));
    cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
    return stage;
  }

  const UNGUARDED = /^\[eks-node-guard\] Stage (Pipeline\/)?Prod defines EKS node resources \((Pipeline\/)?Prod\/S\/NodeTemplate, (Pipeline\/)?Prod\/S\/Nodes\) that no guard checks: .*Aspects\.of\(stage\)\.add\(new EksNodeGuard\(\)\)/;

  test('a guard on the app warns on the stack that holds a Stage it cannot reach (a CDK Pipelines app)', () => {
    const app = new App();
    const pipeline = new Stack(app, 'Pipeline');
    prodStage(pipeline);
    Aspects.of(app).add(new EksNodeGuard());
    const warnings = app.synth().getStackArtifact(pipeline.artifactId).messages.filter((m) => m.level === 'warning').map((m) => String(m.entry.data));
    expect(warnings).toEqual([expect.stringMatching(UNGUARDED)]);
  });

  test('with strict, that is an error; with a guard in the Stage, nothing', () => {
    const app = new App();
    const other = new Stack(app, 'Other');
    prodStage(app);
    Aspects.of(app).add(new EksNodeGuard({ strict: true }));
    const errors = app.synth().getStackArtifact(other.artifactId).messages.filter((m) => m.level === 'error').map((m) => String(m.entry.data));
    expect(errors).toEqual([expect.stringMatching(UNGUARDED)]);

    const guarded = new App();
    const quiet = new Stack(guarded, 'Other');
    Aspects.of(prodStage(guarded)).add(new EksNodeGuard());
    Aspects.of(guarded).add(new EksNodeGuard({ strict: true }));
    expect(guarded.synth().getStackArtifact(quiet.artifactId).messages).toEqual([]);
  });

  test('a Stage inside a guarded Stage is left to that Stage\'s guard', () => {
    const app = new App();
    const pipeline = new Stack(app, 'Pipeline');
    const outer = new Stage(pipeline, 'Outer');
    const outerStack = new Stack(outer, 'OuterStack');
    prodStage(outerStack);
    Aspects.of(outer).add(new EksNodeGuard());
    Aspects.of(app).add(new EksNodeGuard());
    const assembly = app.synth();
    expect(assembly.getStackArtifact(pipeline.artifactId).messages).toEqual([]);
    const outerWarnings = assembly.getNestedAssembly(outer.artifactId).getStackArtifact(outerStack.artifactId).messages.map((m) => String(m.entry.data));
    expect(outerWarnings).toEqual([expect.stringMatching(/^\[eks-node-guard\] Stage Pipeline\/Outer\/OuterStack\/Prod defines EKS node resources/)]);
  });

  test('an app with no stack of its own gets a process warning', () => {
    const app = new App();
    prodStage(app);
    Aspects.of(app).add(new EksNodeGuard());
    const emitted = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      app.synth();
      expect(emitted).toHaveBeenCalledWith(expect.stringMatching(UNGUARDED), { code: 'EKS_NODE_GUARD_UNGUARDED_STAGE' });
    } finally {
      emitted.mockRestore();
    }
  });
});

describe('launch templates the app does not define', () => {
  test('a literal lt- id cannot be verified, and the guard says so', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    cfnNodegroup(stack, { id: 'lt-0123456789abcdef0', version: '3' });
    Aspects.of(app).add(new EksNodeGuard());
    expect(guardMessages(stack)).toEqual([]);
    const warnings = guardMessages(stack, 'warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^\[eks-node-guard:user-data-unanalyzable\] S\/Nodes: launch template cannot be verified/);
    expect(warnings[0]).toContain('lt-0123456789abcdef0 (version 3)');
  });

  test('strict mode makes it an error', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    cfnNodegroup(stack, { id: 'lt-0123456789abcdef0', version: '3' });
    Aspects.of(app).add(new EksNodeGuard({ strict: true }));
    expect(guardMessages(stack)).toHaveLength(1);
  });
});

test('the error names the flag, the value, how and where it was set, the containerd source and the fix', () => {
  const { stack } = synthCase(CASES[0], true, true);
  const [error] = guardMessages(stack);
  expect(error).toContain(`--resolv-conf=${RESOLV_FILE}`);
  expect(error).toContain('/etc/eks/bootstrap.sh --kubelet-extra-args');
  expect(error).toMatch(/line \d+/);
  expect(error).toContain('amazon-eks-node-1.29-v20241024');
  expect(error).toMatch(/catalog/i);
  expect(error).toContain('Fix: Remove --resolv-conf');
});
