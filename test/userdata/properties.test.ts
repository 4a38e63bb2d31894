import { gzipSync } from 'zlib';
import * as fc from 'fast-check';
import { analyzeUserData } from '../../lib/userdata/analyze';
import type { IntrinsicValue } from '../../lib/userdata/types';

const BOOT = '/etc/eks/bootstrap.sh';
const valueArb = fc.constantFrom('', '/etc/resolv.conf', '/etc/kubelet-resolv.conf', '/run/systemd/resolve/resolv.conf', '/dev/null');

/** The same `--resolv-conf` value written in different, equivalent shell quotings. */
function quoted(value: string, style: number): string {
  switch (style) {
    case 0: return `'--resolv-conf=${value}'`;
    case 1: return `"--resolv-conf=${value}"`;
    case 2: return value === '' ? `'--resolv-conf ""'` : `'--resolv-conf ${value}'`;
    case 3: return `"--resolv-conf='${value}'"`;
    case 4: return `$'--resolv-conf=${value}'`;
    default: return `--resolv-conf=${value}`;
  }
}

const noiseLine = fc.constantFrom('echo hello', 'yum install -y jq', '# a comment', 'set -o xtrace', 'mkdir -p /var/lib/x', 'X=1', 'export Y="a b"', 'sleep 1 && true', '', 'cat /etc/os-release | grep -i amazon');
const summary = (input: Parameters<typeof analyzeUserData>[0]): [string, string] | undefined => {
  const e = analyzeUserData(input).effectiveResolvConf;
  return e ? [e.value, e.content] : undefined;
};

describe('properties', () => {
  it('quoting styles of the same flag give the same result', () => {
    fc.assert(fc.property(valueArb, fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }), (value, a, b) => {
      const script = (s: number): string => `#!/bin/bash\n${BOOT} c --kubelet-extra-args ${quoted(value, s)}\n`;
      expect(summary(script(a))).toEqual(summary(script(b)));
      expect(summary(script(a))?.[0]).toBe(value);
    }));
  });

  it('surrounding noise lines do not change the result', () => {
    fc.assert(fc.property(valueArb, fc.array(noiseLine, { maxLength: 8 }), fc.array(noiseLine, { maxLength: 8 }), (value, before, after) => {
      const core = `${BOOT} c --kubelet-extra-args '--resolv-conf=${value}'`;
      const plain = `#!/bin/bash\n${core}\n`;
      const noisy = `#!/bin/bash\n${before.join('\n')}\n${core}\n${after.join('\n')}\n`;
      expect(summary(noisy)).toEqual(summary(plain));
    }));
  });

  it('re-encoding through base64, gzip and MIME wrapping does not change the effective resolv-conf', () => {
    const wrap = [
      (t: string): Parameters<typeof analyzeUserData>[0] => Buffer.from(t).toString('base64'),
      (t: string) => new Uint8Array(gzipSync(t)),
      (t: string) => gzipSync(t).toString('base64'),
      (t: string) => `Content-Type: multipart/mixed; boundary="==x=="\nMIME-Version: 1.0\n\n--==x==\nContent-Type: text/x-shellscript\n\n${t}\n--==x==--\n`,
      (t: string) => `Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${Buffer.from(t).toString('base64')}\n--b--\n`,
      (t: string): IntrinsicValue => ({ 'Fn::Base64': t }),
      (t: string): IntrinsicValue => ({ 'Fn::Base64': { 'Fn::Join': ['', ['Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n', { 'Fn::Base64': t }, '\n--b--\n']] } }),
    ];
    const gz = (t: string): Buffer => gzipSync(t);
    const mimeText = wrap[3] as (t: string) => string;
    // Encodings as EC2 and cloud-init see them: one outer base64 at most, gzip inside it, MIME inside gzip.
    const pipelines = [...wrap, (t: string) => Buffer.from(mimeText(t)).toString('base64'), (t: string) => new Uint8Array(gz(mimeText(t))), (t: string) => gz(mimeText(t)).toString('base64')];
    fc.assert(fc.property(valueArb, fc.boolean(), fc.integer({ min: 0, max: pipelines.length - 1 }), (value, touch, which) => {
      const script = `#!/bin/bash\n${touch ? `touch ${value || '/x'}\n` : ''}${BOOT} c --kubelet-extra-args '--resolv-conf=${value}'\n`;
      expect(summary(pipelines[which](script))).toEqual(summary(script));
    }));
  });

  it('token holes never invent a non-empty value and never hide an empty finding silently', () => {
    const words = ['--node-labels=a=b', '--max-pods=20', '--resolv-conf=', '--resolv-conf=/etc/resolv.conf', '--v=2'];
    fc.assert(fc.property(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 0, max: 5 }),
      (flags, holeAt) => {
        const plainText = `#!/bin/bash\n${BOOT} c --kubelet-extra-args '${flags.join(' ')}'\n`;
        const before = flags.slice(0, holeAt).join(' ');
        const after = flags.slice(holeAt).join(' ');
        const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args '${before} `, { Ref: 'Extra' }, ` ${after}'\n`]] } };
        const plain = analyzeUserData(plainText);
        const holey = analyzeUserData(tree);
        expect(holey.problems.some((p) => p.mayAffectResolvConf)).toBe(true);
        // A value only ever comes from literal text.
        if (holey.effectiveResolvConf) expect(flags).toContain(`--resolv-conf=${holey.effectiveResolvConf.value}`);
        // The hole only adds words: the literal flags still give the same effective value.
        expect(holey.effectiveResolvConf?.value).toBe(plain.effectiveResolvConf?.value);
      },
    ));
  });

  it('a hole replacing a flag word never yields a value that is not written literally', () => {
    fc.assert(fc.property(fc.constantFrom('--resolv-conf=', '--resolv-conf=/etc/r', '--node-labels=x'), fc.constantFrom('Ref', 'Fn::ImportValue'), (literal, fn) => {
      const hole: IntrinsicValue = fn === 'Ref' ? { Ref: 'P' } : { 'Fn::ImportValue': 'E' };
      const tree: IntrinsicValue = { 'Fn::Base64': { 'Fn::Join': ['', [`#!/bin/bash\n${BOOT} c --kubelet-extra-args '--resolv-conf=`, hole, ` ${literal}'\n`]] } };
      const a = analyzeUserData(tree);
      const e = a.effectiveResolvConf;
      if (e) expect(literal).toBe(`--resolv-conf=${e.value}`);
      expect(a.problems.some((p) => p.mayAffectResolvConf)).toBe(true);
    }));
  });
});
