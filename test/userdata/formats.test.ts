import { gzipSync } from 'zlib';
import { analyse, affecting, BOOT, bootstrapScript, effective, nodeConfig } from './helpers';
import type { IntrinsicValue } from '../../lib/userdata/types';

const EMPTY = bootstrapScript('--resolv-conf=');
const GOOD = bootstrapScript('--resolv-conf=/etc/resolv.conf');
const b64 = (s: string | Buffer): string => Buffer.from(s).toString('base64');

describe('base64 and gzip', () => {
  it('base64 text is decoded', () => {
    const a = analyse(b64(EMPTY));
    expect(a.formats).toEqual(['base64', 'shell']);
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(a.rawBytes).toBe(Buffer.byteLength(EMPTY));
  });

  it('base64 with line breaks is decoded', () => {
    expect(effective(b64(EMPTY).replace(/(.{60})/g, '$1\n'))?.[1]).toBe('empty');
  });

  it('gzip bytes and base64 gzip are inflated', () => {
    const gz = gzipSync(EMPTY);
    expect(analyse(new Uint8Array(gz)).formats).toEqual(['gzip', 'shell']);
    const a = analyse(gz.toString('base64'));
    expect(a.formats).toEqual(['base64', 'gzip', 'shell']);
    expect(a.rawBytes).toBe(gz.length);
    expect(a.decodedBytes).toBe(Buffer.byteLength(EMPTY));
    expect(a.effectiveResolvConf?.content).toBe('empty');
  });

  it('populated variants pass through every encoding', () => {
    for (const input of [GOOD, b64(GOOD), new Uint8Array(gzipSync(GOOD)), b64(gzipSync(GOOD))]) {
      expect(effective(input)).toEqual(['/etc/resolv.conf', 'populated', 'bootstrap-kubelet-extra-args']);
    }
  });

  it('text that merely uses the base64 alphabet stays text', () => {
    expect(analyse('abcd').formats).toEqual(['text']);
    expect(analyse(b64(Buffer.from([0, 1, 2, 3, 250, 251, 252]))).formats).toEqual(['text']);
  });

  it('bytes that are UTF-8 base64 text are decoded', () => {
    expect(effective(new Uint8Array(Buffer.from(b64(EMPTY))))?.[0]).toBe('');
  });
});

const mime = (boundary: string, parts: string[], close = true, eol = '\n'): string =>
  [`Content-Type: multipart/mixed; boundary="${boundary}"`, 'MIME-Version: 1.0', '', ...parts.flatMap((p) => [`--${boundary}`, p]), ...(close ? [`--${boundary}--`] : []), ''].join(eol);
const shellPart = (script: string): string => `Content-Type: text/x-shellscript; charset="us-ascii"\n\n${script}`;

describe('MIME multipart', () => {
  it('a shell part with an empty --resolv-conf', () => {
    const a = analyse(mime('==BOUNDARY==', [shellPart(EMPTY)]));
    expect(a.formats).toEqual(['mime-multipart', 'shell']);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', location: { part: 1, contentType: 'text/x-shellscript', line: 3 } });
  });

  it('a populated variant', () => {
    expect(effective(mime('b', [shellPart(GOOD)]))?.[1]).toBe('populated');
  });

  it('CRLF line endings, odd boundary, case-insensitive headers', () => {
    const text = mime('//++ b ==', ['content-TYPE: text/x-shellscript\r\n\r\n' + EMPTY.replace(/\n/g, '\r\n')], true, '\r\n');
    expect(effective(text)?.[0]).toBe('');
  });

  it('a boundary with a `;` or an escaped quote inside its quotes', () => {
    for (const boundary of ['a;b', 'x\\"y']) {
      const parts = [`--${boundary.replace('\\', '')}`, 'Content-Type: text/x-shellscript', '', EMPTY, `--${boundary.replace('\\', '')}--`, ''];
      const text = [`Content-Type: multipart/mixed; boundary="${boundary}"; charset="us-ascii"`, 'MIME-Version: 1.0', '', ...parts].join('\n');
      expect(effective(text)?.[0]).toBe('');
    }
  });

  it('base64 and quoted-printable transfer encodings', () => {
    expect(effective(mime('b', [`Content-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${b64(EMPTY)}`]))?.[0]).toBe('');
    const qp = EMPTY.replace(/=/g, '=3D').replace(/--kubelet-extra-args/, '--kubelet-ext=\nra-args');
    expect(effective(mime('b', [`Content-Type: text/x-shellscript\nContent-Transfer-Encoding: quoted-printable\n\n${qp}`]))?.[0]).toBe('');
  });

  it('a gzip part (base64 transfer encoding) is inflated', () => {
    expect(effective(mime('b', [`Content-Type: application/x-gzip\nContent-Transfer-Encoding: base64\n\n${b64(gzipSync(EMPTY))}`]))?.[0]).toBe('');
  });

  it('nested multipart parts are numbered in document order', () => {
    const inner = mime('inner', [shellPart('#!/bin/bash\necho hi\n'), shellPart(EMPTY)]);
    const a = analyse(mime('outer', [shellPart('#!/bin/bash\ntrue\n'), inner]));
    expect(a.effectiveResolvConf?.location).toMatchObject({ part: 3 });
  });

  it('missing closing boundary: parts are analysed and the problem reported', () => {
    const a = analyse(mime('b', [shellPart(EMPTY)], false));
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(a.problems).toMatchObject([{ code: 'bad-mime', mayAffectResolvConf: false }]);
  });

  it('missing boundary parameter is a problem that may affect resolv-conf', () => {
    const a = analyse(`Content-Type: multipart/mixed\nMIME-Version: 1.0\n\n--x\n${shellPart(EMPTY)}\n--x--\n`);
    expect(affecting(a)).toEqual(['bad-mime']);
  });

  it('nesting deeper than maxMimeDepth is a problem', () => {
    let text = shellPart(EMPTY);
    for (let i = 0; i < 5; i++) text = mime(`b${i}`, [text]);
    expect(affecting(analyse(text, { maxMimeDepth: 3 }))).toEqual(['mime-depth']);
    expect(analyse(text).effectiveResolvConf?.value).toBe('');
  });

  it('invalid base64 in a part is a problem', () => {
    expect(affecting(analyse(mime('b', ['Content-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n!!!not base64!!!'])))).toEqual(['bad-base64']);
  });
});

describe('cloud-config', () => {
  it.each([
    ['runcmd string', `runcmd:\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf='\n`],
    ['runcmd argv list', `runcmd:\n  - [${BOOT}, c, --kubelet-extra-args, '--resolv-conf=']\n`],
    ['bootcmd', `bootcmd:\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf='\n`],
    ['multi-line runcmd with a variable', `runcmd:\n  - |\n    ARGS="--resolv-conf="\n    ${BOOT} c --kubelet-extra-args "$ARGS"\n`],
    ['variables shared across runcmd entries', `runcmd:\n  - export KUBELET_EXTRA_ARGS="--resolv-conf="\n  - ${BOOT} c\n`],
  ])('%s', (_name, body) => {
    const a = analyse(`#cloud-config\n${body}`);
    expect(a.formats).toEqual(['cloud-config']);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty' });
  });

  const run = `runcmd:\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/r.conf'\n`;
  it.each([
    ['plain', "  - path: /etc/r.conf\n    content: 'nameserver 10.0.0.2'\n", 'populated'],
    ['b64', `  - path: /etc/r.conf\n    encoding: b64\n    content: ${b64('nameserver 10.0.0.2\n')}\n`, 'populated'],
    ['gz+b64', `  - path: /etc/r.conf\n    encoding: gz+b64\n    content: ${b64(gzipSync('nameserver 10.0.0.2\n'))}\n`, 'populated'],
    ['empty content', "  - path: /etc/r.conf\n    content: ''\n", 'empty'],
    ['no content key', '  - path: /etc/r.conf\n    permissions: "0644"\n', 'empty'],
    ['base64 of empty text', '  - path: /etc/r.conf\n    encoding: base64\n    content: ""\n', 'empty'],
    ['append a nameserver', "  - path: /etc/r.conf\n    content: ''\n  - path: /etc/r.conf\n    append: true\n    content: 'nameserver 1.1.1.1'\n", 'populated'],
  ])('write_files %s', (_name, files, content) => {
    expect(analyse(`#cloud-config\nwrite_files:\n${files}${run}`).effectiveResolvConf?.content).toBe(content);
  });

  it('write_files of a kubelet drop-in (block scalar), with the drop-in line as location', () => {
    const a = analyse(`#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/kubelet.service.d/20-dns.conf\n    content: |\n      [Service]\n      Environment="KUBELET_EXTRA_ARGS=--resolv-conf="\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'kubelet-extra-args-env', location: { line: 6 } });
  });

  it('write_files runs before runcmd: a file emptied by runcmd is empty', () => {
    const a = analyse(`#cloud-config\nwrite_files:\n  - path: /etc/r.conf\n    content: 'nameserver 1.1.1.1'\nruncmd:\n  - truncate -s 0 /etc/r.conf\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/r.conf'\n`);
    expect(a.effectiveResolvConf?.content).toBe('empty');
  });

  it('a cloud-config part in MIME', () => {
    expect(effective(mime('b', [`Content-Type: text/cloud-config\n\n#cloud-config\nruncmd:\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf='\n`]))?.[0]).toBe('');
  });

  it('broken YAML is a problem', () => {
    expect(affecting(analyse(`#cloud-config\nruncmd: [\n  - ${BOOT} c --kubelet-extra-args '--resolv-conf='\n`))).toEqual(['bad-yaml']);
  });
});

const nodeadmPart = (body: string): string => `Content-Type: application/node.eks.aws\n\n${body}`;

describe('nodeadm NodeConfig', () => {
  it('flags with an empty --resolv-conf, in a MIME part', () => {
    const a = analyse(mime('b', [nodeadmPart(nodeConfig('    flags:\n      - --node-labels=a=b\n      - --resolv-conf=\n'))]));
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'nodeadm-flags', location: { part: 1, contentType: 'application/node.eks.aws', line: 9 } });
    expect(a.usesNodeadm).toBe(true);
    expect(a.usesBootstrapSh).toBe(false);
  });

  it('config.resolvConf, bare YAML', () => {
    expect(effective(nodeConfig('    config:\n      resolvConf: ""\n'))).toEqual(['', 'empty', 'nodeadm-config']);
  });

  it('JSON NodeConfig', () => {
    const json = JSON.stringify({ apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { config: { resolvConf: '/etc/resolv.conf' } } } });
    expect(effective(mime('b', [nodeadmPart(json)]))).toEqual(['/etc/resolv.conf', 'populated', 'nodeadm-config']);
  });

  it('flags win over config regardless of order', () => {
    expect(effective(nodeConfig('    flags: ["--resolv-conf=/etc/resolv.conf"]\n    config:\n      resolvConf: ""\n'))?.[0]).toBe('/etc/resolv.conf');
  });

  it('several NodeConfig parts merge: later config wins', () => {
    const a = analyse(mime('b', [nodeadmPart(nodeConfig('    config:\n      resolvConf: ""\n')), nodeadmPart(nodeConfig('    config:\n      resolvConf: /run/systemd/resolve/resolv.conf\n'))]));
    expect(a.effectiveResolvConf).toMatchObject({ value: '/run/systemd/resolve/resolv.conf', content: 'populated', location: { part: 2 } });
  });

  it('a shell part can populate the file a NodeConfig points at', () => {
    const a = analyse(mime('b', [shellPart('#!/bin/bash\necho "nameserver 10.0.0.2" > /etc/dns.conf\n'), nodeadmPart(nodeConfig('    flags:\n      - --resolv-conf=/etc/dns.conf\n'))]));
    expect(a.effectiveResolvConf).toMatchObject({ content: 'populated', contentEvidence: expect.stringContaining('part 1, line 2') });
  });

  it('bad YAML in a NodeConfig part is a problem', () => {
    expect(affecting(analyse(mime('b', [nodeadmPart('apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {kubelet: [\n')])))).toEqual(['bad-yaml']);
  });

  it('a hole in the kubelet flags may affect resolv-conf; in the cluster name it does not', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', ['apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: ', { Ref: 'Cluster' }, '\n    apiServerEndpoint: ', { 'Fn::GetAtt': ['Cluster', 'Endpoint'] }, '\n  kubelet:\n    flags:\n      - ', { Ref: 'Flag' }, '\n']] } };
    const a = analyse(tree);
    expect(a.problems).toMatchObject([{ code: 'token-hole', mayAffectResolvConf: true, location: { line: 9 } }]);
    const harmless: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', ['apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: ', { Ref: 'Cluster' }, '\n    certificateAuthority: ', { 'Fn::GetAtt': ['Cluster', 'CertificateAuthorityData'] }, '\n    cidr: ', { Ref: 'Cidr' }, '\n']] } };
    expect(analyse(harmless).problems).toEqual([]);
  });
});

describe('other operating systems', () => {
  it('Bottlerocket TOML', () => {
    const a = analyse('[settings.kubernetes]\ncluster-name = "c"\napi-server = "https://x"\n');
    expect(a.os).toBe('bottlerocket');
    expect(a.formats).toEqual(['bottlerocket-toml']);
  });

  it('Windows PowerShell', () => {
    const a = analyse('<powershell>\n[string]$EKSBootstrapScriptFile = "$env:ProgramFiles\\Amazon\\EKS\\Start-EKSBootstrap.ps1"\n& $EKSBootstrapScriptFile -EKSClusterName c -KubeletExtraArgs \'--resolv-conf=""\'\n</powershell>\n');
    expect(a.os).toBe('windows');
    expect(a.effectiveResolvConf).toBeUndefined();
  });
});

describe('CloudFormation literal text', () => {
  it('a private-use character written in a template is text, not an unresolved value', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} demo --kubelet-extra-args '--resolv-conf=/etc/resolv.conf --node-labels=a=\ue200\ue001'\n`]] } };
    expect(analyse(tree).problems).toEqual([]);
  });

  it.each([
    ['the whole user data', { 'Fn::Base64': '{{resolve:ssm:/nodes/user-data}}' }, 'the user data starts with an unresolved value (dynamic reference {{resolve:ssm:/nodes/user-data}})'],
    ['the kubelet flags', { 'Fn::Base64': bootstrapScript('{{resolve:ssm:/nodes/kubelet-args}}') }, 'dynamic reference {{resolve:ssm:/nodes/kubelet-args}}'],
    ['in Fn::Join', { 'Fn::Base64': { 'Fn::Join': ['', [bootstrapScript('--max-pods=58 {{resolve:secretsmanager:kubelet:SecretString:args}}')]] } }, 'dynamic reference {{resolve:secretsmanager:kubelet:SecretString:args}}'],
  ])('a CloudFormation dynamic reference is a value put there at deploy time (%s)', (_name, tree, reason) => {
    const a = analyse(tree as IntrinsicValue);
    expect(affecting(a)).toEqual(['token-hole']);
    expect(a.problems[0].reason).toContain(reason);
  });

  it('a dynamic reference where no kubelet setting can be is harmless', () => {
    expect(analyse({ 'Fn::Base64': `#!/bin/bash
${BOOT} {{resolve:ssm:/nodes/cluster}} --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'
` }).problems).toEqual([]);
  });

  it('Fn::Join separators count towards the size cap', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['x'.repeat(100), Array(20_000).fill('')] } };
    expect(affecting(analyse(tree))).toEqual(['size-cap']);
  });
});

describe('more shapes', () => {
  it('holes in --dns-cluster-ip and other bootstrap option values are harmless', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} `, { Ref: 'C' }, ' --dns-cluster-ip ', { Ref: 'Dns' }, ' --container-runtime ', { Ref: 'Rt' }, " --kubelet-extra-args '--max-pods=20'\n"]] } };
    expect(analyse(tree).problems).toEqual([]);
  });

  it('a hole in a bootstrap.sh option position may affect resolv-conf', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c `, { Ref: 'MoreArgs' }, '\n']] } };
    expect(affecting(analyse(tree))).toEqual(['token-hole']);
  });

  it('spec.kubelet, spec or the flags as one unresolved value may affect resolv-conf', () => {
    const nodeadm = (yaml: string): IntrinsicValue => ({ 'Fn::Base64': { 'Fn::Join': ['', [`apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\n${yaml}`, { Ref: 'Settings' }, '\n']] } });
    for (const yaml of ['spec:\n  kubelet: ', 'spec: ', 'spec:\n  kubelet:\n    flags: ']) {
      expect(affecting(analyse(nodeadm(yaml)))).toEqual(['token-hole']);
    }
  });

  it('a hole in NodeConfig spec.kubelet.config may affect resolv-conf', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', ['apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      resolvConf: ', { Ref: 'Path' }, '\n']] } };
    const a = analyse(tree);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual(['token-hole']);
  });

  it('#cloud-boothook parts are shell', () => {
    expect(effective(mime('b', [`Content-Type: text/cloud-boothook\n\n#cloud-boothook\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n`]))?.[0]).toBe('');
  });

  it('write_files content that is a hole makes a kubelet drop-in a problem', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', ['#cloud-config\nwrite_files:\n  - path: /etc/systemd/system/kubelet.service.d/10.conf\n    encoding: b64\n    content: ', { Ref: 'DropIn' }, '\n']] } };
    expect(affecting(analyse(tree))).toEqual(['unknown-kubelet-file']);
  });

  it('a NodeConfig with no kubelet section sets nothing and is nodeadm', () => {
    const a = analyse(mime('b', [nodeadmPart('apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  cluster:\n    name: c\n')]));
    expect(a).toMatchObject({ usesNodeadm: true, os: 'linux', resolvConfSettings: [], problems: [] });
  });

  it.each([
    ['config, then flags', '    config:\n      maxPods: 58\n      resolvConf: /etc/a.conf\n', '    flags:\n      - --node-labels=x=y\n      - --resolv-conf=\n', 9, 11],
    ['config in both', '    config:\n      resolvConf: /etc/a.conf\n', '    config:\n      resolvConf: ""\n', 8, 10],
  ])('nodeadm reads only the first document of a part; a later one mentioning resolv-conf is a problem (%s)', (_name, first, second, settingLine, ignoredLine) => {
    const a = analyse(mime('b', [nodeadmPart(`${nodeConfig(first as string)}---\n${nodeConfig(second as string)}`)]));
    expect(a.resolvConfSettings.map((s) => [s.value, s.location.line])).toEqual([['/etc/a.conf', settingLine]]);
    expect(a.problems).toMatchObject([{ code: 'ignored-document', mayAffectResolvConf: true, location: { line: ignoredLine } }]);
  });

  it('a later document that does not parse is ignored by nodeadm, not a YAML error', () => {
    const docs = `${nodeConfig('    config:\n      resolvConf: ""\n')}---\napiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec: {kubelet: [\n`;
    const a = analyse(mime('b', [nodeadmPart(docs)]));
    expect(a.effectiveResolvConf?.content).toBe('empty');
    expect(a.problems.map((p) => [p.code, p.location?.line, p.mayAffectResolvConf])).toEqual([['ignored-document', 10, false]]);
  });

  it('a tag nodeadm does not know is read as the value it tags', () => {
    expect(effective(nodeConfig('    config:\n      resolvConf: !custom ""\n'))).toEqual(['', 'empty', 'nodeadm-config']);
  });

  it('flags repeated through aliases stop at the size of the document', () => {
    const flag = `--node-labels=${'x'.repeat(80_000)}`;
    const text = `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nflag: &f "${flag}"\nspec:\n  kubelet:\n    flags: [${Array(8000).fill('*f').join(', ')}]\n`;
    const a = analyse(mime('b', [nodeadmPart(text)]));
    expect(a.problems.map((p) => p.code)).toEqual(['bad-nodeconfig']);
  });

  it('a repeated key overrides the earlier one, as in JSON', () => {
    expect(effective(nodeConfig('    config:\n      resolvConf: ""\n      resolvConf: /etc/resolv.conf\n'))).toEqual(['/etc/resolv.conf', 'populated', 'nodeadm-config']);
  });

  it('aliases that would expand exponentially are read once (no billion laughs)', () => {
    const levels = Array.from({ length: 30 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    const bomb = `apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    config:\n      l0: &l0 [x]\n${levels.map((l) => `      ${l}`).join('\n')}\n      resolvConf: ""\n`;
    const a = analyse(mime('b', [nodeadmPart(bomb)]));
    expect([a.effectiveResolvConf?.content, a.problems]).toEqual(['empty', []]);
  });
});
