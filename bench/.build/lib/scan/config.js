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
exports.readConfigFile = readConfigFile;
exports.containerdFlags = containerdFlags;
exports.readContextFiles = readContextFiles;
/**
 * Scan configuration from files and flags: the `--config` JSON file, `--containerd KEY=VERSION`
 * overrides, and CDK context files. Bad configuration is a {@link UsageError} (exit code 2).
 */
const fs = __importStar(require("fs"));
const path = __importStar(require("path"));
const io_1 = require("../cli/io");
/** The keys a `--config` file may hold (the scan's subset of {@link GuardOptions}). */
const CONFIG_KEYS = ['containerd', 'strict', 'rules', 'skipRules', 'unknownContainerd'];
/** Upstream containerd versions look like `1.7.22` (a package suffix such as `-1.amzn2.0.2` is allowed). */
const CONTAINERD_VERSION = /^\d+\.\d+(\.\d+)?([-+~].*)?$/;
function readJsonFile(file, what) {
    let text;
    try {
        text = fs.readFileSync(file, 'utf8');
    }
    catch (err) {
        throw new io_1.UsageError(`${what} ${file}: cannot read (${err.code ?? 'error'})`);
    }
    try {
        return JSON.parse(text);
    }
    catch (err) {
        throw new io_1.UsageError(`${what} ${file}: invalid JSON (${err.message.split('\n')[0]})`);
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function stringList(value, key, file) {
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string'))
        throw new io_1.UsageError(`config ${file}: "${key}" must be a list of rule ids`);
    return value;
}
function containerdMap(value, where) {
    if (!isRecord(value))
        throw new io_1.UsageError(`${where}: "containerd" must be an object of KEY: VERSION`);
    const out = {};
    for (const [key, version] of Object.entries(value)) {
        if (typeof version !== 'string' || !CONTAINERD_VERSION.test(version))
            throw new io_1.UsageError(`${where}: containerd version for ${key} must look like 1.7.22, got ${JSON.stringify(version)}`);
        out[key] = version;
    }
    return out;
}
/** Reads a `--config` file into guard options. */
function readConfigFile(file) {
    const config = readJsonFile(file, 'config');
    if (!isRecord(config))
        throw new io_1.UsageError(`config ${file}: must be a JSON object`);
    const unknown = Object.keys(config).filter((k) => !CONFIG_KEYS.includes(k));
    if (unknown.length > 0)
        throw new io_1.UsageError(`config ${file}: unknown key "${unknown[0]}" (known: ${CONFIG_KEYS.join(', ')})`);
    if (config.strict !== undefined && typeof config.strict !== 'boolean')
        throw new io_1.UsageError(`config ${file}: "strict" must be true or false`);
    if (config.unknownContainerd !== undefined && config.unknownContainerd !== 'error' && config.unknownContainerd !== 'warning') {
        throw new io_1.UsageError(`config ${file}: "unknownContainerd" must be "error" or "warning"`);
    }
    return {
        strict: config.strict,
        containerd: config.containerd === undefined ? undefined : containerdMap(config.containerd, `config ${file}`),
        rules: config.rules === undefined ? undefined : stringList(config.rules, 'rules', file),
        skipRules: config.skipRules === undefined ? undefined : stringList(config.skipRules, 'skipRules', file),
        unknownContainerd: config.unknownContainerd,
    };
}
/** `KEY=VERSION` flags as an override map. */
function containerdFlags(flags) {
    const pairs = flags.map((flag) => {
        const eq = flag.indexOf('=');
        if (eq <= 0)
            throw new io_1.UsageError(`--containerd expects KEY=VERSION (an AMI id, AMI name, SSM parameter or release version), got '${flag}'`);
        return [flag.slice(0, eq), flag.slice(eq + 1)];
    });
    return containerdMap(Object.fromEntries(pairs), '--containerd');
}
/**
 * The CDK context to read AMI facts from: `cdk.context.json` in the directory that holds each
 * scanned cdk.out (where the CDK CLI keeps it), then each `--context` file; later files win.
 */
function readContextFiles(contextFiles, assemblyDirs) {
    const discovered = assemblyDirs.map((dir) => path.join(path.dirname(dir), 'cdk.context.json')).filter((file) => fs.existsSync(file));
    const merged = {};
    for (const file of new Set([...discovered, ...contextFiles])) {
        const context = readJsonFile(file, 'context');
        if (!isRecord(context))
            throw new io_1.UsageError(`context ${file}: must be a JSON object`);
        Object.assign(merged, context);
    }
    return merged;
}
//# sourceMappingURL=config.js.map