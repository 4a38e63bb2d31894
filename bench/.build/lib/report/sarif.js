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
exports.sarifLevel = sarifLevel;
exports.buildSarifReport = buildSarifReport;
/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, the guard's rules as
 * `tool.driver.rules`, one result per finding (acknowledged findings carry a suppression).
 */
const crypto_1 = require("crypto");
const path = __importStar(require("path"));
const template_1 = require("../scan/template");
const json_1 = require("./json");
const SRCROOT = '%SRCROOT%';
/** SARIF levels: `info` has no SARIF twin; `note` is the closest. */
function sarifLevel(severity) {
    return severity === 'info' ? 'note' : severity;
}
/** `resolv-conf-empty` -> `ResolvConfEmpty` (SARIF rule names are identifiers, ids are stable keys). */
function ruleName(id) {
    return id.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
/** Markdown to plain text for `help.text`: drop emphasis and code marks, keep the words. */
function plainText(markdown) {
    return markdown.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/`([^`]*)`/g, '$1');
}
function descriptorOf(rule) {
    return {
        id: rule.id,
        name: ruleName(rule.id),
        shortDescription: { text: rule.summary },
        fullDescription: { text: rule.summary },
        help: { text: plainText(rule.help), markdown: rule.help },
        defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) },
        properties: { tags: ['eks', 'kubelet', 'containerd', 'reliability'] },
    };
}
/** A descriptor for a finding whose rule is not in the given list (keeps the log self-consistent). */
function descriptorForUnknownRule(finding) {
    return descriptorOf({ id: finding.ruleId, summary: finding.title, help: finding.fix, defaultSeverity: finding.severity === 'error' ? 'error' : 'warning', check: () => [] });
}
/** A template path as a URI relative to `%SRCROOT%`, or an absolute file URI when outside it. */
function artifactLocationOf(templateFile, baseDir) {
    const absolute = path.resolve(baseDir, templateFile);
    const relative = path.relative(baseDir, absolute);
    if (relative && !relative.startsWith('..') && !path.isAbsolute(relative)) {
        return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
    }
    return { uri: new URL(`file://${absolute.split(path.sep).map(encodeURIComponent).join('/')}`).href };
}
/** Stable across runs and line moves: the rule and the resource's identity. */
function fingerprintOf(finding) {
    const { source } = finding;
    const identity = [finding.ruleId, source.stack ?? '', source.constructPath ?? '', source.logicalId ?? '', source.templateFile ?? ''].join('\u0000');
    return (0, crypto_1.createHash)('sha256').update(identity).digest('hex');
}
function locationOf(finding, options) {
    const { source } = finding;
    const name = source.logicalId ?? source.constructPath ?? 'resource';
    const logicalLocations = [{ name, fullyQualifiedName: source.constructPath ?? [source.stack, source.logicalId].filter(Boolean).join('/'), kind: 'resource' }];
    if (!source.templateFile)
        return { logicalLocations };
    const text = options.templateText?.(source.templateFile);
    // GitHub code scanning wants a line; the file's first line stands for "somewhere in this template".
    const startLine = (text !== undefined && source.logicalId ? (0, template_1.lineOfResource)(text, source.logicalId) : undefined) ?? 1;
    return {
        physicalLocation: { artifactLocation: artifactLocationOf(source.templateFile, options.baseDir), region: { startLine } },
        logicalLocations,
    };
}
function messageOf(finding) {
    const where = finding.source.constructPath ?? finding.source.logicalId;
    return `${finding.title}${where ? ` (${where})` : ''}. ${finding.detail} Fix: ${finding.fix}`;
}
/** Builds the SARIF log; serialise with `JSON.stringify(log, undefined, 2)`. */
function buildSarifReport(findings, suppressed, options) {
    const descriptors = options.rules.map(descriptorOf);
    const indexOf = (finding) => {
        let index = descriptors.findIndex((d) => d.id === finding.ruleId);
        if (index < 0) {
            descriptors.push(descriptorForUnknownRule(finding));
            index = descriptors.length - 1;
        }
        return index;
    };
    const resultOf = (finding, suppression) => ({
        ruleId: finding.ruleId,
        ruleIndex: indexOf(finding),
        level: sarifLevel(finding.severity),
        message: { text: messageOf(finding) },
        locations: [locationOf(finding, options)],
        partialFingerprints: { 'eksNodeGuardResource/v1': fingerprintOf(finding) },
        ...(suppression ? { suppressions: [{ kind: 'external', justification: `${suppression.reason} (acknowledged at ${suppression.scope})` }] } : {}),
    });
    const results = [...findings.map((f) => resultOf(f)), ...suppressed.map((f) => resultOf(f, f.suppressedBy))];
    const version = options.toolVersion ?? (0, json_1.guardVersion)();
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [
            {
                tool: { driver: { name: json_1.TOOL_NAME, version, semanticVersion: version, rules: descriptors } },
                originalUriBaseIds: { [SRCROOT]: { uri: new URL(`file://${path.resolve(options.baseDir).split(path.sep).map(encodeURIComponent).join('/')}/`).href } },
                results,
            },
        ],
    };
}
//# sourceMappingURL=sarif.js.map