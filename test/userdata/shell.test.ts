import { analyse, affecting, BOOT, bootstrapScript, effective } from './helpers';

describe('bootstrap.sh calls and quoting', () => {
  it.each([
    ['single quotes', `${BOOT} c --kubelet-extra-args '--resolv-conf='`],
    ['double quotes', `${BOOT} c --kubelet-extra-args "--resolv-conf="`],
    ['space form with empty double quotes', `${BOOT} c --kubelet-extra-args '--resolv-conf ""'`],
    ["=''", `${BOOT} c --kubelet-extra-args "--resolv-conf=''"`],
    ["$'...' quoting", `${BOOT} c --kubelet-extra-args $'--node-labels=a\\t--resolv-conf='`],
    ['backslash escapes in double quotes', `${BOOT} c --kubelet-extra-args "--node-labels=\\"x\\" --resolv-conf="`],
    ['line continuations', `${BOOT} c \\\n  --kubelet-extra-args \\\n  '--resolv-conf='`],
    ['bash wrapper', `bash ${BOOT} c --kubelet-extra-args '--resolv-conf='`],
    ['sudo -E wrapper', `sudo -E ${BOOT} c --kubelet-extra-args '--resolv-conf='`],
    ['exec', `exec ${BOOT} c --kubelet-extra-args '--resolv-conf='`],
    ['source', `source ${BOOT} c --kubelet-extra-args '--resolv-conf='`],
    ['inside if', `if ${BOOT} c --kubelet-extra-args '--resolv-conf='; then echo ok; fi`],
    ['in an && chain', `yum update -y && ${BOOT} c --kubelet-extra-args '--resolv-conf=' || exit 1`],
    ['bash -c', `bash -c "${BOOT} c --kubelet-extra-args '--resolv-conf='"`],
    ['any path ending in bootstrap.sh', `/opt/custom/eks-bootstrap.sh c --kubelet-extra-args '--resolv-conf='`],
  ])('empty --resolv-conf via %s', (_name, line) => {
    expect(effective(`#!/bin/bash\nset -ex\n${line}\n`)).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('no --resolv-conf: no effective setting, flags listed', () => {
    const a = analyse(bootstrapScript('--node-labels=a=b --max-pods=20'));
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.kubeletFlags.map((f) => [f.name, f.value])).toEqual([['--node-labels', 'a=b'], ['--max-pods', '20']]);
    expect(a.bootstrapCalls[0]).toMatchObject({ script: BOOT, args: ['my-cluster', '--kubelet-extra-args', '--node-labels=a=b --max-pods=20'], kubeletExtraArgs: ['--node-labels=a=b', '--max-pods=20'] });
    expect(a.usesBootstrapSh).toBe(true);
    expect(a.os).toBe('linux');
  });

  it('comments and echo text that mention bootstrap.sh are not calls', () => {
    const a = analyse(`#!/bin/bash\n# ${BOOT} c --kubelet-extra-args '--resolv-conf='\necho "${BOOT} c --kubelet-extra-args --resolv-conf="\n`);
    expect(a.bootstrapCalls).toHaveLength(0);
    expect(a.effectiveResolvConf).toBeUndefined();
  });

  it('last --resolv-conf in the extra args wins', () => {
    expect(effective(bootstrapScript('--resolv-conf= --resolv-conf=/etc/resolv.conf'))).toEqual(['/etc/resolv.conf', 'populated', 'bootstrap-kubelet-extra-args']);
    expect(effective(bootstrapScript('--resolv-conf=/etc/resolv.conf --resolv-conf='))).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('the last bootstrap.sh call with --resolv-conf wins across calls', () => {
    const script = `#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf='\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\n`;
    const a = analyse(script);
    expect(a.bootstrapCalls).toHaveLength(2);
    expect(a.effectiveResolvConf?.value).toBe('/etc/resolv.conf');
    expect(a.resolvConfSettings.map((s) => s.value)).toEqual(['', '/etc/resolv.conf']);
  });

  it('an unterminated quote near a kubelet flag is a problem, and the analysis does not throw', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf=\n`);
    expect(affecting(a)).toContain('unparsed-shell');
  });

  it('records the location of the call', () => {
    const a = analyse(bootstrapScript('--resolv-conf='));
    expect(a.effectiveResolvConf?.location).toEqual({ line: 3, text: `${BOOT} my-cluster --kubelet-extra-args '--resolv-conf='` });
  });
});

describe('shell variables', () => {
  it.each([
    ['ARGS then "$ARGS"', `ARGS='--resolv-conf='\n${BOOT} c --kubelet-extra-args "$ARGS"`],
    ['${ARGS}', `ARGS="--node-labels=x --resolv-conf="\n${BOOT} c --kubelet-extra-args "\${ARGS}"`],
    ['export KUBELET_EXTRA_ARGS and "$KUBELET_EXTRA_ARGS"', `export KUBELET_EXTRA_ARGS="--resolv-conf="\n${BOOT} c --kubelet-extra-args "$KUBELET_EXTRA_ARGS"`],
    ['exported KUBELET_EXTRA_ARGS read by bootstrap.sh itself', `export KUBELET_EXTRA_ARGS="--resolv-conf="\n${BOOT} c`],
    ['prefix assignment', `KUBELET_EXTRA_ARGS="--resolv-conf=" ${BOOT} c`],
    ['unquoted $ALL split into words', `ALL="c --kubelet-extra-args --resolv-conf="\n${BOOT} $ALL`],
    ['variables composed of variables', `R=""\nA="--resolv-conf=$R"\n${BOOT} c --kubelet-extra-args "$A"`],
    ['${VAR:-default} with VAR unset', `${BOOT} c --kubelet-extra-args "\${EXTRA:---resolv-conf=}"`],
  ])('%s', (_name, body) => {
    expect(effective(`#!/bin/bash\n${body}\n`)).toEqual(['', 'empty', 'bootstrap-kubelet-extra-args']);
  });

  it('an assignment that is not exported is not read by bootstrap.sh', () => {
    expect(effective(`#!/bin/bash\nKUBELET_EXTRA_ARGS="--resolv-conf="\n${BOOT} c\n`)).toBeUndefined();
  });

  it('an unknown variable in the extra args is a hole that may affect resolv-conf', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args "--node-labels=x $EXTRA"\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual(['token-hole']);
    expect(a.problems[0].reason).toContain('$EXTRA');
  });

  it('an unknown variable as the cluster name is harmless', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} "$CLUSTER_NAME" --kubelet-extra-args '--max-pods=20' --b64-cluster-ca "$CA" --apiserver-endpoint "$EP"\n`);
    expect(a.problems).toEqual([]);
  });

  it('--resolv-conf with an unknown variable value gives no setting but a problem', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args "--resolv-conf=$RESOLV"\n`);
    expect(a.resolvConfSettings).toEqual([]);
    expect(affecting(a)).toContain('token-hole');
  });

  it('command substitution in the extra args is a hole', () => {
    const a = analyse(`#!/bin/bash\n${BOOT} c --kubelet-extra-args "$(cat /tmp/args)"\n`);
    expect(affecting(a)).toContain('token-hole');
  });
});

describe('if and case branches', () => {
  const EMPTY_FILE = 'touch /etc/kubelet-resolv.conf\n';
  const FLAG = '--resolv-conf=/etc/kubelet-resolv.conf';

  it.each([
    ['after then', `if [ -f /etc/corp ]; then DNS="${FLAG}"; fi`],
    ['after do', `for i in 1; do DNS="${FLAG}"; done`],
    ['after {', `{ DNS="${FLAG}"; }`],
  ])('an assignment on the line of a keyword is made (%s)', (_name, line) => {
    const script = `#!/bin/bash\n${EMPTY_FILE}${line}\n${BOOT} c --kubelet-extra-args "--max-pods=58 $DNS"\n`;
    const a = analyse(script);
    // An if without else is taken to run, like the right side of &&.
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/kubelet-resolv.conf', content: 'empty' });
  });

  it.each([
    ['if/else', `if [ -f /etc/corp ]; then\n  DNS="${FLAG}"\nelse\n  DNS=""\nfi`, 'if'],
    ['if/elif', `if [ -f /a ]; then DNS="${FLAG}"; elif [ -f /b ]; then DNS=; fi`, 'if'],
    ['case arms', `case "$ENV" in\n  prod|stage) DNS="${FLAG}" ;;\n  *) DNS=""\n  ;;\nesac`, 'case'],
  ])('a variable the branches of %s set differently is unknown, not the last branch\'s value', (_name, branches, keyword) => {
    const a = analyse(`#!/bin/bash\n${EMPTY_FILE}${branches}\n${BOOT} c --kubelet-extra-args "--max-pods=58 $DNS"\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual(['token-hole']);
    expect(a.problems[0].reason).toContain(`$DNS, set differently in the branches of the "${keyword}" at line 3`);
  });

  it('a variable every branch sets alike keeps its value', () => {
    const a = analyse(`#!/bin/bash\n${EMPTY_FILE}if [ -f /a ]; then\n  if [ -f /b ]; then X=1; else X=2; fi\n  DNS="${FLAG}"\nelse\n  DNS="${FLAG}"\nfi\n${BOOT} c --kubelet-extra-args "$DNS"\n`);
    expect(a.effectiveResolvConf).toMatchObject({ content: 'empty' });
    expect(a.problems).toEqual([]);
  });

  it('a file the branches leave differently is unknown, and the evidence says why', () => {
    const a = analyse(`#!/bin/bash\nif [ -f /etc/corp ]; then\n  touch /etc/kubelet-resolv.conf\nelse\n  echo "nameserver 10.0.0.2" > /etc/kubelet-resolv.conf\nfi\n${BOOT} c --kubelet-extra-args "${FLAG}"\n`);
    expect(a.effectiveResolvConf).toMatchObject({ content: 'unknown' });
    expect(a.effectiveResolvConf?.contentEvidence).toBe('the "if" at line 2 leaves it empty or populated, depending on the branch that runs');
  });

  it.each([
    ['the empty one first', FLAG, '--resolv-conf=/etc/resolv.conf'],
    ['the empty one last', '--resolv-conf=/etc/resolv.conf', FLAG],
  ])('bootstrap.sh calls in different branches with different resolv-conf values: a problem, and the riskiest is judged (%s)', (_name, first, second) => {
    const a = analyse(`#!/bin/bash\n${EMPTY_FILE}if [ -f /etc/corp ]; then\n  ${BOOT} c --kubelet-extra-args '${first}'\nelse\n  ${BOOT} c --kubelet-extra-args '${second}'\nfi\n`);
    expect(affecting(a)).toEqual(['branches-differ']);
    expect(a.resolvConfSettings.map((s) => s.value)).toEqual([first, second].map((f) => f.slice('--resolv-conf='.length)));
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/kubelet-resolv.conf', content: 'empty' });
  });

  it('a setting after the branches still wins over them', () => {
    const a = analyse(`#!/bin/bash\n${EMPTY_FILE}if [ -f /a ]; then\n  ${BOOT} c --kubelet-extra-args '${FLAG}'\nelse\n  ${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\nfi\n${BOOT} c --kubelet-extra-args '--resolv-conf=/run/systemd/resolve/resolv.conf'\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '/run/systemd/resolve/resolv.conf', content: 'populated' });
  });

  it('a case on one line opens its first arm too', () => {
    const a = analyse(`#!/bin/bash\ntouch /tmp/empty\ncase "$X" in a) D=/tmp/empty;; b) D=/etc/resolv.conf;; esac\n${BOOT} c --kubelet-extra-args "--resolv-conf=$D"\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(affecting(a)).toEqual(['token-hole']);
  });

  it.each([
    ['bootstrap.sh', `${BOOT} c --kubelet-extra-args '--node-labels=gpu=false'`],
    ['a later drop-in', `printf '[Service]\\nEnvironment=KUBELET_EXTRA_ARGS=--node-labels=gpu=false\\n' > /etc/systemd/system/kubelet.service.d/40-labels.conf`],
  ])('extra args set in one branch are not replaced by those of another (%s)', (_name, otherBranch) => {
    const a = analyse(`#!/bin/bash\nif [ -f /etc/gpu ]; then\n  ${BOOT} c --kubelet-extra-args '--resolv-conf= --node-labels=gpu=true'\nelse\n  ${otherBranch}\nfi\n`);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty' });
  });

  it('an environment file written in one branch does not replace extra args set outside the branches', () => {
    const dropIns = '/etc/systemd/system/kubelet.service.d';
    const a = analyse(
      `#!/bin/bash\n${EMPTY_FILE}` +
        `printf '[Service]\\nEnvironment=KUBELET_EXTRA_ARGS=${FLAG}\\n' > ${dropIns}/20-dns.conf\n` +
        `printf '[Service]\\nEnvironmentFile=/etc/sysconfig/kubelet\\n' > ${dropIns}/30-env.conf\n` +
        `if [ -f /etc/x ]; then echo 'KUBELET_EXTRA_ARGS=--node-labels=a' > /etc/sysconfig/kubelet; else :; fi\n`,
    );
    expect(a.effectiveResolvConf).toMatchObject({ value: '/etc/kubelet-resolv.conf', content: 'empty' });
  });

  it('a quoted keyword is a plain word', () => {
    const a = analyse(`#!/bin/bash\n${EMPTY_FILE}DNS="${FLAG}"\n"if" true\nDNS=\n"fi"\n${BOOT} c --kubelet-extra-args "$DNS"\n`);
    expect(a.effectiveResolvConf).toBeUndefined();
    expect(a.problems).toEqual([]);
  });
});

describe('sed edits of bootstrap.sh', () => {
  it("eksctl's max-pods edit keeps the extra args: nothing to report", () => {
    const a = analyse(`#!/bin/bash\nsed -i 's/KUBELET_EXTRA_ARGS=$2/KUBELET_EXTRA_ARGS="$2 --max-pods=110"/' ${BOOT}\n${BOOT} c --kubelet-extra-args '--resolv-conf=/etc/resolv.conf'\n`);
    expect(a.problems).toEqual([]);
  });

  it.each([
    ['replaces the extra args', `sed -i 's/KUBELET_EXTRA_ARGS=$2/KUBELET_EXTRA_ARGS="--max-pods=110"/' ${BOOT}`],
    ['edits resolv-conf', `sed -i 's|--resolv-conf=[^ ]*||' ${BOOT}`],
    ['is not a substitution', `sed -i '/KUBELET_EXTRA_ARGS/d' ${BOOT}`],
  ])('a sed that %s is a problem', (_name, line) => {
    expect(affecting(analyse(`#!/bin/bash\n${line}\n`))).toEqual(['unmodelled-command']);
  });
});
