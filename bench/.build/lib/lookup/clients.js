"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.sdkClientFactory = sdkClientFactory;
exports.sdkDefaultRegion = sdkDefaultRegion;
/**
 * Real AWS SDK clients for `lookup`, one per service and region.
 */
const client_ec2_1 = require("@aws-sdk/client-ec2");
const client_ssm_1 = require("@aws-sdk/client-ssm");
/** A {@link LookupClientFactory} that creates each SDK client once per region and reuses it. */
function sdkClientFactory(options = {}) {
    const config = (region) => ({
        region,
        ...(options.profile ? { profile: options.profile } : {}),
        ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.credentials ? { credentials: options.credentials } : {}),
    });
    const ec2 = new Map();
    const ssm = new Map();
    return {
        ec2: (region) => cached(ec2, region, () => new client_ec2_1.EC2Client(config(region))),
        ssm: (region) => cached(ssm, region, () => new client_ssm_1.SSMClient(config(region))),
        // Closes keep-alive sockets so the process (or a test) can exit at once.
        destroy: () => [...ec2.values(), ...ssm.values()].forEach((c) => c.destroy()),
    };
}
function cached(clients, region, create) {
    const existing = clients.get(region);
    if (existing)
        return existing;
    const client = create();
    clients.set(region, client);
    return client;
}
/**
 * The region the SDK would use with no region given: AWS_REGION, then the profile's `region` in
 * ~/.aws/config. Undefined when neither says.
 */
async function sdkDefaultRegion(profile) {
    const client = new client_ssm_1.SSMClient(profile ? { profile } : {});
    try {
        const region = await client.config.region();
        return region || undefined;
    }
    catch {
        // The SDK throws "Region is missing" when nothing configures one: that is an answer here.
        return undefined;
    }
    finally {
        client.destroy();
    }
}
//# sourceMappingURL=clients.js.map