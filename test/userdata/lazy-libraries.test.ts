/**
 * Loading the guard does not load the YAML parsers: most synths never need them, and they cost
 * about 40 ms of every `cdk synth` (docs/performance.md). They load when user data needs them.
 */
const loaded = new Set<string>();

beforeEach(() => {
  loaded.clear();
  jest.resetModules();
  for (const name of ['yaml', 'js-yaml']) {
    jest.doMock(name, () => {
      loaded.add(name);
      return jest.requireActual(name);
    });
  }
});

function guardLibrary(): typeof import('../../lib') {
  return require('../../lib') as typeof import('../../lib');
}

test('loading the library loads neither yaml nor js-yaml', () => {
  guardLibrary();
  expect([...loaded]).toEqual([]);
});

test('a script and a cloud-config part the gating skips need neither', () => {
  const { analyzeUserData } = guardLibrary();
  analyzeUserData('#!/bin/bash\n/etc/eks/bootstrap.sh demo\n');
  analyzeUserData('#cloud-config\nruncmd:\n  - [ sysctl, --system ]\n');
  expect([...loaded]).toEqual([]);
});

test('a cloud-config part that writes a kubelet file loads yaml; a NodeConfig loads js-yaml', () => {
  const { analyzeUserData } = guardLibrary();
  analyzeUserData('#cloud-config\nwrite_files:\n  - path: /etc/kubelet-resolv.conf\n    content: ""\n');
  expect([...loaded]).toEqual(['yaml']);
  analyzeUserData('apiVersion: node.eks.aws/v1alpha1\nkind: NodeConfig\nspec:\n  kubelet:\n    flags: [--max-pods=20]\n');
  expect([...loaded]).toEqual(['yaml', 'js-yaml']);
});
