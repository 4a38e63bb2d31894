/**
 * Reading scan inputs: cdk.out directories (every stack, nested stack and Stage), and template
 * files. Nothing here throws on bad input: problems come back as {@link InputProblem}s.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRecord } from '../nodes/intrinsics';
import { acknowledgedRulesIn } from '../nodes/acknowledgement-ids';
import { relativeInside } from '../paths';
import type { IntrinsicValue } from '../userdata/types';
import { parseTemplateText, type CfnTemplate } from './template';

/** One template to scan, with where it came from. */
export interface ScannedTemplate {
  /** Path for people and reports: relative to the working directory when inside it. */
  readonly file: string;
  readonly absolutePath: string;
  /** The file's text (for line numbers in SARIF). */
  readonly text: string;
  readonly template: CfnTemplate;
  /** Stack (artifact) name; for nested stacks `<parent>/<logical id>`; for plain files the file name. */
  readonly stackName: string;
  /** Whether {@link stackName} is the deployed stack name (from a manifest), so `AWS::StackName` resolves to it. */
  readonly stackNameKnown: boolean;
  /** The stack's region when concrete (from the manifest's environment). */
  readonly region?: string;
  /** For a nested stack: its parent template and the `AWS::CloudFormation::Stack` logical id there. */
  readonly parent?: { readonly template: ScannedTemplate; readonly logicalId: string };
  /** Construct paths of resources by logical id, from manifest `aws:cdk:logicalId` metadata. */
  readonly constructPaths: ReadonlyMap<string, string>;
}

/** A `Validations.of(scope).acknowledge(...)` recorded in a cloud assembly manifest. */
export interface Acknowledgement {
  /** Construct path without leading slash; applies to this construct and its children. */
  readonly constructPath: string;
  /** The acknowledged id as CDK recorded it, e.g. `Annotation::eks-node-guard:resolv-conf-empty`. */
  readonly id: string;
  readonly reason: string;
}

/** An input that could not be read or is not CloudFormation. */
export interface InputProblem {
  readonly path: string;
  readonly problem: string;
}

export interface ScanInputs {
  readonly templates: readonly ScannedTemplate[];
  readonly acknowledgements: readonly Acknowledgement[];
  /** cdk.out directories given (absolute), to find cdk.context.json next to them. */
  readonly assemblyDirs: readonly string[];
  readonly problems: readonly InputProblem[];
  /** Things not scanned that a user should know about, e.g. a nested stack whose template is not local. */
  readonly notes: readonly string[];
}

/** Nested cloud assemblies (Stages) deeper than this are not followed (a loop guard). */
const MAX_ASSEMBLY_DEPTH = 16;

function displayPath(absolutePath: string, cwd: string): string {
  return relativeInside(cwd, absolutePath) ?? absolutePath;
}

function readText(file: string): { ok: true; text: string } | { ok: false; problem: string } {
  try {
    // Editors on Windows may prefix a byte order mark, which JSON.parse rejects.
    return { ok: true, text: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, problem: code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})` };
  }
}


/** `aws://123456789012/eu-west-1` -> `eu-west-1`; undefined for `unknown-region` and tokens. */
function regionOfEnvironment(environment: unknown): string | undefined {
  if (typeof environment !== 'string') return undefined;
  const match = /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(environment);
  return match && match[1] !== 'unknown-region' ? match[1] : undefined;
}

/** One entry of a stack artifact's construct metadata (manifest or `additionalMetadataFile`). */
interface MetadataEntry {
  /** Construct path without leading slash. */
  readonly path: string;
  readonly type: unknown;
  readonly data: unknown;
}

/** Mutable collector shared by the readers of one scan. */
class InputCollector {
  readonly templates: ScannedTemplate[] = [];
  readonly acknowledgements: Acknowledgement[] = [];
  readonly assemblyDirs: string[] = [];
  readonly problems: InputProblem[] = [];
  readonly notes: string[] = [];
  private readonly seen = new Set<string>();
  private readonly assetsByDir = new Map<string, ReadonlyMap<string, string>>();

  constructor(private readonly cwd: string) {}

  problem(file: string, problem: string): void {
    this.problems.push({ path: displayPath(file, this.cwd), problem });
  }

  /** Reads one template file (and its nested stack templates); skips files already read. */
  addTemplateFile(absolutePath: string, stack: StackInfo, parent?: ScannedTemplate['parent']): void {
    if (this.seen.has(absolutePath)) return;
    this.seen.add(absolutePath);
    const read = readText(absolutePath);
    if (!read.ok) return this.problem(absolutePath, read.problem);
    this.addTemplateText(absolutePath, read.text, stack, parent);
  }

  addTemplateText(absolutePath: string, text: string, stack: StackInfo, parent?: ScannedTemplate['parent']): void {
    const parsed = parseTemplateText(text);
    if (!parsed.ok) return this.problem(absolutePath, parsed.problem);
    const scanned: ScannedTemplate = {
      file: displayPath(absolutePath, this.cwd),
      absolutePath,
      text,
      template: parsed.template,
      stackName: stack.name,
      stackNameKnown: stack.nameKnown,
      region: stack.region,
      parent,
      constructPaths: logicalIdPaths(stack.metadata, path.basename(absolutePath)),
    };
    this.templates.push(scanned);
    this.addNestedStacks(scanned, stack);
  }

  /**
   * CDK nested stacks: `AWS::CloudFormation::Stack` resources whose template is a file next to
   * the parent, named by `aws:asset:path` metadata (CDK CLI synth) or, without asset metadata,
   * by the asset manifest entry whose object key the `TemplateURL` ends with.
   */
  private addNestedStacks(parent: ScannedTemplate, stack: StackInfo): void {
    const dir = path.dirname(parent.absolutePath);
    for (const [logicalId, resource] of Object.entries(parent.template.Resources)) {
      if (resource.Type !== 'AWS::CloudFormation::Stack') continue;
      const assetPath = resource.Metadata?.['aws:asset:path'];
      const nestedPath = typeof assetPath === 'string' ? path.resolve(dir, assetPath) : this.templateOfUrl(dir, resource.Properties?.TemplateURL);
      if (!nestedPath) {
        this.notes.push(`nested stack ${parent.stackName}/${logicalId} in ${parent.file} was not scanned: its template is not a local file`);
        continue;
      }
      const nested: StackInfo = { ...stack, name: `${parent.stackName}/${logicalId}`, nameKnown: false };
      this.addTemplateFile(nestedPath, nested, { template: parent, logicalId });
    }
  }

  /** The local template file a nested stack's `TemplateURL` points at, via `*.assets.json` in `dir`. */
  private templateOfUrl(dir: string, url: IntrinsicValue | undefined): string | undefined {
    const objectKeys = this.assetTemplates(dir);
    return literalStrings(url).map((s) => objectKeys.get(s.slice(s.lastIndexOf('/') + 1))).find((f) => f !== undefined);
  }

  /** Object key (`<hash>.json`) -> local file, for JSON file assets of the asset manifests in `dir`. */
  private assetTemplates(dir: string): ReadonlyMap<string, string> {
    const cached = this.assetsByDir.get(dir);
    if (cached) return cached;
    const byKey = new Map<string, string>();
    let names: string[] = [];
    try {
      names = fs.readdirSync(dir).filter((n) => n.endsWith('.assets.json'));
    } catch {
      // An unreadable directory has no asset manifests; the template itself was read already.
    }
    for (const name of names) {
      const read = readText(path.join(dir, name));
      let manifest: unknown;
      try {
        manifest = read.ok ? JSON.parse(read.text) : undefined;
      } catch {
        continue;
      }
      const files = isRecord(manifest) && isRecord(manifest.files) ? manifest.files : {};
      for (const file of Object.values(files)) {
        if (!isRecord(file) || !isRecord(file.source) || typeof file.source.path !== 'string' || !isRecord(file.destinations)) continue;
        for (const destination of Object.values(file.destinations)) {
          if (isRecord(destination) && typeof destination.objectKey === 'string') byKey.set(destination.objectKey, path.resolve(dir, file.source.path));
        }
      }
    }
    this.assetsByDir.set(dir, byKey);
    return byKey;
  }

  /** Reads a cloud assembly directory through its manifest, recursing into nested assemblies. */
  addAssembly(dir: string, depth: number): void {
    const manifestPath = path.join(dir, 'manifest.json');
    const read = readText(manifestPath);
    if (!read.ok) return this.problem(dir, `not a cdk.out directory (manifest.json: ${read.problem})`);
    let manifest: unknown;
    try {
      manifest = JSON.parse(read.text);
    } catch {
      return this.problem(manifestPath, 'invalid JSON');
    }
    const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};
    for (const [artifactId, artifact] of Object.entries(artifacts)) {
      if (!isRecord(artifact)) continue;
      const properties = isRecord(artifact.properties) ? artifact.properties : {};
      if (artifact.type === 'aws:cloudformation:stack' && typeof properties.templateFile === 'string') {
        const metadata = this.stackMetadata(dir, artifact);
        this.acknowledgements.push(...acknowledgementsIn(metadata));
        const stack: StackInfo = {
          name: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
          nameKnown: true,
          region: regionOfEnvironment(artifact.environment),
          metadata,
        };
        this.addTemplateFile(path.resolve(dir, properties.templateFile), stack);
      } else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
        if (depth >= MAX_ASSEMBLY_DEPTH) {
          this.problem(dir, `nested cloud assemblies deeper than ${MAX_ASSEMBLY_DEPTH} levels`);
          continue;
        }
        this.addAssembly(path.resolve(dir, properties.directoryName), depth + 1);
      }
    }
  }

  /** A stack artifact's metadata: inline in the manifest, and in its `additionalMetadataFile` (newer CDK). */
  private stackMetadata(dir: string, artifact: { [key: string]: unknown }): MetadataEntry[] {
    const inline = isRecord(artifact.metadata) ? metadataEntries(artifact.metadata) : [];
    if (typeof artifact.additionalMetadataFile !== 'string') return inline;
    const file = path.resolve(dir, artifact.additionalMetadataFile);
    const read = readText(file);
    try {
      const extra: unknown = read.ok ? JSON.parse(read.text) : undefined;
      return isRecord(extra) ? [...inline, ...metadataEntries(extra)] : inline;
    } catch {
      this.problem(file, 'invalid JSON');
      return inline;
    }
  }
}

/** What a template inherits from its stack artifact. */
interface StackInfo {
  readonly name: string;
  readonly nameKnown: boolean;
  readonly region?: string;
  readonly metadata: readonly MetadataEntry[];
}

/** Every string literal inside a value (the parts of a `Fn::Join`ed URL). */
function literalStrings(value: IntrinsicValue | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap((v) => literalStrings(v));
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap((v) => literalStrings(v));
  return [];
}

/** Manifest metadata entries are keyed by construct path with a leading slash. */
function withoutLeadingSlash(constructPath: string): string {
  return constructPath.replace(/^\//, '');
}

function metadataEntries(metadata: { [path: string]: unknown }): MetadataEntry[] {
  return Object.entries(metadata).flatMap(([p, entries]) =>
    Array.isArray(entries) ? entries.filter(isRecord).map((e) => ({ path: withoutLeadingSlash(p), type: e.type, data: e.data })) : [],
  );
}

function acknowledgementsIn(metadata: readonly MetadataEntry[]): Acknowledgement[] {
  return metadata.flatMap((e) => acknowledgedRulesIn(e.type, e.data).map(({ id, reason }) => ({ constructPath: e.path, id, reason })));
}

/**
 * Construct paths by logical id for one template of a stack artifact: the `aws:cdk:logicalId`
 * entries inside the construct that owns the template (`aws:cdk:templateFile` metadata), minus
 * those inside a nested stack of it, whose logical ids belong to the nested template.
 */
function logicalIdPaths(metadata: readonly MetadataEntry[], templateFileName: string): Map<string, string> {
  const scopes = metadata.filter((e) => e.type === 'aws:cdk:templateFile' && typeof e.data === 'string');
  const own = scopes.find((e) => e.data === templateFileName)?.path;
  const byLogicalId = new Map<string, string>();
  if (own === undefined) return byLogicalId;
  const ownerOf = (p: string) => scopes.filter((s) => p.startsWith(`${s.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]?.path;
  for (const e of metadata) {
    if (e.type === 'aws:cdk:logicalId' && typeof e.data === 'string' && ownerOf(e.path) === own) byLogicalId.set(e.data, e.path);
  }
  return byLogicalId;
}

/** What one command-line path is. */
function kindOfPath(absolutePath: string): 'directory' | 'file' | 'missing' {
  try {
    return fs.statSync(absolutePath).isDirectory() ? 'directory' : 'file';
  } catch {
    return 'missing';
  }
}

/**
 * Reads every input: a cdk.out directory (or its `manifest.json`), or a template file (JSON or
 * YAML). `stdin` supplies the text for a `-` argument.
 */
export function readScanInputs(paths: readonly string[], cwd: string, stdin?: string): ScanInputs {
  const collector = new InputCollector(cwd);
  for (const given of paths) {
    if (given === '-') {
      collector.addTemplateText(path.join(cwd, '<stdin>'), stdin ?? '', { name: 'stdin', nameKnown: false, metadata: [] });
      continue;
    }
    const absolutePath = path.resolve(cwd, given);
    const kind = kindOfPath(absolutePath);
    if (kind === 'missing') {
      collector.problem(absolutePath, 'no such file or directory');
    } else if (kind === 'directory') {
      collector.assemblyDirs.push(absolutePath);
      collector.addAssembly(absolutePath, 0);
    } else if (path.basename(absolutePath) === 'manifest.json') {
      collector.assemblyDirs.push(path.dirname(absolutePath));
      collector.addAssembly(path.dirname(absolutePath), 0);
    } else {
      const name = path.basename(absolutePath).replace(/\.(template\.)?(json|ya?ml)$/i, '');
      collector.addTemplateFile(absolutePath, { name, nameKnown: false, metadata: [] });
    }
  }
  return {
    templates: collector.templates,
    acknowledgements: collector.acknowledgements,
    assemblyDirs: collector.assemblyDirs,
    problems: collector.problems,
    notes: collector.notes,
  };
}

/** A stack template the caller already knows (the validation plugin's context). */
export interface KnownStackTemplate {
  readonly templatePath: string;
  /** A name for reports (e.g. the stack's construct path); not taken as the deployed stack name. */
  readonly stackName: string;
  readonly region?: string;
}

/** Reads stack templates given with their stack names and regions (and their nested stacks). */
export function readStackTemplates(stacks: readonly KnownStackTemplate[], cwd: string): ScanInputs {
  const collector = new InputCollector(cwd);
  for (const stack of stacks) {
    collector.addTemplateFile(path.resolve(cwd, stack.templatePath), { name: stack.stackName, nameKnown: false, region: stack.region, metadata: [] });
  }
  return { templates: collector.templates, acknowledgements: [], assemblyDirs: [], problems: collector.problems, notes: collector.notes };
}
