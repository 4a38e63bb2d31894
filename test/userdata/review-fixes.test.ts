import { gzipSync } from 'zlib';
import * as fc from 'fast-check';
import { analyse, affecting, BOOT, effective, nodeConfig } from './helpers';
import type { IntrinsicValue } from '../../lib/userdata/types';

const CFG = '/etc/kubernetes/kubelet/kubelet-config.json';
const DROP_INS = '/etc/systemd/system/kubelet.service.d';

describe('bootstrap.sh: unknown options are one positional word', () => {
  it('an unknown option does not swallow --kubelet-extra-args', () => {
    expect(effective(`#!/bin/bash\n${BOOT} c --foo --kubelet-extra-args '--resolv-conf='\n`)).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('a boolean option still takes its true/false word', () => {
    expect(effective(`#!/bin/bash\n${BOOT} c --use-max-pods false --kubelet-extra-args '--resolv-conf='\n`)).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });
});

describe('kubelet flag names: _ is -', () => {
  it('--resolv_conf= counts as --resolv-conf', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv_conf='\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty' });
    expect(a.kubeletFlags[0].name).toBe('--resolv-conf');
  });
});

describe('exported KUBELET_EXTRA_ARGS reaches bootstrap.sh', () => {
  it.each([
    ['set -a', 'set -a'],
    ['set -o allexport', 'set -o allexport'],
    ['combined options', 'set -ea'],
    ['export before the assignment', 'export KUBELET_EXTRA_ARGS'],
    ['declare -x before the assignment', 'declare -x KUBELET_EXTRA_ARGS'],
  ])('%s', (_name, line) => {
    expect(effective(`#!/bin/bash\n${line}\nKUBELET_EXTRA_ARGS='--resolv-conf=/dev/null'\n${BOOT} c\n`)).toEqual(['/dev/null', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it.each([
    ['set +a turns allexport off', 'set -a\nset +a'],
    ['export -n removes the attribute', 'export KUBELET_EXTRA_ARGS\nexport -n KUBELET_EXTRA_ARGS'],
    ['a plain assignment is not exported', ''],
  ])('%s', (_name, lines) => {
    expect(effective(`#!/bin/bash\n${lines}\nKUBELET_EXTRA_ARGS='--resolv-conf=/dev/null'\n${BOOT} c\n`)).toBeUndefined();
  });
});

describe('systemd drop-ins apply in filename order', () => {
  const dropIn = (name: string, value: string): string => `cat > ${DROP_INS}/${name} <<'EOF'\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--resolv-conf=${value}'\nEOF\n`;

  it('a 10-*.conf written after bootstrap.sh loses to its 30-kubelet-extra-args.conf', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n${dropIn('10-dns.conf', '/etc/resolv.conf')}`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'bootstrap-kubelet-extra-args', file: `${DROP_INS}/30-kubelet-extra-args.conf` });
    expect(a.resolvConfSettings.map((s) => s.file)).toEqual([`${DROP_INS}/10-dns.conf`, `${DROP_INS}/30-kubelet-extra-args.conf`]);
  });

  it('a 99-*.conf written before bootstrap.sh replaces its value', () => {
    const a = analyse(`#!/bin/bash\n${dropIn('99-dns.conf', '')}${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'kubelet-extra-args-env', file: `${DROP_INS}/99-dns.conf` });
  });

  it('property: whatever the script order, the drop-in with the greatest name wins', () => {
    const names = ['05-a.conf', '20-b.conf', '40-c.conf', '99-d.conf'];
    fc.assert(fc.property(fc.shuffledSubarray(names, { minLength: 1 }), fc.integer({ min: 0, max: 4 }), (picked, bootAt) => {
      const writes = picked.map((n) => dropIn(n, `/etc/${n}`));
      writes.splice(Math.min(bootAt, writes.length), 0, `${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/boot'\n`);
      const winner = [...picked, '30-kubelet-extra-args.conf'].sort().pop()!;
      expect(analyse(`#!/bin/bash\n${writes.join('')}`).effectiveResolvConf?.value).toBe(winner.startsWith('30-') ? '/etc/boot' : `/etc/${winner}`);
    }));
  });
});

describe('jq inside a command substitution', () => {
  it('the bootstrap.sh idiom echo "$(jq …)" > kubelet-config.json records the setting', () => {
    const a = analyse(`#!/bin/bash\necho "$(jq '.resolvConf="/etc/k.conf"' ${CFG})" > ${CFG}\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/k.conf', mechanism: 'kubelet-config-file', location: { line: 2 } });
    expect(affecting(a)).toEqual([]);
  });

  it('works through a variable and with backticks', () => {
    const a = analyse(`#!/bin/bash\nC=${CFG}\nNEW=\`jq '.resolvConf=""' $C\`\necho "$NEW" > $C\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty', mechanism: 'kubelet-config-file' });
    expect(affecting(a)).toEqual([]);
  });

  it('a jq substitution inside an unquoted here-document keeps its double quotes', () => {
    expect(effective(`#!/bin/bash\ncat > /tmp/new.json <<EOF\n$(jq '.resolvConf="/etc/k.conf"' ${CFG})\nEOF\n`)).toEqual(['/etc/k.conf', 'unknown', 'kubelet-config-file']);
  });

  it('other command substitutions written into the kubelet config are still unknown', () => {
    expect(affecting(analyse(`#!/bin/bash\necho "$(curl -s http://x/cfg)" > ${CFG}\n`))).toEqual(['token-hole']);
  });
});

describe('cloud-config runcmd aliases', () => {
  it('an aliased command is analysed', () => {
    const a = analyse(`#cloud-config\nx: &cmd "${BOOT} c --kubelet-extra-args '--resolv-conf='"\nruncmd:\n  - *cmd\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'bootstrap-kubelet-extra-args' });
  });

  it('an aliased argv list and an aliased runcmd are analysed', () => {
    expect(effective(`#cloud-config\nx: &argv [${BOOT}, c, --kubelet-extra-args, --resolv-conf=]\nruncmd:\n  - *argv\n`)?.[0]).toBe('');
    expect(effective(`#cloud-config\ncmds: &cmds\n  - ${BOOT} c --kubelet-extra-args --resolv-conf=\nruncmd: *cmds\n`)?.[0]).toBe('');
  });

  it('an entry that is neither a string nor a list is reported', () => {
    const a = analyse(`#cloud-config\nruncmd:\n  - {a: b}\n  - ${BOOT} c\n`);
    expect(a.problems).toMatchObject([{ code: 'unparsed-cloud-config', mayAffectResolvConf: true, location: { line: 3 } }]);
  });
});

describe('OS comes only from real PowerShell or Bottlerocket user data', () => {
  const mime = (...parts: [string, string][]): string =>
    `Content-Type: multipart/mixed; boundary="B"\nMIME-Version: 1.0\n\n${parts.map(([type, body]) => `--B\nContent-Type: ${type}\n\n${body}`).join('')}--B--\n`;

  it('a shell part writing a TOML [settings] file is Linux', () => {
    const a = analyse(mime(['text/x-shellscript', `#cloud-boothook\ncat > /etc/x.toml <<EOF\n[settings.x]\nEOF\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n`]));
    expect(a.os).toBe('linux');
    expect(a.formats).not.toContain('bottlerocket-toml');
  });

  it('a shell part whose first lines are a [settings] heredoc without #! is still shell by content type', () => {
    expect(analyse(mime(['text/x-shellscript', `[settings.x]\n${BOOT} c\n`])).os).toBe('linux');
  });

  it('a text/plain <script> part next to a shell part is Linux', () => {
    const a = analyse(mime(['text/x-shellscript', `#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n`], ['text/plain', '<script>\n</script>\n']));
    expect(a.os).toBe('linux');
    expect(a.effectiveResolvConf?.value).toBe('');
  });

  it('a PowerShell-looking part next to a Linux part does not make the node Windows', () => {
    expect(analyse(mime(['text/x-shellscript', `#!/bin/bash\n${BOOT} c\n`], ['text/plain', '<powershell>\nStart-EKSBootstrap\n</powershell>\n'])).os).toBe('linux');
  });

  it('real PowerShell and Bottlerocket user data are still recognised', () => {
    expect(analyse('<persist>true</persist>\n<powershell>\nStart-EKSBootstrap.ps1 -EKSClusterName c\n</powershell>\n').os).toBe('windows');
    expect(analyse('# Bottlerocket\n[settings.kubernetes]\ncluster-name = "c"\n').os).toBe('bottlerocket');
  });
});

describe('appending to a file the user data never wrote', () => {
  it('keeps its content unknown (no false "empty")', () => {
    const a = analyse(`#!/bin/bash\necho '# managed' >> /etc/k.conf\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/k.conf'\n`);
    expect(a.effectiveResolvConf).toMatchObject({ content: 'unknown', contentEvidence: expect.stringContaining('earlier content unknown') });
  });

  it('an appended nameserver line makes it populated', () => {
    expect(effective(`#!/bin/bash\necho 'nameserver 10.0.0.2' >> /etc/k.conf\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/k.conf'\n`)?.[1]).toBe('populated');
  });

  it('a file created empty and appended a comment stays empty', () => {
    expect(effective(`#!/bin/bash\ntouch /etc/k.conf\necho '# x' >> /etc/k.conf\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/k.conf'\n`)?.[1]).toBe('empty');
  });
});

describe('jq only sets resolvConf in the kubelet config', () => {
  it.each([
    ['another input file', `jq '.resolvConf=""' /etc/app/settings.json > /tmp/x`],
    ['reading from stdin of another file', `jq '.resolvConf=""' < /etc/app/settings.json > /tmp/x`],
  ])('ignores %s', (_name, line) => {
    const a = analyse(`#!/bin/bash\n${line}\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems).toEqual([]);
  });

  it.each([
    ['the kubelet config as input', `jq '.resolvConf=""' ${CFG} > /tmp/x && mv /tmp/x ${CFG}`],
    ['the kubelet config via a variable', `KUBELET_CONFIG=${CFG}\njq '.resolvConf=""' $KUBELET_CONFIG > /tmp/x`],
    ['the kubelet config as output', `jq -n '{resolvConf: ""}' > ${CFG}`],
    ['the kubelet config on stdin', `jq '.resolvConf=""' < ${CFG} > /tmp/x`],
  ])('records %s', (_name, line) => {
    expect(effective(`#!/bin/bash\n${line}\n`)).toEqual(['', 'empty', 'kubelet-config-file']);
  });

  it('a jq edit of the kubelet config piped into tee is not an unknown kubelet file', () => {
    const a = analyse(`#!/bin/bash\njq '.resolvConf=""' ${CFG} | tee /etc/kubernetes/kubelet/config.json.d/10-x.conf\n`);
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(affecting(a)).toEqual([]);
  });

  it('an unresolved file path is a problem, not silence', () => {
    expect(affecting(analyse(`#!/bin/bash\njq '.resolvConf=""' "$1" > /tmp/x\n`))).toEqual(['unparsed-kubelet-config']);
  });
});

const nodeadmMime = (...bodies: string[]): string =>
  `Content-Type: multipart/mixed; boundary="B"\nMIME-Version: 1.0\n\n${bodies.map((body) => `--B\nContent-Type: application/node.eks.aws\n\n${body}\n`).join('')}--B--\n`;

describe('nodeadm reads only the first YAML document of a NodeConfig', () => {
  it('a later document without resolv-conf is a harmless problem', () => {
    const a = analyse(nodeadmMime(`${nodeConfig('    config:\n      resolvConf: ""\n')}---\n${nodeConfig('    config:\n      maxPods: 20\n')}`));
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'nodeadm-config' });
    expect(a.problems).toMatchObject([{ code: 'ignored-document', mayAffectResolvConf: false, location: { part: 1, line: 10 } }]);
  });

  it('a resolv-conf only in a later document is not set, and may affect resolv-conf', () => {
    const a = analyse(`${nodeConfig('    flags:\n      - --node-labels=a=b\n')}---\n${nodeConfig('    flags:\n      - --resolv-conf=\n')}`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.kubeletFlags.map((f) => f.name)).toEqual(['--node-labels']);
    expect(affecting(a)).toEqual(['ignored-document']);
  });

  it('comments, a directive and --- before the first document, and an empty last one, are not documents', () => {
    const a = analyse(nodeadmMime(`# managed by x\n%YAML 1.2\n---\n${nodeConfig('    config:\n      resolvConf: ""\n')}---\n# end\n`));
    expect(a.effectiveResolvConf).toMatchObject({ value: '', location: { line: 11 } });
    expect(a.problems).toEqual([]);
  });

  it('a document ended by ... is the first one', () => {
    const a = analyse(nodeadmMime(`${nodeConfig('    config:\n      resolvConf: ""\n')}...\n${nodeConfig('    config:\n      resolvConf: /etc/resolv.conf\n')}`));
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(affecting(a)).toEqual(['ignored-document']);
  });

  it('several NodeConfig parts still merge', () => {
    const a = analyse(nodeadmMime(nodeConfig('    config:\n      resolvConf: ""\n'), nodeConfig('    flags:\n      - --resolv-conf=/etc/resolv.conf\n')));
    expect(a.resolvConfSettings.map((s) => [s.value, s.location.part])).toEqual([['', 1], ['/etc/resolv.conf', 2]]);
    expect(a.problems).toEqual([]);
  });
});

describe('a NodeConfig part in base64 or gzip + base64 without Content-Transfer-Encoding', () => {
  const config = nodeConfig('    flags:\n      - --resolv-conf=\n');

  it.each([
    ['base64', Buffer.from(config).toString('base64')],
    ['base64 in lines', Buffer.from(config).toString('base64').replace(/(.{76})/g, '$1\n')],
    ['gzip + base64', gzipSync(config).toString('base64')],
  ])('is decoded, as nodeadm does (%s)', (_name, body) => {
    const a = analyse(nodeadmMime(body));
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'nodeadm-flags', location: { part: 1, line: 8 } });
    expect(a.problems).toEqual([]);
  });

  it('a nested Fn::Base64 body (CDK MultipartBody.fromRawBody) is decoded too', () => {
    const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', ['Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: application/node.eks.aws\n\n', { 'Fn::Base64': config }, '\n--B--\n']] } };
    expect(effective(tree)).toEqual(['', 'empty', 'nodeadm-flags']);
  });

  it('inflation stops at the size cap', () => {
    const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 'a')).toString('base64');
    expect(affecting(analyse(nodeadmMime(bomb), { maxDecodedBytes: 1024 * 1024 }))).toEqual(['size-cap']);
  });

  it('a shell part is still not decoded without the header', () => {
    const script = `#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n`;
    const a = analyse(`Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/x-shellscript\n\n${Buffer.from(script).toString('base64')}\n--B--\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
  });
});

describe('environment files count only when a kubelet unit reads them', () => {
  const SYSCONFIG = `echo 'KUBELET_EXTRA_ARGS="--resolv-conf= --network-plugin=cni"' > /etc/sysconfig/kubelet`;

  it.each(['/etc/sysconfig/kubelet', '/etc/default/kubelet', '/etc/eks/kubelet/environment'])('KUBELET_EXTRA_ARGS in %s alone is a harmless note', (path) => {
    const a = analyse(`#!/bin/bash\necho 'KUBELET_EXTRA_ARGS="--resolv-conf= --network-plugin=cni"' > ${path}\n${BOOT} c\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.kubeletFlags).toEqual([]);
    expect(a.problems).toMatchObject([{ code: 'unread-kubelet-env-file', mayAffectResolvConf: false, location: { line: 2 } }]);
  });

  it.each([
    ['written before the file', `echo 'EnvironmentFile=-/etc/sysconfig/kubelet' > ${DROP_INS}/05-env.conf\n${SYSCONFIG}`],
    ['written after the file', `${SYSCONFIG}\necho 'EnvironmentFile=/etc/sysconfig/kubelet' > ${DROP_INS}/05-env.conf`],
  ])('a drop-in with EnvironmentFile= makes it count (%s)', (_name, lines) => {
    const a = analyse(`#!/bin/bash\n${lines}\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'kubelet-extra-args-env', file: '/etc/sysconfig/kubelet' });
    expect(a.kubeletFlags.map((f) => f.name)).toEqual(['--resolv-conf', '--network-plugin']);
    expect(a.problems).toEqual([]);
  });

  it('NODEADM_KUBELET_ARGS with resolv-conf in nodeadm\'s environment file is reported, not ignored', () => {
    const a = analyse(`#!/bin/bash\necho 'NODEADM_KUBELET_ARGS=--resolv-conf=' >> /etc/eks/kubelet/environment\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual(['unmodelled-kubelet-env']);
  });
});

describe('bootstrap.sh ignores --kubelet-extra-args=VALUE', () => {
  it('the value does not reach the kubelet, and a resolv-conf in it may affect resolv-conf', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args='--resolv-conf='\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.kubeletFlags).toEqual([]);
    expect(a.bootstrapCalls[0].kubeletExtraArgs).toBeUndefined();
    expect(a.problems).toMatchObject([{ code: 'ignored-bootstrap-option', mayAffectResolvConf: true, location: { line: 2 } }]);
  });

  it('without resolv-conf it is a harmless note', () => {
    expect(analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args=--node-labels=a=b\n`).problems).toMatchObject([{ code: 'ignored-bootstrap-option', mayAffectResolvConf: false }]);
  });

  it('an exported KUBELET_EXTRA_ARGS is still what bootstrap.sh uses', () => {
    const a = analyse(`#!/bin/bash\nexport KUBELET_EXTRA_ARGS='--resolv-conf=/etc/resolv.conf'\n${BOOT} c --kubelet-extra-args=--resolv-conf=\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/resolv.conf', mechanism: 'bootstrap-kubelet-extra-args' });
  });
});

describe('a later KUBELET_EXTRA_ARGS without --resolv-conf replaces an earlier one with it', () => {
  const dropIn = (name: string, args: string): string => `cat > ${DROP_INS}/${name} <<'EOF'\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=${args}'\nEOF\n`;

  it("bootstrap.sh's 30-kubelet-extra-args.conf replaces a 20-dns.conf", () => {
    const a = analyse(`#!/bin/bash\n${dropIn('20-dns.conf', '--resolv-conf=/etc/dns.conf')}${BOOT} c --kubelet-extra-args '--node-labels=a=b'\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.resolvConfSettings).toEqual([]);
    expect(a.problems).toMatchObject([{ code: 'replaced-kubelet-args', mayAffectResolvConf: false, location: { line: 4 } }]);
    expect(a.problems[0].reason).toContain(`${DROP_INS}/30-kubelet-extra-args.conf (line 6)`);
  });

  it('the kubelet config value is then the effective one', () => {
    const a = analyse(`#!/bin/bash\njq '.resolvConf="/etc/k.conf"' ${CFG} > /tmp/k && mv /tmp/k ${CFG}\n${dropIn('20-dns.conf', '--resolv-conf=')}${BOOT} c --kubelet-extra-args '--max-pods=20'\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/k.conf', mechanism: 'kubelet-config-file' });
  });

  it('a 99-*.conf without --resolv-conf replaces bootstrap.sh\'s, whatever the script order', () => {
    const a = analyse(`#!/bin/bash\n${dropIn('99-x.conf', '--max-pods=20')}${BOOT} c --kubelet-extra-args '--resolv-conf='\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems.map((p) => p.code)).toEqual(['replaced-kubelet-args']);
  });

  it('bootstrap.sh writes no drop-in for empty extra args, so the 20-dns.conf stays', () => {
    expect(effective(`#!/bin/bash\n${dropIn('20-dns.conf', '--resolv-conf=')}${BOOT} c --kubelet-extra-args ''\n`)).toEqual(['', 'empty', 'kubelet-extra-args-env']);
  });

  it('property: the drop-in systemd reads last decides, with or without --resolv-conf', () => {
    const names = ['05-a.conf', '20-b.conf', '40-c.conf', '99-d.conf'];
    fc.assert(fc.property(fc.shuffledSubarray(names, { minLength: 1 }), fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }), fc.integer({ min: 0, max: 4 }), (picked, withResolv, bootAt) => {
      const args = (name: string, i: number): string => (withResolv[i] ? `--resolv-conf=/etc/${name}` : '--max-pods=20');
      const writes = picked.map((n, i) => dropIn(n, args(n, i)));
      const bootArgs = args('boot', 4);
      writes.splice(Math.min(bootAt, writes.length), 0, `${BOOT} c --kubelet-extra-args '${bootArgs}'\n`);
      const last = [...picked.map((n, i) => [n, args(n, i)]), ['30-kubelet-extra-args.conf', bootArgs]].sort(([a], [b]) => (a < b ? -1 : 1)).pop()!;
      const expected = last[1].startsWith('--resolv-conf=') ? last[1].slice('--resolv-conf='.length) : undefined;
      expect(analyse(`#!/bin/bash\n${writes.join('')}`).effectiveResolvConf?.value).toBe(expected);
    }));
  });
});
