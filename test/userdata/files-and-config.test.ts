import { analyse, affecting, BOOT, bootstrapScript, effective } from './helpers';

const R = '/etc/kubelet-resolv.conf';
const withFile = (before: string, after = ''): string => bootstrapScript(`--resolv-conf=${R}`, before, after);

describe('content of the resolv-conf file', () => {
  it.each([
    ['touch', `touch ${R}\n`],
    ['> f', `> ${R}\n`],
    [': > f', `: > ${R}\n`],
    ['echo -n > f', `echo -n > ${R}\n`],
    ["printf '' > f", `printf '' > ${R}\n`],
    ['truncate -s 0', `truncate -s 0 ${R}\n`],
    ['cp /dev/null', `cp /dev/null ${R}\n`],
    ['install -m 644 /dev/null', `install -m 644 /dev/null ${R}\n`],
    ['comments only', `echo '# managed by ops' > ${R}\n`],
    ['filled, then emptied', `echo 'nameserver 10.0.0.2' > ${R}\n: > ${R}\n`],
  ])('empty: %s', (_name, before) => {
    const a = analyse(withFile(before));
    expect(a.effectiveResolvConf).toMatchObject({ value: R, content: 'empty' });
    expect(a.effectiveResolvConf?.contentEvidence).toMatch(/line \d/);
  });

  it.each([
    ['echo', `echo 'nameserver 10.0.0.2' > ${R}\n`],
    ['printf', `printf 'search x\\nnameserver %s\\n' 10.0.0.2 > ${R}\n`],
    ['heredoc', `cat <<EOF > ${R}\nnameserver 10.0.0.2\nEOF\n`],
    ['tee', `echo "nameserver 10.0.0.2" | tee ${R}\n`],
    ['sudo tee -a', `echo "nameserver 10.0.0.2" | sudo tee -a ${R} > /dev/null\n`],
    ['copied from /etc/resolv.conf', `cp /etc/resolv.conf ${R}\n`],
    ['linked to systemd-resolved', `ln -sf /run/systemd/resolve/resolv.conf ${R}\n`],
    ['emptied then filled', `touch ${R}\necho nameserver 1.1.1.1 >> ${R}\n`],
    ['appended nameserver', `echo 'search corp' > ${R}\necho 'nameserver 10.0.0.2' >> ${R}\n`],
    ['touch does not empty a populated file', `echo nameserver 10.0.0.2 > ${R}\ntouch ${R}\n`],
    ['written after the bootstrap call', '', `echo nameserver 10.0.0.2 > ${R}\n`],
  ])('populated: %s', (_name, before, after = '') => {
    expect(analyse(withFile(before, after)).effectiveResolvConf).toMatchObject({ value: R, content: 'populated' });
  });

  it.each([
    ['not written by the user data', ''],
    ['downloaded', `curl -o /tmp/x https://example.com/r && curl https://example.com/r > ${R}\n`],
    ['edited by sed', `echo nameserver 1.1.1.1 > ${R}\nsed -i 's/1/2/' ${R}\n`],
  ])('unknown: %s', (_name, before) => {
    expect(analyse(withFile(before)).effectiveResolvConf).toMatchObject({ value: R, content: 'unknown' });
  });

  it('a known resolver file as the value is populated, /dev/null empty', () => {
    expect(effective(bootstrapScript('--resolv-conf=/run/systemd/resolve/resolv.conf'))).toEqual(['/run/systemd/resolve/resolv.conf', 'populated', 'bootstrap-kubelet-extra-args']);
    expect(effective(bootstrapScript('--resolv-conf=/dev/null'))).toEqual(['/dev/null', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('evidence cites the command and line', () => {
    const a = analyse(withFile(`touch ${R}\n`));
    expect(a.effectiveResolvConf?.contentEvidence).toBe(`created empty by "touch ${R}" (line 3)`);
  });
});

describe('kubelet drop-ins (KUBELET_EXTRA_ARGS)', () => {
  const dropIn = '/etc/systemd/system/kubelet.service.d/90-dns.conf';
  it.each([
    ['heredoc, single-quoted Environment', `cat <<EOF > ${dropIn}\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--resolv-conf='\nEOF`],
    ['heredoc, double-quoted Environment', `cat > ${dropIn} <<'EOF'\n[Service]\nEnvironment="KUBELET_EXTRA_ARGS=--node-labels=a --resolv-conf="\nEOF`],
    ['echo >', `echo "Environment='KUBELET_EXTRA_ARGS=--resolv-conf='" > ${dropIn}`],
    ['printf | tee', `printf '[Service]\\nEnvironment="KUBELET_EXTRA_ARGS=--resolv-conf="\\n' | tee ${dropIn}`],
    ['heredoc with shell variable', `ARGS="--resolv-conf="\ncat <<-EOF > ${dropIn}\n\t[Service]\n\tEnvironment='KUBELET_EXTRA_ARGS=$ARGS'\n\tEOF`],
    ['an environment file a drop-in reads', `echo 'KUBELET_EXTRA_ARGS="--resolv-conf="' > /etc/sysconfig/kubelet\necho 'EnvironmentFile=/etc/sysconfig/kubelet' > ${dropIn}`],
    ['ExecStart override', `cat <<EOF > ${dropIn}\n[Service]\nExecStart=\nExecStart=/usr/bin/kubelet --config /etc/kubernetes/kubelet/kubelet-config.json --resolv-conf=\nEOF`],
  ])('empty via %s', (_name, body) => {
    expect(effective(`#!/bin/bash\n${body}\n`)).toEqual(['', 'empty', 'kubelet-extra-args-env']);
  });

  it('a drop-in pointing at a populated file passes, with the drop-in line as location', () => {
    const a = analyse(`#!/bin/bash\necho nameserver 10.0.0.2 > /etc/r.conf\ncat <<EOF > ${dropIn}\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--resolv-conf=/etc/r.conf'\nEOF\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/r.conf', content: 'populated', location: { line: 5, text: "Environment='KUBELET_EXTRA_ARGS=--resolv-conf=/etc/r.conf'" } });
  });

  it('a drop-in without --resolv-conf sets nothing', () => {
    expect(effective(`#!/bin/bash\necho "Environment='KUBELET_EXTRA_ARGS=--max-pods=20'" > ${dropIn}\n`)).toBeUndefined();
  });

  it('a drop-in written from unknown content is a problem', () => {
    expect(affecting(analyse(`#!/bin/bash\ncurl -s https://example.com/x > ${dropIn}\n`))).toEqual(['unknown-kubelet-file']);
  });

  it('an unterminated heredoc is reported and analysed to the end', () => {
    const a = analyse(`#!/bin/bash\ncat <<EOF > ${dropIn}\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--resolv-conf='\n`);
    expect(a.effectiveResolvConf?.value).toBe('');
    expect(affecting(a)).toContain('unparsed-shell');
  });
});

describe('jq edits of kubelet-config.json', () => {
  const cfg = '/etc/kubernetes/kubelet/kubelet-config.json';
  it.each([
    ['assignment', `jq '.resolvConf="/etc/x"' ${cfg} > /tmp/k && mv /tmp/k ${cfg}`, '/etc/x'],
    ['spaces and |=', `jq '.resolvConf |= "/etc/y"' ${cfg} > /tmp/k; mv /tmp/k ${cfg}`, '/etc/y'],
    ['--arg', `jq --arg r /etc/z '.resolvConf = $r' ${cfg} > /tmp/k`, '/etc/z'],
    ['object merge', `jq '. + {"resolvConf": ""}' ${cfg} > /tmp/k`, ''],
    ['echo of jq output', `echo "$(jq '.resolvConf=\\"\\"' ${cfg})" > ${cfg}`, ''],
  ])('%s', (_name, line, value) => {
    const a = analyse(`#!/bin/bash\n${line}\n`);
    if (a.effectiveResolvConf) expect(a.effectiveResolvConf).toMatchObject({ value, mechanism: 'kubelet-config-file' });
    else expect(affecting(a).length).toBeGreaterThan(0);
  });

  it('a jq filter reading resolvConf in an unmodelled way is a problem', () => {
    expect(affecting(analyse(`#!/bin/bash\njq 'del(.resolvConf)' ${cfg} > /tmp/k\n`))).toEqual(['unparsed-kubelet-config']);
  });

  it('a kubelet config written whole with resolvConf is a kubelet-config-file setting', () => {
    expect(effective(`#!/bin/bash\ncat > ${cfg} <<'EOF'\n{"kind": "KubeletConfiguration", "resolvConf": ""}\nEOF\n`)).toEqual(['', 'empty', 'kubelet-config-file']);
  });
});

describe('precedence between mechanisms', () => {
  const cfg = '/etc/kubernetes/kubelet/kubelet-config.json';
  it('a flag beats a later kubelet-config-file edit', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\njq '.resolvConf="/etc/resolv.conf"' ${cfg} > /tmp/k && mv /tmp/k ${cfg}\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'bootstrap-kubelet-extra-args' });
    expect(a.resolvConfSettings.map((s) => s.mechanism)).toEqual(['kubelet-config-file', 'bootstrap-kubelet-extra-args']);
  });

  it('an empty config-file value is overridden by a flag with a populated file', () => {
    const a = analyse(`#!/bin/bash\njq '.resolvConf=""' ${cfg} > /tmp/k && mv /tmp/k ${cfg}\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/resolv.conf', content: 'populated' });
  });

  it('a later drop-in flag beats an earlier bootstrap flag (last wins among flags)', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\necho "Environment='KUBELET_EXTRA_ARGS=--resolv-conf='" > /etc/systemd/system/kubelet.service.d/99.conf\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', mechanism: 'kubelet-extra-args-env' });
  });
});

describe('scripts written and then run', () => {
  it('follows a script written by heredoc and run with bash', () => {
    const a = analyse(`#!/bin/bash\ncat <<'EOF' > /tmp/join.sh\n${BOOT} c --kubelet-extra-args '--resolv-conf='\nEOF\nchmod +x /tmp/join.sh\nbash /tmp/join.sh\n`);
    expect(a.effectiveResolvConf?.value).toBe('');
  });

  it('an unresolved value run as a command is a problem', () => {
    const a = analyse({ 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\n', { Ref: 'JoinCommand' }, ' --verbose\n']] } });
    expect(affecting(a)).toEqual(['token-hole']);
  });

  it('an unmodelled command mentioning resolv-conf is a problem', () => {
    expect(affecting(analyse('#!/bin/bash\ncrudini --set /etc/k.ini kubelet resolv-conf ""\n'))).toEqual(['unmodelled-command']);
  });
});
