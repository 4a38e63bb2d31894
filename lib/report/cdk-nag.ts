/**
 * The guard as a cdk-nag 3 rule pack: `Validations.of(app).addPlugins(new EksNodeGuardNagPack())`.
 * Kept out of the package index so that cdk-nag stays optional: import it from this module.
 */
import { CfnResource, Stage } from 'aws-cdk-lib';
import type { PolicyValidationPluginReport } from 'aws-cdk-lib';
import { NagMessageLevel, NagPack, NagRuleCompliance, type NagPackProps } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { checkEksNodes } from '../aspect/eks-node-guard';
import type { Finding, Severity } from '../model';
import type { GuardOptions } from '../options';

/**
 * Options of {@link EksNodeGuardNagPack}: cdk-nag's own (`verbose` adds the explanation and fix to
 * each message) and the guard's {@link GuardOptions}.
 */
export interface EksNodeGuardNagPackProps extends NagPackProps, GuardOptions {}

const LEVELS: Record<Severity, NagMessageLevel> = {
  error: NagMessageLevel.ERROR,
  warning: NagMessageLevel.WARN,
  info: NagMessageLevel.INFO,
};

/** The scope and every Stage below it: the guard's check stops at Stage boundaries, cdk-nag walks through them. */
function scopesWithStages(scope: IConstruct): IConstruct[] {
  return [scope, ...scope.node.findAll().filter((c) => c !== scope && Stage.isStage(c))];
}

/** Findings by construct path of the resource they are about. */
function findingsByPath(scope: IConstruct, options: GuardOptions): Map<string, Finding[]> {
  const byPath = new Map<string, Finding[]>();
  for (const finding of scopesWithStages(scope).flatMap((s) => checkEksNodes(s, options).findings)) {
    const path = finding.source.constructPath;
    if (path !== undefined) byPath.set(path, [...(byPath.get(path) ?? []), finding]);
  }
  return byPath;
}

/**
 * cdk-nag pack with the guard's rules, named `EksNodeGuard-<rule-id>`. Acknowledge with
 * `Validations.of(scope).acknowledge({ id: 'EksNodeGuard-resolv-conf-empty', reason })`.
 * As with every cdk-nag pack, warnings fail synth too.
 */
export class EksNodeGuardNagPack extends NagPack {
  /** The pack's name, the prefix of its rule ids. */
  public readonly name = 'EksNodeGuard';
  private findings = new Map<string, Finding[]>();
  private readonly options: GuardOptions;

  /**
   * @param scope where cdk-nag writes acknowledgements into CloudFormation metadata when
   *   `props.writeSuppressionsToCloudFormation` is set; not needed otherwise.
   */
  constructor(scope?: IConstruct, props: EksNodeGuardNagPackProps = {}) {
    super(scope, props);
    this.packName = 'EksNodeGuard';
    const { verbose: _verbose, writeSuppressionsToCloudFormation: _write, ...options } = props;
    this.options = options;
  }

  /** The guard judges nodes as a whole (node group + launch template + AMI), so it runs once per validation. */
  public override validateScope(scope: IConstruct): PolicyValidationPluginReport {
    this.findings = findingsByPath(scope, this.options);
    return super.validateScope(scope);
  }

  protected checkResource(node: CfnResource): void {
    for (const finding of this.findings.get(node.node.path) ?? []) {
      this.applyRule({
        ruleSuffixOverride: finding.ruleId,
        // Titles carry no period (findingMessage adds one); cdk-nag's verbose message is `${info} ${explanation}`.
        info: `${finding.title}.`,
        explanation: `${finding.detail} Fix: ${finding.fix}`,
        level: LEVELS[finding.severity],
        node,
        rule: () => NagRuleCompliance.NON_COMPLIANT,
      });
    }
  }
}
