/**
 * CloudFormation resources of a set of templates as {@link CfnResourceRecord}s, and the
 * {@link ResourceLinks} that follow references between them: Ref/GetAtt in a template,
 * parameters of nested stacks into their parent, nested stack outputs, `Fn::ImportValue` of
 * exports across all scanned templates, launch templates by name, and a template's mappings.
 */
import { getAttParts, intrinsicName, isIntrinsicObject } from '../nodes/intrinsics';
import { byUniqueName, type CfnMappingRecord, type CfnParameterRecord, type CfnResourceRecord, type ResourceLinks } from '../nodes/resources';
import type { IntrinsicValue } from '../userdata/types';
import type { ScannedTemplate } from './inputs';

type IntrinsicObject = { readonly [key: string]: IntrinsicValue };

/** Following references stops after this many hops (a loop guard for cyclic parameter chains). */
const MAX_HOPS = 16;

/** The construct path of a resource: `aws:cdk:path` metadata, else the manifest's logical id map. */
function constructPathOf(template: ScannedTemplate, logicalId: string): string | undefined {
  const fromMetadata = template.template.Resources[logicalId]?.Metadata?.['aws:cdk:path'];
  return typeof fromMetadata === 'string' ? fromMetadata : template.constructPaths.get(logicalId);
}

/** Builds the record of one resource. */
function recordOf(template: ScannedTemplate, logicalId: string): CfnResourceRecord {
  const resource = template.template.Resources[logicalId];
  const properties = isIntrinsicObject(resource.Properties) ? resource.Properties : {};
  return {
    type: resource.Type,
    logicalId,
    properties,
    source: {
      constructPath: constructPathOf(template, logicalId),
      stack: template.stackName,
      logicalId,
      templateFile: template.file,
      resourceType: resource.Type,
    },
    region: template.region,
  };
}

/** The resources of all templates as records, and the links between them. */
export class TemplateSet implements ResourceLinks {
  /** Every resource of every template, in template order. */
  readonly records: readonly CfnResourceRecord[];
  readonly launchTemplateNamed: ResourceLinks['launchTemplateNamed'];
  private readonly templateOfRecord = new Map<CfnResourceRecord, ScannedTemplate>();
  private readonly recordsOf = new Map<ScannedTemplate, Map<string, CfnResourceRecord>>();
  /** Exported outputs by name, built on first use. */
  private exports?: Map<string, { template: ScannedTemplate; value: IntrinsicValue }>;

  constructor(private readonly templates: readonly ScannedTemplate[]) {
    const records: CfnResourceRecord[] = [];
    for (const template of templates) {
      const byLogicalId = new Map<string, CfnResourceRecord>();
      for (const logicalId of Object.keys(template.template.Resources)) {
        const record = recordOf(template, logicalId);
        records.push(record);
        byLogicalId.set(logicalId, record);
        this.templateOfRecord.set(record, template);
      }
      this.recordsOf.set(template, byLogicalId);
    }
    this.records = records;
    const named = byUniqueName(
      () => records.filter((record) => record.type === 'AWS::EC2::LaunchTemplate'),
      (record) => {
        const name = record.properties.LaunchTemplateName;
        return name === undefined ? undefined : this.literalIn(this.templateOf(record)!, name, 0);
      },
      (record) => this.templateOf(record),
    );
    this.launchTemplateNamed = (from, name) => named(this.templateOf(from), name);
  }

  /** The scanned template a record belongs to. */
  templateOf(record: CfnResourceRecord): ScannedTemplate | undefined {
    return this.templateOfRecord.get(record);
  }

  resourceFor(from: CfnResourceRecord, value: IntrinsicValue): CfnResourceRecord | undefined {
    const template = this.templateOf(from);
    return template ? this.resourceIn(template, value, 0) : undefined;
  }

  parameterFor(from: CfnResourceRecord, value: IntrinsicValue): CfnParameterRecord | undefined {
    const template = this.templateOf(from);
    return template ? this.parameterIn(template, value, 0) : undefined;
  }

  mappingFor(from: CfnResourceRecord, name: string): CfnMappingRecord | undefined {
    const mapping = this.templateOf(from)?.template.Mappings?.[name];
    return isIntrinsicObject(mapping) ? (mapping as CfnMappingRecord) : undefined;
  }

  /** Follows a value to a resource, seen from `template`. */
  private resourceIn(template: ScannedTemplate, value: IntrinsicValue, hops: number): CfnResourceRecord | undefined {
    if (hops > MAX_HOPS || !isIntrinsicObject(value)) return undefined;
    const name = intrinsicName(value);
    if (name === 'Ref' && typeof value.Ref === 'string') {
      const own = this.recordsOf.get(template)?.get(value.Ref);
      if (own) return own;
      const passed = this.valuePassedToNestedParameter(template, value.Ref);
      return passed ? this.resourceIn(passed.template, passed.value, hops + 1) : undefined;
    }
    if (name === 'Fn::GetAtt') {
      const parts = getAttParts(value['Fn::GetAtt']);
      if (!parts) return undefined;
      const output = this.nestedStackOutput(template, parts[0], parts[1]);
      if (output) return this.resourceIn(output.template, output.value, hops + 1);
      return this.recordsOf.get(template)?.get(parts[0]);
    }
    if (name === 'Fn::ImportValue') {
      const exportName = this.literalIn(template, value['Fn::ImportValue'], hops + 1);
      const exported = exportName === undefined ? undefined : this.exportNamed(exportName);
      return exported ? this.resourceIn(exported.template, exported.value, hops + 1) : undefined;
    }
    return undefined;
  }

  private parameterIn(template: ScannedTemplate, value: IntrinsicValue, hops: number): CfnParameterRecord | undefined {
    if (hops > MAX_HOPS || intrinsicName(value) !== 'Ref' || !isIntrinsicObject(value) || typeof value.Ref !== 'string') return undefined;
    const parameter = template.template.Parameters?.[value.Ref];
    if (!parameter) return undefined;
    const type = typeof parameter.Type === 'string' ? parameter.Type : 'String';
    const passed = this.valuePassedToNestedParameter(template, value.Ref);
    if (passed) {
      // A nested stack parameter gets its value from the parent: a parent parameter or a literal.
      const upstream = this.parameterIn(passed.template, passed.value, hops + 1);
      if (upstream) return upstream;
      const literal = this.literalIn(passed.template, passed.value, hops + 1);
      return literal === undefined ? { type } : { type, default: literal };
    }
    const fallback = parameter.Default;
    return typeof fallback === 'string' || typeof fallback === 'number' ? { type, default: String(fallback) } : { type };
  }

  /** For a nested stack template: the value its parent passes to parameter `name`, in the parent. */
  private valuePassedToNestedParameter(template: ScannedTemplate, name: string): { template: ScannedTemplate; value: IntrinsicValue } | undefined {
    if (!template.parent || !template.template.Parameters?.[name]) return undefined;
    const stackResource = template.parent.template.template.Resources[template.parent.logicalId];
    const parameters = stackResource?.Properties?.Parameters;
    if (!isIntrinsicObject(parameters) || parameters[name] === undefined) return undefined;
    return { template: template.parent.template, value: parameters[name] };
  }

  /** `Fn::GetAtt [NestedStack, Outputs.X]`: the output's value inside the nested template. */
  private nestedStackOutput(template: ScannedTemplate, logicalId: string, attribute: string): { template: ScannedTemplate; value: IntrinsicValue } | undefined {
    if (!attribute.startsWith('Outputs.')) return undefined;
    const nested = this.templates.find((t) => t.parent?.template === template && t.parent.logicalId === logicalId);
    const value = nested?.template.Outputs?.[attribute.slice('Outputs.'.length)]?.Value;
    return nested && value !== undefined ? { template: nested, value } : undefined;
  }

  /** The output exported under `name` by any scanned template (the first, in template order). */
  private exportNamed(name: string): { template: ScannedTemplate; value: IntrinsicValue } | undefined {
    if (!this.exports) {
      this.exports = new Map();
      for (const template of this.templates) {
        for (const output of Object.values(template.template.Outputs ?? {})) {
          if (output?.Export?.Name === undefined || output.Value === undefined) continue;
          const exportName = this.literalIn(template, output.Export.Name, 0);
          if (exportName !== undefined && !this.exports.has(exportName)) this.exports.set(exportName, { template, value: output.Value });
        }
      }
    }
    return this.exports.get(name);
  }

  /**
   * A value as a literal string when the template settles it: strings, numbers, `Fn::Join` and
   * `Fn::Sub` of such, `AWS::StackName`, a concrete `AWS::Region`, and parameter defaults.
   */
  private literalIn(template: ScannedTemplate, value: IntrinsicValue, hops: number): string | undefined {
    if (hops > MAX_HOPS) return undefined;
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    const name = intrinsicName(value);
    if (!isIntrinsicObject(value) || !name) return undefined;
    const arg = value[name];
    if (name === 'Ref' && typeof arg === 'string') return this.referenceLiteral(template, arg, {}, hops);
    if (name === 'Fn::Join' && Array.isArray(arg) && typeof arg[0] === 'string' && Array.isArray(arg[1])) {
      const parts = (arg[1] as IntrinsicValue[]).map((p) => this.literalIn(template, p, hops + 1));
      return parts.every((p): p is string => p !== undefined) ? parts.join(arg[0]) : undefined;
    }
    if (name === 'Fn::Sub') {
      const [text, variables] = typeof arg === 'string' ? [arg, {}] : Array.isArray(arg) && typeof arg[0] === 'string' && isIntrinsicObject(arg[1]) ? [arg[0], arg[1]] : [undefined, {}];
      return text === undefined ? undefined : this.substitute(template, text, variables, hops);
    }
    return undefined;
  }

  /** `${Name}` substitution of `Fn::Sub`; `${!Literal}` stays as `${Literal}`. */
  private substitute(template: ScannedTemplate, text: string, variables: IntrinsicObject, hops: number): string | undefined {
    let unresolved = false;
    const result = text.replace(/\$\{(!?)([^}]*)\}/g, (_match, bang: string, name: string) => {
      if (bang) return `\${${name}}`;
      const literal = this.referenceLiteral(template, name, variables, hops);
      if (literal === undefined) unresolved = true;
      return literal ?? '';
    });
    return unresolved ? undefined : result;
  }

  private referenceLiteral(template: ScannedTemplate, name: string, variables: IntrinsicObject, hops: number): string | undefined {
    if (variables[name] !== undefined) return this.literalIn(template, variables[name], hops + 1);
    if (name === 'AWS::StackName') return template.stackNameKnown ? template.stackName : undefined;
    if (name === 'AWS::Region') return template.region;
    const parameter = this.parameterIn(template, { Ref: name }, hops + 1);
    return parameter?.default;
  }
}
