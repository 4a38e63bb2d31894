"use strict";
/**
 * Realistic EKS worker-node user data for the benchmark: MIME multipart documents like the ones
 * node groups ship (a tuning script, a cloud-config part, the bootstrap call or a nodeadm NodeConfig).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.RESOLV_FILE = void 0;
exports.mimeDocument = mimeDocument;
exports.tuningScript = tuningScript;
exports.cloudConfig = cloudConfig;
exports.al2BootstrapScript = al2BootstrapScript;
exports.nodeConfig = nodeConfig;
exports.largeMimeUserData = largeMimeUserData;
/** The file the incident's user data hands the kubelet (created empty). */
exports.RESOLV_FILE = '/etc/kubelet-resolv.conf';
const BOUNDARY = '==EKSBENCHBOUNDARY==';
/** A `multipart/mixed` document of `parts`, as EC2 and cloud-init read it. */
function mimeDocument(parts) {
    const lines = ['MIME-Version: 1.0', `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`, ''];
    for (const part of parts) {
        lines.push(`--${BOUNDARY}`, `Content-Type: ${part.contentType}`, '', part.body);
    }
    lines.push(`--${BOUNDARY}--`, '');
    return lines.join('\n');
}
/** A host-tuning shell script of about `lines` commands (sysctl, limits, log shipping): node groups carry these. */
function tuningScript(seed, lines = 12) {
    const commands = ['#!/bin/bash', 'set -euo pipefail'];
    for (let i = 0; i < lines; i++) {
        switch (i % 4) {
            case 0:
                commands.push(`sysctl -w net.core.somaxconn=${4096 + ((seed + i) % 7) * 1024}`);
                break;
            case 1:
                commands.push(`echo "vm.max_map_count=${262144 + i}" >> /etc/sysctl.d/99-bench.conf`);
                break;
            case 2:
                commands.push(`if [ -d /var/log/pods ]; then chmod 0750 /var/log/pods; fi`);
                break;
            default:
                commands.push(`echo "* soft nofile ${65536 + seed % 100}" >> /etc/security/limits.d/bench.conf`);
        }
    }
    return { contentType: 'text/x-shellscript; charset="us-ascii"', body: commands.join('\n') + '\n' };
}
/** A cloud-config part that writes a couple of files and runs a command. */
function cloudConfig(seed) {
    const body = [
        '#cloud-config',
        'write_files:',
        '  - path: /etc/sysctl.d/90-bench.conf',
        '    permissions: "0644"',
        '    content: |',
        `      fs.inotify.max_user_watches=${524288 + seed}`,
        '      fs.inotify.max_user_instances=8192',
        '  - path: /etc/bench/pool',
        `    content: pool-${seed}`,
        'runcmd:',
        '  - [ sysctl, --system ]',
        '',
    ].join('\n');
    return { contentType: 'text/cloud-config; charset="us-ascii"', body };
}
/** The AL2 bootstrap part: `/etc/eks/bootstrap.sh <cluster>` with kubelet flags, resolv-conf per `style`. */
function al2BootstrapScript(clusterName, pool, style) {
    const commands = ['#!/bin/bash', 'set -ex'];
    const flags = [`--node-labels=pool=${pool},tier=bench`, '--max-pods=58'];
    if (style === 'empty') {
        commands.push(`touch ${exports.RESOLV_FILE}`);
        flags.push(`--resolv-conf=${exports.RESOLV_FILE}`);
    }
    else if (style === 'populated') {
        commands.push(`echo "nameserver 169.254.169.253" > ${exports.RESOLV_FILE}`);
        flags.push(`--resolv-conf=${exports.RESOLV_FILE}`);
    }
    commands.push(`/etc/eks/bootstrap.sh ${clusterName} --container-runtime containerd --kubelet-extra-args '${flags.join(' ')}'`);
    return { contentType: 'text/x-shellscript; charset="us-ascii"', body: commands.join('\n') + '\n' };
}
/** The AL2023 nodeadm part: a NodeConfig with kubelet config and flags (EKS merges the cluster details in). */
function nodeConfig(pool) {
    const body = [
        '---',
        'apiVersion: node.eks.aws/v1alpha1',
        'kind: NodeConfig',
        'spec:',
        '  kubelet:',
        '    config:',
        '      maxPods: 58',
        '      shutdownGracePeriod: 30s',
        '    flags:',
        `      - --node-labels=pool=${pool},tier=bench`,
        '',
    ].join('\n');
    return { contentType: 'application/node.eks.aws', body };
}
/**
 * A MIME multipart document of at least `bytes` bytes: a NodeConfig-free AL2 document with many
 * tuning parts, a cloud-config part and the bootstrap call (with a populated resolv-conf, so the
 * analysis has to follow the file's content).
 */
function largeMimeUserData(bytes) {
    const parts = [cloudConfig(1)];
    let seed = 0;
    const bootstrap = al2BootstrapScript('bench-cluster', 'large', 'populated');
    while (mimeDocument([...parts, bootstrap]).length < bytes)
        parts.push(tuningScript(seed++, 20));
    return mimeDocument([...parts, bootstrap]);
}
//# sourceMappingURL=userdata.js.map