"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.analyzeUserData = analyzeUserData;
const precedence_1 = require("../kubelet/precedence");
const context_1 = require("./context");
const encoding_1 = require("./encoding");
const files_1 = require("./files");
const holes_1 = require("./holes");
const intrinsics_1 = require("./intrinsics");
const cloud_config_1 = require("./cloud-config");
const mime_1 = require("./mime");
const nodeadm_1 = require("./nodeadm");
const shell_1 = require("./shell");
const TOP = { firstLine: 1 };
/**
 * Analyses EC2 user data and tells what the kubelet will get for `--resolv-conf`, with every
 * kubelet flag, bootstrap.sh call and anything that could not be decided.
 *
 * Accepts raw text, base64 text, gzip (bytes or base64), or a CloudFormation intrinsic tree
 * (`Fn::Base64`, `Fn::Join`, `Fn::Sub`, `Ref`, ...; unresolved values become opaque holes).
 * Pure, synchronous, linear in the input, and never throws: what it cannot analyse becomes a
 * {@link UserDataProblem}.
 */
function analyzeUserData(input, options = {}) {
    const ctx = new context_1.AnalysisContext(options);
    let rawBytes = 0;
    try {
        rawBytes = analyseInput(ctx, input);
    }
    catch (err) {
        // Defensive: a bug must surface as a problem a rule will not ignore, not as a failed synth.
        ctx.problem('internal-error', `the user data analysis failed unexpectedly (${err?.message ?? String(err)})`, true);
    }
    return result(ctx, rawBytes);
}
/** Decodes the outer layers and analyses the text; returns the bytes EC2 receives. */
function analyseInput(ctx, input) {
    if (typeof input === 'string')
        return analyseString(ctx, (0, holes_1.neutraliseSentinels)(input));
    if (input instanceof Uint8Array)
        return analyseBytes(ctx, input, false);
    ctx.format('intrinsic');
    const rendered = (0, intrinsics_1.renderIntrinsic)(input, ctx.holes, ctx.maxDecodedBytes);
    if (rendered.tooDeep)
        ctx.problem('intrinsic-depth', 'the CloudFormation value nests intrinsic functions too deeply to analyse; the deep part is treated as unknown', true);
    if (rendered.tooLarge) {
        ctx.problem('size-cap', `the user data renders to more than ${ctx.maxDecodedBytes} characters; it was not analysed`, true);
        return 0;
    }
    if (rendered.base64Wrapped) {
        ctx.format('base64');
        const text = flattenNestedBase64(rendered.text, ctx.holes, false);
        analyseText(ctx, rendered.text, TOP, 0);
        return Buffer.byteLength(text.replace(/[\ue000-\uf8ff]/g, ''));
    }
    // Without Fn::Base64 the template value must already be base64; a plain script is taken as text.
    if (!(0, holes_1.hasHole)(rendered.text))
        return analyseString(ctx, rendered.text);
    analyseText(ctx, rendered.text, TOP, 0);
    return Buffer.byteLength(rendered.text);
}
function analyseString(ctx, text) {
    if (text.length > ctx.maxDecodedBytes * 2 + 1024) {
        ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
        return Buffer.byteLength(text);
    }
    const decoded = (0, encoding_1.strictBase64)(text);
    if (decoded) {
        ctx.format('base64');
        return analyseBytes(ctx, decoded, true);
    }
    const bytes = Buffer.byteLength(text);
    if (bytes > ctx.maxDecodedBytes) {
        ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
        return bytes;
    }
    analyseText(ctx, text, TOP, 0);
    return bytes;
}
function analyseBytes(ctx, bytes, alreadyDecoded) {
    if (bytes.length > ctx.maxDecodedBytes * 2 + 1024) {
        ctx.problem('size-cap', `the user data is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true);
        return bytes.length;
    }
    if (!(0, encoding_1.isGzip)(bytes) && !alreadyDecoded)
        return analyseString(ctx, (0, encoding_1.utf8Text)(bytes));
    const text = decodedText(ctx, bytes, TOP);
    if (text !== undefined)
        analyseText(ctx, text, TOP, 0);
    return bytes.length;
}
/** Text of (possibly gzip) bytes within the size cap; undefined after reporting a problem. */
function decodedText(ctx, bytes, place) {
    let plain = bytes;
    if ((0, encoding_1.isGzip)(bytes)) {
        ctx.format('gzip');
        const inflated = (0, encoding_1.gunzipCapped)(bytes, ctx.maxDecodedBytes);
        if (!inflated.ok) {
            ctx.problem(inflated.code, inflated.reason, true, locationOf(place));
            return undefined;
        }
        plain = inflated.bytes;
    }
    if (plain.length > ctx.maxDecodedBytes) {
        ctx.problem('size-cap', `decoded content is larger than ${ctx.maxDecodedBytes} bytes; it was not analysed`, true, locationOf(place));
        return undefined;
    }
    return (0, encoding_1.utf8Text)(plain);
}
function locationOf(place) {
    if (place.part === undefined)
        return undefined;
    return place.contentType === undefined ? { part: place.part } : { part: place.part, contentType: place.contentType };
}
/** Recognises the format of decoded text and hands it to its analyser. */
function analyseText(ctx, text, place, mimeDepth) {
    const start = text.search(/\S/);
    if (start < 0)
        return;
    if (ctx.holes.describe(text[start]) !== undefined || text[start] === holes_1.NESTED_B64_OPEN) {
        ctx.format('text');
        ctx.problem('token-hole', `the ${place.part ? 'part' : 'user data'} starts with an unresolved value (${ctx.holes.holesIn(text).slice(0, 3).join(', ') || 'Fn::Base64'}); it could hold any script or kubelet setting`, true, locationOf(place) ?? { line: 1 });
        return;
    }
    if ((0, mime_1.looksLikeMime)(text.slice(start))) {
        analyseMime(ctx, text.slice(start), mimeDepth);
        return;
    }
    analyseLeaf(ctx, flattenNestedBase64(text, ctx.holes, true), place);
}
/** Leaf content (not MIME): sniffed by its first line. */
function analyseLeaf(ctx, text, place, contentType) {
    ctx.decodedBytes += Buffer.byteLength(text.replace(/[\ue000-\uf8ff]/g, ''));
    const head = text.replace(/^\s+/, '').slice(0, 512);
    const firstLine = head.split('\n', 1)[0].trim();
    if (contentType === 'application/node.eks.aws' || (!/^#!/.test(firstLine) && !/^#cloud-config/i.test(firstLine) && (0, nodeadm_1.looksLikeNodeConfig)(text))) {
        (0, nodeadm_1.analyseNodeConfig)(ctx, text, place);
    }
    else if (/^#cloud-config/i.test(firstLine) || contentType?.startsWith('text/cloud-config')) {
        (0, cloud_config_1.analyseCloudConfig)(ctx, text, place);
    }
    else if (/^<(powershell|script|persist)>/i.test(firstLine) || /^#ps1/i.test(firstLine) || /^#!.*(powershell|pwsh)/i.test(firstLine)) {
        ctx.format('powershell');
        ctx.sawWindows = true;
    }
    else if (/^\s*\[settings(\.|\])/m.test(text) && !/^#!/.test(firstLine)) {
        ctx.format('bottlerocket-toml');
        ctx.sawBottlerocket = true;
    }
    else if (/^#include/i.test(firstLine) || contentType?.startsWith('text/x-include')) {
        ctx.format('text');
        ctx.problem('include-url', 'the user data includes content from URLs, which the analysis cannot see', true, locationOf(place) ?? { line: 1 });
    }
    else if (/^#!|^#cloud-boothook/i.test(firstLine) || contentType?.startsWith('text/x-shellscript') || contentType === 'text/cloud-boothook') {
        ctx.format('shell');
        ctx.sawLinux = true;
        (0, shell_1.analyseShell)(ctx, text, place);
    }
    else {
        // No recognised header: cloud-init would not run it, but a script missing its `#!` is
        // analysed anyway so an empty resolv-conf in it is not missed.
        ctx.format('text');
        (0, shell_1.analyseShell)(ctx, text, place);
    }
}
/** A MIME entity: multipart bodies split into parts (recursively, up to `maxMimeDepth`). */
function analyseMime(ctx, text, depth) {
    const entity = (0, mime_1.parseEntity)(text);
    const type = (0, mime_1.parseContentType)(entity.headers.get('content-type'));
    if (!type.type.startsWith('multipart/')) {
        analysePart(ctx, text, depth);
        return;
    }
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
    const split = (0, mime_1.splitMultipart)(entity.body, boundary, entity.bodyLine);
    if (split.parts.length === 0) {
        ctx.problem('bad-mime', `no part delimited by "--${boundary}" was found in the multipart body`, true);
        return;
    }
    for (const part of split.parts)
        analysePart(ctx, part.text, depth + 1);
    if (!split.closed) {
        ctx.problem('bad-mime', `the multipart body has no closing "--${boundary}--" line; the last part was analysed up to the end of the input`, false);
    }
}
/** One MIME part: transfer decoding, then multipart recursion or leaf analysis. */
function analysePart(ctx, text, depth) {
    const entity = (0, mime_1.parseEntity)(text);
    const type = (0, mime_1.parseContentType)(entity.headers.get('content-type'));
    if (type.type.startsWith('multipart/')) {
        analyseMime(ctx, text, depth);
        return;
    }
    const place = { part: ctx.nextPart(), contentType: type.type, firstLine: 1 };
    const encoding = (entity.headers.get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
    const body = entity.body;
    let decoded;
    if (encoding === 'base64')
        decoded = base64PartText(ctx, body, place);
    else if (encoding === 'quoted-printable')
        decoded = (0, encoding_1.quotedPrintable)(body);
    else
        decoded = body;
    if (decoded === undefined)
        return;
    if (encoding !== 'base64' && !(0, holes_1.hasHole)(decoded) && /^\x1f\x8b/.test(decoded)) {
        decoded = decodedText(ctx, Buffer.from(decoded, 'latin1'), place);
        if (decoded === undefined)
            return;
    }
    if (decoded.search(/\S/) < 0)
        return;
    const start = decoded.search(/\S/);
    if (ctx.holes.describe(decoded[start]) !== undefined) {
        analyseText(ctx, decoded, place, depth);
        return;
    }
    analyseLeaf(ctx, flattenNestedBase64(decoded, ctx.holes, true), place, type.type);
}
/**
 * A base64 part body: a nested `Fn::Base64` (CDK `MultipartUserData`) gives its inner text,
 * holes kept; literal base64 is decoded (and inflated when gzip).
 */
function base64PartText(ctx, body, place) {
    const trimmed = body.trim();
    if (trimmed.startsWith(holes_1.NESTED_B64_OPEN) && trimmed.endsWith(holes_1.NESTED_B64_CLOSE) && balancedOnce(trimmed)) {
        return trimmed.slice(1, -1);
    }
    if ((0, holes_1.hasHole)(trimmed) || trimmed.includes(holes_1.NESTED_B64_OPEN)) {
        ctx.problem('token-hole', `a base64 part is built from unresolved values (${ctx.holes.holesIn(trimmed).join(', ')}); its content could hold any kubelet setting`, true, locationOf(place));
        return undefined;
    }
    const bytes = (0, encoding_1.mimeBase64)(trimmed);
    if (!bytes) {
        ctx.problem('bad-base64', 'a MIME part declared base64 does not hold valid base64; it was not analysed', true, locationOf(place));
        return undefined;
    }
    return decodedText(ctx, bytes, place);
}
/** True when the marker pair around `text` is one nested Fn::Base64, not two adjacent ones. */
function balancedOnce(text) {
    let depth = 0;
    for (let i = 0; i < text.length; i++) {
        if (text[i] === holes_1.NESTED_B64_OPEN)
            depth++;
        else if (text[i] === holes_1.NESTED_B64_CLOSE && --depth === 0 && i < text.length - 1)
            return false;
    }
    return depth === 0;
}
/**
 * Replaces nested `Fn::Base64` regions outside base64 MIME parts with what the node sees: the
 * real base64 of their text, or a hole when that text holds unresolved values.
 */
function flattenNestedBase64(text, holes, makeHoles) {
    if (!text.includes(holes_1.NESTED_B64_OPEN))
        return text;
    const stack = [''];
    for (const ch of text) {
        if (ch === holes_1.NESTED_B64_OPEN)
            stack.push('');
        else if (ch === holes_1.NESTED_B64_CLOSE && stack.length > 1) {
            const inner = stack.pop();
            stack[stack.length - 1] += !(0, holes_1.hasHole)(inner) ? Buffer.from(inner).toString('base64') : makeHoles ? holes.hole('Fn::Base64 of an unresolved value') : '';
        }
        else if (ch !== holes_1.NESTED_B64_CLOSE)
            stack[stack.length - 1] += ch;
    }
    return stack.join('');
}
function result(ctx, rawBytes) {
    const settings = (0, precedence_1.orderByPrecedence)(ctx.settings).map((s) => {
        const { content, evidence } = (0, files_1.classifyResolvConfValue)(s.value, ctx.files);
        return { value: s.value, content, contentEvidence: evidence, mechanism: s.mechanism, location: s.location };
    });
    const effective = settings[settings.length - 1];
    const os = ctx.sawWindows ? 'windows' : ctx.sawBottlerocket ? 'bottlerocket' : ctx.sawLinux ? 'linux' : 'unknown';
    const base = {
        resolvConfSettings: settings,
        kubeletFlags: ctx.flags,
        bootstrapCalls: ctx.bootstrapCalls,
        usesBootstrapSh: ctx.bootstrapCalls.length > 0,
        usesNodeadm: ctx.usesNodeadm,
        os,
        formats: ctx.formats,
        rawBytes,
        decodedBytes: ctx.decodedBytes,
        problems: ctx.problems,
    };
    return effective ? { effectiveResolvConf: effective, ...base } : base;
}
//# sourceMappingURL=analyze.js.map