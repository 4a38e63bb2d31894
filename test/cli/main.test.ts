import { runCli } from '../helpers/cli';

const pkg: { version: string } = require('../../package.json');

describe('eks-node-guard (the dispatcher)', () => {
  test('--version prints the package version and exits 0', async () => {
    expect(await runCli(['--version'], process.cwd())).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  test('--help names --version', async () => {
    const run = await runCli(['--help'], process.cwd());
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--version');
  });
});
