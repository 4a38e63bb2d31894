"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.EksNodeGuardValidationPlugin = void 0;
const rules_1 = require("../rules");
const context_1 = require("../scan/context");
const inputs_1 = require("../scan/inputs");
const scan_1 = require("../scan/scan");
const json_1 = require("./json");
/** Validation plugin that reports the guard's findings in CDK's validation report. */
class EksNodeGuardValidationPlugin {
    props;
    /** Also the acknowledgement namespace: `eks-node-guard::<rule-id>`. */
    name = json_1.TOOL_NAME;
    version = (0, json_1.guardVersion)();
    ruleIds = rules_1.ALL_RULES.map((r) => r.id);
    constructor(props = {}) {
        this.props = props;
    }
    validate(context) {
        const stacks = context.stackTemplates.map((s) => ({ templatePath: s.templatePath, stackName: s.stackConstructPath, region: s.region }));
        const inputs = (0, inputs_1.readStackTemplates)(stacks, process.cwd());
        const appContext = context.appConstruct.node.getAllContext();
        const facts = (0, context_1.amiFactsForContext)(appContext, this.props.amiFacts);
        const { amiFacts: _ignored, ...options } = this.props;
        const result = (0, scan_1.scanTemplates)(inputs, options, facts);
        const absoluteByFile = new Map(result.templates.map((t) => [t.file, t.absolutePath]));
        const violations = result.findings.map((f) => violationOf(f, absoluteByFile));
        // Input problems cannot happen for CDK's own templates; if one does, say so rather than pass.
        const problems = inputs.problems.map((p) => ({
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
exports.EksNodeGuardValidationPlugin = EksNodeGuardValidationPlugin;
/** The user-data property a finding is about, as a location in the template. */
function locationOf(finding) {
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
function violationOf(finding, absoluteByFile) {
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
//# sourceMappingURL=validation-plugin.js.map