/**
 * The guard as a CDK policy validation plugin: `Validations.of(app).addPlugins(new
 * EksNodeGuardValidationPlugin())`. It scans the synthesized templates with the same pipeline as
 * `eks-node-guard scan`; CDK prints the violations in its validation report, fails synth on
 * errors, and applies `Validations.of(scope).acknowledge({ id: 'eks-node-guard::<rule-id>', reason })`.
 */
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import type { AmiFacts } from '../ami/types';
import type { Finding } from '../model';
import type { GuardOptions } from '../options';
import { ALL_RULES } from '../rules';
import { amiFactsForContext } from '../nodes/context-facts';
import { readStackTemplates } from '../scan/inputs';
import { scanTemplates } from '../scan/scan';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';
import { guardVersion } from './json';

export interface EksNodeGuardValidationPluginProps extends GuardOptions {
  /**
   * AMI facts in addition to those in the app's context (cdk.context.json lookups).
   * @default - only the app's context
   */
  readonly amiFacts?: AmiFacts;
}

/** Validation plugin that reports the guard's findings in CDK's validation report. */
export class EksNodeGuardValidationPlugin implements IPolicyValidationPlugin {
  /** Also the acknowledgement namespace: `eks-node-guard::<rule-id>`. */
  public readonly name = GUARD_NAMESPACE;
  /** The installed cdk-eks-node-guard version. */
  public readonly version = guardVersion();
  /** Every rule the plugin can report. */
  public readonly ruleIds = ALL_RULES.map((r) => r.id);

  constructor(private readonly props: EksNodeGuardValidationPluginProps = {}) {}

  /** Scans the synthesized templates; called by CDK after synthesis. */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = context.stackTemplates.map((s) => ({ templatePath: s.templatePath, stackName: s.stackConstructPath, region: s.region }));
    const inputs = readStackTemplates(stacks, process.cwd());
    const appContext = context.appConstruct.node.getAllContext() as Record<string, unknown>;
    const facts = amiFactsForContext(appContext, this.props.amiFacts);
    const { amiFacts: _ignored, ...options } = this.props;
    const result = scanTemplates(inputs, options, facts);
    const absoluteByFile = new Map(result.templates.map((t) => [t.file, t.absolutePath]));
    const violations = result.findings.map((f) => violationOf(f, absoluteByFile));
    // Input problems cannot happen for CDK's own templates; if one does, say so rather than pass.
    const problems: PolicyViolation[] = inputs.problems.map((p) => ({
      ruleName: 'template-unreadable',
      description: `${p.path}: ${p.problem}`,
      severity: 'warning',
      violatingResources: [{ templatePath: p.path, locations: [] }],
    }));
    return {
      success: !result.findings.some((f) => f.severity === 'error'),
      violations: [...violations, ...problems],
      pluginVersion: this.version,
    };
  }
}

/** The user-data property a finding is about, as a location in the template. */
function locationOf(finding: Finding): string {
  switch (finding.source.resourceType) {
    case 'AWS::EC2::LaunchTemplate':
      return 'Properties/LaunchTemplateData/UserData';
    case 'AWS::AutoScaling::LaunchConfiguration':
    case 'AWS::EC2::Instance':
      return 'Properties/UserData';
    case 'AWS::EKS::Nodegroup':
      return 'Properties/LaunchTemplate';
    default:
      return 'Properties';
  }
}

function violationOf(finding: Finding, absoluteByFile: ReadonlyMap<string, string>): PolicyViolation {
  const templateFile = finding.source.templateFile;
  return {
    ruleName: finding.ruleId,
    description: `${finding.title}. ${finding.detail}`,
    fix: finding.fix,
    // CDK knows `error`, `warning` and `info`, the guard's severities exactly.
    severity: finding.severity,
    violatingResources: [
      {
        resourceLogicalId: finding.source.logicalId,
        templatePath: templateFile ? (absoluteByFile.get(templateFile) ?? templateFile) : undefined,
        locations: [locationOf(finding)],
      },
    ],
  };
}
