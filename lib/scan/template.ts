/**
 * Parsing one CloudFormation template file (JSON, or YAML with short-form intrinsics) into a
 * plain object, with a typed problem instead of an exception for anything that is not one.
 */
import type { Node, ScalarTag, CollectionTag, YAMLMap, YAMLSeq } from 'yaml';
import { yamlLibrary } from '../yaml-library';
import { isRecord } from '../nodes/intrinsics';
import type { IntrinsicValue } from '../userdata/types';

/** A CloudFormation template as parsed: only the sections the scan reads are typed. */
export interface CfnTemplate {
  readonly Resources: { readonly [logicalId: string]: CfnTemplateResource };
  readonly Parameters?: { readonly [name: string]: { readonly Type?: IntrinsicValue; readonly Default?: IntrinsicValue } };
  readonly Outputs?: { readonly [name: string]: { readonly Value?: IntrinsicValue; readonly Export?: { readonly Name?: IntrinsicValue } } };
  /** As written; {@link TemplateSet.mappingFor} checks the shape. */
  readonly Mappings?: { readonly [name: string]: IntrinsicValue };
}

export interface CfnTemplateResource {
  readonly Type: string;
  readonly Properties?: { readonly [key: string]: IntrinsicValue };
  readonly Metadata?: { readonly [key: string]: IntrinsicValue };
}

export type TemplateParseResult =
  | { readonly ok: true; readonly template: CfnTemplate }
  | { readonly ok: false; readonly problem: string };

/** Short-form tags whose long form is `Fn::<name>`. */
const FN_TAGS = [
  'Base64', 'Sub', 'Join', 'GetAtt', 'Select', 'If', 'ImportValue', 'FindInMap', 'Split', 'GetAZs',
  'Equals', 'Not', 'And', 'Or', 'Cidr', 'Transform', 'Length', 'ToJsonString',
] as const;

/** Long-form key for a short-form tag name (`Ref` and `Condition` have no `Fn::` prefix). */
function longFormKey(tagName: string): string {
  return tagName === 'Ref' || tagName === 'Condition' ? tagName : `Fn::${tagName}`;
}

/**
 * Tag definitions that only mark the nodes as known: the conversion to the long form happens in
 * {@link toIntrinsic}, which sees the tag on each node. Registering them keeps `yaml` from
 * warning about unresolved tags and lets unknown `!Tags` stand out.
 */
function intrinsicTags(): Array<ScalarTag | CollectionTag> {
  const names = ['Ref', 'Condition', ...FN_TAGS];
  const keep = (node: YAMLMap.Parsed | YAMLSeq.Parsed) => node;
  return names.flatMap((name): Array<ScalarTag | CollectionTag> => [
    { tag: `!${name}`, resolve: (value: string) => value },
    { tag: `!${name}`, collection: 'seq', resolve: keep },
    { tag: `!${name}`, collection: 'map', resolve: keep },
  ]);
}

/** Wraps a converted value in its long-form intrinsic, per the tag on the YAML node. */
function applyTag(tag: string | undefined, value: IntrinsicValue): IntrinsicValue {
  if (!tag || !tag.startsWith('!') || tag.startsWith('!!')) return value;
  const name = tag.slice(1);
  if (name === 'GetAtt' && typeof value === 'string') {
    // `!GetAtt Res.Attr.Sub` is `["Res", "Attr.Sub"]`: the logical id never contains a dot.
    const dot = value.indexOf('.');
    return { 'Fn::GetAtt': dot < 0 ? [value] : [value.slice(0, dot), value.slice(dot + 1)] };
  }
  return { [longFormKey(name)]: value };
}

/** Converts a YAML AST node to a plain value, turning short-form tags into long-form intrinsics. */
function toIntrinsic(node: unknown, anchors: Map<string, IntrinsicValue>): IntrinsicValue {
  const { isAlias, isMap, isPair, isScalar, isSeq } = yamlLibrary();
  if (isAlias(node)) return anchors.get(node.source) ?? null;
  let value: IntrinsicValue;
  if (isScalar(node)) {
    const v = node.value;
    value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : v === null || v === undefined ? null : String(v);
  } else if (isSeq(node)) {
    value = node.items.map((item) => toIntrinsic(item, anchors));
  } else if (isMap(node)) {
    const out: { [key: string]: IntrinsicValue } = {};
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out[key] = toIntrinsic(pair.value, anchors);
    }
    value = out;
  } else {
    return null;
  }
  const tagged = applyTag((node as Node).tag, value);
  const anchor = (node as Node).anchor;
  if (anchor) anchors.set(anchor, tagged);
  return tagged;
}

/** Parses YAML CloudFormation text (short-form intrinsics become long form). */
export function parseCfnYaml(text: string): { ok: true; value: IntrinsicValue } | { ok: false; problem: string } {
  const { LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { customTags: intrinsicTags(), lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first.pos ? lineCounter.linePos(first.pos[0]) : undefined;
    return { ok: false, problem: `invalid YAML${where ? ` at line ${where.line}` : ''}: ${first.message.split('\n')[0]}` };
  }
  const unknownTag = doc.warnings.find((w) => w.code === 'TAG_RESOLVE_FAILED');
  if (unknownTag) return { ok: false, problem: `unsupported YAML tag: ${unknownTag.message.split('\n')[0]}` };
  return { ok: true, value: toIntrinsic(doc.contents, new Map()) };
}

/** Whether text looks like JSON (CDK and most tools write templates as JSON objects). */
function looksLikeJson(text: string): boolean {
  return text.trimStart().startsWith('{');
}


/** Checks that a parsed value has the shape of a CloudFormation template. */
function asTemplate(value: unknown): TemplateParseResult {
  if (!isRecord(value)) return { ok: false, problem: 'not a CloudFormation template (not an object)' };
  const resources = value.Resources;
  if (!isRecord(resources)) return { ok: false, problem: 'not a CloudFormation template (no Resources section)' };
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (!isRecord(resource) || typeof resource.Type !== 'string') {
      return { ok: false, problem: `not a CloudFormation template (resource ${logicalId} has no Type)` };
    }
  }
  return { ok: true, template: value as unknown as CfnTemplate };
}

/** Parses template text, JSON or YAML. */
export function parseTemplateText(text: string): TemplateParseResult {
  if (looksLikeJson(text)) {
    try {
      return asTemplate(JSON.parse(text));
    } catch (err) {
      return { ok: false, problem: `invalid JSON: ${(err as Error).message.split('\n')[0]}` };
    }
  }
  const parsed = parseCfnYaml(text);
  return parsed.ok ? asTemplate(parsed.value) : parsed;
}

/**
 * The 1-based line of a resource's logical id key in the template text, for SARIF regions.
 * Searches after the `Resources` key so that a parameter or output with a similar name earlier in
 * the file is not picked; undefined when not found.
 */
export function lineOfResource(text: string, logicalId: string): number | undefined {
  const resources = /(^|\n)[ \t{]*"?Resources"?\s*:/.exec(text);
  const start = resources ? resources.index : 0;
  const escaped = logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const key = new RegExp(`(["'\\s{,])${escaped}["']?\\s*:`, 'g');
  key.lastIndex = start;
  const match = key.exec(text);
  if (!match) return undefined;
  const offset = match.index + match[1].length;
  return text.slice(0, offset).split('\n').length;
}
