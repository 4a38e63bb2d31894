/**
 * cdk-eks-node-guard: stops broken EKS worker-node configurations at `cdk synth`.
 *
 * The Aspect (`EksNodeGuard`) and the unit-test helper (`checkEksNodes`) are what most apps need;
 * the rest is for tools built on the same analysis.
 * @packageDocumentation
 */
export { EksNodeGuard, checkEksNodes } from './aspect/eks-node-guard';
export type { EksNodeGuardProps, EksNodeGuardResult } from './aspect/eks-node-guard';
export type { GuardOptions } from './options';
export { EksNodeGuardValidationPlugin } from './report/validation-plugin';
export type { EksNodeGuardValidationPluginProps } from './report/validation-plugin';

export { analyzeUserData } from './userdata/analyze';
export * from './userdata/types';
export { kubeletVersionOf, resolveContainerd } from './ami/resolve';
export type { KubeletVersion } from './ami/resolve';
export * from './ami/types';
export { ALL_RULES } from './rules';
export type { LookupRoute, Rule, RuleOptions, RuleResult } from './rules';
export type * from './model';

export { JSON_REPORT_FILE } from './report/json';
export type { JsonReport, JsonReportEntry, JsonReportMeta, JsonReportNode } from './report/json';
