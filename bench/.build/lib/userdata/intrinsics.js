"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderIntrinsic = renderIntrinsic;
const holes_1 = require("./holes");
/** Deeper intrinsic nesting than this becomes a hole: recursion stays far from the stack limit. */
const MAX_INTRINSIC_DEPTH = 64;
/** True for a plain object (an intrinsic function call or a map), not an array. */
function isObject(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
/** The single `Fn::*`/`Ref` key of an intrinsic call, if `v` is one. */
function intrinsicKey(v) {
    if (!isObject(v))
        return undefined;
    const keys = Object.keys(v);
    return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::')) ? keys[0] : undefined;
}
/**
 * Renders a CloudFormation value to the text EC2 will receive, replacing deploy-time values
 * (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`, `${AWS::Region}`, undecidable `Fn::If`, ...) with holes.
 * A nested `Fn::Base64` is kept structurally: its inner text between markers, so a MIME part
 * declared `Content-Transfer-Encoding: base64` can analyse the text it encodes.
 */
function renderIntrinsic(value, holes, maxChars) {
    const state = { holes, maxChars, chars: 0, tooDeep: false, tooLarge: false };
    const key = intrinsicKey(value);
    const base64Wrapped = key === 'Fn::Base64';
    const inner = base64Wrapped ? value['Fn::Base64'] : value;
    const text = render(inner, state, new Map(), 1);
    return { text, base64Wrapped, tooDeep: state.tooDeep, tooLarge: state.tooLarge };
}
function emit(state, text) {
    state.chars += text.length;
    if (state.chars > state.maxChars) {
        state.tooLarge = true;
        return '';
    }
    return text;
}
function render(value, state, vars, depth) {
    if (state.tooLarge)
        return '';
    if (depth > MAX_INTRINSIC_DEPTH) {
        state.tooDeep = true;
        return state.holes.hole('value nested too deeply');
    }
    if (value === null)
        return '';
    if (typeof value === 'string')
        return emit(state, value);
    if (typeof value === 'number' || typeof value === 'boolean')
        return emit(state, String(value));
    if (Array.isArray(value))
        return state.holes.hole('list value');
    const key = intrinsicKey(value);
    if (!key)
        return state.holes.hole('object value');
    const arg = value[key];
    switch (key) {
        case 'Ref':
            return arg === 'AWS::NoValue' ? '' : state.holes.hole(`Ref ${typeof arg === 'string' ? arg : '?'}`);
        case 'Fn::GetAtt':
            return state.holes.hole(`Fn::GetAtt ${Array.isArray(arg) ? arg.filter((a) => typeof a === 'string').join('.') : typeof arg === 'string' ? arg : '?'}`);
        case 'Fn::Base64':
            return holes_1.NESTED_B64_OPEN + render(arg, state, vars, depth + 1) + holes_1.NESTED_B64_CLOSE;
        case 'Fn::Join':
            return renderJoin(arg, state, vars, depth);
        case 'Fn::Sub':
            return renderSub(arg, state, vars, depth);
        case 'Fn::Select':
            return renderSelect(arg, state, vars, depth);
        case 'Fn::If':
            return renderIf(arg, state, vars, depth);
        default:
            return state.holes.hole(key);
    }
}
function renderJoin(arg, state, vars, depth) {
    if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !Array.isArray(arg[1])) {
        return state.holes.hole('Fn::Join of an unresolved list');
    }
    const separator = arg[0];
    const parts = arg[1].map((item) => render(item, state, vars, depth + 1));
    return parts.join(separator);
}
/** `Fn::Sub`: `${Name}` from the variable map, else a hole; `${!Literal}` is the literal `${Literal}`. */
function renderSub(arg, state, outer, depth) {
    const template = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (template === undefined)
        return state.holes.hole('Fn::Sub');
    const vars = new Map(outer);
    const map = Array.isArray(arg) ? arg[1] : undefined;
    if (map !== undefined && isObject(map))
        for (const [k, v] of Object.entries(map))
            vars.set(k, v);
    let out = '';
    let i = 0;
    while (i < template.length) {
        const start = template.indexOf('${', i);
        if (start < 0)
            break;
        const end = template.indexOf('}', start + 2);
        if (end < 0)
            break;
        out += emit(state, template.slice(i, start));
        const name = template.slice(start + 2, end);
        if (name.startsWith('!'))
            out += emit(state, '${' + name.slice(1) + '}');
        else if (map !== undefined && isObject(map) && Object.prototype.hasOwnProperty.call(map, name))
            out += render(map[name], state, new Map(), depth + 1);
        else
            out += state.holes.hole(name.includes('.') ? `Fn::GetAtt ${name}` : `Ref ${name}`);
        i = end + 1;
    }
    return out + emit(state, template.slice(i));
}
function renderSelect(arg, state, vars, depth) {
    if (Array.isArray(arg) && arg.length === 2) {
        const index = typeof arg[0] === 'number' ? arg[0] : typeof arg[0] === 'string' && /^\d+$/.test(arg[0]) ? Number(arg[0]) : undefined;
        const list = arg[1];
        if (index !== undefined && Array.isArray(list) && index < list.length)
            return render(list[index], state, vars, depth + 1);
    }
    return state.holes.hole('Fn::Select');
}
/** `Fn::If`: the condition is unknown at synth, so only branches that render alike are text. */
function renderIf(arg, state, vars, depth) {
    if (Array.isArray(arg) && arg.length === 3) {
        const whenTrue = render(arg[1], state, vars, depth + 1);
        const whenFalse = render(arg[2], state, vars, depth + 1);
        if (whenTrue === whenFalse)
            return whenTrue;
        return state.holes.hole(`Fn::If ${typeof arg[0] === 'string' ? arg[0] : '?'}`);
    }
    return state.holes.hole('Fn::If');
}
//# sourceMappingURL=intrinsics.js.map