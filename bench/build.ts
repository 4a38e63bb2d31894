/**
 * Compiles `lib/` and `bench/` to plain CommonJS for the measurement children, file by file with
 * TypeScript's own emitter (no type check: `npm run typecheck` does that). The children then run
 * what users run (tsc output), not tsx's transform, which wraps every function in a `__name` call
 * that costs measurable time in hot loops.
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync } from 'fs';
import { dirname, join, relative } from 'path';
import * as ts from 'typescript';

/** Where the compiled tree goes (`.bench/` is git-ignored). */
export const BUILD_DIR = join(__dirname, '.bench', 'build');

const COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  resolveJsonModule: true,
};

/** Compiles every `.ts` (and copies every `.json`) of `lib/` and `bench/` below `root`; returns the file count. */
export function buildForBench(root: string): number {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  let files = 0;
  for (const dir of ['lib', 'bench']) {
    for (const file of sourceFiles(join(root, dir))) {
      const out = join(BUILD_DIR, relative(root, file));
      mkdirSync(dirname(out), { recursive: true });
      if (file.endsWith('.json')) {
        copyFileSync(file, out);
      } else {
        const { outputText } = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: file });
        writeFileSync(out.replace(/\.ts$/, '.js'), outputText);
      }
      files += 1;
    }
  }
  return files;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      // The build output itself lives below bench/.
      if (!entry.name.startsWith('.')) out.push(...sourceFiles(path));
    } else if ((entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') && !entry.name.endsWith('.test.ts')) || entry.name.endsWith('.json')) {
      out.push(path);
    }
  }
  return out;
}
