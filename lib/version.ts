import * as fs from 'fs';
import * as path from 'path';

let cachedVersion: string | undefined;

/**
 * The version of the installed cdk-eks-node-guard package. Read from its package.json at run time,
 * found by walking up from this file, because the compiled file sits at a different depth
 * (`dist/lib/`) than the source (`lib/`); `0.0.0` when no package.json of this package is found.
 */
export function guardVersion(): string {
  if (cachedVersion) return cachedVersion;
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'cdk-eks-node-guard' && pkg.version) return (cachedVersion = pkg.version);
    } catch {
      // Not here: keep walking up.
    }
    dir = path.dirname(dir);
  }
  return (cachedVersion = '0.0.0');
}
