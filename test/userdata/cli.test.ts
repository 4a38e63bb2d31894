import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { gzipSync } from 'zlib';
import { main } from '../../lib/cli';
import { capturingIo, CapturingIo } from '../helpers/cli';

const SCRIPT = "#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args '--resolv-conf=/etc/r.conf'\ntouch /etc/r.conf\n";
const dir = mkdtempSync(join(tmpdir(), 'ud-cli-'));

function io(stdin = ''): CapturingIo {
  return capturingIo({ stdin, cwd: dir });
}

function file(name: string, content: string | Buffer): string {
  writeFileSync(join(dir, name), content);
  return name;
}

describe('eks-node-guard userdata', () => {
  it('shows locations with their MIME part and source text, and the systemd file of a setting', async () => {
    const mime = `Content-Type: multipart/mixed; boundary="B"\n\n--B\nContent-Type: text/x-shellscript\n\n#!/bin/bash\ncat > /etc/systemd/system/kubelet.service.d/10-dns.conf <<'EOF'\n[Service]\nEnvironment='KUBELET_EXTRA_ARGS=--resolv-conf=/etc/resolv.conf'\nEOF\n/etc/eks/bootstrap.sh c --kubelet-extra-args '--resolv-conf='\n--B--\n`;
    const c = io();
    expect(await main(['userdata', file('m.mime', mime)], c)).toBe(0);
    expect(c.out).toContain(`mechanism: bootstrap-kubelet-extra-args at MIME part 1 (text/x-shellscript), line 6: "/etc/eks/bootstrap.sh c --kubelet-extra-args '--resolv-conf='"`);
    expect(c.out).toContain('file:      /etc/systemd/system/kubelet.service.d/30-kubelet-extra-args.conf');
    expect(c.out).toContain('via kubelet-extra-args-env at MIME part 1 (text/x-shellscript), line 4: "Environment=\'KUBELET_EXTRA_ARGS=--resolv-conf=/etc/resolv.conf\'" in /etc/systemd/system/kubelet.service.d/10-dns.conf');
  });

  it('prints a human summary and exits 0', async () => {
    const c = io();
    expect(await main(['userdata', file('a.sh', SCRIPT)], c)).toBe(0);
    expect(c.out).toContain('Effective resolv-conf: "/etc/r.conf" (empty)');
    expect(c.out).toContain('created empty by "touch /etc/r.conf" (line 3)');
    expect(c.out).toContain('mechanism: bootstrap-kubelet-extra-args at line 2');
    expect(c.out).toContain('Bootstrap: bootstrap.sh (1 call)');
    expect(c.out).toContain('Problems: none');
  });

  it('--json prints the model', async () => {
    const c = io();
    expect(await main(['userdata', file('b.sh', SCRIPT), '--json'], c)).toBe(0);
    const model = JSON.parse(c.out);
    expect(Object.keys(model)).toEqual(['effectiveResolvConf', 'resolvConfSettings', 'kubeletFlags', 'bootstrapCalls', 'usesBootstrapSh', 'usesNodeadm', 'os', 'formats', 'rawBytes', 'decodedBytes', 'problems']);
    expect(model.effectiveResolvConf).toMatchObject({ value: '/etc/r.conf', content: 'empty' });
  });

  it('reads stdin with -', async () => {
    const c = io(Buffer.from(SCRIPT).toString('base64'));
    expect(await main(['userdata', '-', '--json'], c)).toBe(0);
    expect(JSON.parse(c.out).formats).toEqual(['base64', 'shell']);
  });

  it('reads gzip files', async () => {
    const c = io();
    expect(await main(['userdata', file('c.gz', gzipSync(SCRIPT)), '--json'], c)).toBe(0);
    expect(JSON.parse(c.out).formats).toEqual(['gzip', 'shell']);
  });

  it('reads a JSON intrinsic tree; a JSON NodeConfig stays user data', async () => {
    const tree = { 'Fn::Base64': { 'Fn::Join': ['', ['#!/bin/bash\n/etc/eks/bootstrap.sh ', { Ref: 'Cluster' }, " --kubelet-extra-args '--resolv-conf='\n"]] } };
    const c = io();
    expect(await main(['userdata', file('t.json', JSON.stringify(tree)), '--json'], c)).toBe(0);
    expect(JSON.parse(c.out)).toMatchObject({ formats: ['intrinsic', 'base64', 'shell'], effectiveResolvConf: { value: '' } });
    const nodeConfig = { apiVersion: 'node.eks.aws/v1alpha1', kind: 'NodeConfig', spec: { kubelet: { flags: ['--resolv-conf='] } } };
    const d = io();
    expect(await main(['userdata', file('n.json', JSON.stringify(nodeConfig)), '--json'], d)).toBe(0);
    expect(JSON.parse(d.out)).toMatchObject({ formats: ['nodeadm'], effectiveResolvConf: { value: '', mechanism: 'nodeadm-flags' } });
  });

  it('lists problems in the summary', async () => {
    const tree = { 'Fn::Base64': { 'Fn::Join': ['', ["#!/bin/bash\n/etc/eks/bootstrap.sh c --kubelet-extra-args '", { Ref: 'Extra' }, "'\n"]] } };
    const c = io();
    expect(await main(['userdata', file('p.json', JSON.stringify(tree))], c)).toBe(0);
    expect(c.out).toContain('Effective resolv-conf: not set');
    expect(c.out).toMatch(/\[token-hole\] may affect resolv-conf: --kubelet-extra-args contains an unresolved value \(Ref Extra\)/);
  });

  it('an unreadable file exits 2 with one line', async () => {
    const c = io();
    expect(await main(['userdata', 'missing.txt'], c)).toBe(2);
    expect(c.err).toBe('eks-node-guard userdata: cannot read missing.txt (ENOENT)\n');
    expect(c.out).toBe('');
  });

  it('usage errors exit 2', async () => {
    const c = io();
    expect(await main(['userdata'], c)).toBe(2);
    expect(c.err.split('\n').filter(Boolean)).toHaveLength(1);
    expect(await main(['userdata', 'a', '--bogus'], io())).toBe(2);
  });

  it('--help exits 0', async () => {
    const c = io();
    expect(await main(['userdata', '--help'], c)).toBe(0);
    expect(c.out).toContain('Usage: eks-node-guard userdata');
  });
});
