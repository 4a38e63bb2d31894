"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.constructResources = constructResources;
exports.constructsBelow = constructsBelow;
/**
 * The Aspect's front door: reads CloudFormation resources out of a construct tree, as
 * CloudFormation will receive them (raw overrides included), once per check.
 */
const aws_cdk_lib_1 = require("aws-cdk-lib");
const definitions_1 = require("../nodes/definitions");
const intrinsics_1 = require("../nodes/intrinsics");
const GATHERED = new Set(definitions_1.NODE_RESOURCE_TYPES);
const CONSUMERS = new Set(['AWS::EKS::Nodegroup', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::EC2::Instance']);
/** One walk over `root` (not into nested Stages: CDK synthesizes those separately, with their own aspects). */
function constructResources(root) {
    const records = [];
    const constructOf = new Map();
    const stackOf = new Map();
    const parameters = new Map();
    const failures = [];
    for (const construct of constructsBelow(root)) {
        if (construct instanceof aws_cdk_lib_1.CfnParameter) {
            const stack = aws_cdk_lib_1.Stack.of(construct);
            const byId = parameters.get(stack) ?? new Map();
            parameters.set(stack, byId);
            byId.set(stack.resolve(construct.logicalId), { type: construct.type, default: typeof construct.default === 'string' ? construct.default : undefined });
        }
        else if (aws_cdk_lib_1.CfnResource.isCfnResource(construct) && GATHERED.has(construct.cfnResourceType)) {
            try {
                const record = recordOf(construct);
                records.push(record);
                constructOf.set(record, construct);
                stackOf.set(record, aws_cdk_lib_1.Stack.of(construct));
            }
            catch (err) {
                failures.push({ construct, reason: `its properties could not be resolved: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}` });
            }
        }
    }
    const byStackAndId = new Map();
    const byId = new Map();
    const templatesByName = new Map();
    for (const record of records) {
        const stack = stackOf.get(record);
        const inStack = byStackAndId.get(stack) ?? new Map();
        byStackAndId.set(stack, inStack);
        inStack.set(record.logicalId, record);
        byId.set(record.logicalId, [...(byId.get(record.logicalId) ?? []), record]);
        const name = record.properties.LaunchTemplateName;
        if (record.type === 'AWS::EC2::LaunchTemplate' && typeof name === 'string')
            templatesByName.set(name, record);
    }
    const referenced = referencedRecords(records, constructOf);
    const links = {
        resourceFor(from, value) {
            const id = (0, intrinsics_1.referencedLogicalId)(value);
            if (id === undefined)
                return undefined;
            // A cross-stack reference resolves to the producer's logical id, which another stack may
            // also use; the construct-level reference says which resource it really is.
            return referenced.get(from)?.get(id) ?? byStackAndId.get(stackOf.get(from))?.get(id) ?? uniqueOrUndefined(byId.get(id));
        },
        launchTemplateNamed: (_from, name) => templatesByName.get(name),
        parameterFor(from, value) {
            const id = (0, intrinsics_1.referencedLogicalId)(value);
            return id === undefined ? undefined : parameters.get(stackOf.get(from))?.get(id);
        },
    };
    return { records, links, constructOf, failures };
}
function recordOf(resource) {
    const stack = aws_cdk_lib_1.Stack.of(resource);
    const logicalId = stack.resolve(resource.logicalId);
    // `_toCloudFormation` renders what the template will hold, raw overrides (addPropertyOverride) included.
    const rendered = stack.resolve(resource._toCloudFormation());
    return {
        type: resource.cfnResourceType,
        logicalId,
        properties: rendered.Resources[logicalId]?.Properties ?? {},
        region: aws_cdk_lib_1.Token.isUnresolved(stack.region) ? undefined : stack.region,
        source: { constructPath: resource.node.path, stack: stack.stackName, logicalId, resourceType: resource.cfnResourceType },
    };
}
/** For each consumer, the records its construct-level references point at, by logical id. */
function referencedRecords(records, constructOf) {
    const recordOf = new Map();
    for (const [record, construct] of constructOf)
        recordOf.set(construct, record);
    const result = new Map();
    for (const record of records) {
        if (!CONSUMERS.has(record.type))
            continue;
        const targets = new Map();
        for (const target of referenceTargets(constructProperties(constructOf.get(record)))) {
            const targetRecord = recordOf.get(target);
            if (targetRecord)
                targets.set(targetRecord.logicalId, targetRecord);
        }
        result.set(record, targets);
    }
    return result;
}
/** The L1 properties as currently set, tokens unresolved (CfnResource keeps this getter protected). */
function constructProperties(resource) {
    return resource.cfnProperties;
}
function* referenceTargets(value, depth = 0) {
    if (depth > 20 || value === null || value === undefined)
        return;
    if (typeof value === 'string' || typeof value === 'number' || aws_cdk_lib_1.Tokenization.isResolvable(value)) {
        // Only a whole-value token can be a resource reference; concatenations are names, tags, ….
        const token = aws_cdk_lib_1.Token.isUnresolved(value) ? aws_cdk_lib_1.Tokenization.reverse(value, { failConcat: false }) : undefined;
        if (token instanceof aws_cdk_lib_1.Reference && aws_cdk_lib_1.CfnResource.isCfnResource(token.target))
            yield token.target;
        return;
    }
    if (typeof value === 'object') {
        for (const child of Object.values(value))
            yield* referenceTargets(child, depth + 1);
    }
}
function uniqueOrUndefined(items) {
    return items?.length === 1 ? items[0] : undefined;
}
/** Every construct below `root`, depth first, without entering nested Stages. */
function constructsBelow(root) {
    const out = [];
    const stack = [root];
    while (stack.length > 0) {
        const construct = stack.pop();
        out.push(construct);
        const children = construct.node.children;
        for (let i = children.length - 1; i >= 0; i--) {
            if (!aws_cdk_lib_1.Stage.isStage(children[i]))
                stack.push(children[i]);
        }
    }
    return out;
}
//# sourceMappingURL=construct-resources.js.map