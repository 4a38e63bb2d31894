/**
 * The guard as a CDK policy validation plugin: `Validations.of(app).addPlugins(new
 * EksNodeGuardValidationPlugin())`. It scans the synthesized templates with the same pipeline as
 * `eks-node-guard scan`; CDK prints the violations in its validation report, fails synth on
 * errors, and applies `Validations.of(scope).acknowledge({ id: 'eks-node-guard::<rule-id>', reason })`.
 * Like the Aspect, it writes `eks-node-guard.lookups.json` into the cloud assembly for
 * `eks-node-guard lookup`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stage } from 'aws-cdk-lib';
import type { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { AmiFacts } from '../ami/types';
import { renderLookupRequest } from '../lookup/request';
import { LOOKUP_REQUEST_FILE, type LookupRequest } from '../lookup/types';
import { lookupRequestFor } from '../lookup/wanted';
import type { Finding } from '../model';
import type { GuardOptions } from '../options';
import { ALL_RULES } from '../rules';
import { amiFactsForContext } from '../nodes/context-facts';
import { readStackTemplates } from '../scan/inputs';
import { scanTemplates } from '../scan/scan';
import { GUARD_NAMESPACE } from '../nodes/acknowledgement-ids';
import { guardVersion } from '../version';

/** Options of {@link EksNodeGuardValidationPlugin}: the guard's options, and AMI facts to add to the app's context. */
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

  /**
   * Scans the synthesized templates and writes the lookup request into the cloud assembly, as the
   * Aspect does; called by CDK after synthesis.
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const stacks = context.stackTemplates.map((s) => ({ templatePath: s.templatePath, stackName: s.stackConstructPath, region: s.region }));
    const inputs = readStackTemplates(stacks, process.cwd());
    const appContext = context.appConstruct.node.getAllContext() as Record<string, unknown>;
    const facts = amiFactsForContext(appContext, this.props.amiFacts);
    const { amiFacts: _ignored, ...options } = this.props;
    const requestFile = lookupRequestFileOf(context.appConstruct);
    const result = scanTemplates(inputs, { ...options, lookupRoute: { kind: requestFile ? 'assembly' : 'none' } }, facts);
    const absoluteByFile = new Map(result.templates.map((t) => [t.file, t.absolutePath]));
    const violations = result.findings.map((f) => violationOf(f, absoluteByFile));
    // Input problems cannot happen for CDK's own templates; if one does, say so rather than pass.
    const problems: PolicyViolation[] = inputs.problems.map((p) => ({
      ruleName: 'template-unreadable',
      description: `${p.path}: ${p.problem}`,
      severity: 'warning',
      violatingResources: [{ templatePath: p.path, locations: [] }],
    }));
    const unwritten = requestFile ? writeLookupRequest(requestFile, lookupRequestFor(result.nodes)) : undefined;
    return {
      success: !result.findings.some((f) => f.severity === 'error'),
      violations: [...violations, ...problems, ...(unwritten ? [unwritten] : [])],
      pluginVersion: this.version,
    };
  }
}

/**
 * Where the plugin writes its lookup request: the app's cloud assembly, where the Aspect writes
 * it and `eks-node-guard lookup` reads it. CDK lets plugins add files there; an app with
 * `confirmValidationPluginsDoNotMutate` fails synth when a plugin changes a file that was there
 * before, so an existing request (the Aspect's, or an earlier synth's) then stays as it is and the
 * findings point elsewhere. Undefined when the plugin must not write.
 */
function lookupRequestFileOf(root: IConstruct): string | undefined {
  if (!Stage.isStage(root)) return undefined;
  const file = path.join(root.outdir, LOOKUP_REQUEST_FILE);
  // An internal field of the App (aws-cdk-lib has no public getter); versions without it do not check.
  const mustNotChange = (root as unknown as { _confirmValidationPluginsDoNotMutate?: unknown })._confirmValidationPluginsDoNotMutate === true;
  return mustNotChange && fs.existsSync(file) ? undefined : file;
}

/** Writes the request; a violation when that fails, since the findings point at the file. */
function writeLookupRequest(file: string, request: LookupRequest): PolicyViolation | undefined {
  try {
    fs.writeFileSync(file, renderLookupRequest(request));
    return undefined;
  } catch (err) {
    return {
      ruleName: 'lookup-request-unwritten',
      description: `${file} could not be written (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}), so \`eks-node-guard lookup\` does not see what only AWS can answer: run \`eks-node-guard scan ${path.dirname(file)} --lookups <file>\` and \`eks-node-guard lookup --app <file>\` instead`,
      severity: 'warning',
      violatingResources: [{ templatePath: file, locations: [] }],
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
