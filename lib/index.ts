/**
 * cdk-eks-node-guard: stops broken EKS worker-node configurations at `cdk synth`.
 * @packageDocumentation
 */
export * from './model';
export * from './options';
export * from './userdata/types';
export * from './ami/types';
export { EksNodeGuard, checkEksNodes } from './aspect/eks-node-guard';
export type { EksNodeGuardProps, EksNodeGuardResult } from './aspect/eks-node-guard';
export { evaluateNodes } from './evaluate';
export type { Evaluation } from './evaluate';
export { ALL_RULES } from './rules';
export type { Rule, RuleResult } from './rules';
