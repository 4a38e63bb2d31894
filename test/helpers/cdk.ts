/** Small builders for the synth tests: user data from the incident, and reading the guard's annotations. */
import { App, AppProps, Aspects, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { EksNodeGuard, EksNodeGuardProps } from '../../lib';

/** The EKS AL2 AMI of release v20241024 (containerd 1.7.22: affected), pinned so it resolves offline. */
export const AFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20241024/image_id';
/** v20240703 shipped containerd 1.7.11: not affected (yet). */
export const UNAFFECTED_AL2_SSM = '/aws/service/eks/optimized-ami/1.29/amazon-linux-2/amazon-eks-node-1.29-v20240703/image_id';

export const RESOLV_FILE = '/etc/kubelet-resolv.conf';

/** The user data of the incident: an empty file handed to the kubelet. */
export function legacyCommands(cluster = 'demo'): string[] {
  return [`touch ${RESOLV_FILE}`, `/etc/eks/bootstrap.sh ${cluster} --kubelet-extra-args '--resolv-conf=${RESOLV_FILE} --node-labels=pool=a'`];
}

/** The same nodes without the resolv-conf flag. */
export function healthyCommands(cluster = 'demo'): string[] {
  return [`/etc/eks/bootstrap.sh ${cluster} --kubelet-extra-args '--node-labels=pool=a'`];
}

export function script(commands: string[]): string {
  return ['#!/bin/bash', 'set -ex', ...commands, ''].join('\n');
}

/** An app with the guard at the root; CloudFormation validation off (see test/setup-env.ts). */
export function guardedApp(props: AppProps = {}, guard: EksNodeGuardProps = {}): App {
  const app = new App(props);
  Aspects.of(app).add(new EksNodeGuard(guard));
  return app;
}

/** Messages of the guard's annotations of one level on a stack. */
export function guardMessages(stack: Stack, level: 'error' | 'warning' | 'info' = 'error'): string[] {
  const annotations = Annotations.fromStack(stack);
  const pattern = Match.stringLikeRegexp('^\\[eks-node-guard:');
  const found = level === 'error' ? annotations.findError('*', pattern) : level === 'warning' ? annotations.findWarning('*', pattern) : annotations.findInfo('*', pattern);
  return found.map((m) => String(m.entry.data));
}
