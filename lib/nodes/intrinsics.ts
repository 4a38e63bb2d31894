/** Small readers of CloudFormation values, shared by the front doors and the user-data engine. */
import type { IntrinsicValue } from '../userdata/types';

type Props = { readonly [key: string]: IntrinsicValue };

/** A plain object (not null, not an array): parsed JSON or YAML that may hold named fields. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A CloudFormation object value: an intrinsic function call or a map. */
export function isIntrinsicObject(value: IntrinsicValue | undefined): value is Props {
  return isRecord(value);
}

/** The function of an intrinsic call (`Ref`, `Fn::Join`, …), if `value` is one. */
export function intrinsicName(value: IntrinsicValue | undefined): string | undefined {
  if (!isIntrinsicObject(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}

/** `Fn::GetAtt`'s argument as `[logicalId, attribute]`, from the list or the `A.B` string form. */
export function getAttParts(arg: IntrinsicValue): [string, string] | undefined {
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    return dot > 0 ? [arg.slice(0, dot), arg.slice(dot + 1)] : undefined;
  }
  if (Array.isArray(arg) && typeof arg[0] === 'string' && typeof arg[1] === 'string') return [arg[0], arg[1]];
  return undefined;
}

/** A literal string (numbers too: a `Version` of 1.29 may arrive as a number). */
export function literal(value: IntrinsicValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The object under `key`, when `value` is an object and that child is one too. */
export function objectAt(value: unknown, key: string): Props | undefined {
  const child = isRecord(value) ? value[key] : undefined;
  return isRecord(child) ? (child as Props) : undefined;
}

/** The objects in the list under `key`, when `value` is an object and that child is a list (other items skipped). */
export function objectsAt(value: unknown, key: string): Props[] {
  const child = isRecord(value) ? value[key] : undefined;
  return Array.isArray(child) ? child.filter((item): item is Props => isRecord(item)) : [];
}

/** The logical id in `{Ref: id}`, `{Fn::GetAtt: [id, attr]}` or `{Fn::GetAtt: "id.attr"}`. */
export function referencedLogicalId(value: IntrinsicValue): string | undefined {
  const name = intrinsicName(value);
  if (name === 'Ref') return literal((value as Props).Ref);
  return name === 'Fn::GetAtt' ? getAttParts((value as Props)['Fn::GetAtt'])?.[0] : undefined;
}
