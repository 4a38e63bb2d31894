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
export { resolveContainerd, kubeletVersionOf } from './ami/resolve';
export type { KubeletVersion } from './ami/resolve';
export {
  AFFECTED_CONTAINERD_RANGE,
  containerdVerdict,
  formatContainerdVersion,
  parseContainerdPackageVersion,
  parseContainerdPattern,
} from './ami/containerd-version';
export {
  EKS_AMI_TYPES,
  parseAmiName,
  parseAmiType,
  parseReleaseVersion,
  parseSsmParameter,
  releaseVersionParameterName,
} from './ami/identify';
export type { AmiNameInfo, AmiSeries, AmiTypeInfo, EksAmiType, ReleaseVersionInfo, SsmParameterInfo } from './ami/identify';
export { catalogSource } from './catalog/catalog';
export type { CatalogSource } from './catalog/types';
export { analyzeUserData } from './userdata/analyze';
export { imageContextKey, ssmContextKey, LOOKUP_REQUEST_FILE } from './lookup/types';
