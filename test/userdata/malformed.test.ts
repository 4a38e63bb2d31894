import { gzipSync } from 'zlib';
import * as fc from 'fast-check';
import { analyzeUserData } from '../../lib/userdata/analyze';
import { analyse, affecting, bootstrapScript } from './helpers';
import type { IntrinsicValue } from '../../lib/userdata/types';

const EMPTY = bootstrapScript('--resolv-conf=');

describe('malformed input never throws and is reported', () => {
  it('truncated base64 (as a MIME part)', () => {
    const body = Buffer.from(EMPTY).toString('base64').slice(0, 21);
    const a = analyse(`Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/x-shellscript\nContent-Transfer-Encoding: base64\n\n${body}\n--b--\n`);
    expect(affecting(a).length).toBeGreaterThan(0);
  });

  it('truncated base64 (the whole user data)', () => {
    const a = analyse(Buffer.from(EMPTY).toString('base64').slice(0, 41));
    expect(affecting(a)).toEqual(['bad-base64']);
    // Wrapped at 76 columns, as base64 tools write it.
    const wrapped = Buffer.from(EMPTY.repeat(3)).toString('base64').slice(0, 161).replace(/(.{76})/g, '$1\n');
    expect(affecting(analyse(wrapped))).toEqual(['bad-base64']);
  });

  it('truncated gzip', () => {
    const gz = gzipSync(EMPTY);
    expect(affecting(analyse(new Uint8Array(gz.subarray(0, gz.length - 12))))).toEqual(['bad-gzip']);
    expect(affecting(analyse(gz.subarray(0, 20).toString('base64')))).toEqual(['bad-gzip']);
  });

  it('gzip bomb stops at the cap', () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x41));
    const a = analyse(new Uint8Array(bomb));
    expect(affecting(a)).toEqual(['size-cap']);
    // Inflation stopped at the cap: nothing was decoded and analysed.
    expect(a.decodedBytes).toBe(0);
    expect(affecting(analyse(gzipSync(EMPTY), { maxDecodedBytes: 16 }))).toEqual(['size-cap']);
  });

  it('10 MB input', () => {
    const big = '#!/bin/bash\n' + 'echo hello world\n'.repeat(620_000);
    expect(affecting(analyse(big))).toEqual(['size-cap']);
    expect(affecting(analyse(new Uint8Array(Buffer.from(big))))).toEqual(['size-cap']);
  });

  it('10,000-deep intrinsic nesting', () => {
    let tree: IntrinsicValue = `#!/bin/bash\n${EMPTY}`;
    for (let i = 0; i < 10_000; i++) tree = { 'Fn::Join': ['', [tree]] };
    const a = analyse({ 'Fn::Base64': tree });
    expect(affecting(a)).toContain('intrinsic-depth');
    let list: IntrinsicValue = 'x';
    for (let i = 0; i < 10_000; i++) list = [list];
    expect(() => analyzeUserData(list)).not.toThrow();
  });

  it.each([
    ['unterminated double quote', `#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args "--resolv-conf=\n`],
    ['unterminated heredoc', '#!/bin/bash\ncat <<EOF > /etc/systemd/system/kubelet.service.d/x.conf\nEnvironment=KUBELET_EXTRA_ARGS=--resolv-conf=/x\n'],
    ['unterminated command substitution', '#!/bin/bash\nX=$(echo resolv-conf\n/etc/eks/bootstrap.sh c --kubelet-extra-args "$X"\n'],
    ['unterminated ${', '#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args "${X"\n'],
  ])('%s is a problem that may affect resolv-conf', (_name, text) => {
    expect(affecting(analyse(text))).toContain('unparsed-shell');
  });

  it('MIME without closing boundary and with a missing header separator', () => {
    const a = analyse('Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/x-shellscript\n#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args "--resolv-conf="\n');
    expect(a.problems.map((p) => p.code)).toContain('bad-mime');
    expect(a.effectiveResolvConf?.value).toBe('');
  });

  /** The analysis catches its own exceptions as `internal-error`: that problem is the failure to look for. */
  const noInternalError = (input: Parameters<typeof analyzeUserData>[0]) => expect(analyzeUserData(input).problems.filter((p) => p.code === 'internal-error')).toEqual([]);

  it('random bytes and random strings never hit the internal-error path', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), noInternalError), { numRuns: 300 });
    fc.assert(fc.property(fc.string({ maxLength: 512, unit: 'binary' }), (text) => {
      noInternalError(text);
      noInternalError('#!/bin/bash\n' + text);
      noInternalError('#cloud-config\n' + text);
      noInternalError(`Content-Type: multipart/mixed; boundary=b\n\n--b\n${text}`);
    }), { numRuns: 300 });
  });

  it('random JSON trees never hit the internal-error path', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
      noInternalError(value as IntrinsicValue);
      noInternalError({ 'Fn::Base64': value as IntrinsicValue });
    }), { numRuns: 300 });
  });

  it('private-use characters in the input cannot pose as holes', () => {
    const a = analyse('#!/bin/bash\n\ue100 --kubelet-extra-args x\n/etc/eks/bootstrap.sh c --kubelet-extra-args "--resolv-conf=\ue001"\n');
    expect(a.problems).toEqual([]);
    expect(a.effectiveResolvConf?.value).toBe('\ufffd');
  });

  it('an empty input and whitespace give an empty analysis', () => {
    for (const input of ['', '   \n', new Uint8Array(0), null]) {
      const a = analyse(input as never);
      expect(a.effectiveResolvConf).toBeUndefined();
      expect(a.problems).toEqual([]);
    }
  });

  it('includes are problems: their content is not visible', () => {
    expect(affecting(analyse('#include\nhttps://example.com/user-data.sh\n'))).toEqual(['include-url']);
  });
});

describe('a 16 KB MIME shell user data', () => {
  // How long it takes is measured by the benchmark (`npm run bench`: per 16 KB, and linear in size).
  it('is analysed to the end', () => {
    const noise = Array.from({ length: 430 }, (_, i) => `echo "step ${i}" >> /var/log/boot.log`).join('\n');
    const text = `Content-Type: multipart/mixed; boundary=b\nMIME-Version: 1.0\n\n--b\nContent-Type: text/x-shellscript\n\n${bootstrapScript('--node-labels=a=b --resolv-conf=/etc/r.conf', 'touch /etc/r.conf\n', noise + '\n')}\n--b--\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(16_000);
    expect(Buffer.byteLength(text)).toBeLessThan(17_000);
    expect(analyzeUserData(text).effectiveResolvConf?.content).toBe('empty');
  });
});
