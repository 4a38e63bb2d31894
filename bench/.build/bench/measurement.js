"use strict";
/** What a synth child measures, and the statistics over repetitions. */
Object.defineProperty(exports, "__esModule", { value: true });
exports.VARIANTS = void 0;
exports.isVariant = isVariant;
exports.median = median;
/** The three ways the synthetic app is synthesized. */
exports.VARIANTS = ['baseline', 'guard', 'cdk-nag'];
function isVariant(value) {
    return exports.VARIANTS.includes(value ?? '');
}
/** Median of a non-empty list (mean of the two middle values for an even count). */
function median(values) {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
//# sourceMappingURL=measurement.js.map