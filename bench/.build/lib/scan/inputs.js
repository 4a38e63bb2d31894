"use strict";
var __createBinding = (this && this.__createBinding) || (Object.create ? (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    var desc = Object.getOwnPropertyDescriptor(m, k);
    if (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) {
      desc = { enumerable: true, get: function() { return m[k]; } };
    }
    Object.defineProperty(o, k2, desc);
}) : (function(o, m, k, k2) {
    if (k2 === undefined) k2 = k;
    o[k2] = m[k];
}));
var __setModuleDefault = (this && this.__setModuleDefault) || (Object.create ? (function(o, v) {
    Object.defineProperty(o, "default", { enumerable: true, value: v });
}) : function(o, v) {
    o["default"] = v;
});
var __importStar = (this && this.__importStar) || (function () {
    var ownKeys = function(o) {
        ownKeys = Object.getOwnPropertyNames || function (o) {
            var ar = [];
            for (var k in o) if (Object.prototype.hasOwnProperty.call(o, k)) ar[ar.length] = k;
            return ar;
        };
        return ownKeys(o);
    };
    return function (mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) if (k[i] !== "default") __createBinding(result, mod, k[i]);
        __setModuleDefault(result, mod);
        return result;
    };
})();
Object.defineProperty(exports, "__esModule", { value: true });
exports.readScanInputs = readScanInputs;
exports.readStackTemplates = readStackTemplates;
/**
 * Reading scan inputs: cdk.out directories (every stack, nested stack and Stage), and template
 * files. Nothing here throws on bad input: problems come back as {@link InputProblem}s.
 */
const fs = __importStar(require("fs"));
const path = __importStar(require("path"));
const template_1 = require("./template");
/** Nested cloud assemblies (Stages) deeper than this are not followed (a loop guard). */
const MAX_ASSEMBLY_DEPTH = 16;
function displayPath(absolutePath, cwd) {
    const rel = path.relative(cwd, absolutePath);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : absolutePath;
}
function readText(file) {
    try {
        return { ok: true, text: fs.readFileSync(file, 'utf8') };
    }
    catch (err) {
        const code = err.code;
        return { ok: false, problem: code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : `cannot read (${code ?? 'error'})` };
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** `aws://123456789012/eu-west-1` -> `eu-west-1`; undefined for `unknown-region` and tokens. */
function regionOfEnvironment(environment) {
    if (typeof environment !== 'string')
        return undefined;
    const match = /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(environment);
    return match && match[1] !== 'unknown-region' ? match[1] : undefined;
}
/** Mutable collector shared by the readers of one scan. */
class InputCollector {
    cwd;
    templates = [];
    acknowledgements = [];
    assemblyDirs = [];
    problems = [];
    seen = new Set();
    assetsByDir = new Map();
    constructor(cwd) {
        this.cwd = cwd;
    }
    problem(file, problem) {
        this.problems.push({ path: displayPath(file, this.cwd), problem });
    }
    /** Reads one template file (and its nested stack templates); skips files already read. */
    addTemplateFile(absolutePath, stack, parent) {
        if (this.seen.has(absolutePath))
            return;
        this.seen.add(absolutePath);
        const read = readText(absolutePath);
        if (!read.ok)
            return this.problem(absolutePath, read.problem);
        this.addTemplateText(absolutePath, read.text, stack, parent);
    }
    addTemplateText(absolutePath, text, stack, parent) {
        const parsed = (0, template_1.parseTemplateText)(text);
        if (!parsed.ok)
            return this.problem(absolutePath, parsed.problem);
        const scanned = {
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
    addNestedStacks(parent, stack) {
        const dir = path.dirname(parent.absolutePath);
        for (const [logicalId, resource] of Object.entries(parent.template.Resources)) {
            if (resource.Type !== 'AWS::CloudFormation::Stack')
                continue;
            const assetPath = resource.Metadata?.['aws:asset:path'];
            const nestedPath = typeof assetPath === 'string' ? path.resolve(dir, assetPath) : this.templateOfUrl(dir, resource.Properties?.TemplateURL);
            if (!nestedPath)
                continue;
            const nested = { ...stack, name: `${parent.stackName}/${logicalId}`, nameKnown: false };
            this.addTemplateFile(nestedPath, nested, { template: parent, logicalId });
        }
    }
    /** The local template file a nested stack's `TemplateURL` points at, via `*.assets.json` in `dir`. */
    templateOfUrl(dir, url) {
        const objectKeys = this.assetTemplates(dir);
        return literalStrings(url).map((s) => objectKeys.get(s.slice(s.lastIndexOf('/') + 1))).find((f) => f !== undefined);
    }
    /** Object key (`<hash>.json`) -> local file, for JSON file assets of the asset manifests in `dir`. */
    assetTemplates(dir) {
        const cached = this.assetsByDir.get(dir);
        if (cached)
            return cached;
        const byKey = new Map();
        let names = [];
        try {
            names = fs.readdirSync(dir).filter((n) => n.endsWith('.assets.json'));
        }
        catch {
            // An unreadable directory has no asset manifests; the template itself was read already.
        }
        for (const name of names) {
            const read = readText(path.join(dir, name));
            let manifest;
            try {
                manifest = read.ok ? JSON.parse(read.text) : undefined;
            }
            catch {
                continue;
            }
            const files = isRecord(manifest) && isRecord(manifest.files) ? manifest.files : {};
            for (const file of Object.values(files)) {
                if (!isRecord(file) || !isRecord(file.source) || typeof file.source.path !== 'string' || !isRecord(file.destinations))
                    continue;
                for (const destination of Object.values(file.destinations)) {
                    if (isRecord(destination) && typeof destination.objectKey === 'string')
                        byKey.set(destination.objectKey, path.resolve(dir, file.source.path));
                }
            }
        }
        this.assetsByDir.set(dir, byKey);
        return byKey;
    }
    /** Reads a cloud assembly directory through its manifest, recursing into nested assemblies. */
    addAssembly(dir, depth) {
        const manifestPath = path.join(dir, 'manifest.json');
        const read = readText(manifestPath);
        if (!read.ok)
            return this.problem(dir, `not a cdk.out directory (manifest.json: ${read.problem})`);
        let manifest;
        try {
            manifest = JSON.parse(read.text);
        }
        catch {
            return this.problem(manifestPath, 'invalid JSON');
        }
        const artifacts = isRecord(manifest) && isRecord(manifest.artifacts) ? manifest.artifacts : {};
        for (const [artifactId, artifact] of Object.entries(artifacts)) {
            if (!isRecord(artifact))
                continue;
            const properties = isRecord(artifact.properties) ? artifact.properties : {};
            if (artifact.type === 'aws:cloudformation:stack' && typeof properties.templateFile === 'string') {
                const metadata = this.stackMetadata(dir, artifact);
                this.acknowledgements.push(...acknowledgementsIn(metadata));
                const stack = {
                    name: typeof properties.stackName === 'string' ? properties.stackName : artifactId,
                    nameKnown: true,
                    region: regionOfEnvironment(artifact.environment),
                    metadata,
                };
                this.addTemplateFile(path.resolve(dir, properties.templateFile), stack);
            }
            else if (artifact.type === 'cdk:cloud-assembly' && typeof properties.directoryName === 'string') {
                if (depth >= MAX_ASSEMBLY_DEPTH) {
                    this.problem(dir, `nested cloud assemblies deeper than ${MAX_ASSEMBLY_DEPTH} levels`);
                    continue;
                }
                this.addAssembly(path.resolve(dir, properties.directoryName), depth + 1);
            }
        }
    }
    /** A stack artifact's metadata: inline in the manifest, and in its `additionalMetadataFile` (newer CDK). */
    stackMetadata(dir, artifact) {
        const inline = isRecord(artifact.metadata) ? metadataEntries(artifact.metadata) : [];
        if (typeof artifact.additionalMetadataFile !== 'string')
            return inline;
        const file = path.resolve(dir, artifact.additionalMetadataFile);
        const read = readText(file);
        try {
            const extra = read.ok ? JSON.parse(read.text) : undefined;
            return isRecord(extra) ? [...inline, ...metadataEntries(extra)] : inline;
        }
        catch {
            this.problem(file, 'invalid JSON');
            return inline;
        }
    }
}
/** Every string literal inside a value (the parts of a `Fn::Join`ed URL). */
function literalStrings(value) {
    if (typeof value === 'string')
        return [value];
    if (Array.isArray(value))
        return value.flatMap((v) => literalStrings(v));
    if (typeof value === 'object' && value !== null)
        return Object.values(value).flatMap((v) => literalStrings(v));
    return [];
}
/** Manifest metadata entries are keyed by construct path with a leading slash. */
function withoutLeadingSlash(constructPath) {
    return constructPath.replace(/^\//, '');
}
function metadataEntries(metadata) {
    return Object.entries(metadata).flatMap(([p, entries]) => Array.isArray(entries) ? entries.filter(isRecord).map((e) => ({ path: withoutLeadingSlash(p), type: e.type, data: e.data })) : []);
}
function acknowledgementsIn(metadata) {
    return metadata
        .filter((e) => e.type === 'aws:cdk:acknowledged-rules' && isRecord(e.data))
        .flatMap((e) => Object.entries(e.data).map(([id, reason]) => ({ constructPath: e.path, id, reason: String(reason) })));
}
/**
 * Construct paths by logical id for one template of a stack artifact: the `aws:cdk:logicalId`
 * entries inside the construct that owns the template (`aws:cdk:templateFile` metadata), minus
 * those inside a nested stack of it, whose logical ids belong to the nested template.
 */
function logicalIdPaths(metadata, templateFileName) {
    const scopes = metadata.filter((e) => e.type === 'aws:cdk:templateFile' && typeof e.data === 'string');
    const own = scopes.find((e) => e.data === templateFileName)?.path;
    const byLogicalId = new Map();
    if (own === undefined)
        return byLogicalId;
    const ownerOf = (p) => scopes.filter((s) => p.startsWith(`${s.path}/`)).sort((a, b) => b.path.length - a.path.length)[0]?.path;
    for (const e of metadata) {
        if (e.type === 'aws:cdk:logicalId' && typeof e.data === 'string' && ownerOf(e.path) === own)
            byLogicalId.set(e.data, e.path);
    }
    return byLogicalId;
}
/** What one command-line path is. */
function kindOfPath(absolutePath) {
    try {
        return fs.statSync(absolutePath).isDirectory() ? 'directory' : 'file';
    }
    catch {
        return 'missing';
    }
}
/**
 * Reads every input: a cdk.out directory (or its `manifest.json`), or a template file (JSON or
 * YAML). `stdin` supplies the text for a `-` argument.
 */
function readScanInputs(paths, cwd, stdin) {
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
        }
        else if (kind === 'directory') {
            collector.assemblyDirs.push(absolutePath);
            collector.addAssembly(absolutePath, 0);
        }
        else if (path.basename(absolutePath) === 'manifest.json') {
            collector.assemblyDirs.push(path.dirname(absolutePath));
            collector.addAssembly(path.dirname(absolutePath), 0);
        }
        else {
            const name = path.basename(absolutePath).replace(/\.(template\.)?(json|ya?ml)$/i, '');
            collector.addTemplateFile(absolutePath, { name, nameKnown: false, metadata: [] });
        }
    }
    return {
        templates: collector.templates,
        acknowledgements: collector.acknowledgements,
        assemblyDirs: collector.assemblyDirs,
        problems: collector.problems,
    };
}
/** Reads stack templates given with their stack names and regions (and their nested stacks). */
function readStackTemplates(stacks, cwd) {
    const collector = new InputCollector(cwd);
    for (const stack of stacks) {
        collector.addTemplateFile(path.resolve(cwd, stack.templatePath), { name: stack.stackName, nameKnown: false, region: stack.region, metadata: [] });
    }
    return { templates: collector.templates, acknowledgements: [], assemblyDirs: [], problems: collector.problems };
}
//# sourceMappingURL=inputs.js.map