/**
 * `eks-node-guard lookup`: answers the AMI ids and SSM parameters synth could not resolve offline,
 * with AWS, and stores the answers in cdk.context.json for the next (offline) synth.
 */
import * as path from 'path';
import { sdkClientFactory, sdkDefaultRegion } from '../lookup/clients';
import { ContextFileFs, nodeContextFileFs, readContextFile, updateContextFile } from '../lookup/context-file';
import { contextEntries, LookupClientFactory, performLookup, regionlessItems } from '../lookup/lookup';
import { readLookupRequests } from '../lookup/request';
import { callCountsLine, catalogContainerdDescriber, ContainerdDescriber, lookupSummary } from '../lookup/summary';
import { LOOKUP_REQUEST_FILE, type LookupRequest } from '../lookup/types';
import { CliCommand, parseCommandArgs, UsageError } from './io';

const USAGE = 'Usage: eks-node-guard lookup [--app <cdk.out>] [--region R] [--profile P] [--context-file <path>] [--dry-run] [--json]';

const HELP = `${USAGE}

Looks up, with AWS, the AMI ids and SSM parameters listed in ${LOOKUP_REQUEST_FILE} (written
into the cloud assembly by cdk synth with the EksNodeGuard Aspect or validation plugin, or to a
file by 'eks-node-guard scan --lookups <file>') and stores the answers in cdk.context.json, so the
next cdk synth or scan can check the nodes' containerd with no network.

Options:
  --app <dir|file>       cloud assembly directory, or a request file (default: cdk.out)
  --region <region>      region for items of env-agnostic stacks (default: AWS_REGION,
                         AWS_DEFAULT_REGION, then the profile's region)
  --profile <name>       AWS shared config profile (default: AWS_PROFILE)
  --context-file <path>  context file to update (default: cdk.context.json)
  --dry-run              look up and print, but do not write the context file
  --json                 print the results as a JSON array (call counts go to stderr)

IAM actions needed: ec2:DescribeImages, ssm:GetParameters.
`;

/** What the lookup command depends on; injectable so tests run without AWS or a real disk. */
export interface LookupCommandDeps {
  /** SDK clients for a profile (undefined: the SDK's default chain). */
  readonly clients: (options: { readonly profile?: string }) => LookupClientFactory & { readonly destroy?: () => void };
  /** The region the SDK would pick for a profile, when the command line and environment name none. */
  readonly defaultRegion: (profile?: string) => Promise<string | undefined>;
  readonly contextFs: ContextFileFs;
  /** Adds the containerd verdict to an AMI's summary line. */
  readonly describeContainerd?: ContainerdDescriber;
}

/**
 * The SDK prints a multi-line notice on Node < 22 about its own future releases; errors here are
 * one line (pipelines read the first line of stderr), so the CLI opts out unless the user chose.
 */
function quietSdkNodeVersionNotice(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

const DEFAULT_DEPS: LookupCommandDeps = {
  clients: ({ profile }) => {
    quietSdkNodeVersionNotice();
    return sdkClientFactory({ profile });
  },
  defaultRegion: (profile) => {
    quietSdkNodeVersionNotice();
    return sdkDefaultRegion(profile);
  },
  contextFs: nodeContextFileFs,
  describeContainerd: catalogContainerdDescriber,
};

function parse(args: string[]) {
  return parseCommandArgs(
    {
      args,
      options: {
        app: { type: 'string' },
        region: { type: 'string' },
        profile: { type: 'string' },
        'context-file': { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    },
    `. ${USAGE}`,
  ).values;
}

/** Why an empty request is empty: no request at all, every AMI known, or AMIs no lookup can name (listed before). */
function nothingReason(files: number, request: LookupRequest, app: string): string {
  if (files === 0) {
    return `no ${LOOKUP_REQUEST_FILE} in ${app} (the EksNodeGuard Aspect and validation plugin write it at synth; elsewhere, run 'eks-node-guard scan ${app} --lookups <file>' and pass --app <file>)`;
  }
  return request.unresolved ? 'the request lists no AMI id or SSM parameter, and no lookup can identify the AMIs above' : 'the request lists no AMI id or SSM parameter: every AMI was identified offline';
}

/** One line per reason a node's AMI cannot be looked up, with its nodes. */
function unresolvedLines(request: LookupRequest): string[] {
  return (request.unresolved ?? []).map(
    (node) => `No lookup can identify the AMI of ${node.paths.join(', ')}: ${node.reason}; set the containerd option for it, or boot an AMI the guard can identify.`,
  );
}

/** Builds the lookup command over `deps` (tests inject mocked clients and file systems). */
export function createLookupCommand(deps: LookupCommandDeps): CliCommand {
  return async (args, io) => {
    const options = parse(args);
    if (options.help) {
      io.stdout(HELP);
      return 0;
    }
    const app = path.resolve(io.cwd, options.app ?? 'cdk.out');
    const contextFile = path.resolve(io.cwd, options['context-file'] ?? 'cdk.context.json');
    const json = options.json === true;

    const read = await readLookupRequests(app);
    if (read.kind === 'problem') throw new UsageError(read.message);
    const { request } = read;
    const shownApp = path.relative(io.cwd, app) || '.';
    // Nodes no lookup can help are news either way: on stderr when stdout is JSON.
    for (const line of unresolvedLines(request)) (json ? io.stderr : io.stdout)(`${line}\n`);
    if (request.images.length + request.ssmParameters.length === 0) {
      if (json) io.stdout('[]\n');
      else io.stdout(`Nothing to look up: ${nothingReason(read.files.length, request, shownApp)}. ${path.basename(contextFile)} left untouched.\n`);
      return 0;
    }

    const profile = options.profile ?? io.env.AWS_PROFILE;
    let defaultRegion = options.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
    const regionless = regionlessItems(request);
    if (regionless.length > 0 && !defaultRegion) defaultRegion = await deps.defaultRegion(profile);
    if (regionless.length > 0 && !defaultRegion) {
      throw new UsageError(`${regionless.length} item(s) come from env-agnostic stacks (e.g. ${regionless[0]}) and no region is configured: pass --region <region> or set AWS_REGION`);
    }

    // A corrupt context file fails before any AWS call, not after them.
    const existing = await readContextFile(contextFile, deps.contextFs);
    if (existing.kind === 'problem') {
      io.stderr(`eks-node-guard lookup: ${existing.message}\n`);
      return 1;
    }

    const clients = deps.clients({ profile });
    try {
      const outcome = await performLookup(request, clients, { defaultRegion });
      if (outcome.kind === 'needs-region') throw new UsageError(`no region for ${outcome.items.join(', ')}: pass --region <region>`);
      if (outcome.kind === 'failed') {
        io.stderr(`eks-node-guard lookup: ${outcome.failure.message}\n`);
        return 1;
      }
      const entries = contextEntries(outcome.results);
      if (json) {
        io.stdout(JSON.stringify(outcome.results, undefined, 2) + '\n');
        io.stderr(callCountsLine(outcome.calls) + '\n');
      } else {
        io.stdout(lookupSummary(outcome.results, outcome.calls, deps.describeContainerd).map((l) => l + '\n').join(''));
      }
      const shown = path.relative(io.cwd, contextFile) || contextFile;
      if (options['dry-run']) {
        (json ? io.stderr : io.stdout)(`Dry run: ${Object.keys(entries).length} key(s) not written to ${shown}.\n`);
        return 0;
      }
      const update = await updateContextFile(contextFile, entries, deps.contextFs);
      if (update.kind === 'problem') {
        io.stderr(`eks-node-guard lookup: ${update.message}\n`);
        return 1;
      }
      const done = update.kind === 'written' ? `Wrote ${update.keys} key(s) to ${shown}` : `${shown} already up to date`;
      (json ? io.stderr : io.stdout)(`${done}; run cdk synth again (no AWS access needed).\n`);
      return 0;
    } finally {
      clients.destroy?.();
    }
  };
}

/** `eks-node-guard lookup` with real AWS clients and the real file system. */
export const lookupCommand: CliCommand = createLookupCommand(DEFAULT_DEPS);
