/**
 * Finding and reading the lookup requests synth leaves in a cloud assembly (or `scan --lookups`
 * writes to a file).
 */
import { promises as fsp } from 'fs';
import * as path from 'path';
import { isRecord } from '../nodes/intrinsics';
import { LOOKUP_REQUEST_FILE, LookupItem, LookupRequest, UnresolvedNode } from './types';

/** What reading the request files of a cloud assembly gave. */
export type ReadRequestResult =
  | { readonly kind: 'ok'; readonly request: LookupRequest; readonly files: readonly string[] }
  | { readonly kind: 'problem'; readonly message: string };

/** What parsing one request file gave. */
export type ParseRequestResult =
  | { readonly kind: 'ok'; readonly request: LookupRequest }
  | { readonly kind: 'problem'; readonly message: string };

/**
 * Parses the text of one request file; a problem (never an exception) when it is not a
 * version 1 {@link LookupRequest}.
 */
export function parseLookupRequest(text: string, file: string): ParseRequestResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return { kind: 'problem', message: `${file} is not valid JSON (${(err as Error).message})` };
  }
  if (!isRecord(data)) return { kind: 'problem', message: `${file} is not a JSON object` };
  if (data.version !== 1) {
    return { kind: 'problem', message: `${file} has version ${JSON.stringify(data.version)}; this eks-node-guard reads version 1 (upgrade eks-node-guard or re-run cdk synth)` };
  }
  const images = parseItems(data.images);
  const ssmParameters = parseItems(data.ssmParameters);
  const unresolved = parseUnresolved(data.unresolved);
  if (images === undefined) return { kind: 'problem', message: `${file}: "images" must be a list of { id, region?, paths }` };
  if (ssmParameters === undefined) return { kind: 'problem', message: `${file}: "ssmParameters" must be a list of { id, region?, paths }` };
  if (unresolved === undefined) return { kind: 'problem', message: `${file}: "unresolved" must be a list of { reason, paths }` };
  return { kind: 'ok', request: { version: 1, images, ssmParameters, ...(unresolved.length > 0 ? { unresolved } : {}) } };
}

function parseUnresolved(value: unknown): UnresolvedNode[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const nodes: UnresolvedNode[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.reason !== 'string') return undefined;
    const paths = entry.paths ?? [];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) return undefined;
    nodes.push({ reason: entry.reason, paths });
  }
  return nodes;
}

function parseItems(value: unknown): LookupItem[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return undefined;
  const items: LookupItem[] = [];
  for (const entry of value) {
    if (!isRecord(entry) || typeof entry.id !== 'string' || entry.id === '') return undefined;
    if (entry.region !== undefined && typeof entry.region !== 'string') return undefined;
    const paths = entry.paths ?? [];
    if (!Array.isArray(paths) || !paths.every((p) => typeof p === 'string')) return undefined;
    // An empty or `*` region means "unknown at synth", like an absent one.
    const region = entry.region && entry.region !== '*' ? entry.region : undefined;
    items.push({ id: entry.id, region, paths });
  }
  return items;
}


/** A lookup request as its file holds it (the inverse of {@link parseLookupRequest}). */
export function renderLookupRequest(request: LookupRequest): string {
  return `${JSON.stringify(request, undefined, 2)}\n`;
}

/**
 * One request holding every item of `requests` once per (region, id), with the construct paths
 * of duplicates united (a nested Stage assembly may ask for the same AMI as the top level).
 */
export function mergeLookupRequests(requests: readonly LookupRequest[]): LookupRequest {
  const unresolved = mergeUnresolved(requests.flatMap((r) => r.unresolved ?? []));
  return {
    version: 1,
    images: mergeItems(requests.flatMap((r) => r.images)),
    ssmParameters: mergeItems(requests.flatMap((r) => r.ssmParameters)),
    ...(unresolved.length > 0 ? { unresolved } : {}),
  };
}

/** One entry per reason, with the paths of all its nodes. */
function mergeUnresolved(nodes: readonly UnresolvedNode[]): UnresolvedNode[] {
  const byReason = new Map<string, Set<string>>();
  for (const node of nodes) {
    const paths = byReason.get(node.reason) ?? new Set<string>();
    node.paths.forEach((p) => paths.add(p));
    byReason.set(node.reason, paths);
  }
  return [...byReason].map(([reason, paths]) => ({ reason, paths: [...paths] }));
}

function mergeItems(items: readonly LookupItem[]): LookupItem[] {
  const byKey = new Map<string, { id: string; region?: string; paths: Set<string> }>();
  for (const item of items) {
    const key = `${item.region ?? '*'}\u0000${item.id}`;
    const entry = byKey.get(key) ?? { id: item.id, region: item.region, paths: new Set<string>() };
    item.paths.forEach((p) => entry.paths.add(p));
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({ id: e.id, ...(e.region ? { region: e.region } : {}), paths: [...e.paths] }));
}

/** The file every cloud assembly has at its top; a directory without it is not one. */
const ASSEMBLY_MANIFEST = 'manifest.json';

/**
 * Reads every {@link LOOKUP_REQUEST_FILE} of a cloud assembly: the top level and nested Stage
 * assemblies (`assembly-*` directories, at any depth). `app` may also name a request file itself.
 * A missing directory, a directory that is not a cloud assembly (no `manifest.json`: "nothing to
 * look up" there would be a wrong answer) or an unreadable or malformed file is a problem; an
 * assembly without request files is an empty request (synth had nothing it could not resolve).
 */
export async function readLookupRequests(app: string): Promise<ReadRequestResult> {
  let stat;
  try {
    stat = await fsp.stat(app);
  } catch {
    return { kind: 'problem', message: `${app} not found: run 'cdk synth' first, or pass --app <cloud assembly directory>` };
  }
  try {
    if (stat.isDirectory() && !(await isFile(path.join(app, ASSEMBLY_MANIFEST)))) {
      return { kind: 'problem', message: `${app} is not a cloud assembly (no ${ASSEMBLY_MANIFEST}): run 'cdk synth' first, or pass --app <cloud assembly directory>` };
    }
    const files = stat.isDirectory() ? await requestFilesIn(app) : [app];
    const requests: LookupRequest[] = [];
    for (const file of files) {
      const parsed = parseLookupRequest(await fsp.readFile(file, 'utf8'), file);
      if (parsed.kind === 'problem') return parsed;
      requests.push(parsed.request);
    }
    return { kind: 'ok', request: mergeLookupRequests(requests), files };
  } catch (err) {
    // Permissions and the like: the user's to fix, not a bug.
    return { kind: 'problem', message: `cannot read ${app}: ${(err as Error).message.split('\n')[0]}` };
  }
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fsp.stat(file)).isFile();
  } catch {
    return false;
  }
}

async function requestFilesIn(dir: string): Promise<string[]> {
  const entries = await fsp.readdir(dir, { withFileTypes: true });
  const files = entries.some((e) => e.isFile() && e.name === LOOKUP_REQUEST_FILE) ? [path.join(dir, LOOKUP_REQUEST_FILE)] : [];
  const nested = entries.filter((e) => e.isDirectory() && e.name.startsWith('assembly-')).map((e) => e.name).sort();
  for (const name of nested) files.push(...(await requestFilesIn(path.join(dir, name))));
  return files;
}
