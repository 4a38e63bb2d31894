/**
 * `eks-node-guard scan <path>...`: the guard's rules on CloudFormation templates or a cdk.out
 * directory, reported as a table, JSON or SARIF.
 */
import * as fs from 'fs';
import * as path from 'path';
import { renderLookupRequest } from '../lookup/request';
import { lookupRequestFor } from '../lookup/wanted';
import { buildJsonReport, renderJsonReport } from '../report/json';
import { buildSarifReport } from '../report/sarif';
import { renderTable, summaryLine } from '../report/table';
import { ALL_RULES } from '../rules';
import type { RuleOptions } from '../rules/rule';
import { containerdFlags, readConfigFile, readContextFiles } from '../scan/config';
import { amiFactsForContext } from '../nodes/context-facts';
import { readScanInputs } from '../scan/inputs';
import { scanTemplates, type ScanResult } from '../scan/scan';
import { CliCommand, CliIo, parseCommandArgs, UsageError } from './io';

const FORMATS = ['table', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: eks-node-guard scan <path>... [options]

Checks EKS node groups, launch templates, auto scaling groups, launch configurations and
instances in CloudFormation templates (JSON or YAML) or cdk.out directories (all stacks,
nested stacks and Stages). Use - to read one template from standard input.

Options:
  --format <table|json|sarif>  output format (default: table)
  --output <file>              write the report to a file instead of standard output
  --fail-on <error|warning>    lowest severity that makes the exit code 1 (default: error)
  --strict                     report unanalysable user data as errors
  --containerd <KEY=VERSION>   containerd version of an AMI id, AMI name, SSM parameter or
                               release version (repeatable), e.g. ami-0abc=1.7.11
  --config <file>              JSON file: {"containerd": {...}, "strict": bool, "rules": [...], "skipRules": [...]}
  --context <file>             CDK context file with lookup results (repeatable; default:
                               cdk.context.json next to each cdk.out)
  --lookups <file>             write what only AWS can answer (AMI ids, SSM parameters) to this
                               file, for 'eks-node-guard lookup --app <file>'

Exit codes: 0 no errors, 1 errors found (or warnings with --fail-on warning), 2 usage or input error,
3 internal error (a bug: please report it).
`;

interface ScanArgs {
  readonly paths: string[];
  readonly format: Format;
  readonly output?: string;
  readonly failOn: 'error' | 'warning';
  readonly strict: boolean;
  readonly containerd: string[];
  readonly config?: string;
  readonly contexts: string[];
  readonly lookups?: string;
  readonly help: boolean;
}

function parseScanArgs(args: string[]): ScanArgs {
  const parsed = parseCommandArgs(
    {
      args,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        strict: { type: 'boolean' },
        containerd: { type: 'string', multiple: true },
        config: { type: 'string' },
        context: { type: 'string', multiple: true },
        lookups: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    },
    ' (see eks-node-guard scan --help)',
  );
  const { values, positionals } = parsed;
  const format = values.format ?? 'table';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${format}'`);
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning') throw new UsageError(`--fail-on must be error or warning, got '${failOn}'`);
  return {
    paths: positionals,
    format: format as Format,
    output: values.output,
    failOn,
    strict: values.strict ?? false,
    containerd: values.containerd ?? [],
    config: values.config,
    contexts: values.context ?? [],
    lookups: values.lookups,
    help: values.help ?? false,
  };
}

/** Config file first, flags over it; findings point at the `--lookups` file, when there is one. */
function ruleOptionsOf(args: ScanArgs, cwd: string): RuleOptions {
  const fromFile = args.config ? readConfigFile(path.resolve(cwd, args.config)) : {};
  const containerd = { ...fromFile.containerd, ...containerdFlags(args.containerd) };
  return {
    ...fromFile,
    strict: args.strict || fromFile.strict,
    containerd: Object.keys(containerd).length > 0 ? containerd : undefined,
    lookupRoute: args.lookups ? { kind: 'file', file: args.lookups } : { kind: 'none' },
  };
}

/** Writes `text` to the file an option names; a failure is the user's to fix (exit 2). */
function writeOptionFile(option: string, file: string, cwd: string, text: string): void {
  try {
    fs.writeFileSync(path.resolve(cwd, file), text);
  } catch (err) {
    throw new UsageError(`${option} ${file}: cannot write (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** Writes the lookup request of the judged nodes to `--lookups`; says so when it asks for something. */
function writeLookupRequest(result: ScanResult, file: string, io: CliIo): void {
  const request = lookupRequestFor(result.nodes);
  writeOptionFile('--lookups', file, io.cwd, renderLookupRequest(request));
  const items = request.images.length + request.ssmParameters.length;
  if (items > 0) io.stderr(`eks-node-guard scan: note: wrote ${items} lookup item(s) to ${file}; answer them with 'eks-node-guard lookup --app ${file}'\n`);
}

function render(result: ScanResult, args: ScanArgs, io: CliIo): string {
  switch (args.format) {
    case 'json':
      return renderJsonReport(buildJsonReport(result.findings, result.suppressed, { nodes: result.nodes }));
    case 'sarif': {
      const texts = new Map(result.templates.map((t) => [t.file, t.text]));
      return `${JSON.stringify(buildSarifReport(result.findings, result.suppressed, { rules: ALL_RULES, baseDir: io.cwd, templateText: (file) => texts.get(file) }), undefined, 2)}\n`;
    }
    case 'table':
      // Colour only for a terminal, and never into a file.
      return renderTable(result.findings, result.suppressed, { colour: io.isTty && !args.output && !io.env.NO_COLOR, nodes: result.nodes.length });
  }
}

/** 1 when a finding at or above the `--fail-on` severity remains after suppressions. */
function exitCodeOf(result: ScanResult, failOn: ScanArgs['failOn']): number {
  const failing = result.findings.some((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'));
  return failing ? 1 : 0;
}

/** The `scan` command. */
export const scanCommand: CliCommand = async (rawArgs, io) => {
  const args = parseScanArgs(rawArgs);
  if (args.help) {
    io.stdout(USAGE);
    return 0;
  }
  if (args.paths.length === 0) throw new UsageError('give at least one template file or cdk.out directory (see eks-node-guard scan --help)');
  const options = ruleOptionsOf(args, io.cwd);
  const stdin = args.paths.includes('-') ? (await io.readStdin()).toString('utf8') : undefined;
  const inputs = readScanInputs(args.paths, io.cwd, stdin);
  if (inputs.problems.length > 0) {
    const [first, ...rest] = inputs.problems;
    throw new UsageError(`${first.path}: ${first.problem}${rest.length > 0 ? ` (and ${rest.length} more input problem${rest.length === 1 ? '' : 's'})` : ''}`);
  }
  for (const note of inputs.notes) io.stderr(`eks-node-guard scan: note: ${note}\n`);
  if (inputs.templates.length === 0) throw new UsageError(`no CloudFormation templates found in ${args.paths.join(', ')}`);
  const amiFacts = amiFactsForContext(readContextFiles(args.contexts.map((c) => path.resolve(io.cwd, c)), inputs.assemblyDirs));
  const result = scanTemplates(inputs, options, amiFacts);
  if (args.lookups) writeLookupRequest(result, args.lookups, io);
  const report = render(result, args, io);
  if (args.output) {
    writeOptionFile('--output', args.output, io.cwd, report);
    io.stdout(`${summaryLine(result.findings, result.suppressed, result.nodes.length)}; ${args.format} report written to ${args.output}\n`);
  } else {
    io.stdout(report);
  }
  return exitCodeOf(result, args.failOn);
};
