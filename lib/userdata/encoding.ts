import { gunzipSync } from 'zlib';
import { neutraliseSentinels } from './holes';
import { occurrences } from './text';

/** Why a decoding step has no output. */
interface DecodeFailure {
  readonly ok: false;
  readonly code: 'bad-gzip' | 'size-cap';
  readonly reason: string;
}

/** The outcome of a decoding step: bytes, or why there are none. */
type DecodeResult = { readonly ok: true; readonly bytes: Uint8Array } | DecodeFailure;

/** The base64 alphabet, for character classes. */
const BASE64_ALPHABET = 'A-Za-z0-9+/';
const BASE64_BODY = new RegExp(`^[${BASE64_ALPHABET}]*={0,2}$`);
const NOT_BASE64_TEXT = new RegExp(`[^${BASE64_ALPHABET}=\\s]`);

/** The two bytes a gzip stream starts with (RFC 1952). */
const GZIP_MAGIC = [0x1f, 0x8b] as const;

/**
 * True when the data starts with the gzip magic number. A string stands for bytes as latin1 text
 * (one character per byte); a character above U+00FF is no byte, so it never matches.
 */
export function isGzip(data: Uint8Array | string): boolean {
  if (typeof data === 'string') return data.charCodeAt(0) === GZIP_MAGIC[0] && data.charCodeAt(1) === GZIP_MAGIC[1];
  return data.length >= 2 && data[0] === GZIP_MAGIC[0] && data[1] === GZIP_MAGIC[1];
}

/** Text from UTF-8 bytes; private-use characters are neutralised so they cannot pose as holes. */
export function utf8Text(bytes: Uint8Array): string {
  return neutraliseSentinels(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
}

/**
 * Decodes `text` when it is base64 and nothing else: only the base64 alphabet (line breaks
 * allowed), a length that is a multiple of 4, and a payload that is gzip or mostly printable text.
 * A plain script, or a word that merely happens to use the alphabet, stays text (undefined).
 */
export function strictBase64(text: string): Uint8Array | undefined {
  // Cheap rejection of ordinary text before touching the whole input.
  if (NOT_BASE64_TEXT.test(text.slice(0, 256))) return undefined;
  const bytes = base64Bytes(text, WHITESPACE, true);
  if (!bytes || bytes.length === 0) return undefined;
  return isGzip(bytes) || isMostlyPrintable(bytes) ? bytes : undefined;
}

const WHITESPACE = /[\r\n\t ]+/g;
const LINE_BREAKS = /[\r\n]+/g;

/**
 * `text` decoded as base64 once the `skipped` characters are removed, when the rest is the
 * alphabet; `padded`: a non-empty length that is a multiple of 4 (else any length but one more).
 */
function base64Bytes(text: string, skipped: RegExp, padded: boolean): Buffer | undefined {
  const compact = text.replace(skipped, '');
  const length = compact.length;
  const lengthFits = padded ? length > 0 && length % 4 === 0 : length % 4 !== 1;
  return lengthFits && BASE64_BODY.test(compact) ? Buffer.from(compact, 'base64') : undefined;
}

/**
 * True when the text opens like base64 (one block of the alphabet, possibly wrapped into lines):
 * when such text does not decode, it is truncated or corrupted base64 rather than a script.
 */
export function looksLikeBase64(text: string): boolean {
  const head = text.slice(0, 4096).trim();
  // Most text fails on its first line: decide that before splitting the rest.
  if (!BASE64_LINE.test(head.slice(0, head.indexOf('\n') + 1 || head.length).trim())) return false;
  const lines = head.split(/\r?\n/);
  return lines.join('').length >= 16 && lines.every((line) => BASE64_LINE.test(line.trim()));
}

const BASE64_LINE = new RegExp(`^[${BASE64_ALPHABET}]+={0,2}$`);

/** Decodes a MIME base64 body leniently (line breaks and padding as written); undefined if not base64. */
export function mimeBase64(text: string): Uint8Array | undefined {
  return base64Bytes(text, WHITESPACE, false);
}

/**
 * Decodes `text` the way nodeadm's `decodeIfBase64` does (Go `base64.StdEncoding.Decode`): line
 * breaks are skipped, anything else must be the padded standard alphabet; undefined when it is not
 * (nodeadm then keeps the text as it is). Unlike {@link strictBase64} the payload may be anything.
 */
export function goStdBase64(text: string): Uint8Array | undefined {
  return base64Bytes(text, LINE_BREAKS, true);
}

/** True when at least 90% of the bytes are printable ASCII, whitespace or UTF-8 continuation, and there are no NULs. */
function isMostlyPrintable(bytes: Uint8Array): boolean {
  // Indexed loops: for...of over a typed array and a string costs several times more here.
  let printable = 0;
  let high = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0) return false;
    if (b >= 0x80) {
      high = true;
      printable++;
    } else if (b === 9 || b === 10 || b === 13 || (b >= 32 && b < 127)) printable++;
  }
  if (printable / bytes.length < 0.9) return false;
  // High bytes must form valid UTF-8, otherwise random binary would pass (pure ASCII always does).
  if (!high) return true;
  const decoded = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  return occurrences(decoded, '\ufffd') <= decoded.length * 0.02;
}

/** Inflates gzip, stopping at `maxBytes` of output (zlib's `maxOutputLength`) so bombs cost nothing. */
function gunzipCapped(bytes: Uint8Array, maxBytes: number): DecodeResult {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: Math.max(1, maxBytes) }) };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
      return { ok: false, code: 'size-cap', reason: `gzip content inflates to more than ${maxBytes} bytes; it was not analysed` };
    }
    return { ok: false, code: 'bad-gzip', reason: `gzip content could not be inflated (${(err as Error).message})` };
  }
}

/**
 * Text of decoded bytes: inflated first when `gzip`, and refused (`size-cap`) when the plain bytes
 * are over `maxBytes`.
 */
export function decodeToText(bytes: Uint8Array, gzip: boolean, maxBytes: number): { readonly ok: true; readonly text: string } | DecodeFailure {
  let plain = bytes;
  if (gzip) {
    const inflated = gunzipCapped(bytes, maxBytes);
    if (!inflated.ok) return inflated;
    plain = inflated.bytes;
  }
  if (plain.length > maxBytes) return { ok: false, code: 'size-cap', reason: `decoded content is larger than ${maxBytes} bytes; it was not analysed` };
  return { ok: true, text: utf8Text(plain) };
}

/** Decodes a quoted-printable body; characters outside `=XX` escapes (holes included) pass through. */
export function quotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  let out = '';
  let bytes: number[] = [];
  const flush = (): void => {
    if (bytes.length) out += Buffer.from(bytes).toString('utf8');
    bytes = [];
  };
  for (let i = 0; i < joined.length; i++) {
    const hex = joined[i] === '=' ? joined.slice(i + 1, i + 3) : '';
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      flush();
      out += joined[i];
    }
  }
  flush();
  return out;
}
