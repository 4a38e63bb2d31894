/**
 * The contract between the guard's front doors and `eks-node-guard lookup`.
 *
 * At synth the guard (Aspect or validation plugin) writes {@link LOOKUP_REQUEST_FILE} into the
 * cloud assembly directory, and `eks-node-guard scan --lookups <file>` writes the same request to a
 * file, listing what only AWS can answer. `lookup` answers it and stores the answers in cdk.context.json under
 * {@link CONTEXT_PREFIX}; the next synth reads them back with no network.
 */

import type { ImageFacts } from '../ami/types';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';

/** File name of the request, in the cloud assembly directory (and nested assemblies). */
export const LOOKUP_REQUEST_FILE = 'eks-node-guard.lookups.json';

/** Prefix of every context key `lookup` writes. */
export const CONTEXT_PREFIX = `${GUARD_NAMESPACE}:`;

/** `eks-node-guard:image:<region>:<ami-id>` -> {@link ImageContextValue}. `region` is `*` when unknown at synth. */
export function imageContextKey(region: string, imageId: string): string {
  return `${CONTEXT_PREFIX}image:${region}:${imageId}`;
}

/** `eks-node-guard:ssm:<region>:<parameter-name>` -> the parameter's string value. */
export function ssmContextKey(region: string, name: string): string {
  return `${CONTEXT_PREFIX}ssm:${region}:${name}`;
}

/** The parts of a context key `lookup` writes, or undefined for any other key. */
export function parseContextKey(key: string): { readonly kind: 'image' | 'ssm'; readonly region: string; readonly id: string } | undefined {
  if (!key.startsWith(CONTEXT_PREFIX)) return undefined;
  const match = /^(image|ssm):([^:]*):(.+)$/.exec(key.slice(CONTEXT_PREFIX.length));
  return match ? { kind: match[1] as 'image' | 'ssm', region: match[2], id: match[3] } : undefined;
}

/** Context value stored for one AMI id: what DescribeImages said (`missing` when it did not return the id). */
export type ImageContextValue = ImageFacts;

export interface LookupRequest {
  readonly version: 1;
  /** AMI ids whose name/description would settle a node's containerd version. */
  readonly images: readonly LookupItem[];
  /** SSM parameter names whose value would settle a node's AMI (e.g. an image_id parameter). */
  readonly ssmParameters: readonly LookupItem[];
  /**
   * Nodes whose containerd is unknown and that no lookup can settle (the image id is a token, the
   * AMI is not one the guard can identify, …), so that `lookup` does not take an empty request
   * for "every AMI is known". Absent when there are none (and in requests of older versions).
   */
  readonly unresolved?: readonly UnresolvedNode[];
}

/** Nodes no lookup can help, by the reason the guard gives. */
export interface UnresolvedNode {
  /** Why containerd is unknown, as the guard's findings say it. */
  readonly reason: string;
  /** Construct paths (or `stack/logicalId`) of the nodes. */
  readonly paths: readonly string[];
}

export interface LookupItem {
  /** The AMI id or SSM parameter name. */
  readonly id: string;
  /** The stack's region, or undefined for env-agnostic stacks (lookup then needs --region). */
  readonly region?: string;
  /** Construct paths of the nodes that need it. */
  readonly paths: readonly string[];
}
