/**
 * The JSON report: what the Aspect writes into the cloud assembly and `scan --format json` prints.
 * Deterministic for the same findings (no timestamp unless the caller injects one).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Finding, FindingEvidence, NodeFacts, Severity, SuppressedFinding } from '../model';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';
import { containerdEvidence, resolvConfRulesApply } from '../rules/describe';

/** Bumped when a field changes meaning or disappears; new optional fields do not bump it. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** The tool's name in reports. */

/** File name of the report in the cloud assembly directory. */
export const JSON_REPORT_FILE = 'eks-node-guard.report.json';

export interface JsonReportMeta {
  /** The guard's version; defaults to the installed package's. */
  readonly toolVersion?: string;
  /** ISO timestamp; omitted unless given, so that reports of the same app compare equal. */
  readonly generatedAt?: string;
  /** The nodes judged, when the caller knows them: listed in the report with their AMI and containerd. */
  readonly nodes?: readonly NodeFacts[];
}

/** One node the guard judged: what it boots from and which rules applied. */
export interface JsonReportNode {
  readonly kind: string;
  readonly constructPath?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly templateFile?: string;
  /** The AMI as identified, and its family. */
  readonly ami: { readonly name?: string; readonly family: string };
  /** The containerd verdict and how it was determined. */
  readonly containerd: NonNullable<FindingEvidence['containerd']>;
  /** Why some rules did not apply (Windows and Bottlerocket nodes, launch templates outside the app). */
  readonly notes: readonly string[];
}

export interface JsonReportEntry {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly message: string;
  readonly fix: string;
  readonly constructPath?: string;
  readonly stack?: string;
  readonly logicalId?: string;
  readonly templateFile?: string;
  readonly resourceType?: string;
  readonly resolvConf?: FindingEvidence['resolvConf'];
  readonly ami?: FindingEvidence['ami'];
  readonly containerd?: FindingEvidence['containerd'];
  /** Present when a user acknowledged the finding. */
  readonly suppression?: { readonly scope: string; readonly reason: string };
}

export interface JsonReport {
  readonly schemaVersion: number;
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt?: string;
  readonly summary: {
    readonly errors: number;
    readonly warnings: number;
    readonly info: number;
    readonly suppressed: number;
    readonly nodes?: number;
  };
  /** Every node judged (when known), including those the resolv-conf rules do not apply to. */
  readonly nodes?: readonly JsonReportNode[];
  /** Active findings first, then suppressed ones, each in the order given. */
  readonly findings: readonly JsonReportEntry[];
}

let cachedVersion: string | undefined;

/** The version of the installed cdk-eks-node-guard package (found by walking up from this file). */
export function guardVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk-eks-node-guard' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // Not here: keep walking up.
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}

function entryOf(finding: Finding, suppression?: SuppressedFinding['suppressedBy']): JsonReportEntry {
  const { evidence, source } = finding;
  // JSON.stringify drops undefined fields, so absent evidence leaves no empty keys.
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    title: finding.title,
    message: finding.detail,
    fix: finding.fix,
    constructPath: source.constructPath,
    stack: source.stack,
    logicalId: source.logicalId,
    templateFile: source.templateFile,
    resourceType: source.resourceType,
    resolvConf: evidence.resolvConf,
    ami: evidence.ami,
    containerd: evidence.containerd,
    suppression: suppression ? { scope: suppression.scope, reason: suppression.reason } : undefined,
  };
}

function nodeOf(facts: NodeFacts): JsonReportNode {
  const { node, containerd, userData } = facts;
  const notes: string[] = [];
  // Said only when the rules indeed skip the node (a containerd override can make them apply).
  const os = resolvConfRulesApply(facts) ? undefined : containerd.family === 'unknown' ? userData?.os : containerd.family;
  if (os === 'bottlerocket') notes.push('Bottlerocket node: configured by TOML settings, no kubelet resolv-conf in user data; the resolv-conf rules do not apply.');
  if (os === 'windows') notes.push('Windows node: the kubelet runs with --resolv-conf="" on purpose; the resolv-conf rules do not apply.');
  if (node.launchTemplate === 'external') notes.push(`Boots from ${node.launchTemplateRef ?? 'a launch template'} outside the app: its user data was not checked.`);
  if (node.launchTemplate === 'unreadable') notes.push(`Boots from ${node.launchTemplateRef ?? 'a launch template'}: its user data was not checked.`);
  const { logicalId, constructPath, stack, templateFile } = node.source;
  return {
    kind: node.kind,
    constructPath,
    stack,
    logicalId,
    templateFile,
    ami: { name: containerd.amiName, family: containerd.family },
    containerd: containerdEvidence(containerd),
    notes,
  };
}

function countOf(findings: readonly Finding[], severity: Severity): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** Builds the report object; serialise it with `JSON.stringify(report, undefined, 2)`. */
export function buildJsonReport(findings: readonly Finding[], suppressed: readonly SuppressedFinding[], meta: JsonReportMeta = {}): JsonReport {
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: GUARD_NAMESPACE, version: meta.toolVersion ?? guardVersion() },
    generatedAt: meta.generatedAt,
    summary: {
      errors: countOf(findings, 'error'),
      warnings: countOf(findings, 'warning'),
      info: countOf(findings, 'info'),
      suppressed: suppressed.length,
      nodes: meta.nodes?.length,
    },
    findings: [...findings.map((f) => entryOf(f)), ...suppressed.map((f) => entryOf(f, f.suppressedBy))],
    nodes: meta.nodes?.map(nodeOf),
  };
}

/** The report as file text (two-space JSON, trailing newline). */
export function renderJsonReport(report: JsonReport): string {
  return `${JSON.stringify(report, undefined, 2)}\n`;
}
