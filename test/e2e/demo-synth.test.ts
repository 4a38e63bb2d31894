/**
 * The README's main job, for real: the CDK CLI synthesizes the demo app offline, with no AWS
 * credentials, and the legacy switch makes it fail with the guard's error.
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** An environment with no AWS credentials and nothing that reaches the network. */
export function offlineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', CDK_DISABLE_VERSION_CHECK: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true' };
  for (const key of Object.keys(env)) if (/^AWS_(ACCESS_KEY_ID|SECRET_ACCESS_KEY|SESSION_TOKEN|PROFILE)$/.test(key)) delete env[key];
  env.AWS_CONFIG_FILE = env.AWS_SHARED_CREDENTIALS_FILE = join(tmpdir(), 'no-aws-config');
  return env;
}

function cdkSynth(...args: string[]) {
  const out = mkdtempSync(join(tmpdir(), 'guard-demo-'));
  const result = spawnSync('npx', ['cdk', 'synth', '--quiet', '--output', out, ...args], { cwd: ROOT, env: offlineEnv(), encoding: 'utf8', timeout: 180_000 });
  return { ...result, out };
}

describe('cdk synth of the demo app', () => {
  test('healthy by default: exit 0, and the report says so', () => {
    const { status, stderr, out } = cdkSynth();
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(readFileSync(join(out, 'eks-node-guard.report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ errors: 0 });
  }, 180_000);

  test('-c demo=legacy fails with one message that says what, where, why and how to fix', () => {
    const { status, stderr } = cdkSynth('-c', 'demo=legacy');
    expect(status).not.toBe(0);
    const line = stderr.split('\n').find((l) => l.includes('[eks-node-guard:resolv-conf-empty]'));
    expect(line).toBeDefined();
    expect(line).toContain('EksNodeGuardDemo/Cluster/NodegroupLegacyNodes');
    expect(line).toContain('--resolv-conf=/etc/kubelet-resolv.conf');
    expect(line).toContain('created empty by "touch /etc/kubelet-resolv.conf"');
    expect(line).toContain('containerd 1.7.22');
    expect(line).toContain('EKS AMI catalog');
    expect(line).toContain('Fix: Remove --resolv-conf');
  }, 180_000);

  test('-c demo=legacy with the rule acknowledged passes, and the report lists the suppression', () => {
    const { status, stderr, out } = cdkSynth('-c', 'demo=legacy', '-c', 'demo-acknowledge=nodes stay on containerd 1.7.11 until the DNS migration');
    expect({ status, stderr: status === 0 ? '' : stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(readFileSync(join(out, 'eks-node-guard.report.json'), 'utf8'));
    expect(report.summary).toMatchObject({ errors: 0, suppressed: 1 });
    expect(report.findings[0].suppression.reason).toBe('nodes stay on containerd 1.7.11 until the DNS migration');
  }, 180_000);
});
