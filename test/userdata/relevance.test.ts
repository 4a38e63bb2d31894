import fc from 'fast-check';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { analyseWithGating } from '../../lib/userdata/analyze';
import type { UserDataInput } from '../../lib/userdata/types';
import { isPlainCloudConfig, mentionsName, skippableCloudConfig, skippableShell } from '../../lib/userdata/relevance';
import { mime as mimeDocument } from '../helpers/fixtures';

/** The shared MIME fixture, from `[contentType, body]` pairs. */
const mime = (parts: readonly [string, string][]) => mimeDocument(parts.map(([contentType, body]) => ({ contentType, body })));

const gated = (input: UserDataInput) => analyseWithGating(input, {}, true);
const full = (input: UserDataInput) => analyseWithGating(input, {}, false);

const TUNING = '#!/bin/bash\nset -euo pipefail\nsysctl -w net.core.somaxconn=4096\necho "vm.max_map_count=262144" >> /etc/sysctl.d/99-x.conf\n';
const CLOUD = [
  '#cloud-config',
  'write_files:',
  '  - path: /etc/sysctl.d/90-x.conf',
  '    permissions: "0644"',
  '    content: |',
  '      fs.inotify.max_user_watches=524288',
  '  - path: /etc/x/pool',
  '    content: pool-1',
  'runcmd:',
  '  - [ sysctl, --system ]',
  '',
].join('\n');

describe('relevance gating: what may be skipped', () => {
  test('typical host tuning and cloud-config parts are skippable', () => {
    expect(skippableShell(TUNING, [])).toBeDefined();
    expect(skippableCloudConfig(CLOUD, [])).toBeDefined();
  });

  test.each([
    ['a trigger word', TUNING + '/etc/eks/bootstrap.sh c\n'],
    ['a trigger split by quotes', TUNING + 'echo x > /etc/systemd/system/kube""let.service.d/a.conf\n'],
    ['an expansion', TUNING + 'F=/tmp/x; echo x > $F\n'],
    ['a backslash', TUNING + 'echo a \\\n b\n'],
    ['a here-document', TUNING + 'cat > /tmp/a <<EOF\nx\nEOF\n'],
    ['a comment (could hide a quote)', TUNING + "# don't\n"],
    ['an unterminated quote', TUNING + 'echo "x\n'],
    ['a shell run', TUNING + 'sh /opt/a\n'],
    ['a dot command', TUNING + '. /opt/a\n'],
    ['/etc/environment', TUNING + 'echo A=1 >> /etc/environment\n'],
    ['a hole', TUNING + 'echo \ue100\n'],
  ])('shell with %s is analysed', (_, text) => {
    expect(skippableShell(text, [])).toBeUndefined();
  });

  test('a part naming a file written earlier is analysed (it may run or copy it)', () => {
    expect(skippableShell('#!/bin/bash\n/opt/setup.sh\n', ['/opt/setup.sh'])).toBeUndefined();
    expect(skippableShell('#!/bin/bash\ncp /tmp/a /tmp/b\n', ['/var/a'])).toBeUndefined();
    expect(skippableShell('#!/bin/bash\ncp /tmp/ab /tmp/b\n', ['/var/a'])).toBeDefined();
  });

  test('names match whole path components only', () => {
    expect(mentionsName('echo x >> /etc/90-bench.conf', 'bench.conf')).toBe(false);
    expect(mentionsName('echo x >> /etc/bench.conf', 'bench.conf')).toBe(true);
    expect(mentionsName('cp bench.conf.bak x', 'bench.conf')).toBe(false);
    expect(mentionsName('anything', '')).toBe(true);
  });

  test.each([
    ['bad indentation', '#cloud-config\nruncmd:\n  - a\n - b\n'],
    ['a number as a command', '#cloud-config\nruncmd:\n  - 42\n'],
    ['a boolean as a command', '#cloud-config\nruncmd:\n  - true\n'],
    ['a map as a command', '#cloud-config\nruncmd:\n  - a: b\n'],
    ['an alias', '#cloud-config\nx: &a [a]\nruncmd:\n  - *a\n'],
    ['an encoding', '#cloud-config\nwrite_files:\n  - path: /a\n    encoding: b64\n    content: QQ==\n'],
    ['a tab', '#cloud-config\nruncmd:\n\t- a\n'],
    ['a quote for the shell', '#cloud-config\nruncmd:\n  - echo \'a\n'],
    ['a second document', '#cloud-config\na: b\n---\nc: d\n'],
    ['a hole in a command', '#cloud-config\nruncmd:\n  - echo \ue100\n'],
    ['a hole in a path', '#cloud-config\nwrite_files:\n  - path: /etc/\ue100\n    content: x\n'],
    ['a hole in a block scalar that is not file content', '#cloud-config\nx: |\n  \ue100\n'],
  ])('cloud-config with %s is analysed', (_, text) => {
    expect(skippableCloudConfig(text, [])).toBeUndefined();
  });
});

/** Every text the subset recogniser accepts parses without errors, with string or list commands. */
function parsesCleanly(text: string): boolean {
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  if (doc.errors.length) return false;
  const root = doc.contents;
  if (root === null) return true;
  if (!isMap(root)) return false;
  for (const key of ['bootcmd', 'runcmd']) {
    const node = root.get(key, true);
    if (node === undefined || (isScalar(node) && node.value === null)) continue;
    if (!isSeq(node)) return false;
    for (const item of node.items) {
      if (isSeq(item)) continue;
      if (!(isScalar(item) && (typeof item.value === 'string' || item.value === null))) return false;
    }
  }
  return true;
}

const YAML_LINES = [
  'write_files:', '  - path: /etc/a.conf', '    content: |', '      x=1', '      # y', '    permissions: "0644"', '  - path: /tmp/b',
  '    content: hello world', 'runcmd:', '  - [ sysctl, --system ]', '  - echo hi', "  - 'echo x'", '  - "touch /tmp/c"', '  - 42',
  '  - true', '  - a: b', 'bootcmd:', '  - mkdir -p /x', 'packages:', '  - htop', '  - [a, b]', 'users:', '  - name: x', '    groups: [a, b]',
  'x: 1', 'y: a: b', 'z: "unterminated', '   bad: indent', '- top', '', '# c', 'k: |', '  body', '    more', ' less', 'q: >-', 'e:', '  -',
  'n: ~', "s: 'a b'", 'p: /a/b c', 'w: a #c', '---', 'f: [a, [b]]', 'g: {a: 1}', 'h: !!binary QQ==', 'i: &a x', 'j: *a',
];

describe('relevance gating: cloud-config subset', () => {
  test('every accepted text parses without errors (property, 3000 texts)', () => {
    const line = fc.oneof(
      fc.constantFrom(...YAML_LINES),
      fc.tuple(fc.constantFrom(...YAML_LINES), fc.nat(4)).map(([l, n]) => ' '.repeat(n) + l.trimStart()),
    );
    let accepted = 0;
    fc.assert(fc.property(fc.array(line, { maxLength: 12 }), (lines) => {
      const text = ['#cloud-config', ...lines].join('\n') + '\n';
      if (!isPlainCloudConfig(text)) return true;
      accepted++;
      return parsesCleanly(text);
    }), { numRuns: 3000 });
    // The property must have had something to check.
    expect(accepted).toBeGreaterThan(100);
  });

  test('the typical cloud-config part is accepted, also with a hole in file content', () => {
    expect(isPlainCloudConfig(CLOUD)).toBe(true);
    expect(skippableCloudConfig(CLOUD.replace('pool-1', '\ue100'), [])).toBeDefined();
    expect(skippableCloudConfig(CLOUD.replace('fs.inotify.max_user_watches', 'a\ue100'), [])).toBeDefined();
    expect(parsesCleanly(CLOUD)).toBe(true);
  });
});

// ---- gated analysis equals the full analysis ----

const IRRELEVANT_SHELL = [
  'sysctl -w net.core.somaxconn=4096',
  'echo "vm.max_map_count=262144" >> /etc/sysctl.d/99-x.conf',
  "echo 'nameserver 10.0.0.2' > /etc/dns/custom.conf",
  'touch /etc/dns/custom.conf',
  ': > /etc/dns/custom.conf',
  'echo "x" >> /etc/dns/custom.conf',
  'cp /etc/dns/custom.conf /etc/dns/other.conf',
  'echo "sysctl -p" > /opt/setup.sh',
  'chmod +x /opt/setup.sh',
  '/opt/setup.sh',
  'echo "--max-pods=20" > /tmp/flags',
  'cat /tmp/flags > /tmp/copy',
  'echo "[Service]" > /tmp/dropin.conf',
  'echo "ExecStart=/usr/bin/x --cluster-dns=10.0.0.10" >> /tmp/dropin.conf',
  'mv /tmp/copy /tmp/moved',
  'rm -f /etc/dns/custom.conf',
  'yum install -y htop',
  'FOO=bar',
  'if [ -d /var/log ]; then chmod 0750 /var/log; fi',
  "echo 'unterminated",
  "# a comment that isn't closed",
  'echo @REF@ > /tmp/name',
  '@REF@ --flag',
  "printf '%s%s %s' /e tc/eks/boots trap.sh c1 > /opt/assembled",
  'echo "echo \'x" > /tmp/quote',
  '/opt/assembled',
  'true && /tmp/quote',
  'sudo /opt/assembled',
];
const RELEVANT_SHELL = [
  "/etc/eks/bootstrap.sh c1 --kubelet-extra-args '--resolv-conf=/etc/dns/custom.conf'",
  "/etc/eks/bootstrap.sh c1 --kubelet-extra-args '--resolv-conf=/etc/dns/other.conf --max-pods=10'",
  "/etc/eks/bootstrap.sh c1 --kubelet-extra-args '--resolv-conf=/tmp/moved'",
  'cp /tmp/dropin.conf /etc/systemd/system/kubelet.service.d/20-x.conf',
  'cat /tmp/flags > /etc/systemd/system/kubelet.service.d/30-y.conf',
  'bash /opt/setup.sh',
  "echo \"/etc/eks/bootstrap.sh c1 --kubelet-extra-args '--resolv-conf='\" > /opt/setup.sh",
  'touch /etc/kubelet-resolv.conf',
  'echo "KUBELET_EXTRA_ARGS=--resolv-conf=/etc/dns/custom.conf" > /etc/sysconfig/kubelet',
];
const CLOUD_FILES = ['/opt/assembled', '/tmp/quote', '/etc/dns/custom.conf', '/opt/setup.sh', '/tmp/flags', '/tmp/dropin.conf', '/etc/x/pool', '/etc/@REF@'];
const CLOUD_CONTENTS = ["echo 'x", 'nameserver 10.0.0.2', '# nothing', 'sysctl -p', '--max-pods=20', '[Service]', '@REF@', 'cluster-@REF@'];
const CLOUD_COMMANDS = ['/opt/assembled', '[ /tmp/quote ]', 'true; /tmp/quote', 'echo @REF@', '[ sysctl, --system ]', '/opt/setup.sh', '[ cp, /tmp/flags, /etc/dns/custom.conf ]', 'echo hi', '42', '[ bash, /opt/setup.sh ]'];

const shellPart = fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...IRRELEVANT_SHELL) },
  { weight: 1, arbitrary: fc.constantFrom(...RELEVANT_SHELL) },
), { minLength: 1, maxLength: 5 }).map((lines): [string, string] => ['text/x-shellscript', ['#!/bin/bash', ...lines].join('\n') + '\n']);

const cloudPart = fc.tuple(
  fc.array(fc.tuple(fc.constantFrom(...CLOUD_FILES), fc.constantFrom(...CLOUD_CONTENTS), fc.boolean()), { maxLength: 3 }),
  fc.array(fc.constantFrom(...CLOUD_COMMANDS), { maxLength: 3 }),
  fc.boolean(),
).map(([files, commands, broken]): [string, string] => {
  const lines = ['#cloud-config'];
  if (files.length) lines.push('write_files:');
  for (const [path, content, defer] of files) lines.push(`  - path: ${path}`, '    content: |', `      ${content}`, ...(defer ? ['    defer: true'] : []));
  if (commands.length) lines.push('runcmd:', ...commands.map((c) => `  - ${c}`));
  if (broken) lines.push(' bad: indent');
  return ['text/cloud-config', lines.join('\n') + '\n'];
});

const nodePart = fc.constantFrom('/etc/dns/custom.conf', '/opt/setup.sh', '').map((target): [string, string] => ['application/node.eks.aws', [
  'apiVersion: node.eks.aws/v1alpha1', 'kind: NodeConfig', 'spec:', '  kubelet:', '    flags:', `      - --resolv-conf=${target}`, '',
].join('\n')]);

describe('relevance gating: the gated analysis equals the full analysis', () => {
  test('random MIME documents of relevant and irrelevant parts (property, 1500 documents)', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof({ weight: 3, arbitrary: shellPart }, { weight: 2, arbitrary: cloudPart }, { weight: 1, arbitrary: nodePart }), { minLength: 1, maxLength: 5 }),
      (parts) => {
        const doc = mime(parts);
        expect(gated(doc)).toEqual(full(doc));
      },
    ), { numRuns: 1500 });
  });

  test('Fn::Base64 of Fn::Join with Refs anywhere (property, 800 documents)', () => {
    fc.assert(fc.property(
      fc.array(fc.oneof({ weight: 3, arbitrary: shellPart }, { weight: 3, arbitrary: cloudPart }, { weight: 1, arbitrary: nodePart }), { minLength: 1, maxLength: 4 }),
      (parts) => {
        const pieces = mime(parts).split('@REF@');
        const joined = pieces.flatMap((piece, i) => (i === 0 ? [piece] : [{ Ref: 'Cluster' }, piece]));
        const input = { 'Fn::Base64': { 'Fn::Join': ['', joined] } };
        expect(gated(input)).toEqual(full(input));
      },
    ), { numRuns: 800 });
  });

  test('single scripts and cloud-configs, also as base64 (property)', () => {
    fc.assert(fc.property(fc.oneof(shellPart, cloudPart), fc.boolean(), ([, body], b64) => {
      const input = b64 ? Buffer.from(body).toString('base64') : body;
      expect(gated(input)).toEqual(full(input));
    }), { numRuns: 500 });
  });

  test.each([
    ['a skipped part fills the resolv-conf file', [
      ['text/x-shellscript', "#!/bin/bash\necho 'nameserver 10.0.0.2' > /etc/dns/custom.conf\n"],
      ['text/x-shellscript', "#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args '--resolv-conf=/etc/dns/custom.conf'\n"],
    ], 'populated'],
    ['a skipped part empties it', [
      ['text/x-shellscript', '#!/bin/bash\n: > /etc/dns/custom.conf\n'],
      ['text/cloud-config', '#cloud-config\nwrite_files:\n  - path: /etc/dns/custom.conf\n    content: ""\n'],
      ['application/node.eks.aws', 'apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags:\n      - --resolv-conf=/etc/dns/custom.conf\n'],
    ], 'empty'],
  ] as [string, [string, string][], string][])('%s: content still found', (_, parts, content) => {
    const doc = mime(parts);
    expect(gated(doc).effectiveResolvConf?.content).toBe(content);
    expect(gated(doc)).toEqual(full(doc));
  });

  test.each([
    ['a script assembled by printf and run', "#!/bin/bash\nprintf '%s%s %s' /e tc/eks/boots trap.sh c1 > /opt/a\nchmod +x /opt/a\n/opt/a\n"],
    ['a written script with an unterminated quote', '#!/bin/bash\necho "echo \'x" > /tmp/q\ntrue && /tmp/q\n'],
  ])('a shell part running a script it wrote is analysed: %s', (_, text) => {
    expect(skippableShell(text, [])).toBeUndefined();
    expect(gated(text)).toEqual(full(text));
  });

  test('a cloud-config running a file it writes is analysed (the file is read as a nested script)', () => {
    const text = "#cloud-config\nwrite_files:\n  - path: /opt/a\n    content: |\n      echo 'x\nruncmd:\n  - [ /opt/a ]\n";
    expect(skippableCloudConfig(text, [])).toBeUndefined();
    expect(gated(text).problems.map((p) => p.code)).toEqual(['unparsed-shell']);
    expect(gated(text)).toEqual(full(text));
  });

  test('a drop-in copied from a file a skipped part wrote keeps its flags', () => {
    const doc = mime([
      ['text/x-shellscript', '#!/bin/bash\necho "[Service]" > /tmp/d.conf\necho "ExecStart=/usr/bin/x --cluster-dns=10.0.0.10" >> /tmp/d.conf\n'],
      ['text/x-shellscript', '#!/bin/bash\ncp /tmp/d.conf /etc/systemd/system/kubelet.service.d/20-x.conf\n'],
    ]);
    expect(gated(doc)).toEqual(full(doc));
  });

  test('problems of skippable-looking parts are kept (bad YAML, unterminated quote)', () => {
    const doc = mime([
      ['text/cloud-config', '#cloud-config\nruncmd:\n  - a\n - b\n'],
      ['text/x-shellscript', "#!/bin/bash\necho 'x\n"],
    ]);
    const a = gated(doc);
    expect(a.problems.map((p) => p.code).sort()).toEqual(['bad-yaml', 'unparsed-shell']);
    expect(a).toEqual(full(doc));
  });
});
