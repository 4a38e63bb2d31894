/**
 * The JSON report: what the Aspect writes into the cloud assembly and `scan --format json` prints.
 * Deterministic for the same findings (no timestamp unless the caller injects one).
 */
import type { Finding, FindingEvidence, NodeFacts, Severity, SuppressedFinding } from '../model';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';
import { containerdEvidence, resolvConfRulesApply } from '../rules/describe';
import { guardVersion } from '../version';

/** Bumped when a field changes meaning or disappears; new optional fields do not bump it. */
export const JSON_REPORT_SCHEMA_VERSION = 1;

/** File name of the report in the cloud assembly directory. */
export const JSON_REPORT_FILE = 'eks-node-guard.report.json';

/** What the report needs besides the findings (the Aspect and `scan` fill it in); every field optional. */
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
  /** What boots the node: a {@link NodeKind} such as `managed-nodegroup` or `launch-template`. */
  readonly kind: string;
  /** CDK construct path of the resource; absent for plain templates (`scan`). */
  readonly constructPath?: string;
  /** Stack (artifact) name, when known. */
  readonly stack?: string;
  /** CloudFormation logical id of the resource. */
  readonly logicalId?: string;
  /** Template file the resource is in (`scan`). */
  readonly templateFile?: string;
  /** The AMI as identified, and its family. */
  readonly ami: { readonly name?: string; readonly family: string };
  /** The containerd verdict and how it was determined. */
  readonly containerd: NonNullable<FindingEvidence['containerd']>;
  /** Why some rules did not apply (Windows and Bottlerocket nodes, launch templates outside the app). */
  readonly notes: readonly string[];
}

/** One finding in the report, active or suppressed. */
export interface JsonReportEntry {
  /** Rule id without the namespace, e.g. `resolv-conf-empty`. */
  readonly ruleId: string;
  /** The finding's severity; a suppressed finding keeps its own (see {@link JsonReportEntry.suppression}). */
  readonly severity: Severity;
  /** One-line summary of the problem. */
  readonly title: string;
  /** The full explanation: the kubelet setting and how it was set, the AMI and its containerd, with sources. */
  readonly message: string;
  /** What to change. */
  readonly fix: string;
  /** CDK construct path of the resource the finding is about; absent for plain templates (`scan`). */
  readonly constructPath?: string;
  /** Stack (artifact) name, when known. */
  readonly stack?: string;
  /** CloudFormation logical id of the resource. */
  readonly logicalId?: string;
  /** Template file the resource is in (`scan`). */
  readonly templateFile?: string;
  /** CloudFormation resource type, e.g. `AWS::EKS::Nodegroup`. */
  readonly resourceType?: string;
  /** The kubelet resolv-conf setting the finding is about, when there is one. */
  readonly resolvConf?: FindingEvidence['resolvConf'];
  /** The node's AMI as identified, when the rule depends on it. */
  readonly ami?: FindingEvidence['ami'];
  /** The node's containerd and the verdict on it, when the rule depends on it. */
  readonly containerd?: FindingEvidence['containerd'];
  /** Present when a user acknowledged the finding. */
  readonly suppression?: { readonly scope: string; readonly reason: string };
}

/** The JSON report: `cdk.out/eks-node-guard.report.json` and the output of `scan --format json`. */
export interface JsonReport {
  /** Version of this format: bumped when a field changes meaning or disappears, not for new optional fields. */
  readonly schemaVersion: number;
  /** `eks-node-guard` and the version of the guard that wrote the report. */
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO timestamp, only when the caller asked for one (see {@link JsonReportMeta.generatedAt}). */
  readonly generatedAt?: string;
  /** Counts of active findings by severity, of suppressed findings, and of nodes judged (when known). */
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
