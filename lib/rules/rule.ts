import type { Finding, NodeFacts } from '../model';
import type { GuardOptions } from '../options';

/**
 * Where the user gets what only AWS can answer (an AMI id's name, an SSM parameter's value): it
 * depends on the front door, and findings must point where a request really is.
 * - `assembly`: synth wrote `eks-node-guard.lookups.json` into the cloud assembly (the Aspect, the
 *   validation plugin), which `eks-node-guard lookup` reads.
 * - `file`: `eks-node-guard scan --lookups <file>` wrote the request to `file`.
 * - `none`: nothing wrote one (`checkEksNodes`, the cdk-nag pack, `scan` without `--lookups`).
 */
export type LookupRoute = { readonly kind: 'assembly' } | { readonly kind: 'file'; readonly file: string } | { readonly kind: 'none' };

/** What a rule's check reads besides the facts: the user's options and the front door's lookup route. */
export interface RuleOptions extends GuardOptions {
  /** @default - `{ kind: 'none' }` */
  readonly lookupRoute?: LookupRoute;
}

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
  /**
   * Judges one node: a result per problem found, none when the node is fine or the rule does not
   * apply to it. `options` carries the user's severity choices (`strict`, `unknownContainerd`) and
   * where lookups go.
   */
  check(facts: NodeFacts, options: RuleOptions): RuleResult[];
}
