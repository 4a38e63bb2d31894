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
export { EksNodeGuardValidationPlugin } from './report/validation-plugin';
export type { EksNodeGuardValidationPluginProps } from './report/validation-plugin';
export { buildJsonReport, renderJsonReport, JSON_REPORT_FILE, JSON_REPORT_SCHEMA_VERSION } from './report/json';
export type { JsonReport, JsonReportEntry, JsonReportMeta } from './report/json';
export { buildSarifReport } from './report/sarif';
export type { SarifLog, SarifOptions } from './report/sarif';
export { renderTable } from './report/table';
export type { TableOptions } from './report/table';
export { readScanInputs } from './scan/inputs';
export type { ScanInputs, ScannedTemplate, Acknowledgement, InputProblem } from './scan/inputs';
export { scanTemplates } from './scan/scan';
export type { ScanResult } from './scan/scan';
export { nodeConfigFromBootstrapCall } from './rules/bootstrap-sh-on-al2023';
export type { NodeConfigDraft, NodeConfigDraftOptions } from './rules/bootstrap-sh-on-al2023';
export { REMOVED_KUBELET_FLAGS, removedKubeletFlag } from './kubelet/removed-flags';
export type { RemovedKubeletFlag } from './kubelet/removed-flags';
