/**
 * Scan configuration from files and flags: the `--config` JSON file, `--containerd KEY=VERSION`
 * overrides, and CDK context files. Bad configuration is a {@link UsageError} (exit code 2).
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from '../nodes/intrinsics';
import { UsageError } from '../cli/io';
import { containerdOverrideProblem, type GuardOptions } from '../options';
import { unknownRuleProblem } from '../rules';

/** The keys a `--config` file may hold (the scan's subset of {@link GuardOptions}). */
const CONFIG_KEYS = ['containerd', 'strict', 'rules', 'skipRules', 'unknownContainerd'] as const;

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`${what} ${file}: cannot read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${what} ${file}: invalid JSON (${(err as Error).message.split('\n')[0]})`);
  }
}


/** A list of known rule ids; checked here so a typo is a usage error (exit 2), like any bad config. */
function ruleIdList(value: unknown, key: string, file: string): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new UsageError(`config ${file}: "${key}" must be a list of rule ids`);
  const problem = value.map(unknownRuleProblem).find((p) => p !== undefined);
  if (problem) throw new UsageError(`config ${file}: "${key}": ${problem}`);
  return value;
}

function containerdMap(value: unknown, where: string): Record<string, string> {
  if (!isRecord(value)) throw new UsageError(`${where}: "containerd" must be an object of KEY: VERSION`);
  const out: Record<string, string> = {};
  for (const [key, version] of Object.entries(value)) {
    const problem = containerdOverrideProblem(key, version);
    if (problem) throw new UsageError(`${where}: ${problem}`);
    out[key] = version as string;
  }
  return out;
}

/** Reads a `--config` file into guard options. */
export function readConfigFile(file: string): GuardOptions {
  const config = readJsonFile(file, 'config');
  if (!isRecord(config)) throw new UsageError(`config ${file}: must be a JSON object`);
  const unknown = Object.keys(config).filter((k) => !(CONFIG_KEYS as readonly string[]).includes(k));
  if (unknown.length > 0) throw new UsageError(`config ${file}: unknown key "${unknown[0]}" (known: ${CONFIG_KEYS.join(', ')})`);
  if (config.strict !== undefined && typeof config.strict !== 'boolean') throw new UsageError(`config ${file}: "strict" must be true or false`);
  if (config.unknownContainerd !== undefined && config.unknownContainerd !== 'error' && config.unknownContainerd !== 'warning') {
    throw new UsageError(`config ${file}: "unknownContainerd" must be "error" or "warning"`);
  }
  return {
    strict: config.strict as boolean | undefined,
    containerd: config.containerd === undefined ? undefined : containerdMap(config.containerd, `config ${file}`),
    rules: config.rules === undefined ? undefined : ruleIdList(config.rules, 'rules', file),
    skipRules: config.skipRules === undefined ? undefined : ruleIdList(config.skipRules, 'skipRules', file),
    unknownContainerd: config.unknownContainerd as GuardOptions['unknownContainerd'],
  };
}

/** `KEY=VERSION` flags as an override map. */
export function containerdFlags(flags: readonly string[]): Record<string, string> {
  const pairs = flags.map((flag) => {
    const eq = flag.indexOf('=');
    if (eq <= 0) throw new UsageError(`--containerd expects KEY=VERSION (an AMI id, AMI name, SSM parameter or release version), got '${flag}'`);
    return [flag.slice(0, eq), flag.slice(eq + 1)] as const;
  });
  return containerdMap(Object.fromEntries(pairs), '--containerd');
}

/**
 * The CDK context to read AMI facts from: `cdk.context.json` in the directory that holds each
 * scanned cdk.out (where the CDK CLI keeps it), then each `--context` file; later files win.
 */
export function readContextFiles(contextFiles: readonly string[], assemblyDirs: readonly string[]): Record<string, unknown> {
  const discovered = assemblyDirs.map((dir) => path.join(path.dirname(dir), 'cdk.context.json')).filter((file) => fs.existsSync(file));
  const merged: Record<string, unknown> = {};
  for (const file of new Set([...discovered, ...contextFiles])) {
    const context = readJsonFile(file, 'context');
    if (!isRecord(context)) throw new UsageError(`context ${file}: must be a JSON object`);
    Object.assign(merged, context);
  }
  return merged;
}
