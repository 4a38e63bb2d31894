import { splitArgs } from '../../lib/kubelet/args';
import { parseBootstrapArgs, extraArgsValue } from '../../lib/kubelet/bootstrap';
import { lastFlagValue, parseKubeletFlags } from '../../lib/kubelet/flags';
import { effectiveSetting, orderByPrecedence } from '../../lib/kubelet/precedence';

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
    expect(lastFlagValue(parseKubeletFlags(words), '--resolv-conf')?.value).toBe(value);
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
    expect(extraArgsValue(args, 6)).toBe('--b');
  });

  it('accepts --kubelet-extra-args=value and reports a missing value', () => {
    expect(extraArgsValue(['--kubelet-extra-args=--x'], parseBootstrapArgs(['--kubelet-extra-args=--x']).kubeletExtraArgsIndex!)).toBe('--x');
    expect(parseBootstrapArgs(['c', '--kubelet-extra-args']).kubeletExtraArgsMissingValue).toBe(true);
  });
});

describe('precedence: flags override the config file', () => {
  it('a config-file setting found later still loses to an earlier flag', () => {
    const flag = { mechanism: 'bootstrap-kubelet-extra-args' as const, id: 1 };
    const config = { mechanism: 'kubelet-config-file' as const, id: 2 };
    expect(effectiveSetting([flag, config])).toBe(flag);
    expect(orderByPrecedence([flag, config])).toEqual([config, flag]);
  });

  it('among flags and among config values the last wins', () => {
    const a = { mechanism: 'nodeadm-config' as const, id: 1 };
    const b = { mechanism: 'nodeadm-config' as const, id: 2 };
    expect(effectiveSetting([a, b])).toBe(b);
    expect(effectiveSetting([])).toBeUndefined();
  });
});
