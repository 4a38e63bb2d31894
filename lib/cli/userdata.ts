import { readFileSync } from 'fs';
import { resolve } from 'path';
import { intrinsicName } from '../nodes/intrinsics';
import { analyzeUserData } from '../userdata/analyze';
import { locationText } from '../userdata/location';
import type { IntrinsicValue, ResolvConfSetting, UserDataAnalysis, UserDataInput, UserDataLocation } from '../userdata/types';
import { CliCommand, parseCommandArgs, UsageError } from './io';

const USAGE = `Usage: eks-node-guard userdata <file|-> [--json]

Analyses one EC2 user data file (raw text, base64, gzip, or a JSON CloudFormation value such as
{"Fn::Base64": ...}) and shows what the kubelet gets for --resolv-conf. '-' reads standard input.
It reports; it does not judge: the exit code is 0 whenever the file could be read.

Options:
  --json     print the full analysis model as JSON
  -h, --help show this help`;

/** `eks-node-guard userdata <file> [--json]`. */
export const userdataCommand: CliCommand = async (args, io) => {
  const parsed = parseCommandArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (parsed.values.help) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError('expected exactly one file argument (or - for standard input)');
  const file = parsed.positionals[0];
  let bytes: Buffer;
  try {
    bytes = file === '-' ? await io.readStdin() : readFileSync(resolve(io.cwd, file));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${file}${code ? ` (${code})` : ''}`);
  }
  const analysis = analyzeUserData(userDataInput(bytes));
  io.stdout(parsed.values.json ? JSON.stringify(analysis, null, 2) + '\n' : summary(analysis));
  return 0;
};

/**
 * What the file holds: a JSON CloudFormation value (an array, a string, or an object that is a
 * `Ref`/`Fn::*` call) becomes an intrinsic tree; anything else (including a JSON NodeConfig) is
 * user data bytes.
 */
function userDataInput(bytes: Buffer): UserDataInput {
  const head = bytes.subarray(0, 64).toString('utf8').trimStart();
  if (!/^[[{"]/.test(head)) return new Uint8Array(bytes);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return new Uint8Array(bytes);
  }
  const isCall = intrinsicName(value as IntrinsicValue) !== undefined;
  return Array.isArray(value) || typeof value === 'string' || isCall ? (value as IntrinsicValue) : new Uint8Array(bytes);
}

function where(location: UserDataLocation | undefined): string {
  return location ? locationText(location) : '';
}

/** ` in /etc/…/10-dns.conf` for a setting read from a systemd file, whose name decides precedence. */
function fileText(setting: ResolvConfSetting): string {
  return setting.file === undefined ? '' : ` in ${setting.file}`;
}

/** The human summary: effective resolv-conf first, then how the node boots, then problems. */
export function summary(a: UserDataAnalysis): string {
  const out: string[] = [];
  const eff = a.effectiveResolvConf;
  if (eff) {
    out.push(`Effective resolv-conf: ${JSON.stringify(eff.value)} (${eff.content})`);
    if (eff.contentEvidence) out.push(`  content:   ${eff.contentEvidence}`);
    out.push(`  mechanism: ${eff.mechanism} at ${where(eff.location)}`);
    if (eff.file) out.push(`  file:      ${eff.file}`);
    const overridden = a.resolvConfSettings.slice(0, -1);
    for (const s of overridden) out.push(`  overrides: ${JSON.stringify(s.value)} (${s.content}) via ${s.mechanism} at ${where(s.location)}${fileText(s)}`);
  } else {
    out.push('Effective resolv-conf: not set (the kubelet uses its default)');
  }
  const boot = [a.usesBootstrapSh ? `bootstrap.sh (${a.bootstrapCalls.length} call${a.bootstrapCalls.length === 1 ? '' : 's'})` : undefined, a.usesNodeadm ? 'nodeadm NodeConfig' : undefined].filter(Boolean);
  out.push(`Bootstrap: ${boot.length ? boot.join(', ') : 'none found'}`);
  out.push(`OS: ${a.os}; formats: ${a.formats.join(' > ') || 'none'}; ${a.rawBytesApproximate ? 'about ' : ''}${a.rawBytes} bytes raw, ${a.decodedBytes} decoded`);
  out.push(`Kubelet flags: ${a.kubeletFlags.length ? a.kubeletFlags.map((f) => (f.value === undefined ? f.name : `${f.name}=${f.value}`)).join(' ') : 'none'}`);
  if (a.problems.length) {
    out.push(`Problems (${a.problems.length}):`);
    for (const p of a.problems) {
      const at = where(p.location);
      out.push(`  [${p.code}]${p.mayAffectResolvConf ? ' may affect resolv-conf:' : ''} ${p.reason}${at ? ` (${at})` : ''}`);
    }
  } else {
    out.push('Problems: none');
  }
  return out.join('\n') + '\n';
}
