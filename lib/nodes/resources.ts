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
 * Finds items by a name that is unique per account and region, not per app or scan (launch
 * template names, export names): one in the asker's scope (stack, template file or environment)
 * wins, else the first in input order. The index is built on first use, from `items()`.
 */
export function byUniqueName<T, S>(
  items: () => Iterable<T>,
  nameOf: (item: T) => string | undefined,
  scopeOf: (item: T) => S,
): (scope: S, name: string) => T | undefined {
  let byName: Map<string, T[]> | undefined;
  return (scope, name) => {
    if (!byName) {
      byName = new Map();
      for (const item of items()) {
        const itemName = nameOf(item);
        if (itemName !== undefined) byName.set(itemName, [...(byName.get(itemName) ?? []), item]);
      }
    }
    const candidates = byName.get(name);
    return candidates?.find((item) => scopeOf(item) === scope) ?? candidates?.[0];
  };
}
