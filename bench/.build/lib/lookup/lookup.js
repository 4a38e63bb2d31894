"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.GET_PARAMETERS_BATCH = exports.DESCRIBE_IMAGES_BATCH = void 0;
exports.amiIdInParameterValue = amiIdInParameterValue;
exports.regionlessItems = regionlessItems;
exports.performLookup = performLookup;
exports.contextEntries = contextEntries;
/**
 * Answering a {@link LookupRequest} with AWS: SSM GetParameters, then EC2 DescribeImages for the
 * literal AMI ids and the AMI ids the parameters hold, batched per region. No file IO here.
 */
const client_ec2_1 = require("@aws-sdk/client-ec2");
const client_ssm_1 = require("@aws-sdk/client-ssm");
const errors_1 = require("./errors");
const types_1 = require("./types");
/** EC2 accepts many ids per DescribeImages; 100 keeps each request and response small. */
exports.DESCRIBE_IMAGES_BATCH = 100;
/** GetParameters takes at most 10 names per call (an AWS limit). */
exports.GET_PARAMETERS_BATCH = 10;
const AMI_ID = /^ami-[0-9a-f]{8}([0-9a-f]{9})?$/;
/** The AMI id an SSM parameter value holds: the value itself, or `image_id` of a JSON object (`.../recommended`). */
function amiIdInParameterValue(value) {
    const trimmed = value.trim();
    if (AMI_ID.test(trimmed))
        return trimmed;
    if (!trimmed.startsWith('{'))
        return undefined;
    try {
        const parsed = JSON.parse(trimmed);
        const id = typeof parsed === 'object' && parsed !== null ? parsed.image_id : undefined;
        return typeof id === 'string' && AMI_ID.test(id) ? id : undefined;
    }
    catch {
        return undefined;
    }
}
/** Items of `request` that have no region of their own. */
function regionlessItems(request) {
    return [...request.images, ...request.ssmParameters].filter((i) => !i.region).map((i) => i.id);
}
class FailedCall extends Error {
    failure;
    constructor(failure) {
        super(failure.message);
        this.failure = failure;
    }
}
/**
 * Looks up every item of `request`: at most one GetParameters call per 10 names and one
 * DescribeImages call per 100 distinct AMI ids per region (plus NextToken pages, and one
 * filter-based retry of a batch EC2 rejects for an unknown id). Stops at the first failed call.
 */
async function performLookup(request, clients, options = {}) {
    const calls = { 'ec2:DescribeImages': 0, 'ssm:GetParameters': 0 };
    const missingRegion = options.defaultRegion ? [] : regionlessItems(request);
    if (missingRegion.length > 0)
        return { kind: 'needs-region', items: missingRegion, calls };
    const plan = (items) => items.map((i) => ({ id: i.id, region: i.region ?? options.defaultRegion, keyRegion: i.region ?? '*', paths: i.paths }));
    try {
        const parameters = plan(request.ssmParameters);
        const ssmResults = await lookUpParameters(parameters, clients, calls);
        // The AMI behind an image_id parameter is described in the same run, so one synth settles it.
        const chained = ssmResults.flatMap((r, index) => r.imageId ? [{ ...parameters[index], id: r.imageId, via: r.name }] : []);
        const imageResults = await lookUpImages(plan(request.images), chained, clients, calls);
        return { kind: 'ok', results: [...ssmResults, ...imageResults], calls };
    }
    catch (err) {
        if (err instanceof FailedCall)
            return { kind: 'failed', failure: err.failure, calls };
        throw err;
    }
}
async function send(action, region, call, calls) {
    calls[action] += 1;
    try {
        return await call();
    }
    catch (err) {
        throw new FailedCall((0, errors_1.classifyAwsError)(err, action, region));
    }
}
function chunk(items, size) {
    const chunks = [];
    for (let i = 0; i < items.length; i += size)
        chunks.push(items.slice(i, i + size));
    return chunks;
}
function groupByRegion(items) {
    const groups = new Map();
    for (const item of items)
        groups.set(item.region, [...(groups.get(item.region) ?? []), item]);
    return groups;
}
/** Results in the order of `items` (one per item). */
async function lookUpParameters(items, clients, calls) {
    const answers = new Map();
    for (const [region, group] of groupByRegion(items)) {
        const names = [...new Set(group.map((i) => i.id))];
        for (const batch of chunk(names, exports.GET_PARAMETERS_BATCH)) {
            const out = await send('ssm:GetParameters', region, () => clients.ssm(region).send(new client_ssm_1.GetParametersCommand({ Names: batch })), calls);
            for (const p of out.Parameters ?? []) {
                // A `name:version` or `name:label` request comes back as Name + Selector.
                if (p.Name !== undefined)
                    answers.set(`${region}\u0000${p.Name}${p.Selector ?? ''}`, { value: p.Value ?? '' });
            }
            for (const name of out.InvalidParameters ?? [])
                answers.set(`${region}\u0000${name}`, { missing: true });
        }
    }
    return items.map((item) => {
        // A name AWS neither returned nor listed as invalid is treated as missing too: never guessed.
        const answer = answers.get(`${item.region}\u0000${item.id}`) ?? { missing: true };
        const imageId = answer.value !== undefined ? amiIdInParameterValue(answer.value) : undefined;
        return {
            kind: 'ssm',
            name: item.id,
            region: item.region,
            contextKey: (0, types_1.ssmContextKey)(item.keyRegion, item.id),
            ...(answer.value !== undefined ? { value: answer.value } : { missing: true }),
            ...(imageId ? { imageId } : {}),
            paths: item.paths,
        };
    });
}
async function lookUpImages(direct, chained, clients, calls) {
    const all = [...direct, ...chained];
    const described = new Map();
    for (const [region, group] of groupByRegion(all)) {
        const ids = [...new Set(group.map((i) => i.id).filter((id) => AMI_ID.test(id)))];
        for (const batch of chunk(ids, exports.DESCRIBE_IMAGES_BATCH)) {
            for (const image of await describeBatch(region, batch, clients, calls)) {
                if (image.ImageId)
                    described.set(`${region}\u0000${image.ImageId}`, image);
            }
        }
    }
    // One result per context key: the same AMI may be asked for directly and through a parameter.
    const byKey = new Map();
    for (const item of all) {
        const key = (0, types_1.imageContextKey)(item.keyRegion, item.id);
        const entry = byKey.get(key) ?? { item, paths: new Set(), via: new Set() };
        item.paths.forEach((p) => entry.paths.add(p));
        if (item.via)
            entry.via.add(item.via);
        byKey.set(key, entry);
    }
    return [...byKey.entries()].map(([contextKey, { item, paths, via }]) => {
        const image = described.get(`${item.region}\u0000${item.id}`);
        const base = { kind: 'image', imageId: item.id, region: item.region, contextKey, viaParameters: [...via], paths: [...paths] };
        if (!image)
            return { ...base, value: { missing: true }, missingReason: AMI_ID.test(item.id) ? 'not-found' : 'malformed' };
        return { ...base, value: imageValue(image) };
    });
}
function imageValue(image) {
    return { ...(image.Name !== undefined ? { name: image.Name } : {}), ...(image.Description !== undefined ? { description: image.Description } : {}) };
}
/** EC2 fails a whole ImageIds call when one id is unknown; the image-id filter instead just omits it. */
const UNKNOWN_ID_ERRORS = new Set(['InvalidAMIID.NotFound', 'InvalidAMIID.Malformed', 'InvalidAMIID.Unavailable']);
async function describeBatch(region, ids, clients, calls) {
    try {
        // Deprecated AMIs (EKS AMIs older than two years) must still be described.
        return await describeAllPages(region, { ImageIds: [...ids], IncludeDeprecated: true }, clients, calls);
    }
    catch (err) {
        if (err instanceof UnknownIdError) {
            return describeAllPages(region, { Filters: [{ Name: 'image-id', Values: [...ids] }], IncludeDeprecated: true }, clients, calls);
        }
        throw err;
    }
}
class UnknownIdError extends Error {
}
async function describeAllPages(region, input, clients, calls) {
    const images = [];
    let nextToken;
    do {
        const page = { ...input, ...(nextToken ? { NextToken: nextToken } : {}) };
        calls['ec2:DescribeImages'] += 1;
        let out;
        try {
            out = await clients.ec2(region).send(new client_ec2_1.DescribeImagesCommand(page));
        }
        catch (err) {
            const name = err.name;
            if (typeof name === 'string' && UNKNOWN_ID_ERRORS.has(name) && input.ImageIds)
                throw new UnknownIdError(name);
            throw new FailedCall((0, errors_1.classifyAwsError)(err, 'ec2:DescribeImages', region));
        }
        images.push(...(out.Images ?? []));
        nextToken = out.NextToken;
    } while (nextToken);
    return images;
}
/**
 * The cdk.context.json entries for `results`: every image (found or `{ missing: true }`) and every
 * parameter with a value. A missing parameter gets no entry: its key holds a parameter value by
 * contract, so synth keeps asking for it and says why.
 */
function contextEntries(results) {
    const entries = {};
    for (const result of results) {
        if (result.kind === 'image')
            entries[result.contextKey] = result.value;
        else if (result.value !== undefined)
            entries[result.contextKey] = result.value;
    }
    return entries;
}
//# sourceMappingURL=lookup.js.map