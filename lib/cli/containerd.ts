/**
 * `eks-node-guard containerd`: which containerd an EKS AMI ships and whether it is affected, offline,
 * from the embedded catalog.
 */
import { formatContainerdVersion } from '../ami/containerd-version';
import { EKS_AMI_TYPES, isAmiId, parseAmiType } from '../ami/identify';
import { resolveContainerd } from '../ami/resolve';
import type { AmiReference, ContainerdResolution } from '../ami/types';
import { catalogSource } from '../catalog/catalog';
import { CliCommand, CliIo, parseCommandArgs, UsageError } from './io';

/**
 * The `--ami-type` values the command answers besides {@link EKS_AMI_TYPES}: the Bottlerocket and
 * Windows families, which `parseAmiType` recognises by prefix and the rules do not apply to.
 */
const OTHER_AMI_TYPES = 'BOTTLEROCKET_* or WINDOWS_* (not applicable)';

/** `words` joined by ', ' into lines of at most `width` characters, each indented by `indent`. */
function wrapList(words: readonly string[], width: number, indent: string): string {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.length - 1;
    if (last >= 0 && `${lines[last]}, ${word},`.length <= width) lines[last] += `, ${word}`;
    else lines.push(`${indent}${word}`);
  }
  return lines.join(',\n');
}

const USAGE = `Usage: eks-node-guard containerd [inputs...] [--json]

Inputs (repeatable, answered in the order given):
  --ami-name NAME               e.g. amazon-eks-node-1.29-v20241024
  --release-version V --ami-type T
                                a managed node group's releaseVersion and amiType (paired in order)
  --ssm-parameter NAME          e.g. /aws/service/eks/optimized-ami/1.29/amazon-linux-2/recommended/image_id
  --ami-id ID                   e.g. ami-0123456789abcdef0; needs 'eks-node-guard lookup' (offline it is unknown)
Options:
  --json                        print one JSON array, one object per input
  -h, --help

AMI types (--ami-type, spelled exactly as EKS does):
${wrapList(EKS_AMI_TYPES, 80, '  ')},
  ${OTHER_AMI_TYPES}
`;

/**
 * Throws a {@link UsageError} for an `--ami-type` the command cannot answer: left to the resolver,
 * a misspelt type (`AL2_X86_64`) would be a quiet `unknown` verdict with exit 0.
 */
function checkAmiType(amiType: string): void {
  const info = parseAmiType(amiType);
  if (info.kind === 'custom') throw new UsageError("--ami-type CUSTOM has no release version: the launch template's image decides; give it with --ami-id or --ami-name");
  if (info.kind !== 'unrecognised') return;
  const meant = EKS_AMI_TYPES.find((t) => t.toLowerCase() === amiType.toLowerCase());
  throw new UsageError(`--ami-type '${amiType}' is not an EKS AMI type${meant ? ` (did you mean ${meant}?)` : ''}; valid: ${EKS_AMI_TYPES.join(', ')}, ${OTHER_AMI_TYPES}`);
}

/** One line of the JSON output. */
export interface ContainerdCliResult {
  readonly input: AmiReference;
  readonly verdict: ContainerdResolution['verdict'];
  /** Upstream version when known exactly, else null. */
  readonly containerd: string | null;
  /** Bounds when only a range is known (`max` null when unbounded), else null. */
  readonly range: { readonly min: string | null; readonly max: string | null } | null;
  readonly packageVersion: string | null;
  readonly amiName: string | null;
  readonly release: string | null;
  readonly kubernetesVersion: string | null;
  readonly family: ContainerdResolution['family'];
  readonly sourceKind: ContainerdResolution['sourceKind'];
  readonly source: string;
  /** For `not-affected`: the next release of the AMI series after this one whose containerd is affected, else null. */
  readonly firstAffectedRelease: string | null;
  readonly wantsSsmParameters: readonly string[];
  readonly wantsImages: readonly string[];
}

/** Turns the command line into AMI references in input order; a bad command line is a {@link UsageError}. */
export function parseContainerdArgs(args: string[]): { readonly inputs: AmiReference[]; readonly json?: boolean; readonly help?: boolean } {
  const { values, tokens } = parseCommandArgs({
    args,
    tokens: true,
    strict: true,
    allowPositionals: false,
    options: {
      'ami-name': { type: 'string', multiple: true },
      'release-version': { type: 'string', multiple: true },
      'ami-type': { type: 'string', multiple: true },
      'ssm-parameter': { type: 'string', multiple: true },
      'ami-id': { type: 'string', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { inputs: [], help: true };
  const releaseVersions = values['release-version'] ?? [];
  const amiTypes = values['ami-type'] ?? [];
  if (releaseVersions.length !== amiTypes.length) {
    throw new UsageError(`--release-version and --ami-type come in pairs (got ${releaseVersions.length} and ${amiTypes.length})`);
  }
  const inputs: AmiReference[] = [];
  let pair = 0;
  for (const token of tokens ?? []) {
    if (token.kind !== 'option' || token.value === undefined) continue;
    switch (token.name) {
      case 'ami-name':
        inputs.push({ amiName: token.value });
        break;
      case 'release-version':
        checkAmiType(amiTypes[pair]);
        inputs.push({ amiType: amiTypes[pair], releaseVersion: releaseVersions[pair] });
        pair++;
        break;
      case 'ssm-parameter':
        inputs.push({ ssmParameter: token.value });
        break;
      case 'ami-id':
        // Anything else would resolve as "the configuration names no AMI", which hides the typo.
        if (!isAmiId(token.value)) throw new UsageError(`--ami-id '${token.value}' is not an AMI id (ami- and 8 or 17 hex digits, e.g. ami-0123456789abcdef0)`);
        inputs.push({ imageId: token.value });
        break;
    }
  }
  if (inputs.length === 0) throw new UsageError('give at least one --ami-name, --release-version/--ami-type, --ssm-parameter or --ami-id');
  return { inputs, json: Boolean(values.json) };
}

function toResult(input: AmiReference, r: ContainerdResolution): ContainerdCliResult {
  const c = r.containerd;
  const ranged = c && c.exact === undefined && (c.min !== undefined || c.max !== undefined);
  return {
    input,
    verdict: r.verdict,
    containerd: c?.exact ?? null,
    range: ranged ? { min: c.min ?? null, max: c.max ?? null } : null,
    packageVersion: c?.packageVersion ?? null,
    amiName: r.amiName ?? null,
    release: r.release ?? null,
    kubernetesVersion: r.kubernetesVersion ?? null,
    family: r.family,
    sourceKind: r.sourceKind,
    source: r.source,
    firstAffectedRelease: r.firstAffectedRelease ?? null,
    wantsSsmParameters: r.wantsSsmParameters ?? [],
    wantsImages: r.wantsImages ?? [],
  };
}

function inputLabel(input: AmiReference): string {
  if (input.releaseVersion) return `${input.amiType} ${input.releaseVersion}`;
  return input.amiName ?? input.ssmParameter ?? input.imageId ?? '?';
}

function textBlock(input: AmiReference, r: ContainerdResolution): string {
  const c = r.containerd;
  const version = c ? formatContainerdVersion(c) + (c.packageVersion && c.packageVersion !== c.exact ? ` (${c.packageVersion})` : '') : r.verdict === 'not-applicable' ? 'not applicable' : 'unknown';
  const lines = [inputLabel(input), `  containerd: ${version}`, `  verdict:    ${r.verdict}`, `  source:     ${r.source}`];
  // The next affected release after the node's own, not the series' first: a series can roll back
  // (v20240817 had 1.7.20, v20240828 went back to 1.7.11), and the upgrade that breaks is what matters.
  if (r.firstAffectedRelease) lines.push(`  next release of this series with an affected containerd: ${r.firstAffectedRelease}`);
  return lines.join('\n');
}

/** `eks-node-guard containerd`: exit 0 with an answer per input, 2 on usage errors. */
export const containerdCommand: CliCommand = async (args: string[], io: CliIo) => {
  const parsed = parseContainerdArgs(args);
  if (parsed.help) {
    io.stdout(USAGE);
    return 0;
  }
  const resolved = parsed.inputs.map((input) => ({ input, resolution: resolveContainerd(input) }));
  if (parsed.json) {
    io.stdout(JSON.stringify(resolved.map(({ input, resolution }) => toResult(input, resolution)), null, 2) + '\n');
    return 0;
  }
  const source = catalogSource();
  const blocks = resolved.map(({ input, resolution }) => textBlock(input, resolution));
  io.stdout(`${blocks.join('\n\n')}\n\n(EKS AMI catalog as of ${source.newestRelease}, ${source.date})\n`);
  return 0;
};
