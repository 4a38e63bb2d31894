import fc from 'fast-check';
import { containerdVerdict, upstreamOf } from '../../lib/ami/containerd-version';
import { kubeletVersionOf, resolveContainerd } from '../../lib/ami/resolve';
import type { AmiFacts, AmiReference } from '../../lib/ami/types';
import { catalogSeries, catalogSource } from '../../lib/catalog/catalog';

const AL2_129_RV = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/release_version';
const AL2_129_ID = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id';

describe('resolveContainerd: catalog', () => {
  it('AMI name -> catalog row, with the source sentence', () => {
    expect(resolveContainerd({ amiName: 'amazon-eks-node-1.29-v20241024' })).toEqual({
      verdict: 'affected',
      containerd: { exact: '1.7.22', packageVersion: '1.7.22-1.amzn2.0.2' },
      family: 'al2',
      amiName: 'amazon-eks-node-1.29-v20241024',
      release: 'v20241024',
      kubernetesVersion: '1.29',
      releaseVersion: '1.29.8-20241024',
      sourceKind: 'catalog',
      source: 'EKS AMI catalog: amazon-eks-node-1.29-v20241024 ships containerd 1.7.22-1.amzn2.0.2 (upstream changelog, release v20241024)',
    });
  });

  it('amiType + releaseVersion -> catalog row', () => {
    const r = resolveContainerd({ amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.31.0-20241016', kubernetesVersion: '1.31' });
    expect(r).toMatchObject({ verdict: 'affected', sourceKind: 'catalog', release: 'v20241016', amiName: 'amazon-eks-node-al2023-x86_64-standard-1.31-v20241016' });
    expect(r.containerd?.exact).toBe('1.7.22');
  });

  it('not affected: names the next release of the series that is affected (the upgrade that breaks it)', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', releaseVersion: '1.29.6-20240729' });
    expect(r).toMatchObject({ verdict: 'not-affected', containerd: { exact: '1.7.11' }, firstAffectedRelease: 'v20240817' });
    // v20240828 rolled back to 1.7.11; the next affected AL2023 release after v20241011 is v20241016.
    const al2023 = resolveContainerd({ amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.29.8-20241011' });
    expect(al2023).toMatchObject({ verdict: 'not-affected', firstAffectedRelease: 'v20241016' });
  });

  it('the next affected release is searched after the node\'s own release, whatever told the version', () => {
    // AL2 1.29 went affected at v20240817 and rolled back at v20240828: a later unaffected node's next break is v20241011.
    const described = resolveContainerd({ imageId: 'ami-1' }, {
      images: { 'ami-1': { name: 'amazon-eks-node-1.29-v20240915', description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.8, containerd: 1.7.11-1.amzn2.0.1)' } },
    });
    expect(described).toMatchObject({ sourceKind: 'ami-description', release: 'v20240915', firstAffectedRelease: 'v20241011' });
    const assumed = resolveContainerd({ amiType: 'AL2_x86_64', kubernetesVersion: '1.23' });
    expect(assumed).toMatchObject({ sourceKind: 'catalog-latest-assumed', release: 'v20240928' });
    expect(assumed.firstAffectedRelease).toBeUndefined();
  });

  it('not affected in a series that never shipped an affected containerd: firstAffectedRelease stays undefined', () => {
    const series = { amiType: 'AL2_x86_64' as const, kubernetesVersion: '1.21' };
    const rows = catalogSeries(series);
    const newest = rows[rows.length - 1];
    expect(rows.every((row) => !row.containerdPackage || containerdVerdict({ exact: upstreamOf(row.containerdPackage) }) === 'not-affected')).toBe(true);
    const r = resolveContainerd({ amiName: newest.amiNames[0] });
    expect(r.verdict).toBe('not-affected');
    expect(r.firstAffectedRelease).toBeUndefined();
    expect(r.source).toContain(`no AL2_x86_64 Kubernetes 1.21 AMI in the catalog ships an affected containerd (newest: ${newest.release})`);
  });

  it('a MachineImage.lookup name filter is the newest AMI of its series, assumed', () => {
    const r = resolveContainerd({ amiName: 'amazon-eks-node-al2023-arm64-standard-1.30-v*' });
    expect(r).toMatchObject({ sourceKind: 'catalog-latest-assumed', release: catalogSource().newestRelease, verdict: 'affected' });
    expect(r.wantsSsmParameters).toEqual(['/aws/service/eks/optimized-ami/1.30/amazon-linux-2023/arm64/standard/recommended/release_version']);
    expect(r.source).toContain('AMI name filter amazon-eks-node-al2023-arm64-standard-1.30-v*');
    expect(resolveContainerd({ amiName: 'golden-*' })).toMatchObject({ verdict: 'unknown' });
  });

  it('a pre-2022 AMI the changelog lists without containerd is unknown', () => {
    const r = resolveContainerd({ amiName: 'amazon-eks-node-1.13-v20190701' });
    expect(r).toMatchObject({ verdict: 'unknown', sourceKind: 'none', release: 'v20190701' });
    expect(r.source).toContain('without a containerd version');
  });

  it('a recalled release says so', () => {
    expect(resolveContainerd({ amiName: 'amazon-eks-node-1.24-v20230211' }).source).toContain('recalled');
  });
});

describe('resolveContainerd: catalog gaps and releases beyond the catalog', () => {
  it('v20240807 (missing from the changelog) is a range between its neighbours, possibly affected', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', releaseVersion: '1.29.6-20240807' });
    expect(r).toMatchObject({ verdict: 'possibly-affected', sourceKind: 'catalog-gap', containerd: { min: '1.7.11', max: '1.7.20' }, release: 'v20240807' });
    expect(r.containerd?.exact).toBeUndefined();
    expect(r.source).toContain('v20240729');
    expect(r.source).toContain('v20240817');
  });

  it('v20250610 (missing) on AL2023 is a range too, never an exact version', () => {
    const r = resolveContainerd({ amiName: 'amazon-eks-node-al2023-x86_64-standard-1.31-v20250610' });
    expect(r.sourceKind).toBe('catalog-gap');
    expect(r.containerd?.exact).toBeUndefined();
    expect(r.containerd?.min).toBeDefined();
    expect(r.containerd?.max).toBeDefined();
  });

  it('a release newer than the catalog is at least the newest known, with no max', () => {
    const r = resolveContainerd({ amiType: 'AL2023_ARM_64_STANDARD', releaseVersion: '1.33.9-20270101' });
    expect(r).toMatchObject({ verdict: 'affected', sourceKind: 'catalog-gap', containerd: { min: '2.2.4' } });
    expect(r.containerd?.max).toBeUndefined();
    expect(r.source).toContain(`newer than the EKS AMI catalog (as of ${catalogSource().newestRelease})`);
  });

  it('a release older than the series is bounded above only', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', releaseVersion: '1.29.0-20231201' });
    expect(r).toMatchObject({ sourceKind: 'catalog-gap', containerd: { max: '1.7.2' }, verdict: 'possibly-affected' });
  });

  it('abandoned releases are no neighbours (v20260311 was never shipped)', () => {
    const r = resolveContainerd({ amiType: 'AL2023_x86_64_STANDARD', releaseVersion: '1.35.2-20260310' });
    expect(r.sourceKind).toBe('catalog-gap');
    expect(r.source).toContain('v20260304');
    expect(r.source).toContain('v20260318');
    expect(r.source).not.toContain('v20260311');
  });

  it('a series the catalog never had is unknown', () => {
    expect(resolveContainerd({ amiType: 'AL2_x86_64', releaseVersion: '1.40.0-20300101' })).toMatchObject({ verdict: 'unknown', sourceKind: 'none' });
  });
});

describe('resolveContainerd: no release version', () => {
  it('uses the release_version SSM value from context', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' }, { ssmValues: { [AL2_129_RV]: '1.29.6-20240729' } });
    expect(r).toMatchObject({ verdict: 'not-affected', sourceKind: 'catalog', release: 'v20240729', releaseVersion: '1.29.6-20240729' });
    expect(r.source).toBe(
      `SSM ${AL2_129_RV} = 1.29.6-20240729 (cdk.context.json); EKS AMI catalog: amazon-eks-node-1.29-v20240729 ships containerd 1.7.11-1.amzn2.0.1 (upstream changelog, release v20240729)`,
    );
    expect(r.wantsSsmParameters).toBeUndefined();
  });

  it('else assumes the newest catalog AMI of the series and asks for the SSM parameter', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' });
    expect(r).toMatchObject({
      sourceKind: 'catalog-latest-assumed',
      wantsSsmParameters: [AL2_129_RV],
      release: 'v20251209',
      containerd: { exact: '1.7.29' },
      verdict: 'affected',
    });
    expect(r.source).toContain('assumed the newest catalog AMI');
  });

  it('an unreadable release_version value falls back to the assumption and says so', () => {
    const r = resolveContainerd({ amiType: 'AL2_x86_64', kubernetesVersion: '1.29' }, { ssmValues: { [AL2_129_RV]: 'dummy-value-for-x' } });
    expect(r).toMatchObject({ sourceKind: 'catalog-latest-assumed', wantsSsmParameters: [AL2_129_RV] });
    expect(r.source).toContain("'dummy-value-for-x' is not a release version");
  });

  it('amiType without any Kubernetes version is unknown', () => {
    expect(resolveContainerd({ amiType: 'AL2_x86_64' })).toMatchObject({ verdict: 'unknown', family: 'al2' });
  });
});

describe('resolveContainerd: SSM parameters', () => {
  it('a pinned path resolves offline', () => {
    const r = resolveContainerd({ ssmParameter: '/aws/service/eks/optimized-ami/1.30/amazon-linux-2/amazon-eks-node-1.30-v20241024/image_id' });
    expect(r).toMatchObject({ sourceKind: 'catalog', amiName: 'amazon-eks-node-1.30-v20241024', verdict: 'affected' });
    expect(r.source).toMatch(/^SSM .* pins amazon-eks-node-1.30-v20241024; EKS AMI catalog/);
  });

  it('recommended/image_id with nothing in context asks for the sibling release_version', () => {
    expect(resolveContainerd({ ssmParameter: AL2_129_ID })).toMatchObject({ sourceKind: 'catalog-latest-assumed', wantsSsmParameters: [AL2_129_RV] });
  });

  it('recommended/image_id with the sibling release_version in context', () => {
    const r = resolveContainerd({ ssmParameter: AL2_129_ID }, { ssmValues: { [AL2_129_RV]: '1.29.8-20241024' } });
    expect(r).toMatchObject({ sourceKind: 'catalog', release: 'v20241024', verdict: 'affected' });
  });

  it('recommended/image_id value -> AMI id -> image facts', () => {
    const facts: AmiFacts = {
      ssmValues: { [AL2_129_ID]: 'ami-0aaa' },
      images: { 'ami-0aaa': { name: 'amazon-eks-node-1.29-v20240729', description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.6, containerd: 1.7.*)' } },
    };
    const r = resolveContainerd({ ssmParameter: AL2_129_ID }, facts);
    expect(r).toMatchObject({ sourceKind: 'catalog', verdict: 'not-affected', amiName: 'amazon-eks-node-1.29-v20240729' });
    expect(r.source).toContain(`SSM ${AL2_129_ID} = ami-0aaa (cdk.context.json)`);
  });

  it('recommended/image_id value without image facts asks for the image too', () => {
    const r = resolveContainerd({ ssmParameter: AL2_129_ID }, { ssmValues: { [AL2_129_ID]: 'ami-0bbb' } });
    expect(r).toMatchObject({ sourceKind: 'catalog-latest-assumed', wantsImages: ['ami-0bbb'], wantsSsmParameters: [AL2_129_RV] });
  });

  it('a CDK dummy value is not taken for an AMI id', () => {
    const r = resolveContainerd({ ssmParameter: AL2_129_ID }, { ssmValues: { [AL2_129_ID]: 'dummy-value-for-/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id' } });
    expect(r).toMatchObject({ sourceKind: 'catalog-latest-assumed', wantsSsmParameters: [AL2_129_RV] });
    expect(r.wantsImages).toBeUndefined();
  });

  it('the parent recommended parameter holds JSON with the release version', () => {
    const parent = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended';
    const value = JSON.stringify({ image_id: 'ami-1', image_name: 'amazon-eks-node-1.29-v20240817', release_version: '1.29.6-20240817' });
    expect(resolveContainerd({ ssmParameter: parent }, { ssmValues: { [parent]: value } })).toMatchObject({ release: 'v20240817', verdict: 'affected', sourceKind: 'catalog' });
  });

  it('an unknown parameter is unknown with the reason', () => {
    expect(resolveContainerd({ ssmParameter: '/my/golden/ami' })).toMatchObject({ verdict: 'unknown', source: expect.stringContaining('/my/golden/ami') });
  });
});

describe('resolveContainerd: AMI ids', () => {
  it('without lookup results: unknown and wants the image; how to look it up is for the front door to say', () => {
    const r = resolveContainerd({ imageId: 'ami-0123456789abcdef0' });
    expect(r).toMatchObject({ verdict: 'unknown', wantsImages: ['ami-0123456789abcdef0'] });
    expect(r.source).toBe('containerd version unknown: AMI ami-0123456789abcdef0 is not in the lookup results `eks-node-guard lookup` stores in cdk.context.json');
  });

  it('name from the lookup -> catalog', () => {
    const r = resolveContainerd({ imageId: 'ami-1' }, { images: { 'ami-1': { name: 'amazon-eks-gpu-node-1.30-v20241011' } } });
    expect(r).toMatchObject({ sourceKind: 'catalog', verdict: 'affected', family: 'al2', containerd: { exact: '1.7.22' } });
  });

  it('a custom AMI name falls back to the description pattern', () => {
    const r = resolveContainerd(
      { imageId: 'ami-2' },
      { images: { 'ami-2': { name: 'golden-eks-2024', description: 'EKS-optimized Kubernetes node based on Amazon Linux 2023, (k8s: 1.31.0, containerd: 1.7.*)' } } },
    );
    expect(r).toMatchObject({ sourceKind: 'ami-description', verdict: 'possibly-affected', family: 'al2023', containerd: { min: '1.7.0', max: '1.7.x' } });
  });

  it('an exact description version beats a gap range', () => {
    const r = resolveContainerd(
      { imageId: 'ami-3' },
      { images: { 'ami-3': { name: 'amazon-eks-node-1.29-v20240807', description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.6, containerd: 1.7.20-1.amzn2.0.1)' } } },
    );
    expect(r).toMatchObject({ sourceKind: 'ami-description', verdict: 'affected', containerd: { exact: '1.7.20' }, release: 'v20240807' });
  });

  it('a description pattern does not beat a gap range', () => {
    const r = resolveContainerd(
      { imageId: 'ami-4' },
      { images: { 'ami-4': { name: 'amazon-eks-node-1.29-v20240807', description: 'EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.6, containerd: *)' } } },
    );
    expect(r).toMatchObject({ sourceKind: 'catalog-gap', containerd: { min: '1.7.11', max: '1.7.20' } });
  });

  it('a missing image is unknown with a clear source', () => {
    const r = resolveContainerd({ imageId: 'ami-5' }, { images: { 'ami-5': { missing: true } } });
    expect(r).toMatchObject({ verdict: 'unknown', source: expect.stringContaining('not found by EC2 DescribeImages') });
    expect(r.wantsImages).toBeUndefined();
  });

  it('an image with nothing to go on is unknown', () => {
    expect(resolveContainerd({ imageId: 'ami-6' }, { images: { 'ami-6': { name: 'golden' } } })).toMatchObject({ verdict: 'unknown' });
  });

  it('an unresolved image id is unknown', () => {
    expect(resolveContainerd({ imageIdUnresolved: true })).toMatchObject({ verdict: 'unknown', source: expect.stringContaining('not known at synth') });
  });

  it('nothing at all is unknown', () => {
    expect(resolveContainerd({})).toMatchObject({ verdict: 'unknown', family: 'unknown', sourceKind: 'none' });
  });
});

describe('resolveContainerd: a per-region mapping of AMI ids (Fn::FindInMap by AWS::Region)', () => {
  const EU = 'ami-0123456789abcdef0';
  const US = 'ami-0fedcba9876543210';
  const regional = (ids: Record<string, string>): AmiReference => ({ regionalImageIds: { mapping: 'LTAmiMap', ids } });
  const OLD = { name: 'amazon-eks-node-1.29-v20240703' }; // containerd 1.7.11
  const NEW = { name: 'amazon-eks-node-1.29-v20241024' }; // containerd 1.7.22

  it('without lookup results: unknown, says the ids come from the mapping, and wants every region\'s id', () => {
    const r = resolveContainerd(regional({ 'eu-west-1': EU, 'us-east-1': US }));
    expect(r).toMatchObject({ verdict: 'unknown', wantsImages: [EU, US] });
    expect(r.source).toBe(
      `containerd version unknown: AMI ${EU} is not in the lookup results \`eks-node-guard lookup\` stores in cdk.context.json; the image id comes from Fn::FindInMap on mapping LTAmiMap by region, ` +
        `one AMI per region (eu-west-1: ${EU}, containerd unknown; us-east-1: ${US}, containerd unknown); judged by the riskiest, eu-west-1`,
    );
    expect(r.source).not.toContain('not known at synth');
  });

  it('a mapping with one region says so', () => {
    expect(resolveContainerd(regional({ 'eu-west-1': EU })).source).toMatch(/mapping LTAmiMap by region, which has an AMI for eu-west-1 only$/);
  });

  it('each region is judged and the riskiest decides; the unknown regions are still wanted', () => {
    const known = resolveContainerd(regional({ 'eu-west-1': EU, 'us-east-1': US }), { images: { [EU]: OLD, [US]: NEW } });
    expect(known).toMatchObject({ verdict: 'affected', amiName: NEW.name, containerd: { exact: '1.7.22' } });
    expect(known.wantsImages).toBeUndefined();
    expect(known.source).toContain(`(eu-west-1: ${EU}, containerd 1.7.11, not-affected; us-east-1: ${US}, containerd 1.7.22, affected); judged by the riskiest, us-east-1`);

    const partly = resolveContainerd(regional({ 'eu-west-1': EU, 'us-east-1': US }), { images: { [EU]: OLD } });
    expect(partly).toMatchObject({ verdict: 'unknown', wantsImages: [US] });
    expect(resolveContainerd(regional({ 'eu-west-1': EU, 'us-east-1': US }), { images: { [EU]: OLD, [US]: OLD } })).toMatchObject({ verdict: 'not-affected' });
  });

  it('a containerd override of one region\'s AMI id applies to that region only', () => {
    const r = resolveContainerd(regional({ 'eu-west-1': EU, 'us-east-1': US }), { overrides: { [EU]: '1.7.11' }, images: { [US]: NEW } });
    expect(r).toMatchObject({ verdict: 'affected', amiName: NEW.name });
    expect(resolveContainerd(regional({ 'eu-west-1': EU }), { overrides: { [EU]: '1.7.11' } })).toMatchObject({ verdict: 'not-affected', sourceKind: 'override' });
  });
});

describe('resolveContainerd: not applicable', () => {
  it.each<AmiReference>([
    { amiType: 'BOTTLEROCKET_x86_64' },
    { amiType: 'WINDOWS_CORE_2022_x86_64' },
    { ssmParameter: '/aws/service/bottlerocket/aws-k8s-1.29/x86_64/latest/image_id' },
    { ssmParameter: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Core-EKS_Optimized-1.29/image_id' },
    { amiName: 'bottlerocket-aws-k8s-1.29-x86_64-v1.20.0-fcf71a47' },
    { amiName: 'Windows_Server-2022-English-Full-EKS_Optimized-1.29-2024.10.08' },
  ])('%j', (ami) => {
    expect(resolveContainerd(ami)).toMatchObject({ verdict: 'not-applicable', sourceKind: 'none' });
  });

  it('an AMI id whose lookup says Bottlerocket', () => {
    expect(resolveContainerd({ imageId: 'ami-7' }, { images: { 'ami-7': { name: 'bottlerocket-aws-k8s-1.30-aarch64-v1.21.0-x' } } })).toMatchObject({
      verdict: 'not-applicable',
      family: 'bottlerocket',
    });
  });
});

describe('resolveContainerd: overrides win', () => {
  it.each<[string, AmiReference, string]>([
    ['AMI id', { imageId: 'ami-9', amiType: 'AL2_x86_64', releaseVersion: '1.29.8-20241024' }, 'ami-9'],
    ['AMI name', { amiName: 'amazon-eks-node-1.29-v20241024' }, 'amazon-eks-node-1.29-v20241024'],
    ['SSM parameter', { ssmParameter: AL2_129_ID }, AL2_129_ID],
    ['release version', { amiType: 'AL2_x86_64', releaseVersion: '1.29.8-20241024' }, '1.29.8-20241024'],
  ])('by %s', (_what, ami, key) => {
    const r = resolveContainerd(ami, { overrides: { [key]: '1.7.11-1.amzn2.0.1' } });
    expect(r).toMatchObject({ sourceKind: 'override', verdict: 'not-affected', containerd: { exact: '1.7.11' } });
    expect(r.source).toContain(key);
  });

  it('an AMI name learned from the lookup is an override key too', () => {
    const r = resolveContainerd({ imageId: 'ami-8' }, { images: { 'ami-8': { name: 'golden-1' } }, overrides: { 'golden-1': '2.0.0' } });
    expect(r).toMatchObject({ sourceKind: 'override', verdict: 'affected' });
  });

  it('an unreadable override is unknown, saying why', () => {
    const r = resolveContainerd({ amiName: 'amazon-eks-node-1.29-v20241024' }, { overrides: { 'amazon-eks-node-1.29-v20241024': 'latest' } });
    expect(r).toMatchObject({ sourceKind: 'override', verdict: 'unknown' });
    expect(r.source).toContain("'latest'");
  });
});

describe('kubeletVersionOf', () => {
  it('gives the full version when the release version is known', () => {
    expect(kubeletVersionOf(resolveContainerd({ amiName: 'amazon-eks-node-1.29-v20241024' }))).toEqual({ minor: '1.29', version: '1.29.8' });
  });
  it('gives the minor only when that is all the AMI tells', () => {
    expect(kubeletVersionOf(resolveContainerd({ ssmParameter: '/aws/service/bottlerocket/aws-k8s-1.30/x86_64/latest/image_id' }))).toEqual({ minor: '1.30' });
  });
  it('is the AMI\'s: a configured Kubernetes version is the node\'s, not the resolution\'s (see nodeKubeletVersion)', () => {
    expect(kubeletVersionOf(resolveContainerd({ imageId: 'ami-1', kubernetesVersion: '1.31' }))).toBeUndefined();
    expect(kubeletVersionOf(resolveContainerd({ amiType: 'BOTTLEROCKET_x86_64', kubernetesVersion: '1.30' }))).toBeUndefined();
  });
  it('is undefined when nothing is known', () => {
    expect(kubeletVersionOf(resolveContainerd({}))).toBeUndefined();
  });
});

describe('resolveContainerd never throws', () => {
  const text = fc.oneof(fc.string(), fc.constantFrom('AL2_x86_64', 'AL2023_ARM_64_NVIDIA', 'BOTTLEROCKET_x86_64', 'CUSTOM', '1.29.8-20241024', 'ami-1', '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended', '1.29'));
  it('for any reference and facts, and always says where the answer came from', () => {
    fc.assert(
      fc.property(
        fc.record({ amiType: text, releaseVersion: text, kubernetesVersion: text, imageId: text, ssmParameter: text, amiName: text }, { requiredKeys: [] }),
        fc.dictionary(text, text),
        (ami, values) => {
          const r = resolveContainerd(ami, { ssmValues: values, overrides: {}, images: { 'ami-1': { description: 'containerd: 1.7.*' } } });
          expect(r.source.length).toBeGreaterThan(0);
          if (r.containerd?.exact) expect(r.containerd.min).toBeUndefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});

