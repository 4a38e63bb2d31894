/**
 * Runs the `analyzeUserData` timings (input forms, and size scaling) in their own process (same
 * runtime as the synth children) and prints them as one JSON line.
 *
 *   node bench/.bench/build/bench/userdata-child.js <calls> <warmup>
 */
import { timeUserDataAnalysis, timeUserDataScaling, UserDataTimings } from './userdata-bench';

const [calls, warmup] = process.argv.slice(2).map(Number);
const options = { calls: calls || undefined, warmup: warmup || undefined };
const timings: UserDataTimings = { forms: timeUserDataAnalysis(options), scaling: timeUserDataScaling(options) };
process.stdout.write(JSON.stringify(timings) + '\n');
