import fc from 'fast-check';

import { runOf } from '../test-utils/runFixture';
import { scanSeries, scanValues } from './scanSeries';

const GAP = 45;

describe('scanSeries', () => {
  it('reads newest sample and counts in one pass, and leaves the figures of values empty', () => {
    const scan = scanSeries(runOf([0, 15, 30, 45, 60], [1, NaN, 0, null, 1]), GAP, true);
    expect(scan).toMatchObject({
      samples: 4,
      firstTime: 0,
      lastTime: 60,
      lastValue: 1,
      finite: 3,
      ones: 2,
      zeros: 1,
      changes: 2,
    });
    expect([scan.min, scan.max, scan.sum]).toEqual([NaN, NaN, NaN]);
  });

  it.each<[string, number[], unknown[], number, boolean]>([
    // name, times, values, runStart, runFromFirst
    ['one state throughout', [0, 15, 30], [1, 1, 1], 0, true],
    ['changed once', [0, 15, 30], [0, 1, 1], 15, false],
    ['invalid values form their own run', [0, 15, 30], [1, NaN, 2], 15, false],
    ['a gap wider than allowed starts a new run', [0, 15, 100, 115], [1, 1, 1, 1], 100, false],
    ['a gap just within the limit does not', [0, 45, 90], [1, 1, 1], 0, true],
    ['null values do not count as samples', [0, 15, 30], [0, null, 0], 0, true],
  ])('%s', (_name, times, values, runStart, runFromFirst) => {
    expect(scanSeries(runOf(times, values), GAP, false)).toMatchObject({ runStart, runFromFirst });
  });

  it.each<[string, number[], unknown[], Array<[number, number]>]>([
    ['none', [0, 15], [1, 1], []],
    ['closed by the next sample', [0, 15, 30, 45], [1, 0, 0, 1], [[15, 45]]],
    ['still open at the end', [0, 15, 30], [1, 0, 0], [[15, 30]]],
    ['closed by an invalid sample', [0, 15, 30], [0, NaN, 1], [[0, 15]]],
    [
      'cut at a gap',
      [0, 15, 200, 215],
      [0, 0, 0, 1],
      [
        [0, 15],
        [200, 215],
      ],
    ],
    [
      'two periods',
      [0, 15, 30, 45],
      [0, 1, 0, 1],
      [
        [0, 15],
        [30, 45],
      ],
    ],
  ])('down ranges: %s', (_name, times, values, ranges) => {
    expect(scanSeries(runOf(times, values), GAP, true).downRanges).toEqual(ranges);
  });

  it.each<[string, number[], unknown[], number]>([
    ['two values at the newest time', [0, 15, 15], [1, 1, 0], 15],
    ['at an earlier time', [0, 0, 15], [0, 1, 1], 0],
    ['the newest of several', [0, 0, 15, 15], [0, 1, 1, 0], 15],
    ['equal values at one time are no conflict', [0, 15, 15], [1, 1, 1], NaN],
    ['nor are samples one after another', [0, 15, 30], [1, 0, 1], NaN],
  ])('notes where two samples disagree at one time: %s', (_name, times, values, conflictTime) => {
    expect(scanSeries(runOf(times, values), GAP, true).conflictTime).toBe(conflictTime);
  });

  it('collects no down ranges unless asked to', () => {
    expect(scanSeries(runOf([0, 15], [0, 0]), GAP, false).downRanges).toEqual([]);
  });

  it('counts only changes between 0 and 1, across invalid values', () => {
    expect(scanSeries(runOf([0, 1, 2, 3, 4], [1, NaN, 0, 2, 0]), GAP, false).changes).toBe(1);
  });

  it.each<[number[], boolean]>([
    [[0, 15, 15, 30], true],
    [[0, 30, 15], false],
    [[30, 0], false],
  ])('notices when %j is out of order: in order %s', (times, inOrder) => {
    expect(
      scanSeries(
        runOf(
          times,
          times.map(() => 1)
        ),
        GAP,
        false
      ).inOrder
    ).toBe(inOrder);
  });

  it('reports no samples as NaN times', () => {
    const scan = scanSeries(runOf([0, 'x', null], [null, 1, 1]), GAP, true);
    expect(scan.samples).toBe(0);
    expect(scan.lastTime).toBeNaN();
    expect(scan.finite).toBe(0);
  });
});

describe('scanValues', () => {
  const sample = fc.oneof(
    fc.constantFrom(null, NaN, Infinity, -Infinity, 0, 1),
    fc.double({ min: 0, max: 10, noNaN: true })
  );

  it('agrees with scanSeries on the figures both read, and measures the finite values', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.integer({ min: 0, max: 600 }), fc.constant(null)), sample), { maxLength: 40 }),
        (pairs) => {
          const run = runOf(
            pairs.map(([time]) => time as number),
            pairs.map(([, value]) => value)
          );
          const full = scanSeries(run, GAP, false);
          const lean = scanValues(run);
          for (const figure of ['samples', 'firstTime', 'lastTime', 'lastValue', 'finite', 'inOrder'] as const) {
            expect(lean[figure]).toBe(full[figure]);
          }
          const measured = pairs
            .filter(([time, value]) => typeof time === 'number' && typeof value === 'number' && Number.isFinite(value))
            .map(([, value]) => value as number);
          expect(lean.min).toBe(measured.length > 0 ? Math.min(...measured) : Infinity);
          expect(lean.max).toBe(measured.length > 0 ? Math.max(...measured) : -Infinity);
          expect(lean.sum).toBeCloseTo(
            measured.reduce((sum, value) => sum + value, 0),
            9
          );
        }
      )
    );
  });

  it('leaves the status-only figures empty', () => {
    const scan = scanValues(runOf([0, 15, 30], [0.1, 0.5, 0.2]));
    expect(scan).toMatchObject({ samples: 3, lastValue: 0.2, min: 0.1, max: 0.5, changes: 0, ones: 0, downRanges: [] });
    expect(scan.runStart).toBeNaN();
  });
});
