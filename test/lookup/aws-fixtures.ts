/** Recorded-shape AWS responses and errors shared by the lookup tests. */
import type { Image } from '@aws-sdk/client-ec2';

/** A valid-looking 17-hex-digit AMI id, distinct per n. */
export function amiId(n: number): string {
  return `ami-${n.toString(16).padStart(17, '0')}`;
}

export function eksImage(id: string, release = 'v20241024', containerd = '1.7.*'): Image {
  return {
    ImageId: id,
    Name: `amazon-eks-node-1.29-${release}`,
    Description: `EKS Kubernetes Worker AMI with AmazonLinux2 image, (k8s: 1.29.8, containerd: ${containerd})`,
  };
}

/** An error shaped like the SDK's service exceptions (name, $fault, $metadata). */
export function awsError(name: string, message: string, attempts = 1): Error {
  return Object.assign(new Error(message), { name, $fault: 'client', $metadata: { httpStatusCode: 400, attempts } });
}

/** The error Node's http client raises when nothing listens on the port. */
export function networkError(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } });
}
