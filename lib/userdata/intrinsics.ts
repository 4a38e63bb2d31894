import { intrinsicName, isIntrinsicObject } from '../nodes/intrinsics';
import { HoleTable, NESTED_B64_CLOSE, NESTED_B64_OPEN, neutraliseSentinels } from './holes';
import type { IntrinsicValue } from './types';

/** Deeper intrinsic nesting than this becomes a hole: recursion stays far from the stack limit. */
const MAX_INTRINSIC_DEPTH = 64;

/** Text rendered from an intrinsic tree, with holes for everything CloudFormation resolves at deploy time. */
export interface RenderedIntrinsic {
  readonly text: string;
  /** The tree was `{ "Fn::Base64": ... }`: `text` is what EC2 delivers. */
  readonly base64Wrapped: boolean;
  /** Set when nesting exceeded the depth guard. */
  readonly tooDeep: boolean;
  /** Set when the rendered text exceeded the size cap (rendering stopped). */
  readonly tooLarge: boolean;
}

interface RenderState {
  readonly holes: HoleTable;
  readonly maxChars: number;
  chars: number;
  tooDeep: boolean;
  tooLarge: boolean;
}

/**
 * Renders a CloudFormation value to the text EC2 will receive, replacing deploy-time values
 * (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, `${AWS::Region}`, undecidable `Fn::If`, ...) with holes.
 * A nested `Fn::Base64` is kept structurally: its inner text between markers, so a MIME part
 * declared `Content-Transfer-Encoding: base64` can analyse the text it encodes.
 */
export function renderIntrinsic(value: IntrinsicValue, holes: HoleTable, maxChars: number): RenderedIntrinsic {
  const state: RenderState = { holes, maxChars, chars: 0, tooDeep: false, tooLarge: false };
  const key = intrinsicName(value);
  const base64Wrapped = key === 'Fn::Base64';
  const inner = base64Wrapped ? (value as { readonly [k: string]: IntrinsicValue })['Fn::Base64'] : value;
  const text = render(inner, state, 1);
  return { text, base64Wrapped, tooDeep: state.tooDeep, tooLarge: state.tooLarge };
}

/** A CloudFormation dynamic reference (`{{resolve:ssm:/name}}`, `{{resolve:secretsmanager:…}}`): replaced at deploy time. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^{}]*\}\}/g;

/**
 * Literal text of the value: counted against the size cap, never mistaken for a hole or marker,
 * and with each dynamic reference a hole, since CloudFormation puts another value there.
 */
function emit(state: RenderState, text: string): string {
  state.chars += text.length;
  if (state.chars > state.maxChars) {
    state.tooLarge = true;
    return '';
  }
  const safe = neutraliseSentinels(text);
  return safe.includes('{{resolve:') ? safe.replace(DYNAMIC_REFERENCE, (reference) => state.holes.hole(`dynamic reference ${reference}`)) : safe;
}

function render(value: IntrinsicValue, state: RenderState, depth: number): string {
  if (state.tooLarge) return '';
  if (depth > MAX_INTRINSIC_DEPTH) {
    state.tooDeep = true;
    return state.holes.hole('value nested too deeply');
  }
  if (value === null) return '';
  if (typeof value === 'string') return emit(state, value);
  if (typeof value === 'number' || typeof value === 'boolean') return emit(state, String(value));
  if (Array.isArray(value)) return state.holes.hole('list value');
  const key = intrinsicName(value);
  if (!key) return state.holes.hole('object value');
  const arg = (value as { readonly [k: string]: IntrinsicValue })[key];
  switch (key) {
    case 'Ref':
      return arg === 'AWS::NoValue' ? '' : state.holes.hole(`Ref ${typeof arg === 'string' ? arg : '?'}`);
    case 'Fn::GetAtt':
      return state.holes.hole(`Fn::GetAtt ${Array.isArray(arg) ? arg.filter((a) => typeof a === 'string').join('.') : typeof arg === 'string' ? arg : '?'}`);
    case 'Fn::Base64':
      return NESTED_B64_OPEN + render(arg, state, depth + 1) + NESTED_B64_CLOSE;
    case 'Fn::Join':
      return renderJoin(arg, state, depth);
    case 'Fn::Sub':
      return renderSub(arg, state, depth);
    case 'Fn::Select':
      return renderSelect(arg, state, depth);
    case 'Fn::If':
      return renderIf(arg, state, depth);
    default:
      return state.holes.hole(key);
  }
}

function renderJoin(arg: IntrinsicValue, state: RenderState, depth: number): string {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
    return state.holes.hole('Fn::Join of an unresolved list');
  }
  const separator = arg[0] as string;
  let out = '';
  (arg[1] as readonly IntrinsicValue[]).forEach((item, i) => {
    if (i > 0) out += emit(state, separator);
    out += render(item, state, depth + 1);
  });
  return out;
}

/** `Fn::Sub`: `${Name}` from the variable map, else a hole; `${!Literal}` is the literal `${Literal}`. */
function renderSub(arg: IntrinsicValue, state: RenderState, depth: number): string {
  const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? (arg[0] as string) : undefined;
  if (template === undefined) return state.holes.hole('Fn::Sub');
  const map = Array.isArray(arg) ? arg[1] : undefined;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const start = template.indexOf('${', i);
    if (start < 0) break;
    const end = template.indexOf('}', start + 2);
    if (end < 0) break;
    out += emit(state, template.slice(i, start));
    const name = template.slice(start + 2, end);
    if (name.startsWith('!')) out += emit(state, '${' + name.slice(1) + '}');
    else if (map !== undefined && isIntrinsicObject(map) && Object.prototype.hasOwnProperty.call(map, name)) out += render(map[name], state, depth + 1);
    else out += state.holes.hole(name.includes('.') ? `Fn::GetAtt ${name}` : `Ref ${name}`);
    i = end + 1;
  }
  return out + emit(state, template.slice(i));
}

function renderSelect(arg: IntrinsicValue, state: RenderState, depth: number): string {
  if (Array.isArray(arg) && arg.length === 2) {
    const index = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
    const list = arg[1];
    if (index !== undefined && Array.isArray(list) && index < list.length) return render(list[index], state, depth + 1);
  }
  return state.holes.hole('Fn::Select');
}

/** `Fn::If`: the condition is unknown at synth, so only branches that render alike are text. */
function renderIf(arg: IntrinsicValue, state: RenderState, depth: number): string {
  if (Array.isArray(arg) && arg.length === 3) {
    const whenTrue = render(arg[1], state, depth + 1);
    const whenFalse = render(arg[2], state, depth + 1);
    if (whenTrue === whenFalse) return whenTrue;
    return state.holes.hole(`Fn::If ${typeof arg[0] === 'string' ? arg[0] : '?'}`);
  }
  return state.holes.hole('Fn::If');
}
