"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.contentLine = contentLine;
exports.nodeLine = nodeLine;
const yaml_1 = require("yaml");
/** 1-based line where a YAML node's content starts (block scalars start on the line after `|`). */
function contentLine(node, lines) {
    if (!(0, yaml_1.isNode)(node) || !node.range)
        return 1;
    const line = lines.linePos(node.range[0]).line;
    return (0, yaml_1.isScalar)(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') ? line + 1 : line;
}
/** 1-based line where a YAML node starts. */
function nodeLine(node, lines) {
    return (0, yaml_1.isNode)(node) && node.range ? lines.linePos(node.range[0]).line : 1;
}
//# sourceMappingURL=yaml-lines.js.map