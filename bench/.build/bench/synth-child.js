"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
/**
 * One measurement, in its own process so memory and JIT state do not leak between variants:
 * builds the synthetic app, applies the variant, times `app.synth()` and prints one JSON line.
 *
 *   node --import tsx bench/synth-child.ts <variant> <nodeGroups> <outdir>
 */
const aws_cdk_lib_1 = require("aws-cdk-lib");
const perf_hooks_1 = require("perf_hooks");
const app_1 = require("./app");
const measurement_1 = require("./measurement");
/** Adds the checker of `variant` the way its documentation says; returns nothing for the baseline. */
function applyVariant(app, variant) {
    if (variant === 'guard') {
        // Loaded only here: the baseline pays neither the module load nor its memory.
        const { EksNodeGuard } = require('../lib');
        aws_cdk_lib_1.Aspects.of(app).add(new EksNodeGuard());
    }
    else if (variant === 'cdk-nag') {
        // cdk-nag 3 is a validation plugin (README: `Validations.of(app).addPlugins(new AwsSolutionsChecks(app))`).
        const { AwsSolutionsChecks } = require('cdk-nag');
        aws_cdk_lib_1.Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    }
}
function main() {
    const [variant, size, outdir] = process.argv.slice(2);
    if (!(0, measurement_1.isVariant)(variant) || !/^\d+$/.test(size ?? '') || !outdir) {
        process.stderr.write('usage: synth-child.ts <baseline|guard|cdk-nag> <nodeGroups> <outdir>\n');
        process.exit(2);
    }
    // The built-in CloudFormation validation costs seconds and would hide the checkers' own cost.
    const app = new aws_cdk_lib_1.App({ outdir, builtinCloudFormationValidation: false });
    const shape = (0, app_1.addSyntheticNodeGroups)(app, { nodeGroups: Number(size) });
    applyVariant(app, variant);
    const rssBeforeSynth = process.memoryUsage().rss;
    const start = perf_hooks_1.performance.now();
    let synthThrew;
    try {
        app.synth();
    }
    catch (err) {
        // In-process synth throws "ValidationFailed" once a validation plugin (cdk-nag) reports
        // errors; the work is done by then, and findings must not fail the measurement.
        synthThrew = err instanceof Error ? err.name + ': ' + err.message.split('\n')[0] : String(err);
    }
    const synthMs = perf_hooks_1.performance.now() - start;
    const result = {
        variant,
        nodeGroups: shape.nodeGroups,
        stacks: shape.stacks,
        legacyNodeGroups: shape.legacyNodeGroups,
        synthMs,
        // maxRSS is in kilobytes.
        peakRssMb: process.resourceUsage().maxRSS / 1024,
        rssBeforeSynthMb: rssBeforeSynth / (1024 * 1024),
        guardErrors: countGuardErrors(app),
        ...(synthThrew ? { synthThrew } : {}),
    };
    process.stdout.write(JSON.stringify(result) + '\n');
}
/** Error annotations written by the guard: proof that it did the work (and found the legacy nodes). */
function countGuardErrors(app) {
    let count = 0;
    for (const construct of app.node.findAll()) {
        for (const entry of construct.node.metadata) {
            if (entry.type === 'aws:cdk:error' && String(entry.data).startsWith('[eks-node-guard:'))
                count += 1;
        }
    }
    return count;
}
main();
//# sourceMappingURL=synth-child.js.map