/** Fixtures without CDK: the EKS AMIs the tests pin, and MIME / NodeConfig user-data text as EKS expects it. */

/** The EKS AL2 AMI of release v20241024 (containerd 1.7.22: affected), pinned so it resolves offline. */
export const AFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';
/** v20240703 shipped containerd 1.7.11: not affected (yet). */
export const UNAFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240703/image_id';
/** The recommended EKS AL2 AMI for 1.29 (family al2 from the path; release unknown offline). */
export const AL2_RECOMMENDED_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id';
/** The EKS AL2023 x86_64 standard AMI for 1.31, recommended (family al2023 from the path). */
export const AL2023_SSM = '/aws/service/eks/optimized-ami/1.31/amazon-linux-2023/x86_64/standard/recommended/image_id';

/** A managed node group on the EKS AL2 AMI without a custom AMI: release 1.29.10-20241024 (containerd 1.7.22). */
export const AL2_MANAGED = { amiType: 'AL2_x86_64', releaseVersion: '1.29.10-20241024' };

export interface MimePart {
  readonly contentType: string;
  readonly body: string;
}

/** A MIME multipart archive as EKS expects it. */
export function mime(parts: readonly MimePart[]): string {
  const lines = ['MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="==BOUNDARY=="', ''];
  for (const part of parts) lines.push('--==BOUNDARY==', `Content-Type: ${part.contentType}`, '', part.body);
  lines.push('--==BOUNDARY==--', '');
  return lines.join('\n');
}

export function shellPart(...commands: string[]): MimePart {
  return { contentType: 'text/x-shellscript; charset="us-ascii"', body: ['#!/bin/bash', ...commands, ''].join('\n') };
}

export function nodeadmPart(yamlBody: string): MimePart {
  return { contentType: 'application/node.eks.aws', body: yamlBody };
}

/** A nodeadm NodeConfig that only sets the kubelet's maxPods. */
export const NODE_CONFIG_MAX_PODS = ['apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    config:', '      maxPods: 58', ''].join('\n');
