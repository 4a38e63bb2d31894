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
exports.nodeContextFileFs = void 0;
exports.parseContextFile = parseContextFile;
exports.readContextFile = readContextFile;
exports.mergeContext = mergeContext;
exports.formatContextFile = formatContextFile;
exports.updateContextFile = updateContextFile;
/**
 * Reading and updating cdk.context.json: only `eks-node-guard:` keys change, every other key keeps
 * its value, and the file is replaced atomically (or not at all).
 */
const fs_1 = require("fs");
const path = __importStar(require("path"));
const types_1 = require("./types");
/** The real file system. */
exports.nodeContextFileFs = {
    readFile: async (file) => {
        try {
            return await fs_1.promises.readFile(file);
        }
        catch (err) {
            if (err.code === 'ENOENT')
                return undefined;
            throw err;
        }
    },
    writeFile: (file, data) => fs_1.promises.writeFile(file, data, { flag: 'wx' }),
    rename: (from, to) => fs_1.promises.rename(from, to),
    unlink: (file) => fs_1.promises.unlink(file),
};
/** Parses context file text; absent text is an empty context. Corrupt JSON is a problem, not an exception. */
function parseContextFile(text, file) {
    if (text === undefined)
        return { kind: 'ok', context: {} };
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (err) {
        return { kind: 'problem', message: `${file} is not valid JSON (${err.message}); fix or delete it, it was left unchanged` };
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
        return { kind: 'problem', message: `${file} does not hold a JSON object; fix or delete it, it was left unchanged` };
    }
    return { kind: 'ok', context: data, text };
}
/** Reads and parses the context file (absent: empty); `lookup` checks it before calling AWS. */
async function readContextFile(file, fs = exports.nodeContextFileFs) {
    let raw;
    try {
        raw = await fs.readFile(file);
    }
    catch (err) {
        return { kind: 'problem', message: `cannot read ${file}: ${err.message.split('\n')[0]}` };
    }
    return parseContextFile(raw?.toString('utf8'), file);
}
/**
 * `existing` with `entries` set; entries must all be `eks-node-guard:` keys. Other keys keep their
 * place and value; guard keys not in `entries` are kept too (an older lookup's answers stay valid).
 */
function mergeContext(existing, entries) {
    const merged = { ...existing };
    for (const [key, value] of Object.entries(entries)) {
        if (!key.startsWith(types_1.CONTEXT_PREFIX))
            throw new Error(`refusing to write context key outside ${types_1.CONTEXT_PREFIX}: ${key}`);
        merged[key] = value;
    }
    return merged;
}
/** Context file text as the CDK CLI writes it: 2-space JSON and a final newline. */
function formatContextFile(context) {
    return JSON.stringify(context, undefined, 2) + '\n';
}
/**
 * Merges `entries` into the context file and replaces it atomically: the new text goes to a
 * temporary file in the same directory (same file system, so rename is atomic), then renamed over
 * the original. On any failure the temporary file is removed and the original is untouched.
 */
async function updateContextFile(file, entries, fs = exports.nodeContextFileFs) {
    const read = await readContextFile(file, fs);
    if (read.kind === 'problem')
        return read;
    const text = formatContextFile(mergeContext(read.context, entries));
    if (text === read.text)
        return { kind: 'unchanged', file };
    const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
    try {
        await fs.writeFile(temp, text);
        await fs.rename(temp, file);
    }
    catch (err) {
        await fs.unlink(temp).catch(() => undefined);
        return { kind: 'problem', message: `cannot write ${file}: ${err.message.split('\n')[0]}; it was left unchanged` };
    }
    return { kind: 'written', file, keys: Object.keys(entries).length };
}
//# sourceMappingURL=context-file.js.map