"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.userdataCommand = void 0;
exports.userDataInput = userDataInput;
exports.summary = summary;
const fs_1 = require("fs");
const path_1 = require("path");
const util_1 = require("util");
const analyze_1 = require("../userdata/analyze");
const io_1 = require("./io");
const USAGE = `Usage: eks-node-guard userdata <file|-> [--json]

Analyses one EC2 user data file (raw text, base64, gzip, or a JSON CloudFormation value such as
{"Fn::Base64": ...}) and shows what the kubelet gets for --resolv-conf. '-' reads standard input.
It reports; it does not judge: the exit code is 0 whenever the file could be read.

Options:
  --json     print the full analysis model as JSON
  -h, --help show this help`;
/** `eks-node-guard userdata <file> [--json]`. */
const userdataCommand = async (args, io) => {
    let parsed;
    try {
        parsed = (0, util_1.parseArgs)({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    }
    catch (err) {
        throw new io_1.UsageError(err.message);
    }
    if (parsed.values.help) {
        io.stdout(USAGE + '\n');
        return 0;
    }
    if (parsed.positionals.length !== 1)
        throw new io_1.UsageError('expected exactly one file argument (or - for standard input)');
    const file = parsed.positionals[0];
    let bytes;
    try {
        bytes = file === '-' ? await io.readStdin() : (0, fs_1.readFileSync)((0, path_1.resolve)(io.cwd, file));
    }
    catch (err) {
        const code = err.code;
        io.stderr(`eks-node-guard userdata: cannot read ${file}${code ? ` (${code})` : ''}\n`);
        return 2;
    }
    const analysis = (0, analyze_1.analyzeUserData)(userDataInput(bytes));
    io.stdout(parsed.values.json ? JSON.stringify(analysis, null, 2) + '\n' : summary(analysis));
    return 0;
};
exports.userdataCommand = userdataCommand;
/**
 * What the file holds: a JSON CloudFormation value (an array, a string, or an object that is a
 * `Ref`/`Fn::*` call) becomes an intrinsic tree; anything else (including a JSON NodeConfig) is
 * user data bytes.
 */
function userDataInput(bytes) {
    const head = bytes.subarray(0, 64).toString('utf8').trimStart();
    if (!/^[[{"]/.test(head))
        return new Uint8Array(bytes);
    let value;
    try {
        value = JSON.parse(bytes.toString('utf8'));
    }
    catch {
        return new Uint8Array(bytes);
    }
    const isCall = typeof value === 'object' && value !== null && !Array.isArray(value)
        && Object.keys(value).length === 1 && /^(Ref|Fn::.*)$/.test(Object.keys(value)[0]);
    return Array.isArray(value) || typeof value === 'string' || isCall ? value : new Uint8Array(bytes);
}
function where(location) {
    if (!location)
        return '';
    const parts = [];
    if (location.part !== undefined)
        parts.push(`part ${location.part}${location.contentType ? ` (${location.contentType})` : ''}`);
    if (location.line !== undefined)
        parts.push(`line ${location.line}`);
    return parts.join(', ');
}
/** The human summary: effective resolv-conf first, then how the node boots, then problems. */
function summary(a) {
    const out = [];
    const eff = a.effectiveResolvConf;
    if (eff) {
        out.push(`Effective resolv-conf: ${JSON.stringify(eff.value)} (${eff.content})`);
        if (eff.contentEvidence)
            out.push(`  content:   ${eff.contentEvidence}`);
        out.push(`  mechanism: ${eff.mechanism} at ${where(eff.location)}`);
        if (eff.location.text)
            out.push(`             ${eff.location.text}`);
        const overridden = a.resolvConfSettings.slice(0, -1);
        for (const s of overridden)
            out.push(`  overrides: ${JSON.stringify(s.value)} (${s.content}) via ${s.mechanism} at ${where(s.location)}`);
    }
    else {
        out.push('Effective resolv-conf: not set (the kubelet uses its default)');
    }
    const boot = [a.usesBootstrapSh ? `bootstrap.sh (${a.bootstrapCalls.length} call${a.bootstrapCalls.length === 1 ? '' : 's'})` : undefined, a.usesNodeadm ? 'nodeadm NodeConfig' : undefined].filter(Boolean);
    out.push(`Bootstrap: ${boot.length ? boot.join(', ') : 'none found'}`);
    out.push(`OS: ${a.os}; formats: ${a.formats.join(' > ') || 'none'}; ${a.rawBytes} bytes raw, ${a.decodedBytes} decoded`);
    out.push(`Kubelet flags: ${a.kubeletFlags.length ? a.kubeletFlags.map((f) => (f.value === undefined ? f.name : `${f.name}=${f.value}`)).join(' ') : 'none'}`);
    if (a.problems.length) {
        out.push(`Problems (${a.problems.length}):`);
        for (const p of a.problems) {
            const at = where(p.location);
            out.push(`  [${p.code}]${p.mayAffectResolvConf ? ' may affect resolv-conf:' : ''} ${p.reason}${at ? ` (${at})` : ''}`);
        }
    }
    else {
        out.push('Problems: none');
    }
    return out.join('\n') + '\n';
}
//# sourceMappingURL=userdata.js.map