import {
  eksAmiName,
  parseAmiName,
  parseAmiType,
  parseReleaseVersion,
  parseSsmParameter,
  recommendedSsmParameterName,
  kubernetesMinor,
} from '../../lib/ami/identify';

describe('parseAmiName', () => {
  it.each([
    ['amazon-eks-node-1.29-v20241024', 'AL2_x86_64', '1.29', 'v20241024'],
    ['amazon-eks-gpu-node-1.29-v20241024', 'AL2_x86_64_GPU', '1.29', 'v20241024'],
    ['amazon-eks-arm64-node-1.30-v20240817', 'AL2_ARM_64', '1.30', 'v20240817'],
    ['amazon-eks-node-al2023-x86_64-standard-1.31-v20241016', 'AL2023_x86_64_STANDARD', '1.31', 'v20241016'],
    ['amazon-eks-node-al2023-arm64-nvidia-1.33-v20250715', 'AL2023_ARM_64_NVIDIA', '1.33', 'v20250715'],
    ['amazon-eks-node-al2023-x86_64-neuron-1.32-v20250101', 'AL2023_x86_64_NEURON', '1.32', 'v20250101'],
  ])('%s is %s %s %s', (name, amiType, kubernetesVersion, release) => {
    expect(parseAmiName(name)).toMatchObject({ kind: 'eks-optimized', amiType, kubernetesVersion, release });
  });

  it('keeps the variant of nvidia-560 names', () => {
    expect(parseAmiName('amazon-eks-node-al2023-x86_64-nvidia-560-1.31-v20241016')).toMatchObject({
      amiType: 'AL2023_x86_64_NVIDIA',
      kubernetesVersion: '1.31',
      variant: '560',
    });
  });

  it('recognises Bottlerocket and Windows', () => {
    expect(parseAmiName('bottlerocket-aws-k8s-1.29-x86_64-v1.20.0-fcf71a47')).toEqual({
      kind: 'bottlerocket',
      family: 'bottlerocket',
      name: 'bottlerocket-aws-k8s-1.29-x86_64-v1.20.0-fcf71a47',
      kubernetesVersion: '1.29',
    });
    expect(parseAmiName('Windows_Server-2022-English-Core-EKS_Optimized-1.29-2024.10.08')).toMatchObject({ kind: 'windows', kubernetesVersion: '1.29' });
  });

  it('returns a problem for other names', () => {
    expect(parseAmiName('my-golden-ami-2024')).toMatchObject({ kind: 'unrecognised', family: 'unknown', problem: expect.any(String) });
    expect(parseAmiName('amazon-eks-node-1.29-v2024')).toMatchObject({ kind: 'unrecognised' });
  });

  it('eksAmiName is the inverse of parseAmiName for every type', () => {
    for (const name of [
      'amazon-eks-node-1.29-v20241024',
      'amazon-eks-gpu-node-1.29-v20241024',
      'amazon-eks-arm64-node-1.29-v20241024',
      'amazon-eks-node-al2023-arm64-standard-1.31-v20241016',
      'amazon-eks-node-al2023-x86_64-nvidia-1.31-v20241016',
    ]) {
      const info = parseAmiName(name);
      if (info.kind !== 'eks-optimized') throw new Error(name);
      expect(eksAmiName(info, info.release)).toBe(name);
    }
  });
});

describe('parseAmiType', () => {
  it.each([
    ['AL2_x86_64', 'eks-optimized', 'al2'],
    ['AL2_x86_64_GPU', 'eks-optimized', 'al2'],
    ['AL2_ARM_64', 'eks-optimized', 'al2'],
    ['AL2023_x86_64_STANDARD', 'eks-optimized', 'al2023'],
    ['AL2023_ARM_64_STANDARD', 'eks-optimized', 'al2023'],
    ['AL2023_x86_64_NVIDIA', 'eks-optimized', 'al2023'],
    ['AL2023_ARM_64_NVIDIA', 'eks-optimized', 'al2023'],
    ['AL2023_x86_64_NEURON', 'eks-optimized', 'al2023'],
    ['BOTTLEROCKET_x86_64', 'bottlerocket', 'bottlerocket'],
    ['BOTTLEROCKET_ARM_64_NVIDIA', 'bottlerocket', 'bottlerocket'],
    ['WINDOWS_CORE_2022_x86_64', 'windows', 'windows'],
    ['CUSTOM', 'custom', 'unknown'],
    ['AL3_x86_64', 'unrecognised', 'unknown'],
  ])('%s', (amiType, kind, family) => {
    expect(parseAmiType(amiType)).toMatchObject({ kind, family });
  });
});

describe('parseReleaseVersion', () => {
  it('splits a release version', () => {
    expect(parseReleaseVersion('1.29.10-20241122')).toEqual({ kubernetesVersion: '1.29', kubeletVersion: '1.29.10', release: 'v20241122' });
  });
  it('returns a problem for other strings', () => {
    expect(parseReleaseVersion('1.29-20241122')).toEqual({ problem: expect.any(String) });
  });
});

describe('parseSsmParameter', () => {
  it.each([
    ['/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id', 'AL2_x86_64', 'image_id'],
    ['/aws/service/eks/optimized-ami/1.29/amazon-linux-2-gpu/recommended/release_version', 'AL2_x86_64_GPU', 'release_version'],
    ['/aws/service/eks/optimized-ami/1.29/amazon-linux-2-arm64/recommended', 'AL2_ARM_64', 'json'],
    ['/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id', 'AL2023_x86_64_STANDARD', 'image_id'],
    ['/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/arm64/nvidia/recommended/image_id', 'AL2023_ARM_64_NVIDIA', 'image_id'],
    ['/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/neuron/recommended/release_version', 'AL2023_x86_64_NEURON', 'release_version'],
  ])('%s is the recommended %s (%s)', (name, amiType, leaf) => {
    expect(parseSsmParameter(name)).toMatchObject({ kind: 'eks-recommended', series: { amiType }, leaf });
  });

  it('reads pinned per-release paths', () => {
    expect(parseSsmParameter('/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241122/image_id')).toEqual({
      kind: 'eks-pinned',
      family: 'al2',
      series: { amiType: 'AL2_x86_64', kubernetesVersion: '1.29' },
      amiName: 'amazon-eks-node-1.29-v20241122',
      release: 'v20241122',
      leaf: 'image_id',
    });
    expect(
      parseSsmParameter('/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/amazon-eks-node-al2023-x86_64-standard-1.31-v20241016/image_id'),
    ).toMatchObject({ kind: 'eks-pinned', amiName: 'amazon-eks-node-al2023-x86_64-standard-1.31-v20241016' });
  });

  it('rejects a pinned name of another series', () => {
    expect(parseSsmParameter('/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-gpu-node-1.29-v20241122/image_id')).toMatchObject({ kind: 'unrecognised' });
  });

  it('recognises Bottlerocket and Windows parameters', () => {
    expect(parseSsmParameter('/aws/service/bottlerocket/aws-k8s-1.29/x86_64/latest/image_id')).toEqual({ kind: 'bottlerocket', family: 'bottlerocket', kubernetesVersion: '1.29' });
    expect(parseSsmParameter('/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.29/image_id')).toEqual({
      kind: 'windows',
      family: 'windows',
      kubernetesVersion: '1.29',
    });
  });

  it('returns a problem for other parameters', () => {
    expect(parseSsmParameter('/my/ami')).toMatchObject({ kind: 'unrecognised', problem: expect.any(String) });
    expect(parseSsmParameter('/aws/service/eks/optimized-ami/1.29/ubuntu/recommended/image_id')).toMatchObject({ kind: 'unrecognised' });
  });
});

describe('Kubernetes versions and SSM parameter names', () => {
  it('kubernetesMinor: the minor of a version, or undefined', () => {
    expect(kubernetesMinor('1.29')).toBe('1.29');
    expect(kubernetesMinor('1.31.2')).toBe('1.31');
    expect(kubernetesMinor('v1.30.1')).toBe('1.30');
    expect(kubernetesMinor('latest')).toBeUndefined();
    expect(kubernetesMinor(undefined)).toBeUndefined();
  });
  it('round-trips through parseSsmParameter', () => {
    const name = recommendedSsmParameterName({ amiType: 'AL2023_x86_64_NVIDIA', kubernetesVersion: '1.32' }, 'image_id');
    expect(parseSsmParameter(name)).toMatchObject({ kind: 'eks-recommended', series: { amiType: 'AL2023_x86_64_NVIDIA', kubernetesVersion: '1.32' }, leaf: 'image_id' });
  });
});
