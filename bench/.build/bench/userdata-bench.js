"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.timeUserDataAnalysis = timeUserDataAnalysis;
/**
 * Times `analyzeUserData` on a 16 KB MIME multipart user data: median per call over many calls,
 * after warm-up, for each form the user data reaches a template in.
 */
const perf_hooks_1 = require("perf_hooks");
const zlib_1 = require("zlib");
const lib_1 = require("../lib");
const measurement_1 = require("./measurement");
const userdata_1 = require("./userdata");
/** Times the analysis of the same document as plain text, base64, gzip+base64 and `Fn::Base64` of `Fn::Join` with a `Ref`. */
function timeUserDataAnalysis(options = {}) {
    const document = (0, userdata_1.largeMimeUserData)(options.bytes ?? 16 * 1024);
    // The intrinsic form: the cluster name as a Ref hole, as CDK renders a token in a string.
    const [head, tail] = splitAround(document, 'bench-cluster');
    const forms = [
        { form: 'MIME text', input: document },
        { form: 'base64', input: Buffer.from(document).toString('base64') },
        { form: 'gzip + base64', input: (0, zlib_1.gzipSync)(document).toString('base64') },
        { form: 'Fn::Base64(Fn::Join + Ref)', input: { 'Fn::Base64': { 'Fn::Join': ['', [head, { Ref: 'Cluster' }, tail]] } } },
    ];
    return forms.map(({ form, input }) => timeOne(form, input, Buffer.byteLength(document), options));
}
function timeOne(form, input, documentBytes, options) {
    const warmup = options.warmup ?? 200;
    const calls = options.calls ?? 2000;
    for (let i = 0; i < warmup; i++)
        (0, lib_1.analyzeUserData)(input);
    const durations = [];
    let last = (0, lib_1.analyzeUserData)(input);
    for (let i = 0; i < calls; i++) {
        const start = perf_hooks_1.performance.now();
        last = (0, lib_1.analyzeUserData)(input);
        durations.push(perf_hooks_1.performance.now() - start);
    }
    durations.sort((a, b) => a - b);
    return {
        form,
        documentBytes,
        medianMs: (0, measurement_1.median)(durations),
        p95Ms: durations[Math.min(durations.length - 1, Math.floor(durations.length * 0.95))],
        calls,
        settings: last.resolvConfSettings.length,
        problems: last.problems.length,
    };
}
function splitAround(text, needle) {
    const at = text.indexOf(needle);
    return [text.slice(0, at), text.slice(at + needle.length)];
}
//# sourceMappingURL=userdata-bench.js.map