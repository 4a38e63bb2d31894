/**
 * The package as users get it: `npm pack`, install the tarball into a scratch CDK app, import the
 * Aspect from `cdk-eks-node-guard`, and run the installed CLI.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import * as semver from 'semver';
import { offlineEnv } from './demo-synth.test';

const ROOT = join(__dirname, '..', '..');
const pkg = require('../../package.json');

const SCRATCH_APP = `
const { App, Aspects, Stack, Fn, CfnParameter } = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const eks = require('aws-cdk-lib/aws-eks');
const { EksNodeGuard } = require('cdk-eks-node-guard');

const app = new App();
const stack = new Stack(app, 'Scratch');
const ami = new CfnParameter(stack, 'Ami', {
  type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
  default: '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id',
});
const lt = new ec2.CfnLaunchTemplate(stack, 'Template', { launchTemplateData: { imageId: ami.valueAsString,
  userData: Fn.base64("#!/bin/bash\\ntouch /etc/r.conf\\n/etc/eks/bootstrap.sh demo --kubelet-extra-args '--resolv-conf=/etc/r.conf'\\n") } });
new eks.CfnNodegroup(stack, 'Nodes', { clusterName: 'demo', nodeRole: 'arn:aws:iam::1:role/n', subnets: ['s'],
  launchTemplate: { id: lt.ref, version: lt.attrLatestVersionNumber } });
Aspects.of(app).add(new EksNodeGuard());
const messages = app.synth().getStackByName('Scratch').messages.filter((m) => m.level === 'error');
console.log(JSON.stringify(messages.map((m) => m.entry.data)));
`;

describe('declared requirements', () => {
  test('engines.node is at least what every runtime dependency requires', () => {
    const ours = semver.minVersion(pkg.engines.node)!;
    for (const name of Object.keys(pkg.dependencies)) {
      const required = require(join(ROOT, 'node_modules', name, 'package.json')).engines?.node;
      if (required) expect({ name, ok: semver.gte(ours, semver.minVersion(required)!) }).toEqual({ name, ok: true });
    }
  });

  test('the aws-cdk-lib peer range starts at 2.93.0, where Annotations.addWarningV2 appeared', () => {
    // aws-cdk CHANGELOG 2.93.0: "core: acknowledge warnings (#26144)" added addWarningV2, which annotate() calls.
    expect(semver.minVersion(pkg.peerDependencies['aws-cdk-lib'])!.version).toBe('2.93.0');
  });
});

test('a tarball install works in a scratch CDK app', () => {
  const work = mkdtempSync(join(tmpdir(), 'guard-pack-'));
  const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
  const app = join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({
      private: true,
      dependencies: {
        'cdk-eks-node-guard': `file:${join(work, tarball)}`,
        'aws-cdk-lib': pkg.devDependencies['aws-cdk-lib'],
        constructs: pkg.devDependencies.constructs,
      },
    }),
  );
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: app, env: offlineEnv(), stdio: 'pipe' });
  writeFileSync(join(app, 'app.js'), SCRATCH_APP);

  const errors = JSON.parse(execFileSync('node', ['app.js'], { cwd: app, env: { ...offlineEnv(), CDK_VALIDATION: 'false' }, encoding: 'utf8' }));
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^\[eks-node-guard:resolv-conf-empty\] Scratch\/Nodes: .*containerd 1\.7\.22/);

  const cli = spawnSync('npx', ['eks-node-guard', 'containerd', '--ami-name', 'amazon-eks-node-1.29-v20241024', '--json'], { cwd: app, env: offlineEnv(), encoding: 'utf8' });
  expect(cli.status).toBe(0);
  expect(JSON.parse(cli.stdout)[0]).toMatchObject({ verdict: 'affected', containerd: '1.7.22' });

  // The compiled CLI finds the installed package.json from dist/, at a different depth than lib/.
  const version = spawnSync('npx', ['eks-node-guard', '--version'], { cwd: app, env: offlineEnv(), encoding: 'utf8' });
  expect({ status: version.status, stdout: version.stdout }).toEqual({ status: 0, stdout: `${pkg.version}\n` });
}, 300_000);
