import fc from 'fast-check';
import * as semver from 'semver';
import {
  AFFECTED_CONTAINERD_RANGE,
  containerdVerdict,
  formatContainerdVersion,
  parseContainerdPackageVersion,
  parseContainerdPattern,
  rangeBetween,
  straddledBoundaries,
  upstreamOf,
} from '../../lib/ami/containerd-version';

describe('parsing containerd versions', () => {
  it.each([
    ['1.7.22-1.amzn2.0.2', '1.7.22'],
    ['1.7.27-1.eks.amzn2023.0.4', '1.7.27'],
    ['2.1.4-1.amzn2023.0.1', '2.1.4'],
    ['1.7.27', '1.7.27'],
  ])('package version %s has upstream %s', (pkg, upstream) => {
    expect(parseContainerdPackageVersion(pkg)).toEqual({ exact: upstream, packageVersion: pkg });
    expect(upstreamOf(pkg)).toBe(upstream);
  });

  it('returns a problem, not an exception, for junk', () => {
    expect(parseContainerdPackageVersion('latest')).toEqual({ problem: expect.stringContaining('latest') });
    expect(parseContainerdPattern('1.x.*')).toEqual({ problem: expect.any(String) });
  });

  it.each([
    ['1.7.*', { min: '1.7.0', max: '1.7.x' }],
    ['1.7.2*', { min: '1.7.2', max: '1.7.x' }],
    ['2.*', { min: '2.0.0', max: '2.x' }],
    ['*', {}],
    ['1.7.11-*', { exact: '1.7.11' }],
    ['1.7.22-1.amzn2.0.2', { exact: '1.7.22', packageVersion: '1.7.22-1.amzn2.0.2' }],
  ])('pattern %s', (pattern, expected) => {
    expect(parseContainerdPattern(pattern)).toEqual(expected);
  });

  it('orders gap ranges by version, not by argument', () => {
    expect(rangeBetween('1.7.20-1.amzn2.0.1', '1.7.11-1.amzn2.0.1')).toEqual({ min: '1.7.11', max: '1.7.20' });
  });

  it('formats exact versions and ranges', () => {
    expect(formatContainerdVersion({ exact: '1.7.22' })).toBe('1.7.22');
    expect(formatContainerdVersion({ min: '1.7.11', max: '1.7.20' })).toBe('1.7.11..1.7.20');
    expect(formatContainerdVersion({ min: '2.2.4' })).toBe('>=2.2.4');
    expect(formatContainerdVersion({})).toBe('unknown');
  });
});

describe('containerdVerdict', () => {
  it.each([
    ['1.6.33', 'not-affected'],
    ['1.6.34', 'affected'],
    ['1.6.99', 'affected'],
    ['1.7.0', 'not-affected'],
    ['1.7.11', 'not-affected'],
    ['1.7.19', 'not-affected'],
    ['1.7.20', 'affected'],
    ['1.7.22', 'affected'],
    ['2.0.0', 'affected'],
    ['2.2.4', 'affected'],
    ['1.4.13', 'not-affected'],
  ])('exact %s is %s', (version, verdict) => {
    expect(containerdVerdict({ exact: version })).toBe(verdict);
  });

  it.each([
    [{ min: '1.7.11', max: '1.7.20' }, 'possibly-affected'],
    [{ min: '1.7.11', max: '1.7.19' }, 'not-affected'],
    [{ min: '1.7.20', max: '1.7.22' }, 'affected'],
    [{ min: '1.7.0', max: '1.7.x' }, 'possibly-affected'],
    [{ min: '2.0.0', max: '2.x' }, 'affected'],
    [{ min: '2.2.4' }, 'affected'],
    [{ max: '1.6.33' }, 'not-affected'],
    [{ max: '1.7.19' }, 'possibly-affected'],
    [{}, 'unknown'],
    [{ min: '1.7.22', max: '1.7.11' }, 'unknown'],
    [{ exact: 'nope' }, 'unknown'],
  ])('range %j is %s', (range, verdict) => {
    expect(containerdVerdict(range)).toBe(verdict);
  });

  const version = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 9 }), fc.integer({ min: 0, max: 45 })).map((p) => p.join('.'));
  const ordered = fc.tuple(version, version).map(([a, b]) => (semver.lte(a, b) ? [a, b] : [b, a]));

  it('an exact version is always decided, and matches the affected ranges', () => {
    fc.assert(
      fc.property(version, (v) => {
        expect(containerdVerdict({ exact: v })).toBe(semver.satisfies(v, AFFECTED_CONTAINERD_RANGE) ? 'affected' : 'not-affected');
      }),
    );
  });

  it('a one-point range has the verdict of its point', () => {
    fc.assert(fc.property(version, (v) => expect(containerdVerdict({ min: v, max: v })).toBe(containerdVerdict({ exact: v }))));
  });

  it("a range's verdict is consistent with its endpoints", () => {
    fc.assert(
      fc.property(ordered, ([min, max]) => {
        const range = containerdVerdict({ min, max });
        const low = containerdVerdict({ exact: min });
        const high = containerdVerdict({ exact: max });
        if (range === 'affected' || range === 'not-affected') {
          expect(low).toBe(range);
          expect(high).toBe(range);
        } else {
          expect(range).toBe('possibly-affected');
        }
        if (low !== high) expect(range).toBe('possibly-affected');
      }),
    );
  });

  it('a range is affected (not affected) exactly when every version in it is (is not)', () => {
    // Brute force over a grid that holds every boundary (1.6.34, 1.7.0, 1.7.20, 2.0.0).
    const grid: string[] = [];
    for (let major = 0; major <= 3; major++) for (let minor = 0; minor <= 9; minor++) for (let patch = 0; patch <= 46; patch++) grid.push(`${major}.${minor}.${patch}`);
    const gridVerdicts = grid.map((v) => ({ v: semver.parse(v) as semver.SemVer, verdict: containerdVerdict({ exact: v }) }));
    fc.assert(
      fc.property(ordered, ([min, max]) => {
        const inside = gridVerdicts.filter(({ v }) => v.compare(min) >= 0 && v.compare(max) <= 0).map(({ verdict }) => verdict);
        const expected = inside.every((v) => v === 'affected') ? 'affected' : inside.every((v) => v === 'not-affected') ? 'not-affected' : 'possibly-affected';
        expect(containerdVerdict({ min, max })).toBe(expected);
      }),
      { numRuns: 200 },
    );
  });

  it.each([
    [{ min: '1.6.0', max: '1.6.x' }, ['1.6.34']],
    [{ min: '1.7.11', max: '1.7.20' }, ['1.7.20']],
    [{ min: '1.7.0', max: '1.7.x' }, ['1.7.20']],
    [{ min: '1.6.30', max: '1.7.5' }, ['1.6.34', '1.7.0']],
    [{ max: '1.7.19' }, ['1.6.34', '1.7.0']],
    [{ min: '1.7.11' }, ['1.7.20']],
    [{ min: '2.0.0', max: '2.x' }, []],
    [{ exact: '1.7.20' }, []],
    [{}, []],
  ])('range %j straddles %j', (range, boundaries) => {
    expect(straddledBoundaries(range)).toEqual(boundaries);
  });

  it('a range is possibly affected exactly when it straddles a boundary (so messages always name one)', () => {
    fc.assert(fc.property(ordered, ([min, max]) => expect(straddledBoundaries({ min, max }).length > 0).toBe(containerdVerdict({ min, max }) === 'possibly-affected')));
  });

  it('widening a range never turns possibly-affected into a decided verdict', () => {
    fc.assert(
      fc.property(ordered, version, ([min, max], extra) => {
        const wider = semver.lt(extra, min) ? { min: extra, max } : semver.gt(extra, max) ? { min, max: extra } : { min, max };
        if (containerdVerdict({ min, max }) === 'possibly-affected') expect(containerdVerdict(wider)).toBe('possibly-affected');
      }),
    );
  });
});
