"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.AnalysisContext = void 0;
const files_1 = require("./files");
const holes_1 = require("./holes");
/** Everything one analysis accumulates; each decoder adds to it. */
class AnalysisContext {
    holes = new holes_1.HoleTable();
    problems = [];
    settings = [];
    flags = [];
    bootstrapCalls = [];
    formats = [];
    /** Files the user data writes, in boot order. */
    files = new files_1.FileStore();
    maxDecodedBytes;
    maxMimeDepth;
    usesNodeadm = false;
    sawLinux = false;
    sawWindows = false;
    sawBottlerocket = false;
    decodedBytes = 0;
    partCount = 0;
    constructor(options) {
        this.maxDecodedBytes = positiveOr(options.maxDecodedBytes, 1024 * 1024);
        this.maxMimeDepth = positiveOr(options.maxMimeDepth, 8);
    }
    /** Records a format once, in the order first seen (outermost first). */
    format(format) {
        if (!this.formats.includes(format))
            this.formats.push(format);
    }
    /** The next leaf MIME part number (1-based, document order). */
    nextPart() {
        return ++this.partCount;
    }
    problem(code, reason, mayAffectResolvConf, location) {
        this.problems.push(location ? { code, reason, location, mayAffectResolvConf } : { code, reason, mayAffectResolvConf });
    }
    /** A location for line `localLine` (1-based) of text placed at `place`, quoting `lineText`. */
    location(place, localLine, lineText) {
        // Keys in a fixed order (part, contentType, line, text) so JSON output is stable.
        const loc = {};
        if (place.part !== undefined)
            loc.part = place.part;
        if (place.contentType !== undefined)
            loc.contentType = place.contentType;
        loc.line = place.firstLine + localLine - 1;
        if (lineText !== undefined)
            loc.text = this.displayLine(lineText);
        return loc;
    }
    /** A source line for people: holes shown as `{{...}}`, trimmed, cut to 200 characters. */
    displayLine(text) {
        const shown = this.holes.display(text).trim();
        return shown.length > 200 ? shown.slice(0, 197) + '...' : shown;
    }
}
exports.AnalysisContext = AnalysisContext;
function positiveOr(value, fallback) {
    return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
//# sourceMappingURL=context.js.map