import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { mergeLookupRequests, parseLookupRequest, readLookupRequests } from '../../lib/lookup/request';
import { LOOKUP_REQUEST_FILE, LookupRequest } from '../../lib/lookup/types';

let dir: string;
beforeEach(async () => {
  dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'eng-request-'));
});
afterEach(async () => {
  await fsp.rm(dir, { recursive: true, force: true });
});

/** Makes `dir` a cloud assembly: the CDK writes manifest.json at its top. */
async function writeManifest(): Promise<void> {
  await fsp.writeFile(path.join(dir, 'manifest.json'), '{"version":"48.0.0","artifacts":{}}');
}

async function writeRequest(sub: string, request: LookupRequest): Promise<void> {
  await fsp.mkdir(path.join(dir, sub), { recursive: true });
  await fsp.writeFile(path.join(dir, sub, LOOKUP_REQUEST_FILE), JSON.stringify(request));
}

test('reads the top-level and nested Stage assemblies, merging duplicates and their paths', async () => {
  await writeManifest();
  await writeRequest('.', { version: 1, images: [{ id: 'ami-0123456789abcdef0', region: 'eu-west-1', paths: ['Top/Ng'] }], ssmParameters: [] });
  await writeRequest('assembly-Prod', {
    version: 1,
    images: [
      { id: 'ami-0123456789abcdef0', region: 'eu-west-1', paths: ['Prod/Stack/Ng'] },
      { id: 'ami-0123456789abcdef0', paths: ['Prod/Agnostic/Ng'] },
    ],
    ssmParameters: [{ id: '/p', region: 'eu-west-1', paths: ['Prod/Stack/Ng2'] }],
  });
  await writeRequest('assembly-Prod/assembly-Prod-Inner', { version: 1, images: [], ssmParameters: [{ id: '/p', region: 'eu-west-1', paths: ['Prod/Inner/Ng'] }] });
  await fsp.mkdir(path.join(dir, 'not-an-assembly'));
  await fsp.writeFile(path.join(dir, 'not-an-assembly', LOOKUP_REQUEST_FILE), '{"version":1,"images":[{"id":"ami-ffffffff","paths":[]}]}');

  const read = await readLookupRequests(dir);
  expect(read.kind).toBe('ok');
  if (read.kind !== 'ok') return;
  expect(read.files.map((f) => path.relative(dir, f))).toEqual([
    LOOKUP_REQUEST_FILE,
    path.join('assembly-Prod', LOOKUP_REQUEST_FILE),
    path.join('assembly-Prod', 'assembly-Prod-Inner', LOOKUP_REQUEST_FILE),
  ]);
  expect(read.request).toEqual({
    version: 1,
    images: [
      { id: 'ami-0123456789abcdef0', region: 'eu-west-1', paths: ['Top/Ng', 'Prod/Stack/Ng'] },
      { id: 'ami-0123456789abcdef0', paths: ['Prod/Agnostic/Ng'] },
    ],
    ssmParameters: [{ id: '/p', region: 'eu-west-1', paths: ['Prod/Stack/Ng2', 'Prod/Inner/Ng'] }],
  });
});

test('an assembly without request files is an empty request; a missing directory is a problem', async () => {
  await writeManifest();
  expect(await readLookupRequests(dir)).toEqual({ kind: 'ok', request: { version: 1, images: [], ssmParameters: [] }, files: [] });
  const missing = await readLookupRequests(path.join(dir, 'cdk.out'));
  expect(missing).toMatchObject({ kind: 'problem' });
  if (missing.kind === 'problem') expect(missing.message).toMatch(/run 'cdk synth' first/);
});

test('a directory without manifest.json is not a cloud assembly: a problem, even with a request file in it', async () => {
  await writeRequest('.', { version: 1, images: [{ id: 'ami-0123456789abcdef0', paths: [] }], ssmParameters: [] });
  const read = await readLookupRequests(dir);
  expect(read).toEqual({ kind: 'problem', message: `${dir} is not a cloud assembly (no manifest.json): run 'cdk synth' first, or pass --app <cloud assembly directory>` });
});

test('the request file itself can be passed', async () => {
  await writeRequest('.', { version: 1, images: [{ id: 'ami-0123456789abcdef0', paths: [] }], ssmParameters: [] });
  const read = await readLookupRequests(path.join(dir, LOOKUP_REQUEST_FILE));
  expect(read.kind === 'ok' && read.request.images).toEqual([{ id: 'ami-0123456789abcdef0', paths: [] }]);
});

test.each([
  ['not json', /not valid JSON/],
  ['[]', /not a JSON object/],
  ['{"version":2,"images":[]}', /version 2/],
  ['{"version":1,"images":{}}', /"images" must be a list/],
  ['{"version":1,"images":[{"id":3,"paths":[]}]}', /"images" must be a list/],
  ['{"version":1,"ssmParameters":[{"id":"/p","paths":[1]}]}', /"ssmParameters" must be a list/],
  ['{"version":1,"images":[{"id":"ami-1","region":5,"paths":[]}]}', /"images" must be a list/],
  ['{"version":1,"unresolved":[{"paths":["S/Nodes"]}]}', /"unresolved" must be a list of \{ reason, paths \}/],
])('parseLookupRequest(%s) is a problem', (text, message) => {
  const parsed = parseLookupRequest(text, 'req.json');
  expect(parsed.kind).toBe('problem');
  if (parsed.kind === 'problem') expect(parsed.message).toMatch(message);
});

test('a `*` or empty region is read as no region', () => {
  const parsed = parseLookupRequest('{"version":1,"images":[{"id":"ami-1","region":"*","paths":[]},{"id":"ami-2","region":"","paths":[]}]}', 'r');
  expect(parsed.kind === 'ok' && parsed.request.images).toEqual([
    { id: 'ami-1', paths: [] },
    { id: 'ami-2', paths: [] },
  ]);
});

test('mergeLookupRequests keeps one item per region and id', () => {
  const merged = mergeLookupRequests([
    { version: 1, images: [{ id: 'a', region: 'r1', paths: ['p1'] }], ssmParameters: [] },
    { version: 1, images: [{ id: 'a', region: 'r2', paths: ['p2'] }, { id: 'a', region: 'r1', paths: ['p1', 'p3'] }], ssmParameters: [] },
  ]);
  expect(merged.images).toEqual([
    { id: 'a', region: 'r1', paths: ['p1', 'p3'] },
    { id: 'a', region: 'r2', paths: ['p2'] },
  ]);
});

test('nodes no lookup can help are read and merged by reason, and left out when there are none', () => {
  const reason = 'containerd version unknown: the image id is not known at synth';
  const parsed = parseLookupRequest(JSON.stringify({ version: 1, images: [], ssmParameters: [], unresolved: [{ reason, paths: ['Top/Ng'] }] }), 'r');
  expect(parsed).toEqual({ kind: 'ok', request: { version: 1, images: [], ssmParameters: [], unresolved: [{ reason, paths: ['Top/Ng'] }] } });
  if (parsed.kind !== 'ok') return;
  const nested: LookupRequest = { version: 1, images: [], ssmParameters: [], unresolved: [{ reason, paths: ['Prod/Ng', 'Top/Ng'] }, { reason: 'other', paths: ['Prod/Lt'] }] };
  expect(mergeLookupRequests([parsed.request, nested]).unresolved).toEqual([
    { reason, paths: ['Top/Ng', 'Prod/Ng'] },
    { reason: 'other', paths: ['Prod/Lt'] },
  ]);
  expect(mergeLookupRequests([{ version: 1, images: [], ssmParameters: [], unresolved: [] }])).toEqual({ version: 1, images: [], ssmParameters: [] });
});
