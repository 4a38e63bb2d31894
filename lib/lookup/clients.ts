/**
 * Real AWS SDK clients for `lookup`, one per service and region.
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { SSMClient } from '@aws-sdk/client-ssm';
import type { AwsCredentialIdentity } from '@aws-sdk/types';
import type { LookupClientFactory } from './lookup';

/** How to build the SDK clients; every field optional, defaults are the SDK's own. */
export interface SdkClientOptions {
  /** Shared config/credentials profile (like AWS_PROFILE); the SDK reads it from ~/.aws/config and ~/.aws/credentials. */
  readonly profile?: string;
  /** Attempts per call including the SDK's retries (the SDK default is 3). */
  readonly maxAttempts?: number;
  /** Endpoint override, e.g. a local test server. */
  readonly endpoint?: string;
  /** Static credentials instead of the SDK's provider chain (tests). */
  readonly credentials?: AwsCredentialIdentity;
}

/** A {@link LookupClientFactory} that creates each SDK client once per region and reuses it. */
export function sdkClientFactory(options: SdkClientOptions = {}): LookupClientFactory & { readonly destroy: () => void } {
  const config = (region: string) => ({
    region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(options.credentials ? { credentials: options.credentials } : {}),
  });
  const ec2 = new Map<string, EC2Client>();
  const ssm = new Map<string, SSMClient>();
  return {
    ec2: (region) => cached(ec2, region, () => new EC2Client(config(region))),
    ssm: (region) => cached(ssm, region, () => new SSMClient(config(region))),
    // Closes keep-alive sockets so the process (or a test) can exit at once.
    destroy: () => [...ec2.values(), ...ssm.values()].forEach((c) => c.destroy()),
  };
}

function cached<T>(clients: Map<string, T>, region: string, create: () => T): T {
  const existing = clients.get(region);
  if (existing) return existing;
  const client = create();
  clients.set(region, client);
  return client;
}

/**
 * The region the SDK would use with no region given: AWS_REGION, then the profile's `region` in
 * ~/.aws/config. Undefined when neither says.
 */
export async function sdkDefaultRegion(profile?: string): Promise<string | undefined> {
  const client = new SSMClient(profile ? { profile } : {});
  try {
    const region = await client.config.region();
    return region || undefined;
  } catch {
    // The SDK throws "Region is missing" when nothing configures one: that is an answer here.
    return undefined;
  } finally {
    client.destroy();
  }
}
