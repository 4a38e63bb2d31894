/**
 * The lookup request for judged nodes: what only AWS can answer, and the nodes no lookup can help.
 * Pure; every front door that writes a request (the Aspect, the validation plugin,
 * `scan --lookups`) builds it here, so they all ask for the same things.
 */
import type { AmiReference } from '../ami/types';
import type { NodeFacts } from '../model';
import { sourceLocation } from '../report/message';
import { mergeLookupRequests } from './request';
import type { LookupItem, LookupRequest, UnresolvedNode } from './types';

export interface LookupRequestOptions {
  /**
   * Whether a node's SSM parameters are looked up by someone else: the Aspect hands them to CDK's
   * context provider in stacks with a concrete account and region.
   * @default - none are
   */
  readonly ssmAskedElsewhere?: (facts: NodeFacts) => boolean;
}

/**
 * The request for `eks-node-guard lookup`: each AMI id and SSM parameter the nodes' containerd
 * resolutions want, once per region, with the nodes that want it; and the nodes whose containerd
 * is unknown with nothing to ask (the AMI is a token, or not one the guard can identify).
 */
export function lookupRequestFor(facts: readonly NodeFacts[], options: LookupRequestOptions = {}): LookupRequest {
  const images: LookupItem[] = [];
  const ssmParameters: LookupItem[] = [];
  const unresolved: UnresolvedNode[] = [];
  for (const fact of facts) {
    const { node, containerd } = fact;
    const paths = [sourceLocation(node.source)];
    const wantsSsm = options.ssmAskedElsewhere?.(fact) ? [] : (containerd.wantsSsmParameters ?? []);
    for (const id of wantsSsm) ssmParameters.push({ id, region: node.ami.region, paths });
    for (const id of containerd.wantsImages ?? []) {
      for (const region of imageRegions(node.ami, id)) images.push({ id, region, paths });
    }
    const asks = (containerd.wantsImages?.length ?? 0) + (containerd.wantsSsmParameters?.length ?? 0) > 0;
    // A placeholder AMI of a pending `MachineImage.lookup` is the CDK CLI's to answer, not unresolvable.
    if (containerd.verdict === 'unknown' && !asks && !containerd.awaitsCdkLookup) unresolved.push({ reason: containerd.source, paths });
  }
  return mergeLookupRequests([{ version: 1, images, ssmParameters, unresolved }]);
}

/**
 * Where to ask about an AMI id: the stack's region; in an env-agnostic stack whose image id comes
 * from a per-region mapping, each region that lists the id (AMI ids are regional); else unknown
 * (`lookup --region` decides).
 */
function imageRegions(ami: AmiReference, id: string): (string | undefined)[] {
  if (ami.region) return [ami.region];
  const listing = Object.entries(ami.regionalImageIds?.ids ?? {}).filter(([, value]) => value === id).map(([region]) => region);
  return listing.length > 0 ? listing : [undefined];
}
