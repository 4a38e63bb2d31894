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
exports.main = main;
exports.processIo = processIo;
/** Commands load lazily: `lookup` pulls in the AWS SDK, which nothing else needs. */
const COMMANDS = {
    scan: { summary: 'check CloudFormation templates or a cdk.out directory', load: async () => (await Promise.resolve().then(() => __importStar(require('./scan')))).scanCommand },
    userdata: { summary: 'analyse one user data file and show the kubelet resolv-conf', load: async () => (await Promise.resolve().then(() => __importStar(require('./userdata')))).userdataCommand },
    containerd: { summary: 'which containerd an EKS AMI ships, and whether it is affected', load: async () => (await Promise.resolve().then(() => __importStar(require('./containerd')))).containerdCommand },
    lookup: { summary: 'resolve AMI ids and SSM parameters with AWS into cdk.context.json', load: async () => (await Promise.resolve().then(() => __importStar(require('./lookup')))).lookupCommand },
};
function usage() {
    const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(11)} ${c.summary}`);
    return ['Usage: eks-node-guard <command> [options]', '', 'Commands:', ...lines, '', "Run 'eks-node-guard <command> --help' for a command's options."].join('\n');
}
/** Runs the CLI; returns the exit code (0 ok, 1 findings, 2 usage or input error). */
async function main(argv, io) {
    const [name, ...rest] = argv;
    if (!name || name === '--help' || name === '-h') {
        io.stdout(usage() + '\n');
        return name ? 0 : 2;
    }
    const command = COMMANDS[name];
    if (!command) {
        io.stderr(`eks-node-guard: unknown command '${name}'\n${usage()}\n`);
        return 2;
    }
    try {
        return await (await command.load())(rest, io);
    }
    catch (err) {
        // One line, never a stack trace: pipelines read the first line of stderr.
        const message = err instanceof Error ? err.message : String(err);
        io.stderr(`eks-node-guard ${name}: ${message.split('\n')[0]}\n`);
        return 2;
    }
}
/** The real process's IO. */
function processIo() {
    return {
        stdout: (t) => process.stdout.write(t),
        stderr: (t) => process.stderr.write(t),
        readStdin: async () => {
            const chunks = [];
            for await (const chunk of process.stdin)
                chunks.push(chunk);
            return Buffer.concat(chunks);
        },
        cwd: process.cwd(),
        env: process.env,
        isTty: Boolean(process.stdout.isTTY),
    };
}
//# sourceMappingURL=index.js.map