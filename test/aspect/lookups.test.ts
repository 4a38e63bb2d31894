import { App, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { readFileSync } from 'fs';
import { join } from 'path';
import { EksNodeGuard, EksNodeGuardProps } from '../../lib';
import { imageContextKey } from '../../lib/lookup/types';
import { cdkScript, cfnNodegroup, guardMessages, legacyCommands, ruleMessages, script } from '../helpers/cdk';

const ENV = { account: '111111111111', region: 'eu-west-1' };
const RELEASE_PARAM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version';
const SSM_CONTEXT_KEY = `ssm:account=111111111111:parameterName=${RELEASE_PARAM}:region=eu-west-1`;

/** A managed node group with no releaseVersion: EKS picks the newest AMI at create time. */
function appWithoutRelease(context: Record<string, unknown>, env?: typeof ENV) {
  const app = new App({ context });
  const stack = new Stack(app, 'S', { env });
  const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateData: { userData: Buffer.from(script(legacyCommands())).toString('base64') } });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber }, { amiType: 'AL2_x86_64', version: '1.29' });
  Aspects.of(app).add(new EksNodeGuard());
  return { app, stack };
}

describe('node AMIs only AWS knows', () => {
  test('an env-specific stack asks CDK for the recommended release and does not fail on the dummy value', () => {
    const { app, stack } = appWithoutRelease({}, ENV);
    const assembly = app.synth();
    expect(assembly.manifest.missing?.map((m) => m.key)).toEqual([SSM_CONTEXT_KEY]);
    expect(ruleMessages(stack, 'resolv-conf-empty')).toEqual({ errors: [], warnings: [expect.stringContaining('Waiting for a CDK context lookup')] });
  });

  test('with the looked-up value in context it resolves offline to that release', () => {
    const { app, stack } = appWithoutRelease({ [SSM_CONTEXT_KEY]: '1.29.3-20240703' }, ENV);
    expect(app.synth().manifest.missing).toBeUndefined();
    const { errors, warnings } = ruleMessages(stack, 'resolv-conf-empty');
    expect(errors).toEqual([]);
    expect(warnings[0]).toContain('amazon-eks-node-1.29-v20240703');
    expect(warnings[0]).toContain('containerd 1.7.11');

    const breaking = appWithoutRelease({ [SSM_CONTEXT_KEY]: '1.29.10-20241024' }, ENV);
    expect(ruleMessages(breaking.stack, 'resolv-conf-empty').errors[0]).toContain('containerd 1.7.22');
  });

  test('an env-agnostic stack assumes the newest catalog release, says so, and lists the lookup for `eks-node-guard lookup`', () => {
    const { app, stack } = appWithoutRelease({});
    const dir = app.synth().directory;
    const [error] = ruleMessages(stack, 'resolv-conf-empty').errors;
    expect(error).toContain('assumed the newest catalog AMI');
    const request = JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8'));
    expect(request.ssmParameters).toEqual([{ id: RELEASE_PARAM, paths: ['S/Nodes'] }]);
  });

  test('a literal AMI id is unknown until `eks-node-guard lookup` stores its name in context', () => {
    const build = (context: Record<string, unknown>) => {
      const app = new App({ context });
      const stack = new Stack(app, 'S', { env: ENV });
      const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', {
        launchTemplateData: { imageId: 'ami-0123456789abcdef0', userData: Buffer.from(script(legacyCommands())).toString('base64') },
      });
      cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
      Aspects.of(app).add(new EksNodeGuard());
      return { app, stack };
    };
    const before = build({});
    const dir = before.app.synth().directory;
    expect(guardMessages(before.stack, 'error')[0]).toMatch(/unknown version/);
    expect(JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8')).images).toEqual([
      { id: 'ami-0123456789abcdef0', region: 'eu-west-1', paths: ['S/Nodes'] },
    ]);

    const after = build({ [imageContextKey('eu-west-1', 'ami-0123456789abcdef0')]: { name: 'amazon-eks-node-1.29-v20240703', description: 'EKS Kubernetes Worker AMI' } });
    expect(guardMessages(after.stack, 'error')).toEqual([]);
    expect(guardMessages(after.stack, 'warning').join('\n')).toContain('containerd 1.7.11');
  });
});

describe('MachineImage.genericLinux in an env-agnostic stack (Fn::FindInMap on a mapping by region)', () => {
  const EU = 'ami-0123456789abcdef0';
  const US = 'ami-0fedcba9876543210';

  /** A launch template booting `genericLinux` with the incident's user data; no env, so CDK writes a mapping. */
  function genericLinuxApp(context: Record<string, unknown>, guard: EksNodeGuardProps = {}) {
    const app = new App({ context });
    const stack = new Stack(app, 'S');
    new ec2.LaunchTemplate(stack, 'LT', { machineImage: ec2.MachineImage.genericLinux({ 'eu-west-1': EU, 'us-east-1': US }), userData: cdkScript(...legacyCommands()) });
    Aspects.of(app).add(new EksNodeGuard(guard));
    return { app, stack };
  }

  test("lists every region's AMI id for `eks-node-guard lookup`, in its region, and says where the ids come from", () => {
    const { app, stack } = genericLinuxApp({});
    const dir = app.synth().directory;
    expect(JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8'))).toEqual({
      version: 1,
      images: [
        { id: EU, region: 'eu-west-1', paths: ['S/LT/Resource'] },
        { id: US, region: 'us-east-1', paths: ['S/LT/Resource'] },
      ],
      ssmParameters: [],
    });
    const [error] = ruleMessages(stack, 'resolv-conf-empty').errors;
    expect(error).toMatch(/the image id comes from Fn::FindInMap on mapping LTAmiMap\w+ by region, one AMI per region \(eu-west-1: ami-0123456789abcdef0, containerd unknown; us-east-1: ami-0fedcba9876543210, containerd unknown\)/);
    expect(error).toContain('run `eks-node-guard lookup` (it answers the eks-node-guard.lookups.json synth wrote into the cloud assembly)');
    expect(error).not.toContain('not known at synth');
  });

  test('with the answers in context, each region is judged and the riskiest decides', () => {
    const context = {
      [imageContextKey('eu-west-1', EU)]: { name: 'amazon-eks-node-1.29-v20240703' },
      [imageContextKey('us-east-1', US)]: { name: 'amazon-eks-node-1.29-v20241024' },
    };
    const [error] = ruleMessages(genericLinuxApp(context).stack, 'resolv-conf-empty').errors;
    expect(error).toContain('AMI amazon-eks-node-1.29-v20241024 runs containerd 1.7.22 (affected');
    expect(error).toContain('judged by the riskiest, us-east-1');
  });

  test('without reports (writeReports: false) nothing is written, and the advice says how to write the request', () => {
    const { stack } = genericLinuxApp({}, { writeReports: false });
    const [error] = ruleMessages(stack, 'resolv-conf-empty').errors;
    expect(error).toContain('write a lookup request with `eks-node-guard scan <cdk.out or template> --lookups <file>`');
    expect(error).not.toContain('run `eks-node-guard lookup`');
  });
});

test('a containerd override for the AMI means nothing is looked up', () => {
  const app = new App();
  const stack = new Stack(app, 'S', { env: ENV });
  const lt = new ec2.CfnLaunchTemplate(stack, 'NodeTemplate', { launchTemplateData: { imageId: 'ami-0123456789abcdef0', userData: Buffer.from(script(legacyCommands())).toString('base64') } });
  cfnNodegroup(stack, { id: lt.ref, version: lt.attrLatestVersionNumber });
  Aspects.of(app).add(new EksNodeGuard({ containerd: { 'ami-0123456789abcdef0': '1.7.11' } }));
  const dir = app.synth().directory;
  expect(JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8'))).toEqual({ version: 1, images: [], ssmParameters: [] });
  expect(ruleMessages(stack, 'resolv-conf-empty').warnings[0]).toContain('containerd 1.7.11');
});

describe('MachineImage.lookup', () => {
  /** An instance booting the AMI `MachineImage.lookup` finds by `name` (and `filters`), with the incident's user data. */
  function lookupApp(context: Record<string, unknown>, lookup: ec2.LookupMachineImageProps) {
    const app = new App({ context });
    const stack = new Stack(app, 'S', { env: ENV });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-1', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-1'] });
    new ec2.Instance(stack, 'Node', { vpc, instanceType: new ec2.InstanceType('m5.large'), machineImage: ec2.MachineImage.lookup(lookup), userData: cdkScript(...legacyCommands()) });
    Aspects.of(app).add(new EksNodeGuard());
    return { app, stack };
  }

  /** The context key CDK asks the CLI to fill, exactly as CDK writes it (the CLI stores the answer under it). */
  function missingAmiKey(lookup: ec2.LookupMachineImageProps): string {
    const keys = lookupApp({}, lookup).app.synth().manifest.missing?.map((m) => m.key) ?? [];
    expect(keys).toEqual([expect.stringMatching(/^ami:/)]);
    return keys[0];
  }

  const WAITING = Match.stringLikeRegexp('Waiting for a CDK context lookup');

  test("before the CLI answers, CDK's placeholder AMI is a pending lookup, not an error or an `eks-node-guard lookup` item", () => {
    const { app, stack } = lookupApp({}, { name: 'amazon-eks-node-1.29-v20241024' });
    const dir = app.synth().directory;
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('/S/Node/Resource', WAITING)).toHaveLength(1);
    expect(JSON.parse(readFileSync(join(dir, 'eks-node-guard.lookups.json'), 'utf8')).images).toEqual([]);
  });

  test('the answer cached in context names the AMI, which settles its containerd', () => {
    const name = 'amazon-eks-node-1.29-v20240703';
    const key = missingAmiKey({ name });
    expect(key).toContain(`:filters.name.0=${name}:`);
    const { stack } = lookupApp({ [key]: 'ami-0bbbbbbbbbbbbbbbb' }, { name });
    const annotations = Annotations.fromStack(stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    const [warning] = annotations.findWarning('/S/Node/Resource', Match.stringLikeRegexp('resolv-conf-empty'));
    expect(warning.entry.data).toContain(`AMI ami-0bbbbbbbbbbbbbbbb (${name})`);
    expect(warning.entry.data).toContain('containerd 1.7.11');
  });

  test('an answer for several names does not name the AMI', () => {
    const lookup = { name: 'amazon-eks-node-1.29-v20240703', filters: { name: ['amazon-eks-node-1.29-v20240703', 'amazon-eks-node-1.29-v20241024'] } };
    const { stack } = lookupApp({ [missingAmiKey(lookup)]: 'ami-0bbbbbbbbbbbbbbbb' }, lookup);
    expect(ruleMessages(stack, 'resolv-conf-empty').errors[0]).toContain('AMI ami-0bbbbbbbbbbbbbbbb is not in the lookup results');
  });
});
