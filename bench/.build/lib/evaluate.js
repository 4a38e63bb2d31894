"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.evaluateNodes = evaluateNodes;
exports.bootsEksNode = bootsEksNode;
/**
 * The analysis pipeline behind both front doors: node definitions in, facts and findings out.
 */
const resolve_1 = require("./ami/resolve");
const rules_1 = require("./rules");
const analyze_1 = require("./userdata/analyze");
/**
 * Analyses every node and runs the selected rules. User data and AMI references are analysed once
 * per distinct value: a fleet of node groups usually shares a handful of both. `amiFacts` may
 * depend on the AMI reference (its region, for facts from region-specific lookups).
 */
function evaluateNodes(nodes, options = {}, amiFacts = {}) {
    const factsFor = typeof amiFacts === 'function' ? amiFacts : () => amiFacts;
    const analyse = memoised((userData) => (0, analyze_1.analyzeUserData)(userData));
    const resolve = memoised((ami) => (0, resolve_1.resolveContainerd)(ami, withOverrides(factsFor(ami), options)));
    const rules = (0, rules_1.rulesFor)(options);
    const nodeFacts = [];
    const findings = [];
    for (const node of nodes) {
        const userData = node.userData !== undefined ? analyse(node.userData) : undefined;
        const entry = { node, userData, containerd: resolve(node.ami) };
        if (!bootsEksNode(entry))
            continue;
        nodeFacts.push(entry);
        for (const rule of rules) {
            for (const result of rule.check(entry, options)) {
                findings.push({ ruleId: rule.id, source: node.source, ...result });
            }
        }
    }
    return { facts: nodeFacts, findings };
}
/**
 * Whether a definition boots EKS worker nodes. Managed node groups always do; an auto scaling
 * group, instance or launch template only when its user data or AMI says so, so that a bastion
 * host's launch template is not judged by kubelet rules.
 */
function bootsEksNode(facts) {
    if (facts.node.kind === 'managed-nodegroup')
        return true;
    if (facts.containerd.family !== 'unknown' || facts.containerd.amiName?.startsWith('amazon-eks'))
        return true;
    if (facts.node.ami.ssmParameter?.includes('/eks/') || facts.node.ami.ssmParameter?.includes('/bottlerocket/aws-k8s'))
        return true;
    return facts.userData !== undefined && mentionsEksBootstrap(facts.userData);
}
function mentionsEksBootstrap(analysis) {
    return (analysis.usesBootstrapSh ||
        analysis.usesNodeadm ||
        analysis.kubeletFlags.length > 0 ||
        analysis.resolvConfSettings.length > 0 ||
        analysis.os === 'bottlerocket');
}
function withOverrides(amiFacts, options) {
    if (!options.containerd)
        return amiFacts;
    return { ...amiFacts, overrides: { ...amiFacts.overrides, ...options.containerd } };
}
/** Caches a pure function of a JSON value by its serialisation. */
function memoised(fn) {
    const cache = new Map();
    return (input) => {
        const key = JSON.stringify(input);
        let out = cache.get(key);
        if (out === undefined) {
            out = fn(input);
            cache.set(key, out);
        }
        return out;
    };
}
//# sourceMappingURL=evaluate.js.map