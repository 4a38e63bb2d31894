/**
 * AMI facts from CDK context (cdk.context.json): what `eks-node-guard lookup` stored, CDK's own
 * SSM parameter lookups, and `MachineImage.lookup` results. Shared by the Aspect and `scan`.
 */
import type { AmiFacts, AmiReference, ImageFacts } from '../ami/types';
import { parseContextKey } from '../lookup/types';
import { isRecord } from './intrinsics';

const ANY_REGION = '*';

/**
 * The facts that apply to a region (`undefined` for env-agnostic stacks: then a value stored for
 * any region is used when all regions agree on it).
 */
function amiFactsFromContext(context: Readonly<Record<string, unknown>>, region: string | undefined): AmiFacts {
  const ssm = new Map<string, Map<string, string>>();
  const images: Record<string, ImageFacts> = {};
  const add = (name: string, valueRegion: string, value: string) => {
    const byRegion = ssm.get(name) ?? new Map<string, string>();
    byRegion.set(valueRegion, value);
    ssm.set(name, byRegion);
  };
  for (const [key, value] of Object.entries(context)) {
    const ours = parseContextKey(key);
    if (ours?.kind === 'image') {
      if (isRecord(value) && matchesRegion(ours.region, region)) images[ours.id] = value as ImageFacts;
    } else if (ours?.kind === 'ssm') {
      if (ours.region && typeof value === 'string') add(ours.id, ours.region, value);
    } else if (key.startsWith('ssm:') && typeof value === 'string') {
      const fields = contextKeyFields(key.slice(4));
      if (fields.parameterName && fields.region) add(fields.parameterName, fields.region, value);
    } else if (key.startsWith('ami:') && typeof value === 'string') {
      const fields = contextKeyFields(key.slice(4));
      const name = lookedUpAmiName(fields);
      if (name && matchesRegion(fields.region, region)) images[value] = { ...images[value], name };
    }
  }
  const ssmValues: Record<string, string> = {};
  for (const [name, byRegion] of ssm) {
    const value = pickRegion(byRegion, region);
    if (value !== undefined) ssmValues[name] = value;
  }
  return { ssmValues, images };
}

function pickRegion(byRegion: ReadonlyMap<string, string>, region: string | undefined): string | undefined {
  if (region !== undefined) return byRegion.get(region) ?? byRegion.get(ANY_REGION);
  const values = new Set(byRegion.values());
  return values.size === 1 ? [...values][0] : undefined;
}

function matchesRegion(valueRegion: string | undefined, region: string | undefined): boolean {
  return region === undefined || valueRegion === undefined || valueRegion === ANY_REGION || valueRegion === region;
}

/**
 * CDK context keys look like `account=123:parameterName=/a/b:region=eu-west-1`: props sorted by
 * name, nested props and lists flattened (`filters.name.0=…`; aws-cdk-lib `ContextProvider.getKey`).
 */
function contextKeyFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of text.matchAll(/(?:^|:)([\w.-]+)=([^:]*)/g)) fields[match[1]] = match[2];
  return fields;
}

/**
 * The AMI name a `MachineImage.lookup` context entry was looked up by: its one `name` filter
 * (`LookupMachineImage` puts `name` there; `filters` may replace it). Only an exact name identifies
 * the AMI: a pattern, or several names, could have matched any release.
 */
function lookedUpAmiName(fields: Readonly<Record<string, string>>): string | undefined {
  const name = fields['filters.name.0'];
  return name && !/[*?]/.test(name) && fields['filters.name.1'] === undefined ? name : undefined;
}

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
