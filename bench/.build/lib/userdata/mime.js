"use strict";
/**
 * A small synchronous MIME splitter for user data. The npm MIME parsers are asynchronous
 * (streams) or built for mail (addresses, attachments, charsets), and the analysis runs inside a
 * CDK Aspect's synchronous visit; cloud-init archives need only headers, boundaries and
 * transfer encodings. Linear in the input, no recursion (nesting is driven by the caller).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.looksLikeMime = looksLikeMime;
exports.parseEntity = parseEntity;
exports.parseContentType = parseContentType;
exports.splitMultipart = splitMultipart;
const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)[ \t]*:(.*)$/;
/** True when `text` opens with a MIME header block that declares a Content-Type. */
function looksLikeMime(text) {
    const head = text.slice(0, 2048);
    const firstLine = head.split(/\r?\n/, 1)[0];
    if (!HEADER_LINE.test(firstLine))
        return false;
    const entity = parseEntity(head);
    return entity.headers.has('content-type');
}
/** Splits headers (up to the first blank line; folded lines joined) from the body. */
function parseEntity(text) {
    const headers = new Map();
    let pos = 0;
    let line = 1;
    let last;
    while (pos < text.length) {
        const lineStart = pos;
        let end = text.indexOf('\n', pos);
        if (end < 0)
            end = text.length;
        const raw = text.slice(pos, end).replace(/\r$/, '');
        pos = end + 1;
        if (raw === '')
            return { headers, body: text.slice(Math.min(pos, text.length)), bodyLine: line + 1 };
        if (/^[ \t]/.test(raw) && last) {
            headers.set(last, `${headers.get(last)} ${raw.trim()}`);
            line++;
            continue;
        }
        const m = HEADER_LINE.exec(raw);
        // A line that is not a header ends the block (no blank line): the body starts there.
        if (!m)
            return { headers, body: text.slice(lineStart), bodyLine: line };
        last = m[1].toLowerCase();
        if (!headers.has(last))
            headers.set(last, m[2].trim());
        line++;
    }
    return { headers, body: '', bodyLine: line };
}
/** Parses `type/subtype; name=value; name="quoted value"`. */
function parseContentType(value) {
    const params = new Map();
    if (!value)
        return { type: 'text/plain', params };
    const [type, ...rest] = splitParams(value);
    for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq <= 0)
            continue;
        let v = p.slice(eq + 1).trim();
        if (v.startsWith('"') && v.endsWith('"') && v.length >= 2)
            v = v.slice(1, -1).replace(/\\(.)/g, '$1');
        params.set(p.slice(0, eq).trim().toLowerCase(), v);
    }
    return { type: type.trim().toLowerCase(), params };
}
/** Splits at `;` outside double quotes. */
function splitParams(value) {
    const out = [];
    let current = '';
    let quoted = false;
    for (let i = 0; i < value.length; i++) {
        const ch = value[i];
        if (ch === '"')
            quoted = !quoted;
        if (ch === '\\' && quoted) {
            current += ch + (value[i + 1] ?? '');
            i++;
            continue;
        }
        if (ch === ';' && !quoted) {
            out.push(current);
            current = '';
            continue;
        }
        current += ch;
    }
    out.push(current);
    return out;
}
/**
 * Splits a multipart body at `--boundary` lines (RFC 2046 §5.1.1): the preamble before the first
 * one is dropped, `--boundary--` closes the body, and the line break before a boundary belongs to it.
 */
function splitMultipart(body, boundary, bodyLine) {
    const delimiter = '--' + boundary;
    const parts = [];
    let pos = 0;
    let line = bodyLine;
    let partStart = -1;
    let partLine = 0;
    let closed = false;
    while (pos <= body.length) {
        let end = body.indexOf('\n', pos);
        if (end < 0)
            end = body.length;
        const raw = body.slice(pos, end).replace(/\r$/, '');
        if (raw.startsWith(delimiter)) {
            const tail = raw.slice(delimiter.length);
            const closing = tail.startsWith('--');
            if (/^(--)?[ \t]*$/.test(tail)) {
                if (partStart >= 0)
                    parts.push({ text: body.slice(partStart, Math.max(partStart, pos - 1)).replace(/\r$/, ''), firstLine: partLine });
                if (closing) {
                    closed = true;
                    partStart = -1;
                    break;
                }
                partStart = end + 1;
                partLine = line + 1;
            }
        }
        if (end >= body.length)
            break;
        pos = end + 1;
        line++;
    }
    if (!closed && partStart >= 0 && partStart <= body.length)
        parts.push({ text: body.slice(partStart), firstLine: partLine });
    return { parts, closed };
}
//# sourceMappingURL=mime.js.map