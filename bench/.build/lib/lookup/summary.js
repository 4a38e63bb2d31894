"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.catalogContainerdDescriber = void 0;
exports.imageSummaryLine = imageSummaryLine;
exports.parameterSummaryLine = parameterSummaryLine;
exports.callCountsLine = callCountsLine;
exports.lookupSummary = lookupSummary;
/**
 * What `eks-node-guard lookup` prints: one line per item, then the API calls made.
 */
const containerd_version_1 = require("../ami/containerd-version");
const resolve_1 = require("../ami/resolve");
/**
 * The containerd an AMI ships per the embedded catalog (or its description), with the verdict,
 * e.g. `containerd 1.7.22, affected`; the same resolution synth will make from the stored answer.
 */
const catalogContainerdDescriber = (result) => {
    const resolution = (0, resolve_1.resolveContainerd)({ imageId: result.imageId, region: result.region }, { images: { [result.imageId]: result.value } });
    if (resolution.verdict === 'not-applicable')
        return `${resolution.family}, resolv-conf rules do not apply`;
    const version = resolution.containerd ? (0, containerd_version_1.formatContainerdVersion)(resolution.containerd) : 'unknown';
    return `containerd ${version}, ${resolution.verdict}`;
};
exports.catalogContainerdDescriber = catalogContainerdDescriber;
/** One line for an AMI, e.g. `ami-0abc (eu-west-1): amazon-eks-node-1.29-v20241024 -> containerd 1.7.22, affected`. */
function imageSummaryLine(result, describe) {
    const head = `${result.imageId} (${result.region})`;
    const via = result.viaParameters.length > 0 ? ` [from ${result.viaParameters.join(', ')}]` : '';
    if (result.missingReason === 'malformed')
        return `${head}: not an AMI id, not looked up${via}`;
    if (result.value.missing) {
        return `${head}: not found (unknown, deregistered, or not shared with this account); the guard will report the AMI as unknown${via}`;
    }
    const name = result.value.name ?? '(no name)';
    const containerd = describe?.(result);
    return `${head}: ${name}${containerd ? ` -> ${containerd}` : ''}${via}`;
}
/** One line for an SSM parameter, e.g. `/aws/service/... (eu-west-1) = ami-0abc`. */
function parameterSummaryLine(result) {
    const head = `${result.name} (${result.region})`;
    if (result.value === undefined)
        return `${head}: parameter not found (InvalidParameters: misspelt, not in this region, or not readable); nothing written for it`;
    return `${head} = ${oneLine(result.value)}`;
}
function oneLine(value) {
    const flat = value.replace(/\s+/g, ' ').trim();
    return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
/** `API calls: ec2:DescribeImages 1, ssm:GetParameters 1`. */
function callCountsLine(calls) {
    return `API calls: ec2:DescribeImages ${calls['ec2:DescribeImages']}, ssm:GetParameters ${calls['ssm:GetParameters']}`;
}
/** The whole human summary: parameters first (they lead to AMIs), then AMIs, then call counts. */
function lookupSummary(results, calls, describe) {
    const parameters = results.filter((r) => r.kind === 'ssm').map(parameterSummaryLine);
    const images = results.filter((r) => r.kind === 'image').map((r) => imageSummaryLine(r, describe));
    return [...parameters, ...images, callCountsLine(calls)];
}
//# sourceMappingURL=summary.js.map