import * as fc from 'fast-check';
import { analyse, affecting, BOOT, effective } from './helpers';

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
