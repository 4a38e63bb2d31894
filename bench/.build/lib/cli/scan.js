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
exports.scanCommand = void 0;
/**
 * `eks-node-guard scan <path>...`: the guard's rules on CloudFormation templates or a cdk.out
 * directory, reported as a table, JSON or SARIF.
 */
const fs = __importStar(require("fs"));
const path = __importStar(require("path"));
const util_1 = require("util");
const json_1 = require("../report/json");
const sarif_1 = require("../report/sarif");
const table_1 = require("../report/table");
const rules_1 = require("../rules");
const config_1 = require("../scan/config");
const context_1 = require("../scan/context");
const inputs_1 = require("../scan/inputs");
const scan_1 = require("../scan/scan");
const io_1 = require("./io");
const FORMATS = ['table', 'json', 'sarif'];
const USAGE = `Usage: eks-node-guard scan <path>... [options]

Checks EKS node groups, launch templates, auto scaling groups, launch configurations and
instances in CloudFormation templates (JSON or YAML) or cdk.out directories (all stacks,
nested stacks and Stages). Use - to read one template from standard input.

Options:
  --format <table|json|sarif>  output format (default: table)
  --output <file>              write the report to a file instead of standard output
  --fail-on <error|warning>    lowest severity that makes the exit code 1 (default: error)
  --strict                     report unanalysable user data as errors
  --containerd <KEY=VERSION>   containerd version of an AMI id, AMI name, SSM parameter or
                               release version (repeatable), e.g. ami-0abc=1.7.11
  --config <file>              JSON file: {"containerd": {...}, "strict": bool, "rules": [...], "skipRules": [...]}
  --context <file>             CDK context file with lookup results (repeatable; default:
                               cdk.context.json next to each cdk.out)

Exit codes: 0 no errors, 1 errors found (or warnings with --fail-on warning), 2 usage or input error.
`;
function parseScanArgs(args) {
    let parsed;
    try {
        parsed = (0, util_1.parseArgs)({
            args,
            allowPositionals: true,
            strict: true,
            options: {
                format: { type: 'string', short: 'f' },
                output: { type: 'string', short: 'o' },
                'fail-on': { type: 'string' },
                strict: { type: 'boolean' },
                containerd: { type: 'string', multiple: true },
                config: { type: 'string' },
                context: { type: 'string', multiple: true },
                help: { type: 'boolean', short: 'h' },
            },
        });
    }
    catch (err) {
        throw new io_1.UsageError(`${err.message.split('\n')[0]} (see eks-node-guard scan --help)`);
    }
    const { values, positionals } = parsed;
    const format = values.format ?? 'table';
    if (!FORMATS.includes(format))
        throw new io_1.UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
    const failOn = values['fail-on'] ?? 'error';
    if (failOn !== 'error' && failOn !== 'warning')
        throw new io_1.UsageError(`--fail-on must be error or warning, got '${failOn}'`);
    return {
        paths: positionals,
        format: format,
        output: values.output,
        failOn,
        strict: values.strict ?? false,
        containerd: values.containerd ?? [],
        config: values.config,
        contexts: values.context ?? [],
        help: values.help ?? false,
    };
}
/** Config file first, flags over it. */
function guardOptionsOf(args, cwd) {
    const fromFile = args.config ? (0, config_1.readConfigFile)(path.resolve(cwd, args.config)) : {};
    const containerd = { ...fromFile.containerd, ...(0, config_1.containerdFlags)(args.containerd) };
    return {
        ...fromFile,
        strict: args.strict || fromFile.strict,
        containerd: Object.keys(containerd).length > 0 ? containerd : undefined,
    };
}
function render(result, args, io) {
    switch (args.format) {
        case 'json':
            return (0, json_1.renderJsonReport)((0, json_1.buildJsonReport)(result.findings, result.suppressed, { nodes: result.nodes.length }));
        case 'sarif': {
            const texts = new Map(result.templates.map((t) => [t.file, t.text]));
            return `${JSON.stringify((0, sarif_1.buildSarifReport)(result.findings, result.suppressed, { rules: rules_1.ALL_RULES, baseDir: io.cwd, templateText: (file) => texts.get(file) }), undefined, 2)}\n`;
        }
        case 'table':
            // Colour only for a terminal, and never into a file.
            return (0, table_1.renderTable)(result.findings, result.suppressed, { colour: io.isTty && !args.output && !io.env.NO_COLOR, nodes: result.nodes.length });
    }
}
/** 1 when a finding at or above the `--fail-on` severity remains after suppressions. */
function exitCodeOf(result, failOn) {
    const failing = result.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
    return failing ? 1 : 0;
}
/** The `scan` command. */
const scanCommand = async (rawArgs, io) => {
    const args = parseScanArgs(rawArgs);
    if (args.help) {
        io.stdout(USAGE);
        return 0;
    }
    if (args.paths.length === 0)
        throw new io_1.UsageError('give at least one template file or cdk.out directory (see eks-node-guard scan --help)');
    const options = guardOptionsOf(args, io.cwd);
    const stdin = args.paths.includes('-') ? (await io.readStdin()).toString('utf8') : undefined;
    const inputs = (0, inputs_1.readScanInputs)(args.paths, io.cwd, stdin);
    if (inputs.problems.length > 0) {
        const [first, ...rest] = inputs.problems;
        throw new io_1.UsageError(`${first.path}: ${first.problem}${rest.length > 0 ? ` (and ${rest.length} more input problem${rest.length === 1 ? '' : 's'})` : ''}`);
    }
    if (inputs.templates.length === 0)
        throw new io_1.UsageError(`no CloudFormation templates found in ${args.paths.join(', ')}`);
    const amiFacts = (0, context_1.amiFactsForContext)((0, config_1.readContextFiles)(args.contexts.map((c) => path.resolve(io.cwd, c)), inputs.assemblyDirs));
    const result = (0, scan_1.scanTemplates)(inputs, options, amiFacts);
    const report = render(result, args, io);
    if (args.output) {
        const target = path.resolve(io.cwd, args.output);
        try {
            fs.writeFileSync(target, report);
        }
        catch (err) {
            throw new io_1.UsageError(`--output ${args.output}: cannot write (${err.code ?? 'error'})`);
        }
        io.stdout(`${(0, table_1.summaryLine)(result.findings, result.suppressed, result.nodes.length)}; ${args.format} report written to ${args.output}\n`);
    }
    else {
        io.stdout(report);
    }
    return exitCodeOf(result, args.failOn);
};
exports.scanCommand = scanCommand;
//# sourceMappingURL=scan.js.map