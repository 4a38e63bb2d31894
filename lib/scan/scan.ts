/**
 * The scan front door: templates in, findings out, through the same node definitions, analysis
 * and rules as the Aspect.
 */
import type { AmiFacts, AmiReference } from '../ami/types';
import { evaluateNodes } from '../evaluate';
import type { Finding, NodeFacts, SuppressedFinding } from '../model';
import { nodeDefinitionsFrom } from '../nodes/definitions';
import type { RuleOptions } from '../rules/rule';
import type { ScanInputs, ScannedTemplate } from './inputs';
import { TemplateSet } from './links';
import { applyAcknowledgements } from './suppressions';

export interface ScanResult {
  /** Findings no acknowledgement covers. */
  readonly findings: readonly Finding[];
  readonly suppressed: readonly SuppressedFinding[];
  /** Every node the rules judged. */
  readonly nodes: readonly NodeFacts[];
  readonly templates: readonly ScannedTemplate[];
}

/**
 * Runs the guard on templates that have been read (see {@link readScanInputs}). `amiFacts` may
 * depend on the AMI reference (see {@link amiFactsForContext}). `options.lookupRoute` says where
 * the caller puts the lookup request (lib/lookup/wanted.ts), for the findings' advice.
 */
export function scanTemplates(
  inputs: Pick<ScanInputs, 'templates' | 'acknowledgements'>,
  options: RuleOptions = {},
  amiFacts: AmiFacts | ((ami: AmiReference) => AmiFacts) = {},
): ScanResult {
  const set = new TemplateSet(inputs.templates);
  const nodes = nodeDefinitionsFrom(set.records, set);
  const evaluation = evaluateNodes(nodes, options, amiFacts);
  const { findings, suppressed } = applyAcknowledgements(evaluation.findings, inputs.acknowledgements);
  return { findings, suppressed, nodes: evaluation.facts, templates: inputs.templates };
}
