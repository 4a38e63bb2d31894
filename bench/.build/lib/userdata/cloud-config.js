"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.analyseCloudConfig = analyseCloudConfig;
const yaml_1 = require("yaml");
const effects_1 = require("./effects");
const holes_1 = require("./holes");
const encoding_1 = require("./encoding");
const shell_1 = require("./shell");
const yaml_lines_1 = require("./yaml-lines");
/**
 * `#cloud-config`: `bootcmd`, then `write_files`, then `runcmd`, then `write_files` with
 * `defer: true` (cloud-init runs bootcmd and write_files in its init stage and runcmd in the final
 * stage; deferred files are written in the final stage). Commands are strings (run by a shell) or
 * argv lists (run directly); all runcmd entries share one script, so variables carry over.
 */
function analyseCloudConfig(ctx, text, place) {
    ctx.format('cloud-config');
    ctx.sawLinux = true;
    const lines = new yaml_1.LineCounter();
    const doc = (0, yaml_1.parseDocument)(text, { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length) {
        const error = doc.errors[0];
        const line = error.linePos?.[0]?.line ?? 1;
        ctx.problem('bad-yaml', `cloud-config YAML could not be parsed (${error.message.split('\n')[0]}); cloud-init would skip it`, /resolv|kubelet|bootstrap/i.test(text), ctx.location(place, line, text.split('\n')[line - 1] ?? ''));
        return;
    }
    const root = doc.contents;
    if (!(0, yaml_1.isMap)(root))
        return;
    const at = (line) => ({ ...place, firstLine: place.firstLine + line - 1 });
    runCommands(ctx, root.get('bootcmd', true), lines, at, (0, shell_1.newShellEnv)());
    const deferred = writeFiles(ctx, root.get('write_files', true), lines, place);
    runCommands(ctx, root.get('runcmd', true), lines, at, (0, shell_1.newShellEnv)());
    for (const apply of deferred)
        apply();
}
function runCommands(ctx, node, lines, at, env) {
    if (!(0, yaml_1.isSeq)(node))
        return;
    for (const item of node.items) {
        if ((0, yaml_1.isScalar)(item) && typeof item.value === 'string') {
            (0, shell_1.analyseShell)(ctx, item.value, at((0, yaml_lines_1.contentLine)(item, lines)), env);
        }
        else if ((0, yaml_1.isSeq)(item)) {
            const argv = item.items.map((w) => ((0, yaml_1.isScalar)(w) ? String(w.value ?? '') : ''));
            (0, shell_1.analyseShell)(ctx, argv.map(shellQuote).join(' '), at((0, yaml_lines_1.nodeLine)(item, lines)), env);
        }
    }
}
/** Single-quotes a word so the shell analysis sees exactly that argv element. */
function shellQuote(word) {
    return `'${word.replace(/'/g, `'\\''`)}'`;
}
/** Applies `write_files` entries; returns the deferred ones as closures to run after runcmd. */
function writeFiles(ctx, node, lines, place) {
    const deferred = [];
    if (!(0, yaml_1.isSeq)(node))
        return deferred;
    for (const item of node.items) {
        if (!(0, yaml_1.isMap)(item))
            continue;
        const entry = item;
        const path = scalarString(entry.get('path'));
        if (path === undefined)
            continue;
        const contentNode = entry.get('content', true);
        const encoding = (scalarString(entry.get('encoding')) ?? 'text/plain').toLowerCase();
        const append = entry.get('append') === true;
        const line = (0, yaml_lines_1.nodeLine)(entry, lines);
        const location = ctx.location(place, line, `write_files: ${path}`);
        const apply = () => {
            const data = decodeContent(ctx, contentNode, encoding, path);
            (0, effects_1.applyFileWrite)(ctx, path, data, append, `write_files ${path}`, location, { place, localLine: (0, yaml_lines_1.contentLine)(contentNode, lines) });
        };
        if (entry.get('defer') === true)
            deferred.push(apply);
        else
            apply();
    }
    return deferred;
}
function scalarString(value) {
    if (typeof value === 'string')
        return value;
    if ((0, yaml_1.isScalar)(value) && typeof value.value === 'string')
        return value.value;
    return undefined;
}
/** write_files content after its `encoding` (plain, b64/base64, gzip/gz, gz+b64/gzip+base64). */
function decodeContent(ctx, node, encoding, path) {
    const raw = (0, yaml_1.isScalar)(node) ? node.value : undefined;
    if (raw === undefined || raw === null)
        return { kind: 'text', text: '' };
    const text = raw instanceof Uint8Array ? undefined : String(raw);
    const base64 = /(^|\+)(b64|base64)$/.test(encoding);
    const gzip = /^(gz|gzip)(\+|$)/.test(encoding);
    if (!base64 && !gzip)
        return { kind: 'text', text: text ?? (0, encoding_1.utf8Text)(raw) };
    if (text !== undefined && (0, holes_1.hasHole)(text))
        return { kind: 'unknown' };
    let bytes = raw instanceof Uint8Array ? raw : base64 ? (0, encoding_1.mimeBase64)(text) : Buffer.from(text, 'latin1');
    if (!bytes) {
        ctx.problem('bad-base64', `write_files content of ${path} is not valid base64`, true);
        return { kind: 'unknown' };
    }
    if (gzip) {
        const inflated = (0, encoding_1.gunzipCapped)(bytes, ctx.maxDecodedBytes);
        if (!inflated.ok) {
            ctx.problem(inflated.code, `write_files content of ${path}: ${inflated.reason}`, true);
            return { kind: 'unknown' };
        }
        bytes = inflated.bytes;
    }
    return { kind: 'text', text: (0, encoding_1.utf8Text)(bytes) };
}
//# sourceMappingURL=cloud-config.js.map