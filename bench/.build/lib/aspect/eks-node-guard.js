"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.EksNodeGuard = void 0;
exports.checkEksNodes = checkEksNodes;
const aws_cdk_lib_1 = require("aws-cdk-lib");
const ssm = __importStar(require("aws-cdk-lib/aws-ssm"));
const fs_1 = require("fs");
const path_1 = require("path");
const resolve_1 = require("../ami/resolve");
const evaluate_1 = require("../evaluate");
const types_1 = require("../lookup/types");
const context_facts_1 = require("../nodes/context-facts");
const definitions_1 = require("../nodes/definitions");
const json_1 = require("../report/json");
const message_1 = require("../report/message");
const rules_1 = require("../rules");
const user_data_unanalyzable_1 = require("../rules/user-data-unanalyzable");
const acknowledgements_1 = require("./acknowledgements");
const construct_resources_1 = require("./construct-resources");
/**
 * A read-only CDK Aspect that fails synth when EKS worker-node user data breaks nodes on their
 * AMI's containerd (an empty kubelet resolv-conf on containerd >= 1.7.20, and related checks).
 *
 * @example
 * Aspects.of(app).add(new EksNodeGuard());
 */
class EksNodeGuard {
    /**
     * Acknowledges a rule for a scope and everything below it; the reason is mandatory and shows in
     * the report. Equivalent to `Validations.of(scope).acknowledge({ id: 'eks-node-guard:<rule>', reason })`,
     * and also works with aws-cdk-lib versions that lack `Validations`.
     */
    static acknowledge(scope, ruleId, reason) {
        (0, acknowledgements_1.acknowledgeRule)(scope, ruleId, reason);
    }
    props;
    roots = [];
    checked = new Set();
    /** @throws when `rules` or `skipRules` name a rule that does not exist. */
    constructor(props = {}) {
        (0, rules_1.rulesFor)(props);
        this.props = props;
    }
    visit(node) {
        const root = this.rootFor(node);
        // Checking when CDK reaches the last construct of the scope means every other aspect has
        // visited (and possibly changed) everything before it: the guard judges the final tree,
        // whatever priority it was added with.
        if (this.checked.has(root) || node !== lastVisited(root))
            return;
        this.checked.add(root);
        try {
            report(root, runGuard(root, this.props, { live: true }), this.props);
        }
        catch (err) {
            // A bug in the guard must not break the user's synth, nor pass silently.
            const message = `[eks-node-guard] the guard failed and checked nothing below ${root.node.path || 'the app'}: ${err instanceof Error ? err.message : String(err)}`;
            // Annotations outside a stack are not shown by the CDK CLI: put it on every stack.
            const stacks = root.node.findAll().filter((c) => aws_cdk_lib_1.Stack.isStack(c));
            for (const target of stacks.length > 0 ? stacks : [root]) {
                if (this.props.strict)
                    aws_cdk_lib_1.Annotations.of(target).addError(message);
                else
                    aws_cdk_lib_1.Annotations.of(target).addWarningV2('eks-node-guard:internal-error', message);
            }
        }
    }
    rootFor(node) {
        const scopes = new Set(node.node.scopes);
        const known = this.roots.find((r) => scopes.has(r));
        if (known)
            return known;
        this.roots.push(node);
        return node;
    }
}
exports.EksNodeGuard = EksNodeGuard;
/**
 * Runs the guard on a scope and returns its findings without annotating or writing anything:
 * for unit tests of your own stacks.
 *
 * @example
 * expect(checkEksNodes(stack).errors).toEqual([]);
 */
function checkEksNodes(scope, options = {}) {
    return runGuard(scope, options, { live: false });
}
function runGuard(root, options, mode) {
    const gathered = (0, construct_resources_1.constructResources)(root);
    const nodes = (0, definitions_1.nodeDefinitionsFrom)(gathered.records, gathered.links);
    const constructs = new Map();
    for (const construct of gathered.constructOf.values())
        constructs.set(construct.node.path, construct);
    const context = root.node.getAllContext();
    const factsByRegion = new Map();
    const factsFor = (ami) => {
        if (!factsByRegion.has(ami.region))
            factsByRegion.set(ami.region, (0, context_facts_1.amiFactsFromContext)(context, ami.region));
        return factsByRegion.get(ami.region);
    };
    const lookups = lookupsFor(nodes, factsFor, constructs, mode.live);
    const evaluation = (0, evaluate_1.evaluateNodes)(nodes, options, factsFor);
    const unreadable = gathered.failures.map(({ construct, reason }) => ({
        ruleId: user_data_unanalyzable_1.userDataUnanalyzable.id,
        severity: options.strict ? 'error' : 'warning',
        title: 'resource could not be read',
        detail: `The guard could not read ${construct.node.path}: ${reason}.`,
        fix: 'Report this to cdk-eks-node-guard with the construct definition, or acknowledge the finding with a reason.',
        source: { constructPath: construct.node.path },
        evidence: {},
    }));
    const findings = [];
    const suppressed = [];
    for (const finding of [...unreadable, ...evaluation.findings].map((f) => awaitingLookup(f, lookups.pendingPaths))) {
        const construct = constructs.get(finding.source.constructPath ?? '') ?? root;
        const acknowledged = (0, acknowledgements_1.acknowledgementOf)(construct, finding.ruleId);
        if (acknowledged)
            suppressed.push({ ...finding, suppressedBy: acknowledged });
        else
            findings.push(finding);
    }
    findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
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
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 };
/**
 * What only AWS can answer. In a stack with a concrete account and region, SSM parameters go
 * through CDK's own context provider (the CDK CLI looks them up, caches them in cdk.context.json
 * and synthesizes again); the rest is listed for `eks-node-guard lookup`.
 */
function lookupsFor(nodes, factsFor, constructs, live) {
    const images = new Map();
    const parameters = new Map();
    const pendingPaths = new Set();
    const want = (into, id, region, path) => {
        const key = `${region ?? '*'}|${id}`;
        const item = into.get(key);
        into.set(key, { id, region, paths: [...(item?.paths ?? []), path] });
    };
    for (const node of nodes) {
        const resolution = (0, resolve_1.resolveContainerd)(node.ami, factsFor(node.ami));
        const path = node.source.constructPath ?? '';
        const construct = constructs.get(path);
        const stack = construct ? aws_cdk_lib_1.Stack.of(construct) : undefined;
        for (const name of resolution.wantsSsmParameters ?? []) {
            if (live && construct && stack && !aws_cdk_lib_1.Token.isUnresolved(stack.account) && !aws_cdk_lib_1.Token.isUnresolved(stack.region)) {
                // The value is in context already when it resolves; here it is missing, so this records
                // the lookup and returns CDK's dummy value, which the guard must not judge by.
                ssm.StringParameter.valueFromLookup(construct, name);
                pendingPaths.add(path);
            }
            else {
                want(parameters, name, node.ami.region, path);
            }
        }
        for (const id of resolution.wantsImages ?? [])
            want(images, id, node.ami.region, path);
    }
    return { request: { version: 1, images: [...images.values()], ssmParameters: [...parameters.values()] }, pendingPaths };
}
/** CDK synthesizes again once a lookup is answered; until then, an error would judge a guess. */
function awaitingLookup(finding, pendingPaths) {
    if (finding.severity !== 'error' || !pendingPaths.has(finding.source.constructPath ?? ''))
        return finding;
    return {
        ...finding,
        severity: 'warning',
        detail: `${finding.detail} (Waiting for a CDK context lookup of the node AMI: the CDK CLI looks it up and synthesizes again, and this becomes an error if it still applies.)`,
    };
}
function report(root, result, props) {
    for (const finding of result.findings) {
        const construct = result.constructs.get(finding.source.constructPath ?? '') ?? root;
        const message = (0, message_1.findingMessage)(finding);
        if (finding.severity === 'error')
            aws_cdk_lib_1.Annotations.of(construct).addError(message);
        else if (finding.severity === 'warning')
            aws_cdk_lib_1.Annotations.of(construct).addWarningV2(`eks-node-guard:${finding.ruleId}`, message);
        else
            aws_cdk_lib_1.Annotations.of(construct).addInfo(message);
    }
    if (props.writeReports === false)
        return;
    const outdir = assemblyDirectory(root);
    if (!outdir)
        return;
    (0, fs_1.mkdirSync)(outdir, { recursive: true });
    (0, fs_1.writeFileSync)((0, path_1.join)(outdir, json_1.JSON_REPORT_FILE), (0, json_1.renderJsonReport)((0, json_1.buildJsonReport)(result.findings, result.suppressed, { nodes: result.nodes.length })));
    (0, fs_1.writeFileSync)((0, path_1.join)(outdir, types_1.LOOKUP_REQUEST_FILE), JSON.stringify(result.lookups, null, 2) + '\n');
}
/** The cloud assembly directory the scope synthesizes into. */
function assemblyDirectory(root) {
    const stage = aws_cdk_lib_1.Stage.isStage(root) ? root : aws_cdk_lib_1.Stage.of(root);
    return stage?.outdir;
}
/** The construct CDK's aspect traversal visits last below `root` (depth first, Stages skipped). */
function lastVisited(root) {
    let node = root;
    for (;;) {
        const children = node.node.children.filter((c) => !aws_cdk_lib_1.Stage.isStage(c));
        if (children.length === 0)
            return node;
        node = children[children.length - 1];
    }
}
//# sourceMappingURL=eks-node-guard.js.map