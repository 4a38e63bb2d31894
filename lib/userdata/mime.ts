/**
 * A small synchronous MIME splitter for user data. The npm MIME parsers are asynchronous
 * (streams) or built for mail (addresses, attachments, charsets), and the analysis runs inside a
 * CDK Aspect's synchronous visit; cloud-init archives need only headers, boundaries and
 * transfer encodings. Linear in the input, no recursion (nesting is driven by the caller).
 */

import { occurrences } from './text';

/** A MIME entity: lower-cased header names to their (unfolded) values, and the body. */
export interface MimeEntity {
  readonly headers: ReadonlyMap<string, string>;
  readonly body: string;
}

/** A parsed `Content-Type`. */
export interface ContentType {
  /** Lower-cased `type/subtype`. */
  readonly type: string;
  readonly params: ReadonlyMap<string, string>;
}

/** Parts of a multipart body, and whether the closing boundary was found. */
export interface MultipartSplit {
  readonly parts: readonly string[];
  readonly closed: boolean;
}

const HEADER_LINE = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)[ \t]*:(.*)$/;

/** True when `text` opens with a MIME header block that declares a Content-Type. */
export function looksLikeMime(text: string): boolean {
  const head = text.slice(0, 2048);
  const firstLine = head.split(/\r?\n/, 1)[0];
  if (!HEADER_LINE.test(firstLine)) return false;
  const entity = parseEntity(head);
  return entity.headers.has('content-type');
}

/** Splits headers (up to the first blank line; folded lines joined) from the body. */
export function parseEntity(text: string): MimeEntity {
  const headers = new Map<string, string>();
  let pos = 0;
  let last: string | undefined;
  while (pos < text.length) {
    const lineStart = pos;
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, end).replace(/\r$/, '');
    pos = end + 1;
    if (raw === '') return { headers, body: text.slice(Math.min(pos, text.length)) };
    if (/^[ \t]/.test(raw) && last) {
      headers.set(last, `${headers.get(last)} ${raw.trim()}`);
      continue;
    }
    const m = HEADER_LINE.exec(raw);
    // A line that is not a header ends the block (no blank line): the body starts there.
    if (!m) return { headers, body: text.slice(lineStart) };
    last = m[1].toLowerCase();
    if (!headers.has(last)) headers.set(last, m[2].trim());
  }
  return { headers, body: '' };
}

/** Parses `type/subtype; name=value; name="quoted value"`. */
export function parseContentType(value: string | undefined): ContentType {
  if (!value) return { type: 'text/plain', params: new Map() };
  if (value.length > 256) return parseContentTypeValue(value);
  // Parts repeat a handful of content types; the results are read-only.
  let parsed = contentTypes.get(value);
  if (!parsed) {
    if (contentTypes.size >= 256) contentTypes.clear();
    parsed = parseContentTypeValue(value);
    contentTypes.set(value, parsed);
  }
  return parsed;
}

const contentTypes = new Map<string, ContentType>();

function parseContentTypeValue(value: string): ContentType {
  const params = new Map<string, string>();
  const [type, ...rest] = splitParams(value);
  for (const p of rest) {
    const eq = p.indexOf('=');
    if (eq <= 0) continue;
    let v = p.slice(eq + 1).trim();
    if (v.startsWith('"') && v.endsWith('"') && v.length >= 2) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    params.set(p.slice(0, eq).trim().toLowerCase(), v);
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Splits at `;` outside double quotes. */
function splitParams(value: string): string[] {
  // Quotes that open and close within each `;`-separated piece hide no `;`.
  if (!value.includes('\\')) {
    const pieces = value.split(';');
    if (pieces.every((piece) => occurrences(piece, '"') % 2 === 0)) return pieces;
  }
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '"') quoted = !quoted;
    if (ch === '\\' && quoted) { current += ch + (value[i + 1] ?? ''); i++; continue; }
    if (ch === ';' && !quoted) { out.push(current); current = ''; continue; }
    current += ch;
  }
  out.push(current);
  return out;
}

/**
 * Splits a multipart body at `--boundary` lines (RFC 2046 §5.1.1): the preamble before the first
 * one is dropped, `--boundary--` closes the body, and the line break before a boundary belongs to it.
 * Jumps from delimiter to delimiter instead of reading every line.
 */
export function splitMultipart(body: string, boundary: string): MultipartSplit {
  const delimiter = '--' + boundary;
  const parts: string[] = [];
  let partStart = -1;
  for (let at = body.startsWith(delimiter) ? 0 : nextDelimiterLine(body, delimiter, 0); at >= 0; at = nextDelimiterLine(body, delimiter, at + 1)) {
    let end = body.indexOf('\n', at);
    if (end < 0) end = body.length;
    const tail = body.slice(at + delimiter.length, end).replace(/\r$/, '');
    // `--boundary` followed by anything but `--` and white space is text, not a delimiter.
    if (!/^(--)?[ \t]*$/.test(tail)) continue;
    if (partStart >= 0) parts.push(body.slice(partStart, Math.max(partStart, at - 1)).replace(/\r$/, ''));
    if (tail.startsWith('--')) return { parts, closed: true };
    partStart = end + 1;
  }
  if (partStart >= 0 && partStart <= body.length) parts.push(body.slice(partStart));
  return { parts, closed: false };
}

/** Where the next line starting with `delimiter` at or after `from` starts, or -1. */
function nextDelimiterLine(body: string, delimiter: string, from: number): number {
  const at = body.indexOf('\n' + delimiter, Math.max(from - 1, 0));
  return at < 0 ? -1 : at + 1;
}
