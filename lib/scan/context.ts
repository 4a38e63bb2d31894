/**
 * AMI facts for scanned nodes from CDK context (cdk.context.json), per region, through the
 * shared {@link amiFactsFromContext}.
 */
import type { AmiFacts, AmiReference } from '../ami/types';
import { amiFactsFromContext } from '../nodes/context-facts';

/** Merges facts; later sources win per key. */
export function mergeAmiFacts(...all: readonly AmiFacts[]): AmiFacts {
  return {
    overrides: Object.assign({}, ...all.map((f) => f.overrides ?? {})),
    ssmValues: Object.assign({}, ...all.map((f) => f.ssmValues ?? {})),
    images: Object.assign({}, ...all.map((f) => f.images ?? {})),
  };
}

/**
 * The facts for a node's AMI: context values for the node's region (lookups are
 * region-specific), then `extra` over them. Computed once per region.
 */
export function amiFactsForContext(context: Readonly<Record<string, unknown>>, extra: AmiFacts = {}): (ami: AmiReference) => AmiFacts {
  const byRegion = new Map<string | undefined, AmiFacts>();
  return (ami) => {
    let facts = byRegion.get(ami.region);
    if (!facts) {
      facts = mergeAmiFacts(amiFactsFromContext(context, ami.region), extra);
      byRegion.set(ami.region, facts);
    }
    return facts;
  };
}
