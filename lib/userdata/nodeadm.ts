import type { LoadOptions } from 'js-yaml';
import { isRecord } from '../nodes/intrinsics';
import { jsYamlLibrary } from '../yaml-library';
import { AnalysisContext, Place } from './context';
import { hasHole } from './holes';
import { mentionsResolvConf, recordKubeletArgs } from './sinks';
import type { UserDataLocation } from './types';

/** True when `text` declares a nodeadm `NodeConfig` (YAML or JSON). */
export function looksLikeNodeConfig(text: string): boolean {
  return /["']?apiVersion["']?\s*:\s*["']?node\.eks\.aws\//.test(text) && /["']?kind["']?\s*:\s*["']?NodeConfig\b/.test(text);
}

/**
 * A nodeadm `NodeConfig` (apiVersion `node.eks.aws/v1alpha1`): a bare user data or one
 * `application/node.eks.aws` part. Several parts merge in order (nodeadm `MergeNodeConfigs`):
 * `spec.kubelet.config` keys of later ones win, `spec.kubelet.flags` append (nodeadm puts them
 * after its defaults, so they win over the config). Recording them in part order gives exactly
 * that once settings are ordered by precedence.
 *
 * Within one part only the first YAML document counts: nodeadm decodes a part with the apimachinery
 * YAML serializer (`yaml.YAMLToJSON`, i.e. go-yaml v2 `Unmarshal`, which reads the first document
 * of the stream), so later documents are ignored and reported ({@link reportIgnoredDocuments}).
 *
 * Parsed with js-yaml 4: NodeConfig parsing sits on every synth's hot path, and js-yaml 4 builds
 * the plain values this needs several times faster than a document-model parser (docs/performance.md).
 * It keeps no source positions, so lines are found by {@link LineFinder}.
 */
export function analyseNodeConfig(ctx: AnalysisContext, text: string, place: Place): void {
  ctx.format('nodeadm');
  ctx.usesNodeadm = true;
  ctx.sawLinux = true;
  const lines = new LineFinder(text);
  const loc: LineLocation = (line) => ctx.location(place, line, lines.text(line));
  const first = firstDocument(text);
  reportIgnoredDocuments(ctx, text, first.lastLine, loc);
  const parsed = parseDocument(first.text);
  if ('error' in parsed) {
    ctx.problem('bad-yaml', `NodeConfig YAML/JSON could not be parsed (${parsed.error.reason}); nodeadm would reject it`, true, loc(parsed.error.line));
    return;
  }
  const js = parsed.document;
  if (!isRecord(js) || js.kind !== 'NodeConfig' || typeof js.apiVersion !== 'string' || !js.apiVersion.startsWith('node.eks.aws/')) return;
  const spec = isRecord(js.spec) ? js.spec : {};
  const unresolved = typeof js.spec === 'string' ? js.spec : typeof spec.kubelet === 'string' ? spec.kubelet : '';
  if (hasHole(unresolved)) {
    ctx.problem('token-hole', `NodeConfig ${typeof js.spec === 'string' ? 'spec' : 'spec.kubelet'} is an unresolved value (${ctx.holes.holesIn(unresolved).join(', ')}) that could set kubelet flags or resolvConf`, true, loc(lines.next(SPEC_OR_KUBELET_KEY)));
  }
  if (isRecord(spec.kubelet)) analyseKubelet(ctx, spec.kubelet, lines, loc, first.text.length);
}

/** A location for a 1-based line of the NodeConfig text. */
type LineLocation = (line: number) => UserDataLocation;

/**
 * `spec.kubelet`: `config.resolvConf` and `flags`.
 * @param documentLength characters of the document, which bound the flag text aliases may expand to.
 */
function analyseKubelet(ctx: AnalysisContext, kubelet: Record<string, unknown>, lines: LineFinder, loc: LineLocation, documentLength: number): void {
  const kubeletLine = lines.next(KUBELET_KEY);
  // Holes in flags are reported per flag below; here the rest of spec.kubelet (config, keys).
  const holes = holesBesideFlags(ctx, kubelet);
  if (holes.length > 0) {
    ctx.problem('token-hole', `NodeConfig spec.kubelet contains an unresolved value (${holes.join(', ')}) that could set kubelet flags or resolvConf`, true, loc(kubeletLine));
  }
  const config = isRecord(kubelet.config) ? kubelet.config : undefined;
  if (config && 'resolvConf' in config) {
    const line = lines.after(kubeletLine, RESOLV_CONF_KEY);
    lines.skipTo(line);
    if (typeof config.resolvConf === 'string') {
      if (!hasHole(config.resolvConf)) ctx.settings.push({ value: config.resolvConf, mechanism: 'nodeadm-config', location: loc(line) });
    } else if (config.resolvConf !== null) {
      ctx.problem('bad-nodeconfig', 'NodeConfig spec.kubelet.config.resolvConf is not a string', true, loc(line));
    }
  }
  if (kubelet.flags === undefined || kubelet.flags === null) return;
  if (!Array.isArray(kubelet.flags)) {
    // A hole there is reported with the rest of spec.kubelet above.
    if (!(typeof kubelet.flags === 'string' && hasHole(kubelet.flags))) ctx.problem('bad-nodeconfig', 'NodeConfig spec.kubelet.flags is not a list', true, loc(kubeletLine));
    return;
  }
  let flagLine = lines.after(kubeletLine, FLAGS_KEY);
  // Aliases can repeat one long flag many times; more flag text than the document holds is refused.
  let budget = documentLength + 4096;
  let misses = 0;
  for (const [i, flag] of (kubelet.flags as unknown[]).entries()) {
    if (typeof flag !== 'string') {
      ctx.problem('bad-nodeconfig', `NodeConfig spec.kubelet.flags[${i}] is not a string`, true, loc(flagLine));
      continue;
    }
    budget -= flag.length;
    if (budget < 0) {
      ctx.problem('bad-nodeconfig', 'NodeConfig spec.kubelet.flags repeats more text through YAML aliases than the document holds; the rest was not analysed', true, loc(flagLine));
      break;
    }
    // A flag written through an alias is not in the text: after a few misses, stop searching.
    const found = misses < 8 ? lines.search(flagLine, flag.split('\n', 1)[0].slice(0, 200)) : undefined;
    if (found === undefined) misses++;
    else [flagLine, misses] = [found, 0];
    recordKubeletArgs(ctx, flag, 'nodeadm-flags', loc(flagLine));
  }
}

/** A YAML or JSON line that holds one of the keys `names` (`a|b`), for {@link LineFinder}. */
function keyLine(names: string): RegExp {
  return new RegExp(`(^|[\\s{,])["']?(?:${names})["']?\\s*:`);
}

const SPEC_OR_KUBELET_KEY = keyLine('kubelet|spec');
const KUBELET_KEY = keyLine('kubelet');
const RESOLV_CONF_KEY = keyLine('resolvConf');
const FLAGS_KEY = keyLine('flags');

let loadOptions: LoadOptions | undefined;

/**
 * How NodeConfig is read. Tags nodeadm's parser does not know (`!foo`, `!!binary`) are read as the
 * plain value they tag, as the previous YAML parser did, rather than failing the whole part.
 * CORE_SCHEMA: YAML 1.2 scalars (no timestamps); `json`: a repeated key overrides, as in JSON.
 */
function nodeConfigLoadOptions(): LoadOptions {
  if (!loadOptions) {
    const { CORE_SCHEMA, Type } = jsYamlLibrary();
    const unknownTags = (['scalar', 'sequence', 'mapping'] as const).flatMap((kind) =>
      ['!', 'tag:yaml.org,2002:'].map((prefix) => new Type(prefix, { kind, multi: true, construct: (data: unknown) => data })),
    );
    loadOptions = { schema: CORE_SCHEMA.extend(unknownTags), json: true };
  }
  return loadOptions;
}

/** The first YAML document of a NodeConfig text (which starts at line 1) and its 1-based last line. */
interface FirstDocument {
  readonly text: string;
  readonly lastLine: number;
}

/** A `---` line starts a document, a `...` line ends one; at column 0 neither can occur inside content. */
const DOCUMENT_START = /^---(?:[ \t]|$)/;
const DOCUMENT_END = /^\.\.\.(?:[ \t]|$)/;

/**
 * The first document, as go-yaml v2 `Unmarshal` (nodeadm's decoder) reads it: lines before the
 * first `---` that hold only comments, directives or blanks belong to it; an explicit `---` always
 * starts one, even an empty one; it ends before the next `---` or after a `...`.
 */
function firstDocument(text: string): FirstDocument {
  const lines = text.split('\n');
  let started = false;
  for (let i = 0; i < lines.length; i++) {
    if (DOCUMENT_END.test(lines[i])) return { text: lines.slice(0, i + 1).join('\n'), lastLine: i + 1 };
    if (DOCUMENT_START.test(lines[i]) && started) return { text: lines.slice(0, i).join('\n'), lastLine: i };
    started ||= DOCUMENT_START.test(lines[i]) || carriesContent(lines[i]);
  }
  return { text, lastLine: lines.length };
}

/** True when a line holds document content: not a blank, comment, directive or bare marker line. */
function carriesContent(line: string): boolean {
  const body = DOCUMENT_START.test(line) ? line.slice(3) : line;
  return !DOCUMENT_END.test(body) && !body.startsWith('%') && /^[ \t]*[^#\s]/.test(body);
}

/**
 * Documents after the first are ignored by nodeadm: a problem, which may affect resolv-conf only
 * when they mention it (nodeadm never reads them, but their author meant them to count).
 */
function reportIgnoredDocuments(ctx: AnalysisContext, text: string, lastLine: number, loc: LineLocation): void {
  const rest = text.split('\n').slice(lastLine);
  const offset = rest.findIndex(carriesContent);
  if (offset < 0) return;
  const mentions = mentionsResolvConf(rest.join('\n'));
  ctx.problem('ignored-document', `this NodeConfig holds more than one YAML document; nodeadm reads only the first, so the later ones${mentions ? ', which mention resolv-conf,' : ''} are ignored`, mentions, loc(lastLine + offset + 1));
}

/** One YAML/JSON document, or why it does not parse. */
function parseDocument(text: string): { readonly document: unknown } | { readonly error: { readonly line: number; readonly reason: string } } {
  try {
    // loadAll: a document that is only a `---` marker is null, as go-yaml reads it, not an error.
    return { document: jsYamlLibrary().loadAll(text, null, nodeConfigLoadOptions())[0] };
  } catch (err) {
    return { error: parseError(err) };
  }
}

/** The 1-based line and reason of a parse failure. */
function parseError(err: unknown): { line: number; reason: string } {
  if (err instanceof jsYamlLibrary().YAMLException) return { line: err.mark ? err.mark.line + 1 : 1, reason: err.reason };
  return { line: 1, reason: err instanceof RangeError ? 'nested too deeply' : String(err) };
}

/** Hole descriptions in `spec.kubelet` other than its flags; each object is visited once (aliases share objects). */
function holesBesideFlags(ctx: AnalysisContext, kubelet: Record<string, unknown>): string[] {
  const seen = new Set<object>();
  const found: string[] = [];
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (hasHole(value)) found.push(...ctx.holes.holesIn(value));
    } else if (typeof value === 'object' && value !== null && !seen.has(value)) {
      seen.add(value);
      for (const [key, child] of Object.entries(value)) {
        visit(key);
        visit(child);
      }
    }
  };
  for (const [key, value] of Object.entries(kubelet)) {
    visit(key);
    // A list of flags is checked flag by flag; flags that are one unresolved value are reported here.
    if (key !== 'flags' || !Array.isArray(value)) visit(value);
  }
  return [...new Set(found)];
}

/**
 * Source lines for findings, found by searching forward from the previous match: NodeConfig
 * documents are small and their keys appear in document order, so a forward search lands on the
 * key or flag that was read. When nothing matches, the last known line is kept.
 */
class LineFinder {
  private readonly sourceLines: string[];
  private cursor = 1;

  constructor(source: string) {
    this.sourceLines = source.split('\n');
  }

  /** The 1-based line's text. */
  text(line: number): string {
    return this.sourceLines[line - 1] ?? '';
  }

  /** The first line from the cursor that matches; the cursor moves past it. */
  next(pattern: RegExp | string): number {
    const line = this.after(this.cursor, pattern);
    this.skipTo(line);
    return line;
  }

  /** The first line at or after `line` that matches, else `line`. */
  after(line: number, pattern: RegExp | string): number {
    return this.search(line, pattern) ?? line;
  }

  /** The first line at or after `line` that matches. */
  search(line: number, pattern: RegExp | string): number | undefined {
    for (let i = Math.max(line, 1); i <= this.sourceLines.length; i++) {
      const text = this.sourceLines[i - 1];
      if (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text)) return i;
    }
    return undefined;
  }

  /** Later searches start after `line`. */
  skipTo(line: number): void {
    this.cursor = Math.max(this.cursor, line + 1);
  }
}
