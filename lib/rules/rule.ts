import type { Finding, NodeFacts } from '../model';
import type { GuardOptions } from '../options';

/** What a rule returns for one node; the pipeline adds the rule id and the node's source. */
export type RuleResult = Omit<Finding, 'ruleId' | 'source'>;

/** One check. Pure: reads facts, never the construct tree or the network. */
export interface Rule {
  /** Kebab-case id, used in messages (`[eks-node-guard:<id>]`), suppressions and reports. */
  readonly id: string;
  /** One line: what the rule catches. */
  readonly summary: string;
  /** Why it matters and how to fix it (Markdown), for the README, SARIF help and `--help`. */
  readonly help: string;
  /** Default severity of its findings (a finding may be lower or higher). */
  readonly defaultSeverity: 'error' | 'warning';
  /**
   * Whether the severity depends on the node's containerd version: such findings wait (as warnings)
   * while a CDK context lookup of the AMI is pending, instead of judging a guess.
   */
  readonly dependsOnContainerd?: boolean;
  check(facts: NodeFacts, options: GuardOptions): RuleResult[];
}
