/**
 * The front doors' common input: CloudFormation resources as CloudFormation will receive them
 * (resolved properties, raw overrides applied, unresolved values kept as intrinsic objects), and
 * a way to follow references between them. The Aspect builds these from constructs, `scan` from
 * template files; {@link nodeDefinitionsFrom} turns both into NodeDefinitions the same way.
 */
import type { IntrinsicValue } from '../userdata/types';
import type { NodeSource } from '../model';

/** One CloudFormation resource. */
export interface CfnResourceRecord {
  /** e.g. `AWS::EKS::Nodegroup`. */
  readonly type: string;
  readonly logicalId: string;
  /** The `Properties` object, resolved (intrinsics kept as objects). */
  readonly properties: { readonly [key: string]: IntrinsicValue };
  readonly source: NodeSource;
  /** The stack's region when concrete. */
  readonly region?: string;
}

/** A template parameter, for image ids that come from SSM (`AWS::SSM::Parameter::Value<…>`). */
export interface CfnParameterRecord {
  readonly type: string;
  readonly default?: string;
}

/** A template mapping (`Mappings.<name>`): top-level key, then second-level key, to a value. */
export interface CfnMappingRecord {
  readonly [topLevelKey: string]: { readonly [secondLevelKey: string]: IntrinsicValue } | undefined;
}

/** How a front door follows references; each returns undefined when it cannot. */
export interface ResourceLinks {
  /**
   * The resource a value refers to (`{Ref}`, `{Fn::GetAtt}`, `{Fn::ImportValue}` of an export, or a
   * front-door specific token), seen from `from`.
   */
  resourceFor(from: CfnResourceRecord, value: IntrinsicValue): CfnResourceRecord | undefined;
  /** A launch template defined in the same app/template set by its `LaunchTemplateName`. */
  launchTemplateNamed(from: CfnResourceRecord, name: string): CfnResourceRecord | undefined;
  /** The parameter a `{Ref}` names, seen from `from`. */
  parameterFor(from: CfnResourceRecord, value: IntrinsicValue): CfnParameterRecord | undefined;
  /** The mapping named `name` in the template (stack) of `from`, for `Fn::FindInMap`. */
  mappingFor(from: CfnResourceRecord, name: string): CfnMappingRecord | undefined;
  /**
   * The resource a value refers to when it is defined but could not be read (the Aspect: a
   * construct whose properties do not resolve), so that a consumer is not told it is missing.
   * Front doors that read every resource they know (templates) leave it out.
   */
  unreadableFor?(from: CfnResourceRecord, value: IntrinsicValue): UnreadableResource | undefined;
}

/** A resource a front door knows of but could not read. */
export interface UnreadableResource {
  /** How to name it, e.g. its construct path. */
  readonly what: string;
  /** Why it could not be read. */
  readonly reason: string;
}

/**
 * Finds launch templates by `LaunchTemplateName`. Names are unique per account and region, not
 * per app or scan: a template in the same scope (stack or template file) as the consumer wins,
 * else the first one in input order. The index is built on first use, from `records()`.
 */
export function launchTemplatesByName<S>(
  records: () => readonly CfnResourceRecord[],
  scopeOf: (record: CfnResourceRecord) => S,
  nameOf: (record: CfnResourceRecord) => string | undefined,
): (from: CfnResourceRecord, name: string) => CfnResourceRecord | undefined {
  let byName: Map<string, CfnResourceRecord[]> | undefined;
  return (from, name) => {
    if (!byName) {
      byName = new Map();
      for (const record of records()) {
        const recordName = record.type === 'AWS::EC2::LaunchTemplate' ? nameOf(record) : undefined;
        if (recordName !== undefined) byName.set(recordName, [...(byName.get(recordName) ?? []), record]);
      }
    }
    const candidates = byName.get(name);
    return candidates?.find((record) => scopeOf(record) === scopeOf(from)) ?? candidates?.[0];
  };
}
