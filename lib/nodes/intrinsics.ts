/** Small readers of CloudFormation values that both front doors use. */
import type { IntrinsicValue } from '../userdata/types';

type Props = { readonly [key: string]: IntrinsicValue };

/** A literal string (numbers too: a `Version` of 1.29 may arrive as a number). */
export function literal(value: IntrinsicValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

/** The object under `key`, when `value` is an object and that child is one too. */
export function objectAt(value: IntrinsicValue | undefined, key: string): Props | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const child = (value as Props)[key];
  return child && typeof child === 'object' && !Array.isArray(child) ? (child as Props) : undefined;
}

/** The logical id in `{Ref: id}`, `{Fn::GetAtt: [id, attr]}` or `{Fn::GetAtt: "id.attr"}`. */
export function referencedLogicalId(value: IntrinsicValue): string | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const obj = value as Props;
  if (typeof obj.Ref === 'string') return obj.Ref;
  const getAtt = obj['Fn::GetAtt'];
  if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
  if (typeof getAtt === 'string') return getAtt.split('.')[0];
  return undefined;
}
