import { EksNodeGuard } from '../../lib';

test('a containerd override the guard cannot read fails at construction, as scan refuses it', () => {
  expect(() => new EksNodeGuard({ containerd: { 'ami-1': 'latest' } })).toThrow("containerd version for ami-1 must be a version such as 1.7.22 or a pattern such as 1.7.*: 'latest'");
  expect(() => new EksNodeGuard({ containerd: { 'ami-1': '1.7.*', 'ami-2': '1.7.11-1.amzn2.0.1' } })).not.toThrow();
});
