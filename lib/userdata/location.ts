import type { UserDataLocation } from './types';

/**
 * A location for people: `MIME part 2 (text/x-shellscript), line 4: "…"`; each piece only when
 * known (`line 3` for a plain script without its text), `''` when nothing is known.
 */
export function locationText(location: UserDataLocation): string {
  const parts: string[] = [];
  if (location.part !== undefined) parts.push(`MIME part ${location.part}${location.contentType ? ` (${location.contentType})` : ''}`);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  const where = parts.join(', ');
  const text = location.text ? `"${location.text}"` : '';
  return [where, text].filter(Boolean).join(': ');
}
