import { settingsInEffect } from '../kubelet/precedence';
import { AnalysisContext, ExtraArgsAssignment, PendingSetting, Place } from './context';
import { decodeToText, goStdBase64, isGzip, looksLikeBase64, mimeBase64, quotedPrintable, strictBase64, utf8Text } from './encoding';
import { classifyResolvConfValue } from './files';
import { hasHole, HoleTable, NESTED_B64_CLOSE, NESTED_B64_OPEN, neutraliseSentinels, visibleByteLength } from './holes';
import { renderIntrinsic } from './intrinsics';
import { locationText } from './location';
import { analyseCloudConfig } from './cloud-config';
import { ContentType, looksLikeMime, MimeEntity, parseContentType, parseEntity, splitMultipart } from './mime';
import { analyseNodeConfig, looksLikeNodeConfig } from './nodeadm';
import { namesAny, skippableCloudConfig, skippableShell } from './relevance';
import { analyseShell } from './shell';
import { settleKubeletSettings } from './sinks';
import type { AnalyzeOptions, IntrinsicValue, ResolvConfSetting, UserDataAnalysis, UserDataInput, UserDataOs } from './types';

const TOP: Place = { firstLine: 1 };

/**
 * Analyses EC2 user data and tells what the kubelet will get for `--resolv-conf`, with every
 * kubelet flag, bootstrap.sh call and anything that could not be decided.
 *
 * Accepts raw text, base64 text, gzip (bytes or base64), or a CloudFormation intrinsic tree
 * (`Fn::Base64`, `Fn::Join`, `Fn::Sub`, `Ref`, ...; unresolved values become opaque holes).
 * Pure, synchronous, linear in the input, and never throws: what it cannot analyse becomes a
 * {@link UserDataProblem}.
 */
export function analyzeUserData(input: UserDataInput, options: AnalyzeOptions = {}): UserDataAnalysis {
  return analyseWithGating(input, options, true);
}

/**
 * {@link analyzeUserData} with relevance gating on or off (internal: tests compare the two; not
 * exported from the package root). With gating, shell and cloud-config parts that cannot change
 * the result are not interpreted; when a later step read a file such a part may have written, the
 * analysis runs again without gating, so the result is always the ungated one.
 */
export function analyseWithGating(input: UserDataInput, options: AnalyzeOptions, gating: boolean): UserDataAnalysis {
  const gated = analyseOnce(input, options, gating);
  return gated.ctx.skipped.length > 0 && readsSkippedWrites(gated.ctx) ? analyseOnce(input, options, false).analysis : gated.analysis;
}

/** True when some path whose state was read is named in a part gating left out (it may have written it). */
function readsSkippedWrites(ctx: AnalysisContext): boolean {
  return ctx.skipped.some((text) => namesAny(text, ctx.files.consulted));
}

function analyseOnce(input: UserDataInput, options: AnalyzeOptions, gating: boolean): { ctx: AnalysisContext; analysis: UserDataAnalysis } {
  const ctx = new AnalysisContext(options, gating);
  let raw: RawSize = { bytes: 0, approximate: false };
  try {
    raw = analyseInput(ctx, input);
    settleKubeletSettings(ctx);
  } catch (err) {
    // Defensive: a bug must surface as a problem a rule will not ignore, not as a failed synth.
    ctx.problem('internal-error', `the user data analysis failed unexpectedly (${(err as Error)?.message ?? String(err)})`, true);
  }
  // result() classifies resolv-conf values, which reads file states: keep it before the gating check.
  return { ctx, analysis: result(ctx, raw) };
}

/** The bytes EC2 receives; approximate when deploy-time values (not counted) are among them. */
interface RawSize {
  readonly bytes: number;
  readonly approximate: boolean;
}

/** Decodes the outer layers and analyses the text; returns the size EC2 receives. */
function analyseInput(ctx: AnalysisContext, input: UserDataInput): RawSize {
  if (typeof input === 'string') return { bytes: analyseString(ctx, neutraliseSentinels(input)), approximate: false };
  if (input instanceof Uint8Array) return { bytes: analyseBytes(ctx, input, false), approximate: false };
  ctx.format('intrinsic');
  const rendered = renderIntrinsic(input as IntrinsicValue, ctx.holes, ctx.maxDecodedBytes);
  if (rendered.tooDeep) ctx.problem('intrinsic-depth', 'the CloudFormation value nests intrinsic functions too deeply to analyse; the deep part is treated as unknown', true);
  if (rendered.tooLarge) {
    ctx.problem('size-cap', `the user data renders to more than ${ctx.maxDecodedBytes} characters; it was not analysed`, true);
    return { bytes: 0, approximate: false };
  }
  const approximate = hasHole(rendered.text);
  if (rendered.base64Wrapped) ctx.format('base64');
  // Without Fn::Base64 the template value must already be base64; a plain script is taken as text.
  else if (!approximate) return { bytes: analyseString(ctx, rendered.text), approximate };
  analyseText(ctx, rendered.text, TOP, 0);
  return { bytes: visibleByteLength(flattenNestedBase64(rendered.text, ctx.holes, false)), approximate };
}

function analyseString(ctx: AnalysisContext, text: string): number {
  if (text.length > ctx.maxDecodedBytes * 2 + 1024) {
    ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
    return Buffer.byteLength(text);
  }
  const decoded = strictBase64(text);
  if (decoded) {
    ctx.format('base64');
    return analyseBytes(ctx, decoded, true);
  }
  if (looksLikeBase64(text)) {
    // One long run of the base64 alphabet that does not decode: truncated or corrupted base64.
    ctx.problem('bad-base64', 'the user data looks like base64 but does not decode to text or gzip (truncated or corrupted?)', true);
  }
  const bytes = Buffer.byteLength(text);
  if (bytes > ctx.maxDecodedBytes) {
    ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
    return bytes;
  }
  analyseText(ctx, text, TOP, 0);
  return bytes;
}

function analyseBytes(ctx: AnalysisContext, bytes: Uint8Array, alreadyDecoded: boolean): number {
  if (bytes.length > ctx.maxDecodedBytes * 2 + 1024) {
    ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
    return bytes.length;
  }
  if (!isGzip(bytes) && !alreadyDecoded) return analyseString(ctx, utf8Text(bytes));
  const text = decodedText(ctx, bytes, TOP);
  if (text !== undefined) analyseText(ctx, text, TOP, 0);
  return bytes.length;
}

/** Text of (possibly gzip) bytes within the size cap; undefined after reporting a problem. */
function decodedText(ctx: AnalysisContext, bytes: Uint8Array, place: Place): string | undefined {
  const gzip = isGzip(bytes);
  if (gzip) ctx.format('gzip');
  const decoded = decodeToText(bytes, gzip, ctx.maxDecodedBytes);
  if (decoded.ok) return decoded.text;
  ctx.problem(decoded.code, decoded.reason, true, locationOf(place));
  return undefined;
}

function locationOf(place: Place): { part?: number; contentType?: string } | undefined {
  if (place.part === undefined) return undefined;
  return place.contentType === undefined ? { part: place.part } : { part: place.part, contentType: place.contentType };
}

/** Recognises the format of decoded text and hands it to its analyser. */
function analyseText(ctx: AnalysisContext, text: string, place: Place, mimeDepth: number): void {
  const start = contentStart(ctx, text, place, true);
  if (start < 0) return;
  const content = text.slice(start);
  if (looksLikeMime(content)) {
    analyseEntity(ctx, content, mimeDepth);
    return;
  }
  analyseLeaf(ctx, flattenNestedBase64(text, ctx.holes, true), place);
}

/**
 * Where the content of `text` starts, or -1 when there is nothing to analyse: the text is blank,
 * or starts with an unresolved value (reported: it could be any script). With `nestedBase64`, a
 * nested `Fn::Base64` at the start counts as unresolved too.
 */
function contentStart(ctx: AnalysisContext, text: string, place: Place, nestedBase64: boolean): number {
  const start = text.search(/\S/);
  if (start < 0 || !(hasHole(text[start]) || (nestedBase64 && text[start] === NESTED_B64_OPEN))) return start;
  ctx.format('text');
  ctx.problem('token-hole', `the ${place.part ? 'part' : 'user data'} starts with an unresolved value (${ctx.holes.holesIn(text).slice(0, 3).join(', ') || 'Fn::Base64'}); it could hold any script or kubelet setting`, true, locationOf(place) ?? { line: 1 });
  return -1;
}

/** How a leaf (a part, or the whole non-MIME user data) is analysed. */
type LeafKind = 'nodeadm' | 'cloud-config' | 'shell' | 'include' | 'powershell' | 'windows-tags' | 'bottlerocket-toml' | 'text';

/**
 * The kind of a leaf: its MIME content type first (cloud-init dispatches on it), then its first
 * line. Only a leaf that is PowerShell user data (`<powershell>` on its first line, after any
 * `<persist>` line) or Bottlerocket TOML (its first statement a `[settings…]` table) says the node
 * is Windows or Bottlerocket: a shell script writing such text into a file does not.
 */
function leafKind(text: string, contentType: string | undefined): LeafKind {
  if (contentType === NODE_CONFIG_TYPE) return 'nodeadm';
  if (contentType?.startsWith('text/cloud-config')) return 'cloud-config';
  if (contentType?.startsWith('text/x-shellscript') || contentType === 'text/cloud-boothook') return 'shell';
  if (contentType?.startsWith('text/x-include')) return 'include';
  const head = text.replace(/^\s+/, '').slice(0, 512);
  const firstLine = head.split('\n', 1)[0].trim();
  if (/^#cloud-config/i.test(firstLine)) return 'cloud-config';
  if (/^#!|^#cloud-boothook/i.test(firstLine)) return /^#!.*(powershell|pwsh)/i.test(firstLine) ? 'powershell' : 'shell';
  if (/^#include/i.test(firstLine)) return 'include';
  if (looksLikeNodeConfig(text)) return 'nodeadm';
  const afterPersist = head.replace(/^(\s*<persist>[^\n]*<\/persist>\s*)+/i, '').trimStart();
  if (/^<powershell>/i.test(afterPersist)) return 'windows-tags';
  if (/^<(script|persist)>/i.test(firstLine) || /^#ps1/i.test(firstLine)) return 'powershell';
  if (/^\[settings(\.|\])/.test(firstStatement(head))) return 'bottlerocket-toml';
  return 'text';
}

/** The first line that is not blank or a `#` comment. */
function firstStatement(text: string): string {
  const match = /^[ \t]*[^#\s][^\n]*/m.exec(text);
  return match ? match[0].trim() : '';
}

/** Leaf content (not MIME): analysed by its kind. */
function analyseLeaf(ctx: AnalysisContext, text: string, place: Place, contentType?: string): void {
  ctx.decodedBytes += visibleByteLength(text);
  switch (leafKind(text, contentType)) {
    case 'nodeadm':
      analyseNodeConfig(ctx, text, place);
      return;
    case 'cloud-config':
      ctx.format('cloud-config');
      ctx.sawLinux = true;
      if (!skipped(ctx, text, skippableCloudConfig)) analyseCloudConfig(ctx, text, place);
      return;
    case 'windows-tags':
      ctx.format('powershell');
      ctx.sawWindows = true;
      return;
    case 'powershell':
      // Windows-looking script or batch that is not `<powershell>` user data: not analysed, and no OS verdict.
      ctx.format('powershell');
      return;
    case 'bottlerocket-toml':
      ctx.format('bottlerocket-toml');
      ctx.sawBottlerocket = true;
      return;
    case 'include':
      ctx.format('text');
      ctx.problem('include-url', 'the user data includes content from URLs, which the analysis cannot see', true, locationOf(place) ?? { line: 1 });
      return;
    case 'shell':
      ctx.format('shell');
      ctx.sawLinux = true;
      if (!skipped(ctx, text, skippableShell)) analyseShell(ctx, text, place);
      return;
    case 'text':
      // No recognised header: cloud-init would not run it, but a script missing its `#!` is
      // analysed anyway so an empty resolv-conf in it is not missed.
      ctx.format('text');
      if (!skipped(ctx, text, skippableShell)) analyseShell(ctx, text, place);
      return;
  }
}

/** True (and the part remembered) when gating is on and `skippable` says the part cannot change the result. */
function skipped(ctx: AnalysisContext, text: string, skippable: (text: string, written: Iterable<string>) => string | undefined): boolean {
  if (!ctx.gating) return false;
  const normalised = skippable(text, ctx.files.writtenPaths());
  if (normalised === undefined) return false;
  ctx.skipped.push(normalised);
  return true;
}

/** A MIME entity: a multipart body split into parts (recursively, up to `maxMimeDepth`), else one part to analyse. */
function analyseEntity(ctx: AnalysisContext, text: string, depth: number): void {
  const entity = parseEntity(text);
  const type = parseContentType(entity.headers.get('content-type'));
  if (type.type.startsWith('multipart/')) analyseMultipart(ctx, entity.body, type, depth);
  else analysePart(ctx, entity, type.type);
}

function analyseMultipart(ctx: AnalysisContext, body: string, type: ContentType, depth: number): void {
  ctx.format('mime-multipart');
  if (depth >= ctx.maxMimeDepth) {
    ctx.problem('mime-depth', `MIME parts are nested more than ${ctx.maxMimeDepth} deep; the deeper parts were not analysed`, true);
    return;
  }
  const boundary = type.params.get('boundary');
  if (!boundary) {
    ctx.problem('bad-mime', 'a multipart MIME entity has no boundary parameter; its parts could not be analysed', true);
    return;
  }
  const split = splitMultipart(body, boundary);
  if (split.parts.length === 0) {
    ctx.problem('bad-mime', `no part delimited by "--${boundary}" was found in the multipart body`, true);
    return;
  }
  for (const part of split.parts) analyseEntity(ctx, part, depth + 1);
  if (!split.closed) {
    ctx.problem('bad-mime', `the multipart body has no closing "--${boundary}--" line; the last part was analysed up to the end of the input`, false);
  }
}

/** One part that is not multipart: transfer decoding, then leaf analysis. */
function analysePart(ctx: AnalysisContext, entity: MimeEntity, contentType: string): void {
  const place: Place = { part: ctx.nextPart(), contentType, firstLine: 1 };
  const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const body = entity.body;
  let decoded: string | undefined;
  if (encoding === 'base64') decoded = base64PartText(ctx, body, place);
  else {
    const text = encoding === 'quoted-printable' ? quotedPrintable(body) : body;
    decoded = contentType === NODE_CONFIG_TYPE ? nodeConfigPartText(ctx, text, place) : inflatedIfGzip(ctx, text, place);
  }
  if (decoded === undefined) return;
  // Not multipart by its content type: a leaf, whatever its text looks like.
  if (contentStart(ctx, decoded, place, false) < 0) return;
  analyseLeaf(ctx, flattenNestedBase64(decoded, ctx.holes, true), place, contentType);
}

/** The content type of a nodeadm NodeConfig part. */
const NODE_CONFIG_TYPE = 'application/node.eks.aws';

/**
 * A NodeConfig part body without a base64 transfer encoding: nodeadm decodes it when it is base64
 * and inflates it when it is gzip (`decodeIfBase64`, then `decompressIfGZIP`, in
 * awslabs/amazon-eks-ami nodeadm/internal/configprovider/mime.go), whatever its headers say.
 * Other bodies are inflated when gzip, else returned as they are.
 */
function nodeConfigPartText(ctx: AnalysisContext, body: string, place: Place): string | undefined {
  // A nested Fn::Base64 (CDK) is base64 on the node too; unresolved values are never base64.
  const bytes = hasHole(body) ? undefined : goStdBase64(flattenNestedBase64(body, ctx.holes, false));
  return bytes ? decodedText(ctx, bytes, place) : inflatedIfGzip(ctx, body, place);
}

/** A part body that is raw gzip, inflated (undefined after reporting a problem); other text as it is. */
function inflatedIfGzip(ctx: AnalysisContext, body: string, place: Place): string | undefined {
  return !hasHole(body) && isGzip(body) ? decodedText(ctx, Buffer.from(body, 'latin1'), place) : body;
}

/**
 * A base64 part body: a nested `Fn::Base64` (CDK `MultipartUserData`) gives its inner text,
 * holes kept; literal base64 is decoded (and inflated when gzip).
 */
function base64PartText(ctx: AnalysisContext, body: string, place: Place): string | undefined {
  const trimmed = body.trim();
  if (trimmed.startsWith(NESTED_B64_OPEN) && trimmed.endsWith(NESTED_B64_CLOSE) && balancedOnce(trimmed)) {
    return trimmed.slice(1, -1);
  }
  if (hasHole(trimmed) || trimmed.includes(NESTED_B64_OPEN)) {
    ctx.problem('token-hole', `a base64 part is built from unresolved values (${ctx.holes.holesIn(trimmed).join(', ')}); its content could hold any kubelet setting`, true, locationOf(place));
    return undefined;
  }
  const bytes = mimeBase64(trimmed);
  if (!bytes) {
    ctx.problem('bad-base64', 'a MIME part declared base64 does not hold valid base64; it was not analysed', true, locationOf(place));
    return undefined;
  }
  return decodedText(ctx, bytes, place);
}

/** True when the marker pair around `text` is one nested Fn::Base64, not two adjacent ones. */
function balancedOnce(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === NESTED_B64_OPEN) depth++;
    else if (text[i] === NESTED_B64_CLOSE && --depth === 0 && i < text.length - 1) return false;
  }
  return depth === 0;
}

/**
 * Replaces nested `Fn::Base64` regions outside base64 MIME parts with what the node sees: the
 * real base64 of their text, or a hole when that text holds unresolved values.
 */
function flattenNestedBase64(text: string, holes: HoleTable, makeHoles: boolean): string {
  if (!text.includes(NESTED_B64_OPEN)) return text;
  const stack: string[] = [''];
  for (const ch of text) {
    if (ch === NESTED_B64_OPEN) stack.push('');
    else if (ch === NESTED_B64_CLOSE && stack.length > 1) {
      const inner = stack.pop()!;
      stack[stack.length - 1] += !hasHole(inner) ? Buffer.from(inner).toString('base64') : makeHoles ? holes.hole('Fn::Base64 of an unresolved value') : '';
    } else if (ch !== NESTED_B64_CLOSE) stack[stack.length - 1] += ch;
  }
  return stack.join('');
}

/**
 * The OS the user data is written for. Linux evidence (a shell, cloud-config or nodeadm part, a
 * bootstrap.sh call) wins over a Windows or Bottlerocket part: neither of those reads MIME parts,
 * and the Linux resolv-conf checks must not be skipped on a Linux node.
 */
function userDataOs(ctx: AnalysisContext): UserDataOs {
  if (ctx.sawLinux) return 'linux';
  if (ctx.sawWindows) return 'windows';
  return ctx.sawBottlerocket ? 'bottlerocket' : 'unknown';
}

function result(ctx: AnalysisContext, raw: RawSize): UserDataAnalysis {
  const { inEffect, replaced, lastAssignment } = settingsInEffect(ctx.settings, ctx.extraArgsAssignments);
  // Only settings of an assignment other than the last are replaced, so there is a last one.
  if (lastAssignment !== undefined) for (const s of replaced) reportReplaced(ctx, s, ctx.extraArgsAssignments[lastAssignment]);
  const settings: ResolvConfSetting[] = inEffect.map((s) => {
    const { content, evidence } = classifyResolvConfValue(s.value, ctx.files);
    const setting = { value: s.value, content, contentEvidence: evidence, mechanism: s.mechanism, location: s.location };
    return s.file === undefined ? setting : { ...setting, file: s.file };
  });
  // Already in precedence order: the last one wins, or the riskiest of the branches it was set in.
  const effective = settings[riskiestAlternative(inEffect, settings)];
  const os = userDataOs(ctx);
  const base = {
    resolvConfSettings: settings,
    kubeletFlags: ctx.flags,
    bootstrapCalls: ctx.bootstrapCalls,
    usesBootstrapSh: ctx.bootstrapCalls.length > 0,
    usesNodeadm: ctx.usesNodeadm,
    os,
    formats: ctx.formats,
    rawBytes: raw.bytes,
    ...(raw.approximate ? { rawBytesApproximate: true as const } : {}),
    decodedBytes: ctx.decodedBytes,
    problems: ctx.problems,
  };
  return effective ? { effectiveResolvConf: effective, ...base } : base;
}

const RISK: Readonly<Record<ResolvConfSetting['content'], number>> = { empty: 0, unknown: 1, populated: 2 };

/**
 * Index of the setting to judge: the last one, unless it was set in one branch of an `if`/`case`
 * whose branches set different values; then the riskiest of each branch's last setting (empty,
 * then unknown, then populated), since any branch may run on a node.
 */
function riskiestAlternative(pending: readonly PendingSetting[], settings: readonly ResolvConfSetting[]): number {
  const last = settings.length - 1;
  const construct = pending[last]?.alternative?.construct;
  if (construct === undefined) return last;
  const lastOfBranch = new Map<number, number>();
  pending.forEach((setting, i) => {
    if (setting.alternative?.construct === construct) lastOfBranch.set(setting.alternative.branch, i);
  });
  let chosen = last;
  for (const i of lastOfBranch.values()) if (RISK[settings[i].content] < RISK[settings[chosen].content]) chosen = i;
  return chosen;
}

/** A resolv-conf setting whose `KUBELET_EXTRA_ARGS` a later assignment without `--resolv-conf` replaced: a note, the outcome is known. */
function reportReplaced(ctx: AnalysisContext, setting: PendingSetting, by: ExtraArgsAssignment): void {
  ctx.problem('replaced-kubelet-args', `KUBELET_EXTRA_ARGS with --resolv-conf=${JSON.stringify(setting.value)} in ${setting.file} is replaced by the KUBELET_EXTRA_ARGS systemd reads last, in ${by.file} (${locationText({ part: by.location.part, line: by.location.line })}), which has no --resolv-conf; the kubelet does not get this value`, false, setting.location);
}
