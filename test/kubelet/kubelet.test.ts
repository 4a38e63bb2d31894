import * as fc from 'fast-check';
import { splitArgs } from '../../lib/kubelet/args';
import { parseBootstrapArgs } from '../../lib/kubelet/bootstrap';
import { parseKubeletFlags } from '../../lib/kubelet/flags';
import { BOOTSTRAP_DROP_IN, orderByPrecedence, settingsInEffect, type PrecedenceInput } from '../../lib/kubelet/precedence';

/** The last setting in precedence order (the analysis then drops settings a later KUBELET_EXTRA_ARGS replaced: `settingsInEffect`). */
function lastByPrecedence<T extends PrecedenceInput>(settings: readonly T[]): T | undefined {
  return orderByPrecedence(settings).at(-1);
}

describe('splitArgs (systemd-style word splitting with quote removal)', () => {
  it.each([
    ['--a=1 --b=2', ['--a=1', '--b=2']],
    ['--resolv-conf=""', ['--resolv-conf=']],
    ["--resolv-conf ''", ['--resolv-conf', '']],
    ['--node-labels="a=b c"  --x', ['--node-labels=a=b c', '--x']],
    ['--a\\ b', ['--a b']],
    ['', []],
  ])('%j', (text, words) => {
    expect(splitArgs(text).words).toEqual(words);
  });

  it('reports an unterminated quote and keeps the rest as one word', () => {
    expect(splitArgs('--a "--resolv-conf=/x')).toEqual({ words: ['--a', '--resolv-conf=/x'], unterminatedQuote: true });
  });
});

describe('parseKubeletFlags (pflag semantics)', () => {
  it.each([
    [['--resolv-conf=/x'], '/x'],
    [['--resolv-conf', '/x'], '/x'],
    [['--resolv-conf='], ''],
    [['--resolv-conf', ''], ''],
    [['--resolv-conf', '--node-labels=a'], '--node-labels=a'],
    [['-resolv-conf=/y'], '/y'],
    [['--resolv-conf=/a', '--resolv-conf=/b'], '/b'],
  ])('%j gives %j', (words, value) => {
    expect(parseKubeletFlags(words).filter((f) => f.name === '--resolv-conf').pop()?.value).toBe(value);
  });

  it('boolean flags do not take the next word; unknown flags take a non-flag next word', () => {
    expect(parseKubeletFlags(['--fail-swap-on', 'x', '--max-pods', '20', '--foo', '--bar'])).toEqual([
      { name: '--fail-swap-on', index: 0 },
      { name: '--max-pods', value: '20', index: 2 },
      { name: '--foo', index: 4 },
      { name: '--bar', index: 5 },
    ]);
  });

  it('marks --resolv-conf without a value', () => {
    expect(parseKubeletFlags(['--resolv-conf'])[0]).toMatchObject({ missingValue: true });
  });
});

describe('parseBootstrapArgs', () => {
  it('finds the cluster name, option values and the last --kubelet-extra-args', () => {
    const args = ['c', '--apiserver-endpoint', 'https://x', '--kubelet-extra-args', '--a', '--kubelet-extra-args', '--b'];
    const parsed = parseBootstrapArgs(args);
    expect(parsed.roles[0]).toEqual({ index: 0, role: 'cluster-name' });
    expect(parsed.roles[2]).toEqual({ index: 2, role: 'option-value', option: '--apiserver-endpoint' });
    expect(parsed.kubeletExtraArgsIndex).toBe(6);
    expect(args[6]).toBe('--b');
  });

  it('takes --kubelet-extra-args=value as a positional word, as the script does, and reports a missing value', () => {
    const args = ['c', '--kubelet-extra-args=--x'];
    const parsed = parseBootstrapArgs(args);
    expect(parsed.kubeletExtraArgsIndex).toBeUndefined();
    expect(parsed.roles[1]).toEqual({ index: 1, role: 'positional' });
    expect(parsed.ignoredKubeletExtraArgs).toEqual([{ index: 1, value: '--x' }]);
    // First, it is the cluster name (the script's first positional).
    expect(parseBootstrapArgs(['--kubelet-extra-args=--x', 'c']).roles.map((r) => r.role)).toEqual(['cluster-name', 'positional']);
    expect(parseBootstrapArgs(['c', '--kubelet-extra-args']).kubeletExtraArgsMissingValue).toBe(true);
  });
});

describe('precedence: flags override the config file', () => {
  it('a config-file setting found later still loses to an earlier flag', () => {
    const flag = { mechanism: 'bootstrap-kubelet-extra-args' as const, id: 1 };
    const config = { mechanism: 'kubelet-config-file' as const, id: 2 };
    expect(lastByPrecedence([flag, config])).toBe(flag);
    expect(orderByPrecedence([flag, config])).toEqual([config, flag]);
  });

  it('among flags and among config values the last wins', () => {
    const a = { mechanism: 'nodeadm-config' as const, id: 1 };
    const b = { mechanism: 'nodeadm-config' as const, id: 2 };
    expect(lastByPrecedence([a, b])).toBe(b);
    expect(lastByPrecedence([])).toBeUndefined();
  });
});

describe('settingsInEffect: the KUBELET_EXTRA_ARGS systemd reads last replaces the others', () => {
  const dropIn = (name: string): string => `/etc/systemd/system/kubelet.service.d/${name}`;
  const env = (file: string, assignment: number, id: number) => ({ mechanism: 'kubelet-extra-args-env' as const, file, assignment, id });

  it("a 20-*.conf --resolv-conf is gone when bootstrap.sh's 30-kubelet-extra-args.conf has none", () => {
    const dns = env(dropIn('20-dns.conf'), 0, 1);
    const result = settingsInEffect([dns], [{ file: dropIn('20-dns.conf') }, { file: BOOTSTRAP_DROP_IN }]);
    expect(result).toEqual({ inEffect: [], replaced: [dns], lastAssignment: 1 });
  });

  it('a replaced setting followed by one in effect stays, as what that one overrides', () => {
    const dns = env(dropIn('20-dns.conf'), 0, 1);
    const boot = { mechanism: 'bootstrap-kubelet-extra-args' as const, file: BOOTSTRAP_DROP_IN, assignment: 1, id: 2 };
    expect(settingsInEffect([boot, dns], [{ file: dropIn('20-dns.conf') }, { file: BOOTSTRAP_DROP_IN }]).inEffect).toEqual([dns, boot]);
  });

  it('a config-file value and settings outside KUBELET_EXTRA_ARGS are never replaced', () => {
    const config = { mechanism: 'kubelet-config-file' as const, id: 1 };
    const execStart = { mechanism: 'kubelet-extra-args-env' as const, file: dropIn('10-exec.conf'), id: 2 };
    const dns = env(dropIn('20-dns.conf'), 0, 3);
    const result = settingsInEffect([config, execStart, dns], [{ file: dropIn('20-dns.conf') }, { file: dropIn('90-more.conf') }]);
    expect(result.inEffect).toEqual([config, execStart]);
    expect(result.replaced).toEqual([dns]);
  });

  it('environment files come after every drop-in; within one file the later assignment wins', () => {
    const first = env('/etc/sysconfig/kubelet', 0, 1);
    const second = env('/etc/sysconfig/kubelet', 2, 2);
    expect(settingsInEffect([first, second], [{ file: '/etc/sysconfig/kubelet' }, { file: dropIn('99-z.conf') }, { file: '/etc/sysconfig/kubelet' }]).inEffect).toEqual([first, second]);
    expect(settingsInEffect([first], [{ file: '/etc/sysconfig/kubelet' }, { file: dropIn('99-z.conf') }]).inEffect).toEqual([first]);
  });
});

describe('review fixes: kubelet argument handling', () => {
  it('an unknown bootstrap.sh option is one positional word and does not swallow the next', () => {
    const args = ['c', '--foo', '--kubelet-extra-args', '--resolv-conf='];
    const parsed = parseBootstrapArgs(args);
    expect(parsed.roles[1]).toEqual({ index: 1, role: 'positional' });
    expect(parsed.kubeletExtraArgsIndex).toBe(3);
  });

  it('known options take the next word, booleans included (--use-max-pods false)', () => {
    const parsed = parseBootstrapArgs(['c', '--use-max-pods', 'false', '--kubelet-extra-args', '--x']);
    expect(parsed.roles[2]).toEqual({ index: 2, role: 'option-value', option: '--use-max-pods' });
    expect(parsed.kubeletExtraArgsIndex).toBe(4);
    // A known option's value is taken even when it looks like an option, as the script's shift 2 does.
    expect(parseBootstrapArgs(['c', '--dns-cluster-ip', '--kubelet-extra-args', '--x']).kubeletExtraArgsIndex).toBeUndefined();
  });

  it('an unknown option first is the cluster name, as the real script does', () => {
    expect(parseBootstrapArgs(['--foo', 'c']).roles.map((r) => r.role)).toEqual(['cluster-name', 'positional']);
  });

  it.each([
    [['--resolv_conf='], '--resolv-conf', ''],
    [['--resolv_conf', '/x'], '--resolv-conf', '/x'],
    [['-resolv_conf=/y'], '--resolv-conf', '/y'],
    [['--fail_swap_on', 'x'], '--fail-swap-on', undefined],
  ])('pflag normalises _ to - in %j', (words, name, value) => {
    const flag = parseKubeletFlags(words)[0];
    expect([flag.name, flag.value]).toEqual([name, value]);
  });
});

describe('review fixes: systemd drop-in order', () => {
  const boot = { mechanism: 'bootstrap-kubelet-extra-args' as const, id: 'boot' };
  const dropIn = (name: string) => ({ mechanism: 'kubelet-extra-args-env' as const, file: `/etc/systemd/system/kubelet.service.d/${name}`, id: name });

  it('a 10-*.conf written after bootstrap.sh still loses to its 30-kubelet-extra-args.conf', () => {
    expect(lastByPrecedence([boot, dropIn('10-dns.conf')])).toBe(boot);
  });

  it('a 99-*.conf written before bootstrap.sh replaces its value', () => {
    expect(lastByPrecedence([dropIn('99-dns.conf'), boot])?.id).toBe('99-dns.conf');
  });

  it('the unit file comes before drop-ins, environment files after; config values stay first', () => {
    const unit = { mechanism: 'kubelet-extra-args-env' as const, file: '/etc/systemd/system/kubelet.service', id: 'unit' };
    const envFile = { mechanism: 'kubelet-extra-args-env' as const, file: '/etc/sysconfig/kubelet', id: 'env' };
    const config = { mechanism: 'kubelet-config-file' as const, id: 'config' };
    expect(orderByPrecedence([envFile, boot, config, unit]).map((s) => s.id)).toEqual(['config', 'unit', 'boot', 'env']);
  });

  it('nodeadm flags keep their place among flags', () => {
    const nodeadm = { mechanism: 'nodeadm-flags' as const, id: 'n' };
    expect(orderByPrecedence([dropIn('99.conf'), nodeadm, boot]).map((s) => s.id)).toEqual(['boot', 'n', '99.conf']);
  });

  it('property: the result depends only on file names (and script order within one file)', () => {
    const names = ['05-a.conf', '10-b.conf', '30-kubelet-extra-args.conf', '50-c.conf', '99-z.conf'];
    fc.assert(fc.property(fc.shuffledSubarray(names, { minLength: 1 }), (picked) => {
      const settings = picked.map((n) => (n === '30-kubelet-extra-args.conf' ? boot : dropIn(n)));
      const last = [...picked].sort().pop();
      const expected = last === '30-kubelet-extra-args.conf' ? 'boot' : last;
      expect(lastByPrecedence(settings)?.id).toBe(expected);
    }));
  });
});
