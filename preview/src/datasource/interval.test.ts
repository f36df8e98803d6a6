import { dateTime, TimeRange } from '@grafana/data';

import { alignToStep, interpolateBuiltins, prometheusStep, requestInterval } from './interval';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const MINUTE = 60_000;

function lastMs(ms: number): TimeRange {
  const from = dateTime(NOW - ms);
  const to = dateTime(NOW);
  return { from, to, raw: { from, to } };
}

describe('the step of a Prometheus panel query', () => {
  it.each([
    // [what, range, maxDataPoints, scrape, query min step, factor, intervalMs, step]
    ['5m at 100 points: the scrape interval is the floor', 5 * MINUTE, 100, '5s', undefined, undefined, 5_000, 5_000],
    ['1h at 100 points: range / points, rounded', 60 * MINUTE, 100, '5s', undefined, undefined, 30_000, 30_000],
    [
      '6h at 100 points: the request interval rounds up and the backend keeps it',
      360 * MINUTE,
      100,
      '5s',
      undefined,
      undefined,
      300_000,
      300_000,
    ],
    [
      '1d at 20,000 points: never more than 11,000 points per series',
      1440 * MINUTE,
      20_000,
      undefined,
      undefined,
      undefined,
      5_000,
      10_000,
    ],
    ['a query min step wins over the request interval', 5 * MINUTE, 100, '5s', '1m', undefined, 5_000, 60_000],
    ['the interval factor multiplies the step', 60 * MINUTE, 100, '5s', undefined, 2, 30_000, 60_000],
    [
      '$__rate_interval as min step gives the rate interval',
      60 * MINUTE,
      100,
      '5s',
      '$__rate_interval',
      undefined,
      30_000,
      35_000,
    ],
    [
      'without a scrape interval nothing but the rounding limits the step',
      5 * MINUTE,
      1000,
      undefined,
      undefined,
      undefined,
      200,
      200,
    ],
  ])('%s', (_what, rangeMs, maxDataPoints, scrape, minStep, factor, expectedIntervalMs, expectedStep) => {
    const range = lastMs(rangeMs);
    const { intervalMs } = requestInterval(range, maxDataPoints, undefined, scrape);
    expect(intervalMs).toBe(expectedIntervalMs);
    const step = prometheusStep({
      range,
      maxDataPoints,
      intervalMs,
      dsScrapeInterval: scrape,
      queryMinStep: minStep,
      intervalFactor: factor,
    });
    expect(step).toBe(expectedStep);
  });

  it("uses the panel's min interval before the scrape interval", () => {
    expect(requestInterval(lastMs(5 * MINUTE), 100, '30s', '5s').intervalMs).toBe(30_000);
  });

  it('aligns range ends down to a multiple of the step', () => {
    expect(alignToStep(1_000_007, 5_000)).toBe(1_000_000);
    expect(alignToStep(1_000_000, 5_000)).toBe(1_000_000);
    expect(alignToStep(7_200_000 + 1, 3_600_000, 1800)).toBe(5_400_000);
  });
});

describe('built-in variables interpolated by the backend', () => {
  it('replaces $__interval, $__rate_interval and $__range in both syntaxes', () => {
    const expr =
      'rate(x[$__rate_interval]) [$__interval] $__interval_ms ${__range} ${__range_s} $__range_ms ${__rate_interval_ms}';
    const out = interpolateBuiltins(expr, {
      queryIntervalMs: 30_000,
      stepMs: 30_000,
      dsScrapeInterval: '5s',
      rangeMs: 60 * MINUTE,
    });
    expect(out).toBe('rate(x[35s]) [30s] 30000 3600s 3600 3600000 35000');
  });

  it('uses the step itself as rate interval when the min step is $__rate_interval', () => {
    const out = interpolateBuiltins('$__rate_interval', {
      queryIntervalMs: 30_000,
      stepMs: 35_000,
      queryMinStep: '$__rate_interval',
      dsScrapeInterval: '5s',
      rangeMs: 60 * MINUTE,
    });
    expect(out).toBe('35s');
  });
});
