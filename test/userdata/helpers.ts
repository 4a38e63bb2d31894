import { analyzeUserData } from '../../lib/userdata/analyze';
import type { AnalyzeOptions, UserDataAnalysis, UserDataInput } from '../../lib/userdata/types';

/** The analysis, plus a check that it is JSON-serialisable. */
export function analyse(input: UserDataInput, options?: AnalyzeOptions): UserDataAnalysis {
  const a = analyzeUserData(input, options);
  JSON.stringify(a);
  return a;
}

/** The effective resolv-conf as `[value, content, mechanism]`, or undefined. */
export function effective(input: UserDataInput, options?: AnalyzeOptions): [string, string, string] | undefined {
  const e = analyse(input, options).effectiveResolvConf;
  return e ? [e.value, e.content, e.mechanism] : undefined;
}

/** Problem codes that may affect resolv-conf. */
export function affecting(a: UserDataAnalysis): string[] {
  return a.problems.filter((p) => p.mayAffectResolvConf).map((p) => p.code);
}

export const BOOT = '/etc/eks/bootstrap.sh';

/** A shell script calling bootstrap.sh with the given extra args (single-quoted). */
export function bootstrapScript(extra: string, before = '', after = ''): string {
  return `#!/bin/bash\nset -ex\n${before}${BOOT} my-cluster --kubelet-extra-args '${extra}'\n${after}`;
}

/** A NodeConfig for cluster `c` with this `kubelet:` block (indented by four spaces). */
export const nodeConfig = (kubelet: string): string => `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: c\n  kubelet:\n${kubelet}`;
