/**
 * What `eks-node-guard lookup` prints: one line per item, then the API calls made.
 */
import { formatContainerdVersion } from '../ami/containerd-version';
import { resolveContainerd } from '../ami/resolve';
import type { ImageLookupResult, LookupCallCounts, LookupResult, SsmLookupResult } from './lookup';

/** Says which containerd an AMI ships, e.g. `containerd 1.7.22, affected`; undefined when it cannot tell. */
export type ContainerdDescriber = (result: ImageLookupResult) => string | undefined;

/**
 * The containerd an AMI ships per the embedded catalog (or its description), with the verdict,
 * e.g. `containerd 1.7.22, affected`; the same resolution synth will make from the stored answer.
 */
export const catalogContainerdDescriber: ContainerdDescriber = (result) => {
  const resolution = resolveContainerd({ imageId: result.imageId, region: result.region }, { images: { [result.imageId]: result.value } });
  if (resolution.verdict === 'not-applicable') return `${resolution.family}, resolv-conf rules do not apply`;
  const version = resolution.containerd ? formatContainerdVersion(resolution.containerd) : 'unknown';
  return `containerd ${version}, ${resolution.verdict}`;
};

/** One line for an AMI, e.g. `ami-0abc (eu-west-1): amazon-eks-node-1.29-v20241024 -> containerd 1.7.22, affected`. */
export function imageSummaryLine(result: ImageLookupResult, describe?: ContainerdDescriber): string {
  const head = `${result.imageId} (${result.region})`;
  const via = result.viaParameters.length > 0 ? ` [from ${result.viaParameters.join(', ')}]` : '';
  if (result.missingReason === 'malformed') return `${head}: not an AMI id, not looked up${via}`;
  if (result.value.missing) {
    return `${head}: not found (unknown, deregistered, or not shared with this account); the guard will report the AMI as unknown${via}`;
  }
  const name = result.value.name ?? '(no name)';
  const containerd = describe?.(result);
  return `${head}: ${name}${containerd ? ` -> ${containerd}` : ''}${via}`;
}

/** One line for an SSM parameter, e.g. `/aws/service/... (eu-west-1) = ami-0abc`. */
export function parameterSummaryLine(result: SsmLookupResult): string {
  const head = `${result.name} (${result.region})`;
  if (result.value === undefined) return `${head}: parameter not found (InvalidParameters: misspelt, not in this region, or not readable); nothing written for it`;
  return `${head} = ${oneLine(result.value)}`;
}

function oneLine(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}

/** `API calls: ec2:DescribeImages 1, ssm:GetParameters 1`. */
export function callCountsLine(calls: LookupCallCounts): string {
  return `API calls: ec2:DescribeImages ${calls['ec2:DescribeImages']}, ssm:GetParameters ${calls['ssm:GetParameters']}`;
}

/** The whole human summary: parameters first (they lead to AMIs), then AMIs, then call counts. */
export function lookupSummary(results: readonly LookupResult[], calls: LookupCallCounts, describe?: ContainerdDescriber): string[] {
  const parameters = results.filter((r): r is SsmLookupResult => r.kind === 'ssm').map(parameterSummaryLine);
  const images = results.filter((r): r is ImageLookupResult => r.kind === 'image').map((r) => imageSummaryLine(r, describe));
  return [...parameters, ...images, callCountsLine(calls)];
}
