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
exports.JSON_REPORT_FILE = exports.TOOL_NAME = exports.JSON_REPORT_SCHEMA_VERSION = void 0;
exports.guardVersion = guardVersion;
exports.buildJsonReport = buildJsonReport;
exports.renderJsonReport = renderJsonReport;
/**
 * The JSON report: what the Aspect writes into the cloud assembly and `scan --format json` prints.
 * Deterministic for the same findings (no timestamp unless the caller injects one).
 */
const fs = __importStar(require("fs"));
const path = __importStar(require("path"));
/** Bumped when a field changes meaning or disappears; new optional fields do not bump it. */
exports.JSON_REPORT_SCHEMA_VERSION = 1;
/** The tool's name in reports. */
exports.TOOL_NAME = 'eks-node-guard';
/** File name of the report in the cloud assembly directory. */
exports.JSON_REPORT_FILE = 'eks-node-guard.report.json';
let cachedVersion;
/** The version of the installed cdk-eks-node-guard package (found by walking up from this file). */
function guardVersion() {
    if (cachedVersion)
        return cachedVersion;
    let dir = __dirname;
    for (let i = 0; i < 6; i++) {
        try {
            const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'cdk-eks-node-guard' && pkg.version)
                return (cachedVersion = pkg.version);
        }
        catch {
            // Not here: keep walking up.
        }
        dir = path.dirname(dir);
    }
    return (cachedVersion = '0.0.0');
}
function entryOf(finding, suppression) {
    const { evidence, source } = finding;
    // JSON.stringify drops undefined fields, so absent evidence leaves no empty keys.
    return {
        ruleId: finding.ruleId,
        severity: finding.severity,
        title: finding.title,
        message: finding.detail,
        fix: finding.fix,
        constructPath: source.constructPath,
        stack: source.stack,
        logicalId: source.logicalId,
        templateFile: source.templateFile,
        resourceType: source.resourceType,
        resolvConf: evidence.resolvConf,
        ami: evidence.ami,
        containerd: evidence.containerd,
        suppression: suppression ? { scope: suppression.scope, reason: suppression.reason } : undefined,
    };
}
function countOf(findings, severity) {
    return findings.filter((f) => f.severity === severity).length;
}
/** Builds the report object; serialise it with `JSON.stringify(report, undefined, 2)`. */
function buildJsonReport(findings, suppressed, meta = {}) {
    return {
        schemaVersion: exports.JSON_REPORT_SCHEMA_VERSION,
        tool: { name: exports.TOOL_NAME, version: meta.toolVersion ?? guardVersion() },
        generatedAt: meta.generatedAt,
        summary: {
            errors: countOf(findings, 'error'),
            warnings: countOf(findings, 'warning'),
            info: countOf(findings, 'info'),
            suppressed: suppressed.length,
            nodes: meta.nodes,
        },
        findings: [...findings.map((f) => entryOf(f)), ...suppressed.map((f) => entryOf(f, f.suppressedBy))],
    };
}
/** The report as file text (two-space JSON, trailing newline). */
function renderJsonReport(report) {
    return `${JSON.stringify(report, undefined, 2)}\n`;
}
//# sourceMappingURL=json.js.map