/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the guard's rules as
 * `tool.driver.rules`, one result per finding (acknowledged findings carry a suppression).
 */
import { createHash } from 'crypto';
import * as path from 'path';
import type { Finding, Severity, SuppressedFinding } from '../model';
import type { Rule } from '../rules/rule';
import { lineOfResource } from '../scan/template';
import { relativeInside } from '../paths';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';
import { guardVersion } from '../version';
import { findingLocation } from './message';

export interface SarifOptions {
  /** Rule metadata; findings of rules not listed get a minimal descriptor. */
  readonly rules: readonly Rule[];
  /** The directory template paths are made relative to (`%SRCROOT%`); usually the working directory. */
  readonly baseDir: string;
  /** The text of a template file (as named in findings), to find line numbers; undefined when unknown. */
  readonly templateText?: (templateFile: string) => string | undefined;
  readonly toolVersion?: string;
}

/** The SARIF log object (typed loosely: the shape is fixed by the SARIF 2.1.0 schema). */
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly SarifRun[];
}

export interface SarifRun {
  readonly tool: { readonly driver: SarifDriver };
  readonly originalUriBaseIds?: { readonly [id: string]: { readonly uri: string } };
  readonly results: readonly SarifResult[];
}

export interface SarifDriver {
  readonly name: string;
  readonly version: string;
  readonly semanticVersion: string;
  readonly rules: readonly SarifRuleDescriptor[];
}

export interface SarifRuleDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly help: { readonly text: string; readonly markdown: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly tags: readonly string[] };
}

export type SarifLevel = 'error' | 'warning' | 'note';

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: { readonly text: string };
  readonly locations: readonly SarifLocation[];
  readonly partialFingerprints: { readonly [name: string]: string };
  readonly suppressions?: ReadonlyArray<{ readonly kind: 'external'; readonly justification: string }>;
}

export interface SarifLocation {
  readonly physicalLocation?: {
    readonly artifactLocation: { readonly uri: string; readonly uriBaseId?: string };
    readonly region: { readonly startLine: number };
  };
  readonly logicalLocations?: ReadonlyArray<{ readonly name: string; readonly fullyQualifiedName: string; readonly kind: string }>;
}

const SRCROOT = '%SRCROOT%';

/** SARIF levels: `info` has no SARIF twin; `note` is the closest. */
function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'info' ? 'note' : severity;
}

/** `resolv-conf-empty` -> `ResolvConfEmpty` (SARIF rule names are identifiers, ids are stable keys). */
function ruleName(id: string): string {
  return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}

/** Markdown to plain text for `help.text`: drop emphasis and code marks, keep the words. */
function plainText(markdown: string): string {
  return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
}

function descriptorOf(rule: Pick<Rule, 'id' | 'summary' | 'help' | 'defaultSeverity'>): SarifRuleDescriptor {
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    help: { text: plainText(rule.help), markdown: rule.help },
    defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
    properties: { tags: ['eks', 'kubelet', 'containerd', 'reliability'] },
  };
}

/** A descriptor for a finding whose rule is not in the given list (keeps the log self-consistent). */
function descriptorForUnknownRule(finding: Finding): SarifRuleDescriptor {
  return descriptorOf({ id: finding.ruleId, summary: finding.title, help: finding.fix, defaultSeverity: finding.severity === 'error' ? 'error' : 'warning' });
}

/** A template path as a URI relative to `%SRCROOT%`, or an absolute file URI when outside it. */
function artifactLocationOf(templateFile: string, baseDir: string): { uri: string; uriBaseId?: string } {
  const absolute = path.resolve(baseDir, templateFile);
  const relative = relativeInside(baseDir, absolute);
  if (relative) return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  return { uri: new URL(`file://${absolute.split(path.sep).map(encodeURIComponent).join('/')}`).href };
}

/**
 * Stable across runs and line moves: the rule, the resource's identity, and the title (one rule
 * can report two different problems on one resource).
 */
function fingerprintOf(finding: Finding): string {
  const { source } = finding;
  const identity = [finding.ruleId, finding.title, source.stack ?? '', source.constructPath ?? '', source.logicalId ?? '', source.templateFile ?? ''].join('\u0000');
  return createHash('sha256').update(identity).digest('hex');
}

function locationOf(finding: Finding, options: SarifOptions): SarifLocation {
  const { source } = finding;
  const name = source.logicalId ?? source.constructPath ?? 'resource';
  const logicalLocations = [{ name, fullyQualifiedName: findingLocation(finding), kind: 'resource' }];
  if (!source.templateFile) return { logicalLocations };
  const text = options.templateText?.(source.templateFile);
  // GitHub code scanning wants a line; the file's first line stands for "somewhere in this template".
  const startLine = (text !== undefined && source.logicalId ? lineOfResource(text, source.logicalId) : undefined) ?? 1;
  return {
    physicalLocation: { artifactLocation: artifactLocationOf(source.templateFile, options.baseDir), region: { startLine } },
    logicalLocations,
  };
}

function messageOf(finding: Finding): string {
  const where = findingLocation(finding);
  return `${finding.title}${where ? ` (${where})` : ''}. ${finding.detail} Fix: ${finding.fix}`;
}

/** Builds the SARIF log; serialise with `JSON.stringify(log, undefined, 2)`. */
export function buildSarifReport(findings: readonly Finding[], suppressed: readonly SuppressedFinding[], options: SarifOptions): SarifLog {
  const descriptors = options.rules.map(descriptorOf);
  const indexOf = (finding: Finding): number => {
    let index = descriptors.findIndex((d) => d.id === finding.ruleId);
    if (index < 0) {
      descriptors.push(descriptorForUnknownRule(finding));
      index = descriptors.length - 1;
    }
    return index;
  };
  const resultOf = (finding: Finding, suppression?: SuppressedFinding['suppressedBy']): SarifResult => ({
    ruleId: finding.ruleId,
    ruleIndex: indexOf(finding),
    level: sarifLevel(finding.severity),
    message: { text: messageOf(finding) },
    locations: [locationOf(finding, options)],
    partialFingerprints: { 'eksNodeGuardResource/v1': fingerprintOf(finding) },
    ...(suppression ? { suppressions: [{ kind: 'external' as const, justification: `${suppression.reason} (acknowledged at ${suppression.scope})` }] } : {}),
  });
  const results = [...findings.map((f) => resultOf(f)), ...suppressed.map((f) => resultOf(f, f.suppressedBy))];
  const version = options.toolVersion ?? guardVersion();
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: GUARD_NAMESPACE, version, semanticVersion: version, rules: descriptors } },
        originalUriBaseIds: { [SRCROOT]: { uri: new URL(`file://${path.resolve(options.baseDir).split(path.sep).map(encodeURIComponent).join('/')}/`).href } },
        results,
      },
    ],
  };
}
