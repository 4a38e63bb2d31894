"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.lookupCommand = void 0;
exports.createLookupCommand = createLookupCommand;
/**
 * `eks-node-guard lookup`: answers the AMI ids and SSM parameters synth could not resolve offline,
 * with AWS, and stores the answers in cdk.context.json for the next (offline) synth.
 */
const path = __importStar(require("path"));
const util_1 = require("util");
const clients_1 = require("../lookup/clients");
const context_file_1 = require("../lookup/context-file");
const lookup_1 = require("../lookup/lookup");
const request_1 = require("../lookup/request");
const summary_1 = require("../lookup/summary");
const types_1 = require("../lookup/types");
const io_1 = require("./io");
const USAGE = 'Usage: eks-node-guard lookup [--app <cdk.out>] [--region R] [--profile P] [--context-file <path>] [--dry-run] [--json]';
const HELP = `${USAGE}

Looks up, with AWS, the AMI ids and SSM parameters listed in ${types_1.LOOKUP_REQUEST_FILE} (written by
cdk synth into the cloud assembly) and stores the answers in cdk.context.json, so the next
cdk synth can check the nodes' containerd with no network.

Options:
  --app <dir>            cloud assembly directory (default: cdk.out)
  --region <region>      region for items of env-agnostic stacks (default: AWS_REGION,
                         AWS_DEFAULT_REGION, then the profile's region)
  --profile <name>       AWS shared config profile (default: AWS_PROFILE)
  --context-file <path>  context file to update (default: cdk.context.json)
  --dry-run              look up and print, but do not write the context file
  --json                 print the results as a JSON array (call counts go to stderr)

IAM actions needed: ec2:DescribeImages, ssm:GetParameters.
`;
/**
 * The SDK prints a multi-line notice on Node < 22 about its own future releases; errors here are
 * one line (pipelines read the first line of stderr), so the CLI opts out unless the user chose.
 */
function quietSdkNodeVersionNotice() {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
const DEFAULT_DEPS = {
    clients: ({ profile }) => {
        quietSdkNodeVersionNotice();
        return (0, clients_1.sdkClientFactory)({ profile });
    },
    defaultRegion: (profile) => {
        quietSdkNodeVersionNotice();
        return (0, clients_1.sdkDefaultRegion)(profile);
    },
    contextFs: context_file_1.nodeContextFileFs,
    describeContainerd: summary_1.catalogContainerdDescriber,
};
function parse(args) {
    try {
        return (0, util_1.parseArgs)({
            args,
            options: {
                app: { type: 'string' },
                region: { type: 'string' },
                profile: { type: 'string' },
                'context-file': { type: 'string' },
                'dry-run': { type: 'boolean' },
                json: { type: 'boolean' },
                help: { type: 'boolean', short: 'h' },
            },
            strict: true,
            allowPositionals: false,
        }).values;
    }
    catch (err) {
        throw new io_1.UsageError(`${err.message.split('\n')[0]}. ${USAGE}`);
    }
}
/** Builds the lookup command over `deps` (tests inject mocked clients and file systems). */
function createLookupCommand(deps) {
    return async (args, io) => {
        const options = parse(args);
        if (options.help) {
            io.stdout(HELP);
            return 0;
        }
        const app = path.resolve(io.cwd, options.app ?? 'cdk.out');
        const contextFile = path.resolve(io.cwd, options['context-file'] ?? 'cdk.context.json');
        const json = options.json === true;
        const read = await (0, request_1.readLookupRequests)(app);
        if (read.kind === 'problem')
            throw new io_1.UsageError(read.message);
        const { request } = read;
        if (request.images.length + request.ssmParameters.length === 0) {
            if (json)
                io.stdout('[]\n');
            else
                io.stdout(`Nothing to look up: ${read.files.length === 0 ? `no ${types_1.LOOKUP_REQUEST_FILE} in ${path.relative(io.cwd, app) || '.'}` : 'synth resolved every AMI offline'}. ${path.basename(contextFile)} left untouched.\n`);
            return 0;
        }
        const profile = options.profile ?? io.env.AWS_PROFILE;
        let defaultRegion = options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
        const regionless = (0, lookup_1.regionlessItems)(request);
        if (regionless.length > 0 && !defaultRegion)
            defaultRegion = await deps.defaultRegion(profile);
        if (regionless.length > 0 && !defaultRegion) {
            throw new io_1.UsageError(`${regionless.length} item(s) come from env-agnostic stacks (e.g. ${regionless[0]}) and no region is configured: pass --region <region> or set AWS_REGION`);
        }
        // A corrupt context file fails before any AWS call, not after them.
        const existing = await (0, context_file_1.readContextFile)(contextFile, deps.contextFs);
        if (existing.kind === 'problem') {
            io.stderr(`eks-node-guard lookup: ${existing.message}\n`);
            return 1;
        }
        const clients = deps.clients({ profile });
        try {
            const outcome = await (0, lookup_1.performLookup)(request, clients, { defaultRegion });
            if (outcome.kind === 'needs-region')
                throw new io_1.UsageError(`no region for ${outcome.items.join(', ')}: pass --region <region>`);
            if (outcome.kind === 'failed') {
                io.stderr(`eks-node-guard lookup: ${outcome.failure.message}\n`);
                return 1;
            }
            const entries = (0, lookup_1.contextEntries)(outcome.results);
            if (json) {
                io.stdout(JSON.stringify(outcome.results, undefined, 2) + '\n');
                io.stderr((0, summary_1.callCountsLine)(outcome.calls) + '\n');
            }
            else {
                io.stdout((0, summary_1.lookupSummary)(outcome.results, outcome.calls, deps.describeContainerd).map((l) => l + '\n').join(''));
            }
            const shown = path.relative(io.cwd, contextFile) || contextFile;
            if (options['dry-run']) {
                (json ? io.stderr : io.stdout)(`Dry run: ${Object.keys(entries).length} key(s) not written to ${shown}.\n`);
                return 0;
            }
            const update = await (0, context_file_1.updateContextFile)(contextFile, entries, deps.contextFs);
            if (update.kind === 'problem') {
                io.stderr(`eks-node-guard lookup: ${update.message}\n`);
                return 1;
            }
            const done = update.kind === 'written' ? `Wrote ${update.keys} key(s) to ${shown}` : `${shown} already up to date`;
            (json ? io.stderr : io.stdout)(`${done}; run cdk synth again (no AWS access needed).\n`);
            return 0;
        }
        finally {
            clients.destroy?.();
        }
    };
}
/** `eks-node-guard lookup` with real AWS clients and the real file system. */
exports.lookupCommand = createLookupCommand(DEFAULT_DEPS);
//# sourceMappingURL=lookup.js.map