/**
 * Unresolved values ("holes") travel through decoding as single private-use characters, so every
 * later stage (MIME splitter, shell lexer, YAML) sees one opaque character it cannot mistake for
 * a flag, a quote or a separator. Each hole character indexes a description in a {@link HoleTable}.
 */

/** First code unit used for holes (U+E100..U+F8FF, the BMP private-use area). */
const HOLE_FIRST = 0xe100;
const HOLE_LAST = 0xf8ff;
/** Wraps the rendering of a nested `Fn::Base64` so a MIME base64 part can take its inner text. */
export const NESTED_B64_OPEN = '\ue001';
export const NESTED_B64_CLOSE = '\ue002';

/** Regular-expression character ranges (for `[...]`) of hole characters and of markers (U+E000..U+E0FF, such as {@link NESTED_B64_OPEN}). */
export const HOLE_RANGE = `${String.fromCharCode(HOLE_FIRST)}-${String.fromCharCode(HOLE_LAST)}`;
export const MARKER_RANGE = `\ue000-${String.fromCharCode(HOLE_FIRST - 1)}`;

const SENTINEL_RANGE = new RegExp(`[${MARKER_RANGE}${HOLE_RANGE}]`, 'g');
const HOLE_CHAR = new RegExp(`[${HOLE_RANGE}]`);
const SENTINEL_TEST = new RegExp(`[${MARKER_RANGE}${HOLE_RANGE}]`);

/** Descriptions of the holes of one analysis, indexed by their character. */
export class HoleTable {
  private readonly descriptions: string[] = [];
  /** Holes whose effect on the kubelet the analysis has already modelled (e.g. a jq edit of the kubelet config). */
  private readonly modelled = new Set<string>();

  /**
   * A new hole character described by `description` (e.g. `Ref ClusterName`).
   * @param modelled the value is unknown but its kubelet settings were already recorded, so
   *   writing it into a kubelet file hides nothing.
   */
  hole(description: string, modelled = false): string {
    if (this.descriptions.length > HOLE_LAST - HOLE_FIRST) {
      // Out of distinct characters: reuse the last one, with a generic description.
      this.descriptions[HOLE_LAST - HOLE_FIRST] = 'unresolved value';
      this.modelled.delete(String.fromCharCode(HOLE_LAST));
      return String.fromCharCode(HOLE_LAST);
    }
    this.descriptions.push(description);
    const char = String.fromCharCode(HOLE_FIRST + this.descriptions.length - 1);
    if (modelled) this.modelled.add(char);
    return char;
  }

  /** True when `text` holds a hole whose kubelet settings were not modelled. */
  hasUnmodelledHole(text: string): boolean {
    if (!hasHole(text)) return false;
    for (const ch of text) if (this.describe(ch) !== undefined && !this.modelled.has(ch)) return true;
    return false;
  }

  /** The description of a hole character, or undefined for an ordinary character. */
  describe(char: string): string | undefined {
    const code = char.charCodeAt(0);
    return code >= HOLE_FIRST && code <= HOLE_LAST ? this.descriptions[code - HOLE_FIRST] ?? 'unresolved value' : undefined;
  }

  /** The descriptions of all holes in `text`, in order, without repeats. */
  holesIn(text: string): string[] {
    const out: string[] = [];
    for (const ch of text) {
      const d = this.describe(ch);
      if (d !== undefined && !out.includes(d)) out.push(d);
    }
    return out;
  }

  /** `text` for people: each hole becomes `{{description}}`, markers vanish. */
  display(text: string): string {
    if (!SENTINEL_TEST.test(text)) return text;
    return text.replace(SENTINEL_RANGE, (ch) => {
      const d = this.describe(ch);
      return d === undefined ? '' : `{{${d}}}`;
    });
  }
}

/** True when `text` holds at least one hole character. */
export function hasHole(text: string): boolean {
  return HOLE_CHAR.test(text);
}

/** UTF-8 size of `text` without its holes and markers: what the node receives, deploy-time values not counted. */
export function visibleByteLength(text: string): number {
  return Buffer.byteLength(SENTINEL_TEST.test(text) ? text.replace(SENTINEL_RANGE, '') : text);
}

/** Input text with any private-use characters replaced, so they cannot pose as holes or markers. */
export function neutraliseSentinels(text: string): string {
  return text.replace(SENTINEL_RANGE, '\ufffd');
}
