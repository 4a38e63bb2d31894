import * as path from 'path';

/** `target` relative to `base` when it lies inside `base` (not `base` itself), else undefined. */
export function relativeInside(base: string, target: string): string | undefined {
  const relative = path.relative(base, target);
  if (!relative || path.isAbsolute(relative) || relative === '..' || relative.startsWith(`..${path.sep}`)) return undefined;
  return relative;
}
