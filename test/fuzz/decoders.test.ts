/**
 * Structure-aware fuzzing of every decoder: inputs that look almost right (a MIME archive with a
 * broken part, cloud-config with odd types, a NodeConfig whose flags are not strings, shell soup
 * around bootstrap.sh, intrinsic trees with unknown functions) must never throw, and must always
 * give a well-formed analysis. Bounded by run counts; timing is the benchmark's job.
 */
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { gzipSync } from 'zlib';
import { parseTemplateText } from '../../lib/scan/template';
import { analyzeUserData } from '../../lib/userdata/analyze';
import type { IntrinsicValue, UserDataAnalysis, UserDataInput } from '../../lib/userdata/types';

const RUNS = { numRuns: 150 };

/**
 * Never throws, never needs the analyser's last-resort catch (`internal-error` is a bug, not a
 * finding), and the result is complete and JSON-serialisable.
 */
function wellFormed(input: UserDataInput): UserDataAnalysis {
  const analysis = analyzeUserData(input, { maxDecodedBytes: 256 * 1024 });
  expect(analysis.problems.filter((p) => p.code === 'internal-error')).toEqual([]);
  expect(Array.isArray(analysis.problems)).toBe(true);
  expect(Array.isArray(analysis.resolvConfSettings)).toBe(true);
  expect(analysis.rawBytes).toBeGreaterThanOrEqual(0);
  expect(() => JSON.stringify(analysis)).not.toThrow();
  if (analysis.effectiveResolvConf) expect(['empty', 'populated', 'unknown']).toContain(analysis.effectiveResolvConf.content);
  return analysis;
}

const shellWord = fc.constantFrom(
  '/etc/eks/bootstrap.sh', 'bootstrap.sh', 'my-cluster', '--kubelet-extra-args', '--resolv-conf=', '--resolv-conf', '/etc/r.conf', '""', "''",
  '"', "'", '\\', '$', '${', '}', '$(', ')', '`', '<<', '<<-', 'EOF', '>', '>>', '|', '&&', ';', '#', 'touch', 'echo', 'nameserver 10.0.0.2',
  'tee', 'cat', 'export', 'ARGS=', '"$ARGS"', '${ARGS}', 'if', 'then', 'fi', 'for', 'do', 'done', 'case', 'esac', 'jq', '.resolvConf="/x"',
  '/etc/kubernetes/kubelet/kubelet-config.json', 'Environment=\'KUBELET_EXTRA_ARGS=--resolv-conf=\'', '/etc/systemd/system/kubelet.service.d/x.conf',
);
const shellLine = fc.array(shellWord, { maxLength: 12 }).map((words) => words.join(' '));
const shellScript = fc.array(shellLine, { maxLength: 20 }).map((lines) => ['#!/bin/bash', ...lines].join('\n'));

const anyYamlValue = fc.anything({ maxDepth: 3, withNullPrototype: false, withBigInt: false, withMap: false, withSet: false, withTypedArray: false, withSparseArray: false, withBoxedValues: false, withDate: false, withObjectString: false });

const cloudConfig = fc
  .record({
    write_files: fc.option(fc.array(fc.record({ path: fc.oneof(fc.constant('/etc/r.conf'), anyYamlValue), content: anyYamlValue, encoding: fc.constantFrom('b64', 'gzip', 'gz+b64', 'text/plain', 'nonsense') }, { requiredKeys: [] }), { maxLength: 3 })),
    runcmd: fc.option(fc.array(fc.oneof(shellLine, fc.array(shellWord, { maxLength: 5 }), anyYamlValue), { maxLength: 5 })),
    bootcmd: fc.option(anyYamlValue),
  })
  .map((doc) => `#cloud-config\n${stringify(doc)}`);

const nodeConfig = fc
  .record({
    apiVersion: fc.constantFrom('node.eks.aws/v1alpha1', 'node.eks.aws/v1', 'x'),
    kind: fc.constantFrom('NodeConfig', 'Other'),
    spec: fc.record({ kubelet: fc.record({ flags: fc.oneof(fc.array(fc.oneof(fc.constantFrom('--resolv-conf=', '--resolv-conf=/etc/r'), anyYamlValue), { maxLength: 4 }), anyYamlValue), config: fc.oneof(fc.record({ resolvConf: anyYamlValue }), anyYamlValue) }, { requiredKeys: [] }) }, { requiredKeys: [] }),
  })
  .chain((doc) => fc.constantFrom(stringify(doc), JSON.stringify(doc)));

/** A MIME archive whose parts may be broken: wrong encodings, missing separators, nested archives. */
const mimeArchive: fc.Memo<string> = fc.memo((depth) => {
  const body = depth <= 1 ? fc.oneof(shellScript, cloudConfig, nodeConfig, fc.string()) : fc.oneof(shellScript, nodeConfig, mimeArchive(depth - 1));
  const part = fc.record({
    type: fc.constantFrom('text/x-shellscript', 'text/cloud-config', 'application/node.eks.aws', 'multipart/mixed; boundary="inner"', 'text/plain', 'garbage'),
    encoding: fc.constantFrom('base64', 'quoted-printable', '7bit', '8bit', 'x-unknown', ''),
    body,
    damage: fc.constantFrom('none', 'truncate', 'no-separator'),
  });
  return fc.record({ boundary: fc.constantFrom('==B==', 'b', '+AWS+CDK+User+Data+Separator==', 'inner'), parts: fc.array(part, { maxLength: 4 }), closed: fc.boolean() }).map(({ boundary, parts, closed }) => {
    const rendered = parts.map(({ type, encoding, body: text, damage }) => {
      let content = encoding === 'base64' ? Buffer.from(text).toString('base64') : text;
      if (damage === 'truncate') content = content.slice(0, Math.floor(content.length / 2));
      const headers = [`Content-Type: ${type}`, encoding ? `Content-Transfer-Encoding: ${encoding}` : ''].filter(Boolean).join('\n');
      return `--${boundary}\n${headers}${damage === 'no-separator' ? '\n' : '\n\n'}${content}`;
    });
    return [`MIME-Version: 1.0`, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', ...rendered, closed ? `--${boundary}--` : ''].join('\n');
  });
});

const intrinsicFunction = fc.constantFrom('Fn::Base64', 'Fn::Join', 'Fn::Sub', 'Ref', 'Fn::GetAtt', 'Fn::ImportValue', 'Fn::Select', 'Fn::If', 'Fn::FindInMap', 'Fn::Split', 'Fn::Unknown');
const intrinsicTree: fc.Memo<IntrinsicValue> = fc.memo((depth) =>
  depth <= 1
    ? fc.oneof(shellLine, fc.string(), fc.integer(), fc.constant(null))
    : fc.oneof(
        shellLine,
        fc.tuple(intrinsicFunction, fc.oneof(intrinsicTree(depth - 1), fc.array(intrinsicTree(depth - 1), { maxLength: 4 }))).map(([fn, arg]) => ({ [fn]: arg }) as IntrinsicValue),
        fc.tuple(fc.constantFrom('', '\n', ' '), fc.array(intrinsicTree(depth - 1), { maxLength: 5 })).map(([sep, parts]) => ({ 'Fn::Join': [sep, parts] }) as IntrinsicValue),
        fc.array(intrinsicTree(depth - 1), { maxLength: 3 }),
      ),
);

describe('fuzzing every decoder: never throws, always a well-formed analysis', () => {
  test('base64: valid, truncated and corrupted', () => {
    fc.assert(fc.property(shellScript, fc.nat(), fc.string({ maxLength: 4 }), (script, cut, noise) => {
      const encoded = Buffer.from(script).toString('base64');
      wellFormed(encoded);
      wellFormed(encoded.slice(0, cut % (encoded.length + 1)));
      wellFormed(encoded + noise);
    }), RUNS);
  });

  test('gzip: valid, truncated and bit-flipped, raw and base64', () => {
    fc.assert(fc.property(shellScript, fc.nat(), fc.nat(), (script, cut, flip) => {
      const gz = new Uint8Array(gzipSync(script));
      const truncated = gz.subarray(0, cut % (gz.length + 1));
      const flipped = Uint8Array.from(gz);
      flipped[flip % flipped.length] ^= 0xff;
      for (const bytes of [gz, truncated, flipped]) {
        wellFormed(bytes);
        wellFormed(Buffer.from(bytes).toString('base64'));
      }
    }), RUNS);
  });

  test('MIME archives with broken and nested parts', () => {
    fc.assert(fc.property(mimeArchive(3), (archive) => void wellFormed(archive)), RUNS);
  });

  test('cloud-config with odd types', () => {
    fc.assert(fc.property(cloudConfig, (doc) => void wellFormed(doc)), RUNS);
  });

  test('nodeadm NodeConfig as YAML and JSON with odd types', () => {
    fc.assert(fc.property(nodeConfig, (doc) => void wellFormed(doc)), RUNS);
  });

  test('shell soup around bootstrap.sh', () => {
    fc.assert(fc.property(shellScript, (script) => void wellFormed(script)), RUNS);
  });

  test('intrinsic trees with unknown and malformed functions', () => {
    fc.assert(fc.property(intrinsicTree(5), (tree) => void wellFormed({ 'Fn::Base64': tree })), RUNS);
  });

  test('the template parser (scan) returns a result or a problem for any text', () => {
    const template = fc.oneof(
      fc.string(),
      anyYamlValue.map((v) => JSON.stringify({ Resources: v })),
      anyYamlValue.map((v) => stringify({ Resources: v })),
      fc.array(fc.constantFrom('Resources:', '  X:', '    Type: AWS::EC2::LaunchTemplate', '    Properties: !Base64', '      !Sub "${A}"', '!GetAtt', '!Ref', '- a', '{', '}', '"'), { maxLength: 12 }).map((l) => l.join('\n')),
    );
    fc.assert(fc.property(template, (text) => {
      const result = parseTemplateText(text);
      expect(typeof result.ok).toBe('boolean');
    }), RUNS);
  });
});
