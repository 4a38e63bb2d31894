/**
 * The README's CLI examples are real output: each `console` block whose commands are
 * `npx eks-node-guard …` (after an optional `printf … | gzip | base64 > FILE` that makes the input)
 * is run in-process and must print exactly what the README shows.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { runCli } from '../helpers/cli';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');

interface Example {
  readonly setup?: { readonly file: string; readonly text: string };
  readonly args: string[];
  readonly output: string;
}

/** The printf escapes the README uses. */
function unescapePrintf(format: string): string {
  return format.replace(/\\n/g, '\n');
}

function examples(): Example[] {
  const blocks = [...README.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => m[1]);
  return blocks.flatMap((block) => {
    const printf = /^\$ printf '(.*)' \| gzip \| base64 > (\S+)\n/.exec(block);
    const rest = printf ? block.slice(printf[0].length) : block;
    const command = /^\$ npx eks-node-guard (.*)\n([\s\S]*)$/.exec(rest);
    if (!command) return [];
    return [{ setup: printf ? { file: printf[2], text: unescapePrintf(printf[1]) } : undefined, args: command[1].split(' '), output: command[2] }];
  });
}

describe('README CLI examples', () => {
  const found = examples();

  test('the README has the containerd and userdata examples', () => {
    expect(found.map((e) => e.args[0])).toEqual(['containerd', 'userdata']);
  });

  test.each(found.map((e) => [e.args.join(' '), e] as const))('eks-node-guard %s prints what the README shows', async (_name, example) => {
    const dir = mkdtempSync(join(tmpdir(), 'guard-readme-'));
    if (example.setup) writeFileSync(join(dir, example.setup.file), gzipSync(example.setup.text).toString('base64') + '\n');
    const run = await runCli(example.args, dir);
    expect(run).toEqual({ code: 0, stdout: example.output, stderr: '' });
  });
});
