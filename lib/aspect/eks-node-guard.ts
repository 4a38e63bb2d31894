import { Annotations, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Construct, IConstruct } from 'constructs';
import { evaluateNodes } from '../evaluate';
import { mergeLookupRequests } from '../lookup/request';
import { LOOKUP_REQUEST_FILE, LookupItem, LookupRequest } from '../lookup/types';
import type { Finding, NodeFacts, SuppressedFinding } from '../model';
import { amiFactsForContext } from '../nodes/context-facts';
import { nodeDefinitionsFrom } from '../nodes/definitions';
import { containerdOverrideProblem, type GuardOptions } from '../options';
import { buildJsonReport, JSON_REPORT_FILE, renderJsonReport } from '../report/json';
import { findingMessage } from '../report/message';
import { ALL_RULES, rulesFor } from '../rules';
import { userDataUnanalyzable } from '../rules/user-data-unanalyzable';
import { acknowledgementId } from '../nodes/acknowledgement-ids';
import { acknowledgementOf, acknowledgeRule } from './acknowledgements';
import { constructResources } from './construct-resources';

/** Options of {@link EksNodeGuard}. */
export interface EksNodeGuardProps extends GuardOptions {
  /**
   * Write `eks-node-guard.report.json` (every finding, suppressed ones included) and
   * `eks-node-guard.lookups.json` (what only AWS can answer) into the cloud assembly.
   * @default true
   */
  readonly writeReports?: boolean;
}

/** What the guard concluded for one scope. */
export interface EksNodeGuardResult {
  /** Findings that are not acknowledged, errors first. */
  readonly findings: readonly Finding[];
  /** The unacknowledged findings of severity `error`: what fails `cdk synth`. */
  readonly errors: readonly Finding[];
  /** The unacknowledged findings of severity `warning`. */
  readonly warnings: readonly Finding[];
  /** Acknowledged findings, with the acknowledging scope and reason. */
  readonly suppressed: readonly SuppressedFinding[];
  /** The nodes the guard judged, with what it learned about each. */
  readonly nodes: readonly NodeFacts[];
}

/**
 * A read-only CDK Aspect that fails synth when EKS worker-node user data breaks nodes on their
 * AMI's containerd (an empty kubelet resolv-conf on containerd >= 1.6.34 on the 1.6 line, >= 1.7.20
 * on the 1.7 line and every 2.x, and related checks).
 *
 * @example
 * Aspects.of(app).add(new EksNodeGuard());
 */
export class EksNodeGuard implements IAspect {
  /**
   * Acknowledges a rule for a scope and everything below it; the reason is mandatory and shows in
   * the report. Equivalent to `Validations.of(scope).acknowledge({ id: 'eks-node-guard:<rule>', reason })`,
   * and also works with aws-cdk-lib versions that lack `Validations`. `ruleId` may carry the
   * `eks-node-guard:` prefix.
   *
   * @throws when `ruleId` names no rule of the guard, or `reason` is blank.
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    acknowledgeRule(scope, ruleId, reason);
  }

  private readonly props: EksNodeGuardProps;
  private readonly roots: IConstruct[] = [];
  private readonly checked = new Set<IConstruct>();

  /** @throws when `rules` or `skipRules` name a rule that does not exist, or a `containerd` override is not a version or pattern. */
  public constructor(props: EksNodeGuardProps = {}) {
    rulesFor(props);
    for (const [key, version] of Object.entries(props.containerd ?? {})) {
      const problem = containerdOverrideProblem(key, version);
      if (problem) throw new Error(`eks-node-guard: ${problem}`);
    }
    this.props = props;
  }

  public visit(node: IConstruct): void {
    const root = this.rootFor(node);
    // Checking when CDK reaches the last construct of the scope means every other aspect has
    // visited (and possibly changed) everything before it: the guard judges the final tree,
    // whatever priority it was added with.
    if (this.checked.has(root) || !isLeaf(node) || node !== lastVisited(root)) return;
    this.checked.add(root);
    try {
      const result = runGuard(root, this.props, { live: true });
      annotate(root, result);
      if (this.props.writeReports !== false) reportLater(root, result, this.props);
    } catch (err) {
      // A bug in the guard must not break the user's synth, nor pass silently.
      reportFailure(root, `the guard failed and checked nothing below ${root.node.path || 'the app'}`, err, this.props.strict);
    }
  }

  /** The first-visited construct `node` is below (itself included); runs on every visit, so it walks up without allocating. */
  private rootFor(node: IConstruct): IConstruct {
    for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
      if (this.roots.includes(scope)) return scope;
    }
    this.roots.push(node);
    return node;
  }
}

/**
 * Runs the guard on a scope and returns its findings without annotating or writing anything:
 * for unit tests of your own stacks.
 *
 * @example
 * expect(checkEksNodes(stack).errors).toEqual([]);
 */
export function checkEksNodes(scope: IConstruct, options: GuardOptions = {}): EksNodeGuardResult {
  // Only the declared fields: the run also carries the construct map and lookups, which callers
  // must not come to depend on.
  const { findings, errors, warnings, suppressed, nodes } = runGuard(scope, options, { live: false });
  return { findings, errors, warnings, suppressed, nodes };
}

interface RunResult extends EksNodeGuardResult {
  readonly lookups: LookupRequest;
  readonly constructs: ReadonlyMap<string, IConstruct>;
}

function runGuard(root: IConstruct, options: GuardOptions, mode: { live: boolean }): RunResult {
  // Only the nodes below `root` are judged; links are followed across the whole Stage (a launch
  // template may live in another stack).
  const gathered = constructResources(root);
  const constructs = new Map<string, IConstruct>();
  for (const construct of gathered.constructOf.values()) constructs.set(construct.node.path, construct);
  // A finding on a resource that could not be read belongs on it too: CDK writes no annotation of
  // the App itself into the cloud assembly.
  for (const { construct } of gathered.failures) constructs.set(construct.node.path, construct);
  const nodes = nodeDefinitionsFrom(gathered.records, gathered.links, gathered.usedElsewhere);

  const factsFor = amiFactsForContext(root.node.getAllContext() as Record<string, unknown>);
  const evaluation = evaluateNodes(nodes, options, factsFor);
  const lookups = lookupsFor(evaluation.facts, constructs, mode.live);

  const unreadable: Finding[] = gathered.failures.filter(({ construct }) => construct.node.scopes.includes(root)).map(({ construct, reason }) => ({
    ruleId: userDataUnanalyzable.id,
    severity: options.strict ? 'error' : 'warning',
    title: 'resource could not be read',
    detail: `The guard could not read ${construct.node.path}: ${reason}.`,
    fix: 'Report this to cdk-eks-node-guard with the construct definition, or acknowledge the finding with a reason.',
    source: { constructPath: construct.node.path },
    evidence: {},
  }));

  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const finding of [...unreadable, ...evaluation.findings].map((f) => awaitingLookup(f, lookups.pendingPaths))) {
    const construct = constructs.get(finding.source.constructPath ?? '') ?? root;
    const acknowledged = acknowledgementOf(construct, finding.ruleId);
    if (acknowledged) suppressed.push({ ...finding, suppressedBy: acknowledged });
    else findings.push(finding);
  }
  findings.sort(bySeverity);
  return {
    findings,
    errors: findings.filter((f) => f.severity === 'error'),
    warnings: findings.filter((f) => f.severity === 'warning'),
    suppressed,
    nodes: evaluation.facts,
    lookups: lookups.request,
    constructs,
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Errors first, then warnings, then infos (a stable sort keeps the order within each). */
function bySeverity(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity];
}

/**
 * What only AWS can answer. In a stack with a concrete account and region, SSM parameters go
 * through CDK's own context provider (the CDK CLI looks them up, caches them in cdk.context.json
 * and synthesizes again); the rest is listed for `eks-node-guard lookup`.
 */
function lookupsFor(
  facts: readonly NodeFacts[],
  constructs: ReadonlyMap<string, IConstruct>,
  live: boolean,
): { request: LookupRequest; pendingPaths: ReadonlySet<string> } {
  const images: LookupItem[] = [];
  const ssmParameters: LookupItem[] = [];
  const pendingPaths = new Set<string>();
  for (const { node, containerd } of facts) {
    const path = node.source.constructPath ?? '';
    const construct = constructs.get(path);
    const stack = construct ? Stack.of(construct) : undefined;
    for (const name of containerd.wantsSsmParameters ?? []) {
      if (live && construct && stack && !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region)) {
        // The value is in context already when it resolves; here it is missing, so this records
        // the lookup and returns CDK's dummy value, which the guard must not judge by.
        ssm.StringParameter.valueFromLookup(construct as Construct, name);
        pendingPaths.add(path);
      } else {
        ssmParameters.push({ id: name, region: node.ami.region, paths: [path] });
      }
    }
    for (const id of containerd.wantsImages ?? []) images.push({ id, region: node.ami.region, paths: [path] });
    // CDK recorded the lookup itself (its `missing` context) and returned a placeholder AMI id.
    if (live && containerd.awaitsCdkLookup) pendingPaths.add(path);
  }
  return { request: mergeLookupRequests([{ version: 1, images, ssmParameters }]), pendingPaths };
}

/** CDK synthesizes again once a lookup is answered; until then, an error would judge a guess. */
function awaitingLookup(finding: Finding, pendingPaths: ReadonlySet<string>): Finding {
  const waits = ALL_RULES.some((r) => r.id === finding.ruleId && r.dependsOnContainerd);
  if (!waits || finding.severity !== 'error' || !pendingPaths.has(finding.source.constructPath ?? '')) return finding;
  return {
    ...finding,
    severity: 'warning',
    detail: `${finding.detail} (Waiting for a CDK context lookup of the node AMI: the CDK CLI looks it up and synthesizes again, and this becomes an error if it still applies.)`,
  };
}

function annotate(root: IConstruct, result: RunResult): void {
  for (const finding of result.findings) {
    const construct = result.constructs.get(finding.source.constructPath ?? '') ?? root;
    const message = findingMessage(finding);
    if (finding.severity === 'error') Annotations.of(construct).addError(message);
    else if (finding.severity === 'warning') Annotations.of(construct).addWarningV2(acknowledgementId(finding.ruleId), message);
    else Annotations.of(construct).addInfo(message);
  }
}

/** What the reports keep of a check. */
type ReportedResult = Pick<RunResult, 'findings' | 'suppressed' | 'nodes' | 'lookups'>;

/** The checks below one Stage, and whether a guard that writes them is strict. */
interface StageReports {
  readonly results: ReportedResult[];
  strict: boolean;
}

const reportsByStage = new WeakMap<Stage, StageReports>();

/**
 * Keeps a check's results for the Stage's reports. A guard may be added to each of several stacks;
 * the reports hold every check, so they are written once, after all aspects ran: in CDK's
 * validation phase, which comes before the cloud assembly is written (`synth({ skipValidation: true })`
 * skips it, and the reports with it).
 */
function reportLater(root: IConstruct, result: RunResult, props: EksNodeGuardProps): void {
  const stage = Stage.isStage(root) ? root : Stage.of(root);
  if (!stage) return;
  let reports = reportsByStage.get(stage);
  if (!reports) {
    const created: StageReports = { results: [], strict: false };
    reports = created;
    reportsByStage.set(stage, created);
    stage.node.addValidation({
      validate: () => {
        try {
          writeReports(stage.outdir, created.results);
        } catch (err) {
          reportFailure(stage, 'the guard could not write its reports', err, created.strict);
        }
        return [];
      },
    });
  }
  reports.strict ||= props.strict === true;
  const { findings, suppressed, nodes, lookups } = result;
  reports.results.push({ findings, suppressed, nodes, lookups });
}

function writeReports(outdir: string, results: readonly ReportedResult[]): void {
  // Guards whose scopes overlap judge some nodes twice: each node and finding is listed once.
  const findingKey = (f: Finding) => [f.ruleId, f.severity, f.source.constructPath, f.detail].join('\0');
  const report = buildJsonReport(
    distinct(results.flatMap((r) => r.findings), findingKey).sort(bySeverity),
    distinct(results.flatMap((r) => r.suppressed), findingKey),
    // An auto scaling group is one node per launch template it boots from.
    { nodes: distinct(results.flatMap((r) => r.nodes), (n) => [n.node.source.constructPath, n.node.userDataSource?.constructPath, n.node.launchTemplateRef].join('\0')) },
  );
  mkdirSync(outdir, { recursive: true });
  writeFileSync(join(outdir, JSON_REPORT_FILE), renderJsonReport(report));
  writeFileSync(join(outdir, LOOKUP_REQUEST_FILE), JSON.stringify(mergeLookupRequests(results.map((r) => r.lookups)), null, 2) + '\n');
}

/** The first item of each key, in order. */
function distinct<T>(items: readonly T[], keyOf: (item: T) => string | undefined): T[] {
  const seen = new Set<string | undefined>();
  return items.filter((item) => {
    const key = keyOf(item);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** A failure of the guard itself: a warning (an error when `strict`) on every stack below `root`, since the CDK CLI does not show annotations outside stacks. */
function reportFailure(root: IConstruct, what: string, err: unknown, strict: boolean | undefined): void {
  const message = `[eks-node-guard] ${what}: ${err instanceof Error ? err.message : String(err)}`;
  const stacks = root.node.findAll().filter((c) => Stack.isStack(c));
  for (const target of stacks.length > 0 ? stacks : [root]) {
    if (strict) Annotations.of(target).addError(message);
    else Annotations.of(target).addWarningV2(acknowledgementId('internal-error'), message);
  }
}

/** True when the traversal goes no deeper below `node` (the last visited construct always is one). */
function isLeaf(node: IConstruct): boolean {
  return node.node.children.every((child) => Stage.isStage(child));
}

/** The construct CDK's aspect traversal visits last below `root` (depth first, Stages skipped). */
function lastVisited(root: IConstruct): IConstruct {
  let node = root;
  for (;;) {
    // Runs on every visit: look from the end instead of filtering all children.
    const children = node.node.children;
    let i = children.length - 1;
    while (i >= 0 && Stage.isStage(children[i])) i--;
    if (i < 0) return node;
    node = children[i];
  }
}
