import { gzipSync } from 'zlib';
import type { IntrinsicValue } from '../../lib/userdata/types';
import { mime } from '../helpers/fixtures';
import { analyse, effective } from './helpers';

const DROP_INS = '/etc/systemd/system/kubelet.service.d';


describe('rawBytes of CloudFormation values', () => {
  const script = (value: IntrinsicValue): IntrinsicValue[] => ['#!/bin/bash\necho ', value, '\n'];

  it('deploy-time values are not counted and make the size approximate, with or without Fn::Base64', () => {
    for (const wrap of [(v: IntrinsicValue): IntrinsicValue => ({ 'Fn::Base64': v }), (v: IntrinsicValue): IntrinsicValue => v]) {
      const a = analyse(wrap({ 'Fn::Join': ['', script({ Ref: 'Name' })] }));
      expect(a.rawBytes).toBe(Buffer.byteLength('#!/bin/bash\necho \n'));
      expect(a.rawBytesApproximate).toBe(true);
      const keys = Object.keys(a);
      expect(keys.slice(keys.indexOf('rawBytes'), keys.indexOf('rawBytes') + 3)).toEqual(['rawBytes', 'rawBytesApproximate', 'decodedBytes']);
    }
  });

  it('values CloudFormation resolves at synth give an exact size', () => {
    const exact: IntrinsicValue[] = [
      { 'Fn::Select': [1, ['x', 'hi']] },
      { 'Fn::If': ['C', 'hi', 'hi'] },
      { 'Fn::Join': ['', ['hi', { Ref: 'AWS::NoValue' }]] },
      { 'Fn::Sub': ['${A}', { A: 'hi' }] },
    ];
    for (const value of exact) {
      const a = analyse({ 'Fn::Base64': { 'Fn::Join': ['', script(value)] } });
      expect(a.rawBytes).toBe(Buffer.byteLength('#!/bin/bash\necho hi\n'));
      expect('rawBytesApproximate' in a).toBe(false);
    }
    expect('rawBytesApproximate' in analyse('#!/bin/bash\necho hi\n')).toBe(false);
  });

  it('a nested Fn::Base64 counts as its base64 text, also without an outer Fn::Base64', () => {
    const a = analyse({ 'Fn::Join': ['', ['#!/bin/bash\necho ', { 'Fn::Base64': 'hi' }, ' ', { Ref: 'Name' }, '\n']] });
    expect(a.rawBytes).toBe(Buffer.byteLength('#!/bin/bash\necho aGk= \n'));
    expect(a.rawBytesApproximate).toBe(true);
  });
});

describe('gzip inside a MIME part that is not base64', () => {
  it('a body of latin1 gzip characters is inflated', () => {
    const gz = gzipSync(Buffer.from(`#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args '--resolv-conf='\n`)).toString('latin1');
    const a = analyse(mime([{ contentType: 'text/x-shellscript', body: gz }]));
    expect(a.formats).toEqual(['mime-multipart', 'gzip', 'shell']);
    expect(a.effectiveResolvConf).toMatchObject({ value: '', content: 'empty' });
  });

  it('characters above U+00FF whose low bytes are the gzip magic number are text, not gzip', () => {
    const a = analyse(mime([{ contentType: 'text/x-shellscript', body: '\u011f\u018b\n' }]));
    expect(a.formats).toEqual(['mime-multipart', 'shell']);
    expect(a.problems.map((p) => p.code)).not.toContain('bad-gzip');
  });
});

describe('write_files decoding problems keep their path', () => {
  it.each([
    ['b64', '"not base64!"', 'bad-base64', 'write_files content of /etc/x is not valid base64'],
    ['gz+b64', Buffer.from('not gzip at all').toString('base64'), 'bad-gzip', 'write_files content of /etc/x: gzip content could not be inflated ('],
  ])('%s', (encoding, content, code, reason) => {
    const a = analyse(`#cloud-config\nwrite_files:\n  - path: /etc/x\n    encoding: ${encoding}\n    content: ${content}\n`);
    expect(a.problems).toHaveLength(1);
    expect(a.problems[0]).toMatchObject({ code, mayAffectResolvConf: true, location: { line: 3, text: 'write_files: /etc/x' } });
    expect(a.problems[0].reason.startsWith(reason)).toBe(true);
  });
});

describe('kubelet ExecStart in a drop-in', () => {
  const dropIn = (execStart: string): string =>
    `#!/bin/bash\ncat <<EOF > ${DROP_INS}/20-x.conf\n[Service]\nExecStart=\nExecStart=${execStart}\nEOF\n`;

  it('quoted words reach the kubelet whole, quotes inside them included', () => {
    const a = analyse(dropIn(`/usr/bin/kubelet "--node-labels=a'b c" --resolv-conf=`));
    expect(a.kubeletFlags.map((f) => [f.name, f.value])).toEqual([['--node-labels', "a'b c"], ['--resolv-conf', '']]);
    expect(effective(dropIn(`/usr/bin/kubelet "--node-labels=a'b c" --resolv-conf=`))).toEqual(['', 'empty', 'kubelet-extra-args-env']);
  });

  it('an unresolved word is a problem naming it', () => {
    const a = analyse(dropIn('/usr/bin/kubelet $FLAGS'));
    expect(a.problems.map((p) => [p.code, p.reason])).toEqual([
      ['token-hole', `${DROP_INS}/20-x.conf is written with unresolved values ($FLAGS); they could set kubelet flags or resolvConf`],
      ['token-hole', 'KUBELET_EXTRA_ARGS contains an unresolved value ($FLAGS) that could add or change kubelet flags, including --resolv-conf'],
    ]);
  });
});
