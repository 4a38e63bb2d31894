/**
 * AMI facts from CDK context (cdk.context.json): what `eks-node-guard lookup` stored, and the SSM
 * parameter values CDK's own lookups cached.
 */
import type { AmiFacts, ImageFacts } from '../ami/types';
import { CONTEXT_PREFIX } from '../lookup/types';

/** `ssm:account=<account>:parameterName=<name>:region=<region>`, written by CDK's `valueFromLookup`. */
const CDK_SSM_KEY = /^ssm:account=[^:]*:parameterName=(.+):region=[^:]*$/;
/** `eks-node-guard:image:<region>:<ami-id>`; the region never contains `:`. */
const GUARD_IMAGE_KEY = new RegExp(`^${CONTEXT_PREFIX}image:[^:]*:(.+)$`);
/** `eks-node-guard:ssm:<region>:<parameter-name>`. */
const GUARD_SSM_KEY = new RegExp(`^${CONTEXT_PREFIX}ssm:[^:]*:(.+)$`);

function imageFactsOf(value: unknown): ImageFacts | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  return {
    name: typeof v.name === 'string' ? v.name : undefined,
    description: typeof v.description === 'string' ? v.description : undefined,
    missing: v.missing === true ? true : undefined,
  };
}

/**
 * The AMI facts a CDK context object holds. Keys are region-qualified but the facts are not:
 * SSM parameter names and AMI ids are region-specific already, except public SSM paths, whose
 * values for one release differ only in the image id.
 */
export function amiFactsFromContext(context: Readonly<Record<string, unknown>>): AmiFacts {
  const ssmValues: Record<string, string> = {};
  const images: Record<string, ImageFacts> = {};
  for (const [key, value] of Object.entries(context)) {
    const cdkSsm = CDK_SSM_KEY.exec(key);
    const guardSsm = GUARD_SSM_KEY.exec(key);
    const guardImage = GUARD_IMAGE_KEY.exec(key);
    // CDK caches a lookup that has not resolved yet as a dummy value; never treat it as a fact.
    if ((cdkSsm || guardSsm) && typeof value === 'string' && !value.startsWith('dummy-value-for-')) {
      ssmValues[(cdkSsm ?? guardSsm)![1]] = value;
    } else if (guardImage) {
      const facts = imageFactsOf(value);
      if (facts) images[guardImage[1]] = facts;
    }
  }
  return { ssmValues, images };
}

/** Merges facts; later sources win per key. */
export function mergeAmiFacts(...all: readonly AmiFacts[]): AmiFacts {
  return {
    overrides: Object.assign({}, ...all.map((f) => f.overrides ?? {})),
    ssmValues: Object.assign({}, ...all.map((f) => f.ssmValues ?? {})),
    images: Object.assign({}, ...all.map((f) => f.images ?? {})),
  };
}
