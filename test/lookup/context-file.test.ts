import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ContextFileFs, formatContextFile, mergeContext, nodeContextFileFs, updateContextFile } from '../../lib/lookup/context-file';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eng-context-'));
  file = path.join(dir, 'cdk.context.json');
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

const entry = { 'eks-node-guard:image:eu-west-1:ami-0123456789abcdef0': { name: 'amazon-eks-node-1.29-v20241024', description: 'd' } };

test('an absent file is created with the entries, 2-space JSON and a final newline', async () => {
  const result = await updateContextFile(file, entry);
  expect(result).toEqual({ kind: 'written', file, keys: 1 });
  expect(await fsp.readFile(file, 'utf8')).toBe(JSON.stringify(entry, undefined, 2) + '\n');
  expect(await fsp.readdir(dir)).toEqual(['cdk.context.json']);
});

test('unrelated keys keep their values and order; guard keys are added or replaced', async () => {
  const existing = {
    'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    'eks-node-guard:image:eu-west-1:ami-0123456789abcdef0': { missing: true },
    'ssm:account=123456789012:parameterName=/x:region=eu-west-1': 'value with "quotes" and unicode \u00e9',
    'acknowledged-issue-numbers': [19836, 21902],
    'eks-node-guard:ssm:*:/kept': 'older answer',
    nested: { a: null, b: [true, 1.5, { c: '' }] },
  };
  await fsp.writeFile(file, JSON.stringify(existing, undefined, 2) + '\n');
  await updateContextFile(file, { ...entry, 'eks-node-guard:ssm:eu-west-1:/new': 'ami-0123456789abcdef0' });
  const after = JSON.parse(await fsp.readFile(file, 'utf8'));
  expect(Object.keys(after)).toEqual([...Object.keys(existing), 'eks-node-guard:ssm:eu-west-1:/new']);
  for (const key of Object.keys(existing).filter((k) => !k.startsWith('eks-node-guard:image'))) expect(after[key]).toEqual(existing[key as keyof typeof existing]);
  expect(after['eks-node-guard:image:eu-west-1:ami-0123456789abcdef0']).toEqual(entry['eks-node-guard:image:eu-west-1:ami-0123456789abcdef0']);
});

test('corrupt JSON: a one-line problem and the file byte-identical', async () => {
  const corrupt = Buffer.from('{\n  "a": 1,\n  "b": \n', 'utf8');
  await fsp.writeFile(file, corrupt);
  const result = await updateContextFile(file, entry);
  expect(result.kind).toBe('problem');
  if (result.kind === 'problem') {
    expect(result.message).not.toContain('\n');
    expect(result.message).toContain('not valid JSON');
  }
  expect((await fsp.readFile(file)).equals(corrupt)).toBe(true);
  expect(await fsp.readdir(dir)).toEqual(['cdk.context.json']);
});

test('a JSON value that is not an object is refused, file untouched', async () => {
  await fsp.writeFile(file, '[1, 2]');
  const result = await updateContextFile(file, entry);
  expect(result.kind).toBe('problem');
  expect(await fsp.readFile(file, 'utf8')).toBe('[1, 2]');
});

test('same values again: the file is not rewritten', async () => {
  await updateContextFile(file, entry);
  const before = await fsp.stat(file);
  const result = await updateContextFile(file, entry);
  expect(result.kind).toBe('unchanged');
  expect((await fsp.stat(file)).ino).toBe(before.ino);
});

test('the new file arrives by rename of a temp file in the same directory', async () => {
  await fsp.writeFile(file, '{}');
  const renames: [string, string][] = [];
  const fs: ContextFileFs = { ...nodeContextFileFs, rename: async (from, to) => { renames.push([from, to]); await nodeContextFileFs.rename(from, to); } };
  await updateContextFile(file, entry, fs);
  expect(renames).toHaveLength(1);
  expect(path.dirname(renames[0][0])).toBe(dir);
  expect(renames[0][1]).toBe(file);
  expect(await fsp.readdir(dir)).toEqual(['cdk.context.json']);
});

test('a failed rename leaves the original byte-identical and no temp file behind', async () => {
  const original = Buffer.from('{"keep":   "me"}', 'utf8');
  await fsp.writeFile(file, original);
  const fs: ContextFileFs = { ...nodeContextFileFs, rename: async () => { throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }); } };
  const result = await updateContextFile(file, entry, fs);
  expect(result).toMatchObject({ kind: 'problem' });
  if (result.kind === 'problem') expect(result.message).toMatch(/cannot write .*EXDEV.*left unchanged/);
  expect((await fsp.readFile(file)).equals(original)).toBe(true);
  expect(await fsp.readdir(dir)).toEqual(['cdk.context.json']);
});

test('a failed temp write (disk full) leaves the original byte-identical and no temp file behind', async () => {
  const original = Buffer.from('{"keep": "me"}\n', 'utf8');
  await fsp.writeFile(file, original);
  const fs: ContextFileFs = {
    ...nodeContextFileFs,
    writeFile: async (f, data) => {
      await fsp.writeFile(f, data.slice(0, 5));
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    },
  };
  const result = await updateContextFile(file, entry, fs);
  expect(result.kind).toBe('problem');
  expect((await fsp.readFile(file)).equals(original)).toBe(true);
  expect(await fsp.readdir(dir)).toEqual(['cdk.context.json']);
});

test('mergeContext refuses keys outside the guard prefix', () => {
  expect(() => mergeContext({}, { 'availability-zones:x': [] })).toThrow(/outside eks-node-guard:/);
  expect(formatContextFile(mergeContext({ a: 1 }, { 'eks-node-guard:x': 'y' }))).toBe('{\n  "a": 1,\n  "eks-node-guard:x": "y"\n}\n');
});
