"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.summaryLine = summaryLine;
exports.renderTable = renderTable;
const ANSI = {
    error: '\u001b[31m',
    warning: '\u001b[33m',
    info: '\u001b[36m',
    suppressed: '\u001b[2m',
    bold: '\u001b[1m',
};
const RESET = '\u001b[0m';
function paint(text, style, colour) {
    return colour ? `${ANSI[style]}${text}${RESET}` : text;
}
/** The resource as people find it: construct path when known, else stack/logical id. */
function resourceOf(finding) {
    const { source } = finding;
    return source.constructPath ?? [source.stack, source.logicalId].filter(Boolean).join('/');
}
function rowsOf(findings, suppressed) {
    return [
        ...findings.map((f) => ({ severity: f.severity, style: f.severity, rule: f.ruleId, resource: resourceOf(f), title: f.title })),
        ...suppressed.map((f) => ({ severity: 'suppressed', style: 'suppressed', rule: f.ruleId, resource: resourceOf(f), title: f.title })),
    ];
}
function plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
}
/** `2 errors, 1 warning, 0 info, 1 suppressed (3 nodes checked)`. */
function summaryLine(findings, suppressed, nodes) {
    const count = (s) => findings.filter((f) => f.severity === s).length;
    const checked = nodes === undefined ? '' : ` (${plural(nodes, 'node')} checked)`;
    return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info, ${suppressed.length} suppressed${checked}`;
}
/** Renders the table report (ends with a newline). */
function renderTable(findings, suppressed, options) {
    const rows = rowsOf(findings, suppressed);
    const summary = summaryLine(findings, suppressed, options.nodes);
    if (rows.length === 0)
        return `No findings. ${summary}\n`;
    const header = { severity: 'SEVERITY', style: 'bold', rule: 'RULE', resource: 'RESOURCE', title: 'FINDING' };
    const width = (pick) => Math.max(...[header, ...rows].map((r) => pick(r).length));
    const ws = width((r) => r.severity);
    const wr = width((r) => r.rule);
    const wres = width((r) => r.resource);
    // Pad before painting: escape codes have no width on screen but count in String.length.
    const line = (r) => `${paint(r.severity.padEnd(ws), r.style, options.colour)}  ${r.rule.padEnd(wr)}  ${r.resource.padEnd(wres)}  ${r.title}`.trimEnd();
    const details = [...findings, ...suppressed].map((f, i) => {
        const suppression = 'suppressedBy' in f ? `\n   Suppressed at ${f.suppressedBy.scope}: ${f.suppressedBy.reason}` : '';
        const where = [f.source.templateFile, f.source.logicalId].filter(Boolean).join(' ');
        return `${i + 1}. ${paint(`[${f.ruleId}] ${resourceOf(f)}`, 'bold', options.colour)}${where ? ` (${where})` : ''}\n   ${f.detail}\n   Fix: ${f.fix}${suppression}`;
    });
    return [line(header), ...rows.map(line), '', ...details, '', summary, ''].join('\n');
}
//# sourceMappingURL=table.js.map