/**
 * The human report: an aligned table of findings, then each finding's explanation and fix.
 * ANSI colour only when asked (the CLI asks when stdout is a terminal).
 */
import type { Finding, Severity, SuppressedFinding } from '../model';
import { findingLocation } from './message';

export interface TableOptions {
  /** Colour severities with ANSI escapes. */
  readonly colour: boolean;
  /** Number of nodes judged, for the summary line. */
  readonly nodes?: number;
}

const ANSI: Record<Severity | 'suppressed' | 'bold', string> = {
  error: '\u001b[31m',
  warning: '\u001b[33m',
  info: '\u001b[36m',
  suppressed: '\u001b[2m',
  bold: '\u001b[1m',
};
const RESET = '\u001b[0m';

function paint(text: string, style: keyof typeof ANSI, colour: boolean): string {
  return colour ? `${ANSI[style]}${text}${RESET}` : text;
}

/** One finding as a table row. */
interface Row {
  readonly severity: string;
  readonly style: keyof typeof ANSI;
  readonly rule: string;
  readonly resource: string;
  readonly title: string;
}

function rowsOf(findings: readonly Finding[], suppressed: readonly SuppressedFinding[]): Row[] {
  return [
    ...findings.map((f) => ({ severity: f.severity, style: f.severity, rule: f.ruleId, resource: findingLocation(f), title: f.title })),
    ...suppressed.map((f) => ({ severity: 'suppressed', style: 'suppressed' as const, rule: f.ruleId, resource: findingLocation(f), title: f.title })),
  ];
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning, 0 info, 1 suppressed (3 nodes checked)`. */
export function summaryLine(findings: readonly Finding[], suppressed: readonly SuppressedFinding[], nodes?: number): string {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const checked = nodes === undefined ? '' : ` (${plural(nodes, 'node')} checked)`;
  return `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${count('info')} info, ${suppressed.length} suppressed${checked}`;
}

/** Renders the table report (ends with a newline). */
export function renderTable(findings: readonly Finding[], suppressed: readonly SuppressedFinding[], options: TableOptions): string {
  const rows = rowsOf(findings, suppressed);
  const summary = summaryLine(findings, suppressed, options.nodes);
  if (rows.length === 0) return `No findings. ${summary}\n`;
  const header: Row = { severity: 'SEVERITY', style: 'bold', rule: 'RULE', resource: 'RESOURCE', title: 'FINDING' };
  const width = (pick: (r: Row) => string) => Math.max(...[header, ...rows].map((r) => pick(r).length));
  const ws = width((r) => r.severity);
  const wr = width((r) => r.rule);
  const wres = width((r) => r.resource);
  // Pad before painting: escape codes have no width on screen but count in String.length.
  const line = (r: Row) => `${paint(r.severity.padEnd(ws), r.style, options.colour)}  ${r.rule.padEnd(wr)}  ${r.resource.padEnd(wres)}  ${r.title}`.trimEnd();
  const detail = (f: Finding, index: number, suppressedBy?: SuppressedFinding['suppressedBy']) => {
    const suppression = suppressedBy ? `\n   Suppressed at ${suppressedBy.scope}: ${suppressedBy.reason}` : '';
    const where = [f.source.templateFile, f.source.logicalId].filter(Boolean).join(' ');
    return `${index + 1}. ${paint(`[${f.ruleId}] ${findingLocation(f)}`, 'bold', options.colour)}${where ? ` (${where})` : ''}\n   ${f.detail}\n   Fix: ${f.fix}${suppression}`;
  };
  const details = [...findings.map((f, i) => detail(f, i)), ...suppressed.map((f, i) => detail(f, findings.length + i, f.suppressedBy))];
  return [line(header), ...rows.map(line), '', ...details, '', summary, ''].join('\n');
}
