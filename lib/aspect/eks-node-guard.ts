import { Annotations, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import type { Construct, IConstruct } from 'constructs';
import { evaluateNodes } from '../evaluate';
import { mergeLookupRequests, renderLookupRequest } from '../lookup/request';
import { LOOKUP_REQUEST_FILE, LookupRequest } from '../lookup/types';
import { lookupRequestFor } from '../lookup/wanted';
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
import { constructsBelow, stageOf } from './tree';
import { unguardedStages } from './unguarded-stages';

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
  private readonly scopes: IConstruct[] = [];

  /** @throws when `rules` or `skipRules` name a rule that does not exist, or a `containerd` override is not a version or pattern. */
  public constructor(props: EksNodeGuardProps = {}) {
    rulesFor(props);
    for (const [key, version] of Object.entries(props.containerd ?? {})) {
      const problem = containerdOverrideProblem(key, version);
      if (problem) throw new Error(`eks-node-guard: ${problem}`);
    }
    this.props = props;
  }

  /**
   * Schedules the check of the scope the guard was added to. It runs in CDK's validation phase,
   * after every aspect (whatever its priority) and CDK's own preparation changed the tree: the
   * guard judges the tree that is synthesized. `synth({ skipValidation: true })` skips it.
   */
  public visit(node: IConstruct): void {
    // The first construct visited below none already seen is a scope the guard was added to.
    if (this.isBelowScope(node)) return;
    this.scopes.push(node);
    checkInValidation(node, this.props, (reportsWritten) => this.check(node, reportsWritten));
  }

  /**
   * Checks `root` and annotates what it found; the result, when the reports should hold it.
   * @param reportsWritten the reports (the lookup request among them) are written for its Stage.
   */
  private check(root: IConstruct, reportsWritten: boolean): ReportedResult | undefined {
    try {
      const writesRequest = reportsWritten && this.props.writeReports !== false;
      const result = runGuard(root, this.props, { live: true, writesRequest });
      annotate(root, result);
      reportUnguardedStages(root, this.props.strict);
      return this.props.writeReports === false ? undefined : result;
    } catch (err) {
      // A bug in the guard must not break the user's synth, nor pass silently.
      reportFailure(root, `the guard failed and checked nothing below ${root.node.path || 'the app'}`, err, this.props.strict);
      return undefined;
    }
  }

  /** True when `node` is one of the scopes seen, or below one; runs on every visit, so it walks up without allocating. */
  private isBelowScope(node: IConstruct): boolean {
    for (let scope: IConstruct | undefined = node; scope; scope = scope.node.scope) {
      if (this.scopes.includes(scope)) return true;
    }
    return false;
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
  const { findings, errors, warnings, suppressed, nodes } = runGuard(scope, options, { live: false, writesRequest: false });
  return { findings, errors, warnings, suppressed, nodes };
}

interface RunResult extends EksNodeGuardResult {
  readonly lookups: LookupRequest;
  readonly constructs: ReadonlyMap<string, IConstruct>;
}

/**
 * How a check runs: `live` in a synth (it may ask CDK for context lookups), and whether the
 * lookup request it makes is written into the cloud assembly (findings then point there).
 */
interface RunMode {
  readonly live: boolean;
  readonly writesRequest: boolean;
}

function runGuard(root: IConstruct, options: GuardOptions, mode: RunMode): RunResult {
  // Only the nodes below `root` are judged; links are followed across the whole Stage (a launch
  // template may live in another stack).
  const gathered = constructResources(root);
  const constructs = new Map<string, IConstruct>();
  for (const construct of gathered.constructOf.values()) constructs.set(construct.node.path, construct);
  // A finding on a resource that could not be read belongs on it too: CDK writes no annotation of
  // the App itself into the cloud assembly.
  for (const construct of gathered.failures.keys()) constructs.set(construct.node.path, construct);
  const nodes = nodeDefinitionsFrom(gathered.records, gathered.links, gathered.usedElsewhere);

  const factsFor = amiFactsForContext(root.node.getAllContext() as Record<string, unknown>);
  const evaluation = evaluateNodes(nodes, { ...options, lookupRoute: { kind: mode.writesRequest ? 'assembly' : 'none' } }, factsFor);
  const lookups = lookupsFor(evaluation.facts, constructs, mode.live);

  const unreadable: Finding[] = [...gathered.failures].filter(([construct]) => construct.node.scopes.includes(root)).map(([construct, reason]) => ({
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
  const askedByCdk = new Set<NodeFacts>();
  const pendingPaths = new Set<string>();
  for (const fact of facts) {
    const { node, containerd } = fact;
    const path = node.source.constructPath ?? '';
    const construct = constructs.get(path);
    const stack = construct ? Stack.of(construct) : undefined;
    if (live && construct && stack && !Token.isUnresolved(stack.account) && !Token.isUnresolved(stack.region) && containerd.wantsSsmParameters?.length) {
      // The value is in context already when it resolves; here it is missing, so this records
      // the lookup and returns CDK's dummy value, which the guard must not judge by.
      for (const name of containerd.wantsSsmParameters) ssm.StringParameter.valueFromLookup(construct as Construct, name);
      askedByCdk.add(fact);
      pendingPaths.add(path);
    }
    // CDK recorded the lookup itself (its `missing` context) and returned a placeholder AMI id.
    if (live && containerd.awaitsCdkLookup) pendingPaths.add(path);
  }
  return { request: lookupRequestFor(facts, { ssmAskedElsewhere: (fact) => askedByCdk.has(fact) }), pendingPaths };
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

/** The checks scheduled below one Stage. */
interface StageChecks {
  readonly checks: ((reportsWritten: boolean) => ReportedResult | undefined)[];
  /** A guard that writes reports is strict: failing to write them is an error. */
  strict: boolean;
  done: boolean;
}

const checksByStage = new WeakMap<Stage, StageChecks>();

/**
 * Runs `check` in the validation phase of the Stage `root` is synthesized in. One validation per
 * Stage runs every guard's check, then writes the reports once with all of them (a guard may be
 * added to each of several stacks), before CDK writes the cloud assembly. A later synth of the
 * same app does not check again: the annotations are in the tree already.
 */
function checkInValidation(root: IConstruct, props: EksNodeGuardProps, check: (reportsWritten: boolean) => ReportedResult | undefined): void {
  const stage = stageOf(root);
  if (!stage) {
    // Only a tree without an App or Stage (visited by hand) has no validation phase to wait for.
    check(false);
    return;
  }
  let scheduled = checksByStage.get(stage);
  if (!scheduled) {
    const created: StageChecks = { checks: [], strict: false, done: false };
    scheduled = created;
    checksByStage.set(stage, created);
    stage.node.addValidation({
      validate: () => {
        if (created.done) return [];
        created.done = true;
        const results = created.checks.flatMap((run) => run(true) ?? []);
        try {
          if (results.length > 0) writeReports(stage.outdir, results);
        } catch (err) {
          reportFailure(stage, 'the guard could not write its reports', err, created.strict);
        }
        return [];
      },
    });
  }
  scheduled.strict ||= props.strict === true && props.writeReports !== false;
  scheduled.checks.push(check);
}

/** Warns on each Stage below `root` whose node resources no guard checks (CDK stops aspects at Stages). */
function reportUnguardedStages(root: IConstruct, strict: boolean | undefined): void {
  for (const { stage, nodeResources, reportOn } of unguardedStages(root, (aspect) => aspect instanceof EksNodeGuard)) {
    const message = `[eks-node-guard] Stage ${stage.node.path} defines EKS node resources (${nodeResources.slice(0, 3).join(', ')}${nodeResources.length > 3 ? ', ...' : ''}) that no guard checks: CDK does not apply aspects added outside a Stage to the constructs inside it. Add the guard to the Stage too: Aspects.of(stage).add(new EksNodeGuard()).`;
    const target = reportOn ?? constructsBelow(root).find(Stack.isStack);
    if (!target) warnOnce(stage, message);
    else if (strict) Annotations.of(target).addError(message);
    else Annotations.of(target).addWarningV2(acknowledgementId(userDataUnanalyzable.id), message);
  }
}

const warnedStages = new WeakSet<Stage>();

/** A process warning about `stage`, once (several guards may find it). */
function warnOnce(stage: Stage, message: string): void {
  if (warnedStages.has(stage)) return;
  warnedStages.add(stage);
  process.emitWarning(message, { code: 'EKS_NODE_GUARD_UNGUARDED_STAGE' });
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
  writeFileSync(join(outdir, LOOKUP_REQUEST_FILE), renderLookupRequest(mergeLookupRequests(results.map((r) => r.lookups))));
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

/** A failure of the guard itself: a warning (an error when `strict`) on every stack below `root` (not in nested Stages, synthesized already), since the CDK CLI does not show annotations outside stacks. */
function reportFailure(root: IConstruct, what: string, err: unknown, strict: boolean | undefined): void {
  const message = `[eks-node-guard] ${what}: ${err instanceof Error ? err.message : String(err)}`;
  const stacks = constructsBelow(root).filter(Stack.isStack);
  for (const target of stacks.length > 0 ? stacks : [root]) {
    if (strict) Annotations.of(target).addError(message);
    else Annotations.of(target).addWarningV2(acknowledgementId('internal-error'), message);
  }
}
