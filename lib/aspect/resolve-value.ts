/**
 * Resolves the few L1 property values the guard reads into CloudFormation values, through the
 * tokens' own public `IResolvable.resolve` (the same calls CDK's resolver makes), but without
 * the machinery a whole template needs. At synth that machinery costs several times the guard's
 * own analysis (docs/performance.md); CDK resolves the template again when it writes it anyway.
 *
 * Differences from `Stack.resolve` change no meaning for the guard: concatenations become
 * `Fn::Join` with an empty delimiter (CDK may choose a shorter equivalent form), and a token is
 * resolved once per stack and reused (a CloudFormation logical id is used by many references).
 */
import { IPostProcessor, IResolvable, IResolveContext, ResolutionTypeHint, Stack, Token, Tokenization } from 'aws-cdk-lib';
import type { IntrinsicValue } from '../userdata/types';

/** Resolved tokens of one stack: pass the same one for every value of a check. */
export type ResolvedTokens = Map<IResolvable, unknown>;

/** Object keys and nesting beyond this are left to `Stack.resolve`. */
const MAX_DEPTH = 64;

/** `value` as CloudFormation will receive it (tokens resolved in `stack`'s scope). */
export function resolveValue(value: unknown, stack: Stack, resolved: ResolvedTokens): IntrinsicValue | undefined {
  try {
    return resolveIn(value, stack, resolved, 0) as IntrinsicValue | undefined;
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    return stack.resolve(value);
  }
}

/** A shape this resolver leaves to CDK (a token as an object key, very deep values). */
class Unsupported extends Error {}

function resolveIn(value: unknown, stack: Stack, resolved: ResolvedTokens, depth: number): unknown {
  if (depth > MAX_DEPTH) throw new Unsupported();
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    // Encoded string tokens contain `Token[`, encoded numbers `e+289`; most strings (the user data literal above all) neither.
    if (!value.includes('Token[') && !value.includes('e+289')) return value;
    return resolveString(value, stack, resolved, depth);
  }
  if (typeof value === 'number') {
    const token = Token.isUnresolved(value) ? Tokenization.reverseNumber(value) : undefined;
    return token ? resolveToken(token, stack, resolved, depth, ResolutionTypeHint.NUMBER) : value;
  }
  if (Array.isArray(value)) {
    const token = Token.isUnresolved(value) ? Tokenization.reverseList(value) : undefined;
    if (token) return resolveToken(token, stack, resolved, depth, ResolutionTypeHint.STRING_LIST);
    return value.map((item) => resolveIn(item, stack, resolved, depth + 1)).filter((item) => item !== undefined);
  }
  if (Tokenization.isResolvable(value)) return resolveToken(value, stack, resolved, depth, ResolutionTypeHint.STRING);
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('Token[') || key.includes('e+289')) throw new Unsupported();
    const item = resolveIn(child, stack, resolved, depth + 1);
    if (item !== undefined) out[key] = item;
  }
  return out;
}

function resolveString(value: string, stack: Stack, resolved: ResolvedTokens, depth: number): unknown {
  const fragments = Tokenization.reverseString(value);
  if (fragments.tokens.length === 0) return value;
  const resolveFragment = (token: IResolvable) => resolveToken(token, stack, resolved, depth, ResolutionTypeHint.STRING);
  const result = fragments.length === 1 ? resolveFragment(fragments.firstToken!) : fragments.mapTokens({ mapToken: resolveFragment }).join({ join: concatenate });
  return withTypeHint(result, ResolutionTypeHint.STRING);
}

/**
 * CDK marks resolved token values with the kind of token they came from; `Stack.toJsonString`
 * reads the mark to decide whether a value is spliced into the JSON text as an intrinsic. The
 * symbol is registered globally (`Symbol.for`) so that copies of aws-cdk-lib agree on it.
 */
const TYPE_HINT = Symbol.for('@aws-cdk/core.resolvedTypeHint');

function withTypeHint<T>(value: T, hint: ResolutionTypeHint): T {
  if (typeof value === 'object' && value !== null) Object.defineProperty(value, TYPE_HINT, { value: hint, configurable: true });
  return value;
}

/**
 * Two resolved pieces of one string: text when both are text, else an `Fn::Join` of their parts
 * (adjacent text merged, as CDK does). A piece that resolved to nothing adds nothing.
 */
function concatenate(left: unknown, right: unknown): unknown {
  if (left === undefined) return right;
  if (right === undefined) return left;
  if (isText(left) && isText(right)) return `${left}${right}`;
  const parts: unknown[] = [];
  for (const part of [...joinParts(left), ...joinParts(right)]) {
    const last = parts.length - 1;
    if (last >= 0 && isText(part) && isText(parts[last])) parts[last] = `${parts[last]}${part}`;
    else parts.push(part);
  }
  return { 'Fn::Join': ['', parts] };
}

function isText(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function joinParts(value: unknown): unknown[] {
  if (value === undefined || value === '') return [];
  const join = (value as { 'Fn::Join'?: unknown[] })?.['Fn::Join'];
  if (Array.isArray(join) && join[0] === '' && Array.isArray(join[1]) && Object.keys(value as object).length === 1) return join[1];
  return [value];
}

function resolveToken(token: IResolvable, stack: Stack, resolved: ResolvedTokens, depth: number, hint: ResolutionTypeHint): unknown {
  if (resolved.has(token)) return resolved.get(token);
  let postProcessor: IPostProcessor | undefined;
  const context: IResolveContext = {
    scope: stack,
    preparing: false,
    documentPath: [],
    resolve: (x: unknown) => resolveIn(x, stack, resolved, depth + 1),
    // As in CDK, the last post processor a token registers is the one applied.
    registerPostProcessor: (registered) => {
      postProcessor = registered;
    },
  };
  // A token may resolve to another token, or to values holding tokens.
  let result = resolveIn(resolveLeavingCaches(token, context), stack, resolved, depth + 1);
  if (postProcessor) result = postProcessor.postProcess(result, context);
  result = withTypeHint(result, hint);
  resolved.set(token, result);
  return result;
}

/**
 * `token.resolve(context)`, leaving a cached `Lazy` as it was. CDK keeps the first value a
 * `Lazy.string` produces (the L2 `LaunchTemplate` holds its user data in one); filled here, before
 * a later aspect adds commands to that user data, it would keep them out of the template. The
 * Aspect reads after CDK's preparation has filled such caches; `checkEksNodes` may read before. The
 * cache is a private field of the lazy (or of the lazy a token boxes): when it is not where this
 * expects, the token is resolved as usual.
 */
function resolveLeavingCaches(token: IResolvable, context: IResolveContext): unknown {
  const lazy = emptyCacheOf(token);
  if (!lazy) return token.resolve(context);
  try {
    return token.resolve(context);
  } finally {
    lazy._cached = undefined;
  }
}

interface CachingLazy {
  cache?: unknown;
  _cached?: unknown;
}

/** The caching lazy behind `token` (itself, or the one it boxes) while its cache is still empty. */
function emptyCacheOf(token: IResolvable): CachingLazy | undefined {
  for (const candidate of [token, (token as { inner?: unknown }).inner]) {
    const lazy = candidate as CachingLazy | undefined;
    if (typeof lazy === 'object' && lazy !== null && lazy.cache === true) return lazy._cached === undefined ? lazy : undefined;
  }
  return undefined;
}
