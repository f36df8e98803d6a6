import fc from 'fast-check';

import { isUnderUptimeTarget, uptimeHundredths } from './uptimeFigures';

/** A share as a floating-point sum leaves it: `ulps` units in the last place off the true value. */
function noisy(ups: number, count: number, ulps: number): number {
  return (ups / count) * (1 + ulps * Number.EPSILON);
}

describe('uptimeHundredths', () => {
  it.each<[number, number]>([
    // What Prometheus answered for avg_over_time of 1 up in 20 and in 25 samples.
    [0.049999999999999996, 500],
    [0.039999999999999994, 400],
    [0.5699999999999999, 5700],
    [0.57, 5700],
    [0.9989999999999999, 9990],
    [1, 10000],
    [0, 0],
  ])('%p is %p hundredths of a percent', (uptime, hundredths) => {
    expect(uptimeHundredths(uptime)).toBe(hundredths);
  });

  it('cuts rather than rounds, so that a short outage never reads 100%', () => {
    expect(uptimeHundredths(0.99996)).toBe(9999);
    expect(uptimeHundredths(noisy(86_399, 86_400, 2))).toBe(9999);
    expect(uptimeHundredths(0.12345)).toBe(1234);
  });

  it('is the share of up samples in whole hundredths of a percent, whatever the last bits', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 100_000 })
          .chain((count) =>
            fc.tuple(fc.constant(count), fc.integer({ min: 0, max: count }), fc.integer({ min: -8, max: 8 }))
          ),
        ([count, ups, ulps]) => {
          // Whole numbers: ups * 10000 / count is never within a rounding error below a whole number.
          expect(uptimeHundredths(noisy(ups, count, ulps))).toBe(Math.floor((ups * 10_000) / count));
        }
      )
    );
  });
});

describe('isUnderUptimeTarget', () => {
  it('an uptime that meets the target is not under it, whatever its last bits', () => {
    expect(isUnderUptimeTarget(0.9989999999999999, 0.999)).toBe(false);
    expect(isUnderUptimeTarget(noisy(999, 1000, -4), 0.999)).toBe(false);
  });

  it('one sample fewer up is under it', () => {
    expect(isUnderUptimeTarget(noisy(998, 1000, 4), 0.999)).toBe(true);
    expect(isUnderUptimeTarget(noisy(86_313, 86_400, 4), 0.999)).toBe(true);
  });
});
