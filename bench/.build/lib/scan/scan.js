"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.scanTemplates = scanTemplates;
const evaluate_1 = require("../evaluate");
const definitions_1 = require("../nodes/definitions");
const links_1 = require("./links");
const suppressions_1 = require("./suppressions");
/**
 * Runs the guard on templates that have been read (see {@link readScanInputs}). `amiFacts` may
 * depend on the AMI reference (see {@link amiFactsForContext}).
 */
function scanTemplates(inputs, options = {}, amiFacts = {}) {
    const set = new links_1.TemplateSet(inputs.templates);
    const nodes = (0, definitions_1.nodeDefinitionsFrom)(set.records, set);
    const evaluation = (0, evaluate_1.evaluateNodes)(nodes, options, amiFacts);
    const { findings, suppressed } = (0, suppressions_1.applyAcknowledgements)(evaluation.findings, inputs.acknowledgements);
    return { findings, suppressed, nodes: evaluation.facts, templates: inputs.templates };
}
//# sourceMappingURL=scan.js.map