import type { Finding, SuppressedFinding } from '../../lib/model';

/** A finding as the resolv-conf-empty rule reports it, for reporter tests that need no pipeline. */
export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'resolv-conf-empty',
    severity: 'error',
    title: 'kubelet --resolv-conf=/etc/kubelet-resolv.conf is empty',
    detail: 'The kubelet gets --resolv-conf=/etc/kubelet-resolv.conf; containerd 1.7.22 (catalog) is affected.',
    fix: 'Remove --resolv-conf from --kubelet-extra-args.',
    source: {
      constructPath: 'Demo/Nodegroup',
      stack: 'Demo',
      logicalId: 'Nodegroup',
      templateFile: 'cdk.out/Demo.template.json',
      resourceType: 'AWS::EKS::Nodegroup',
    },
    evidence: {
      resolvConf: { value: '/etc/kubelet-resolv.conf', content: 'empty', mechanism: 'bootstrap-kubelet-extra-args', location: { line: 3 } },
      ami: { name: 'amazon-eks-node-1.29-v20241024', release: 'v20241024', family: 'al2', source: 'releaseVersion 1.29.10-20241024' },
      containerd: { verdict: 'affected', version: '1.7.22', source: 'catalog' },
    },
    ...overrides,
  };
}

export function sampleSuppressed(overrides: Partial<Finding> = {}): SuppressedFinding {
  return {
    ...sampleFinding({ source: { constructPath: 'Demo/Legacy/Nodegroup', stack: 'Demo', logicalId: 'LegacyNodegroup', templateFile: 'cdk.out/Demo.template.json', resourceType: 'AWS::EKS::Nodegroup' }, ...overrides }),
    suppressedBy: { scope: 'Demo/Legacy', reason: 'pinned AMI, containerd 1.7.11' },
  };
}
