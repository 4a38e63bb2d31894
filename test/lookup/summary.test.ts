import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../lib/cli';
import { capturingIo } from '../helpers/cli';
import { ImageLookupResult } from '../../lib/lookup/lookup';
import { callCountsLine, catalogContainerdDescriber, imageSummaryLine, lookupSummary, parameterSummaryLine } from '../../lib/lookup/summary';

function image(name: string, description: string, extra: Partial<ImageLookupResult> = {}): ImageLookupResult {
  return { kind: 'image', imageId: 'ami-0abc1234', region: 'eu-west-1', contextKey: 'k', value: { name, description }, viaParameters: [], paths: [], ...extra };
}

test('AMI lines carry the catalog containerd and verdict', () => {
  const affected = image('amazon-eks-node-1.29-v20241024', 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.8, containerd: 1.7.*)');
  expect(imageSummaryLine(affected, catalogContainerdDescriber)).toBe('ami-0abc1234 (eu-west-1): amazon-eks-node-1.29-v20241024 -> containerd 1.7.22, affected');
  const before = image('amazon-eks-node-1.29-v20240703', 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.3, containerd: 1.7.*)');
  expect(imageSummaryLine(before, catalogContainerdDescriber)).toBe('ami-0abc1234 (eu-west-1): amazon-eks-node-1.29-v20240703 -> containerd 1.7.11, not-affected');
  const custom = image('my-golden-ami', 'built in house');
  expect(imageSummaryLine(custom, catalogContainerdDescriber)).toBe('ami-0abc1234 (eu-west-1): my-golden-ami -> containerd unknown, unknown');
});

test('missing, malformed and chained AMIs, parameters and call counts', () => {
  const missing: ImageLookupResult = { ...image('', ''), value: { missing: true }, missingReason: 'not-found', viaParameters: ['/p'] };
  expect(imageSummaryLine(missing)).toBe('ami-0abc1234 (eu-west-1): not found (unknown, deregistered, or not shared with this account); the guard will report the AMI as unknown [from /p]');
  expect(imageSummaryLine({ ...missing, imageId: 'ami-x', missingReason: 'malformed', viaParameters: [] })).toBe('ami-x (eu-west-1): not an AMI id, not looked up');
  const json = JSON.stringify({ image_id: 'ami-0abc1234', image_name: 'amazon-eks-node-1.29-v20241024', release_version: '1.29.8-20241024' }, undefined, 2);
  expect(parameterSummaryLine({ kind: 'ssm', name: '/r', region: 'eu-west-1', contextKey: 'k', value: json, paths: [] })).toBe(
    '/r (eu-west-1) = { "image_id": "ami-0abc1234", "image_name": "amazon-eks-node-1.29-v20241024", "release_version": "1.29.8-20241024" }',
  );
  expect(parameterSummaryLine({ kind: 'ssm', name: '/typo', region: 'eu-west-1', contextKey: 'k', missing: true, paths: [] })).toMatch(/^\/typo \(eu-west-1\): parameter not found/);
  const calls = { 'ec2:DescribeImages': 5, 'ssm:GetParameters': 2 };
  expect(callCountsLine(calls)).toBe('API calls: ec2:DescribeImages 5, ssm:GetParameters 2');
  expect(lookupSummary([missing, { kind: 'ssm', name: '/r', region: 'r', contextKey: 'k', value: 'v', paths: [] }], calls)[0]).toBe('/r (r) = v');
});

test('the dispatcher runs the real command: nothing to look up, and --help', async () => {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eng-main-'));
  try {
    await fsp.mkdir(path.join(dir, 'cdk.out'));
    await fsp.writeFile(path.join(dir, 'cdk.out', 'manifest.json'), '{"version":"48.0.0","artifacts":{}}');
    const io = capturingIo({ cwd: dir });
    expect(await main(['lookup'], io)).toBe(0);
    expect(io.out).toContain('Nothing to look up');
    expect(await main(['lookup', '--help'], io)).toBe(0);
    expect(io.out).toContain('IAM actions needed: ec2:DescribeImages, ssm:GetParameters.');
    expect(io.err).toBe('');
    await expect(fsp.readdir(dir)).resolves.toEqual(['cdk.out']);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
});
