/**
 * The analysis pipeline behind both front doors: node definitions in, facts and findings out.
 */
import { resolveContainerd } from './ami/resolve';
import type { AmiFacts, AmiReference } from './ami/types';
import type { Finding, NodeDefinition, NodeFacts } from './model';
import type { GuardOptions } from './options';
import { rulesFor } from './rules';
import type { RuleOptions } from './rules/rule';
import { analyzeUserData } from './userdata/analyze';
import type { IntrinsicValue, UserDataAnalysis } from './userdata/types';

export interface Evaluation {
  /** One entry per node definition that boots EKS nodes, in input order. */
  readonly facts: readonly NodeFacts[];
  readonly findings: readonly Finding[];
}

/**
 * Analyses every node and runs the selected rules. User data and AMI references are analysed once
 * per distinct value: a fleet of node groups usually shares a handful of both. `amiFacts` may
 * depend on the AMI reference (its region, for facts from region-specific lookups).
 */
export function evaluateNodes(
  nodes: readonly NodeDefinition[],
  options: RuleOptions = {},
  amiFacts: AmiFacts | ((ami: AmiReference) => AmiFacts) = {},
): Evaluation {
  const factsFor = typeof amiFacts === 'function' ? amiFacts : () => amiFacts;
  const analyse = memoised((userData: IntrinsicValue) => analyzeUserData(userData));
  const resolve = memoised((ami: AmiReference) => resolveContainerd(ami, withOverrides(factsFor(ami), options)));
  const rules = rulesFor(options);

  const nodeFacts: NodeFacts[] = [];
  const findings: Finding[] = [];
  for (const node of nodes) {
    const userData = node.userData !== undefined ? analyse(node.userData) : undefined;
    const entry: NodeFacts = { node, userData, containerd: resolve(node.ami) };
    if (!bootsEksNode(entry)) continue;
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
function bootsEksNode(facts: NodeFacts): boolean {
  if (facts.node.kind === 'managed-nodegroup') return true;
  if (facts.containerd.family !== 'unknown' || facts.containerd.amiName?.startsWith('amazon-eks')) return true;
  if (facts.node.ami.ssmParameter?.includes('/eks/') || facts.node.ami.ssmParameter?.includes('/bottlerocket/aws-k8s')) return true;
  return facts.userData !== undefined && mentionsEksBootstrap(facts.userData);
}

function mentionsEksBootstrap(analysis: UserDataAnalysis): boolean {
  return (
    analysis.usesBootstrapSh ||
    analysis.usesNodeadm ||
    analysis.kubeletFlags.length > 0 ||
    analysis.resolvConfSettings.length > 0 ||
    analysis.os === 'bottlerocket'
  );
}

function withOverrides(amiFacts: AmiFacts, options: GuardOptions): AmiFacts {
  if (!options.containerd) return amiFacts;
  return { ...amiFacts, overrides: { ...amiFacts.overrides, ...options.containerd } };
}

/** Caches a pure function of a JSON value by its serialisation (a string is its own key). */
function memoised<I, O>(fn: (input: I) => O): (input: I) => O {
  const cache = new Map<string, O>();
  return (input) => {
    const key = typeof input === 'string' ? input : JSON.stringify(input);
    let out = cache.get(key);
    if (out === undefined) {
      out = fn(input);
      cache.set(key, out);
    }
    return out;
  };
}
