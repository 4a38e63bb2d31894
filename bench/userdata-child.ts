/**
 * Runs the `analyzeUserData` timing in its own process (same runtime as the synth children) and
 * prints the timings as one JSON line.
 *
 *   node bench/.bench/build/bench/userdata-child.js <calls> <warmup>
 */
import { timeUserDataAnalysis } from './userdata-bench';

const [calls, warmup] = process.argv.slice(2).map(Number);
process.stdout.write(JSON.stringify(timeUserDataAnalysis({ calls: calls || undefined, warmup: warmup || undefined })) + '\n');
