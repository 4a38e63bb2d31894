"use strict";
/**
 * Unresolved values ("holes") travel through decoding as single private-use characters, so every
 * later stage (MIME splitter, shell lexer, YAML) sees one opaque character it cannot mistake for
 * a flag, a quote or a separator. Each hole character indexes a description in a {@link HoleTable}.
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.HoleTable = exports.NESTED_B64_CLOSE = exports.NESTED_B64_OPEN = void 0;
exports.hasHole = hasHole;
exports.neutraliseSentinels = neutraliseSentinels;
/** First code unit used for holes (U+E100..U+F8FF, the BMP private-use area). */
const HOLE_FIRST = 0xe100;
const HOLE_LAST = 0xf8ff;
/** Wraps the rendering of a nested `Fn::Base64` so a MIME base64 part can take its inner text. */
exports.NESTED_B64_OPEN = '\ue001';
exports.NESTED_B64_CLOSE = '\ue002';
const SENTINEL_RANGE = /[\ue000-\uf8ff]/g;
const HOLE_CHAR = /[\ue100-\uf8ff]/;
const SENTINEL_TEST = /[\ue000-\uf8ff]/;
/** Descriptions of the holes of one analysis, indexed by their character. */
class HoleTable {
    descriptions = [];
    /** A new hole character described by `description` (e.g. `Ref ClusterName`). */
    hole(description) {
        if (this.descriptions.length > HOLE_LAST - HOLE_FIRST) {
            // Out of distinct characters: reuse the last one, with a generic description.
            this.descriptions[HOLE_LAST - HOLE_FIRST] = 'unresolved value';
            return String.fromCharCode(HOLE_LAST);
        }
        this.descriptions.push(description);
        return String.fromCharCode(HOLE_FIRST + this.descriptions.length - 1);
    }
    /** The description of a hole character, or undefined for an ordinary character. */
    describe(char) {
        const code = char.charCodeAt(0);
        return code >= HOLE_FIRST && code <= HOLE_LAST ? this.descriptions[code - HOLE_FIRST] ?? 'unresolved value' : undefined;
    }
    /** The descriptions of all holes in `text`, in order, without repeats. */
    holesIn(text) {
        const out = [];
        for (const ch of text) {
            const d = this.describe(ch);
            if (d !== undefined && !out.includes(d))
                out.push(d);
        }
        return out;
    }
    /** `text` for people: each hole becomes `{{description}}`, markers vanish. */
    display(text) {
        if (!SENTINEL_TEST.test(text))
            return text;
        return text.replace(SENTINEL_RANGE, (ch) => {
            const d = this.describe(ch);
            return d === undefined ? '' : `{{${d}}}`;
        });
    }
}
exports.HoleTable = HoleTable;
/** True when `text` holds at least one hole character. */
function hasHole(text) {
    return HOLE_CHAR.test(text);
}
/** Input text with any private-use characters replaced, so they cannot pose as holes or markers. */
function neutraliseSentinels(text) {
    return text.replace(SENTINEL_RANGE, '\ufffd');
}
//# sourceMappingURL=holes.js.map