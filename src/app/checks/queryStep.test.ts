import { rangeUtil } from '@grafana/data';

import dashboard from '../../dashboards/port-status.json';
import { PORT_STATUS_DASHBOARD, queryStepMs, roundInterval } from './queryStep';

const MINUTE = 60_000;

describe('queryStepMs', () => {
  it.each<[string, number, number, number, number]>([
    // [what, range, max data points, shortest step, step]
    ['5m: the shortest step is the floor', 5 * MINUTE, 100, 5000, 5000],
    ['15m: range / points, 9 s, rounds to 10 s', 15 * MINUTE, 100, 5000, 10_000],
    ['30m: 18 s rounds to 20 s', 30 * MINUTE, 100, 5000, 20_000],
    ['1h: 36 s rounds to 30 s', 60 * MINUTE, 100, 5000, 30_000],
    ['30m with a 1-minute shortest step: the shortest step', 30 * MINUTE, 100, 60_000, 60_000],
    ['1d at 20,000 points: never more than 11,000 points a series', 1440 * MINUTE, 20_000, 1000, 10_000],
  ])('%s', (_, rangeMs, maxDataPoints, shortestStepMs, stepMs) => {
    expect(queryStepMs(rangeMs, maxDataPoints, shortestStepMs)).toBe(stepMs);
  });
});

describe('roundInterval', () => {
  it('rounds as Grafana’s rangeUtil.roundInterval, at every boundary and between', () => {
    const samples = [0, 1, 9.9, 10, 14, 15, 18_000, 24_999, 25_000, 3_628_799_999, 3_628_800_000, 1e12];
    for (let ms = 1; ms < 5e9; ms *= 1.07) {
      samples.push(ms, Math.round(ms));
    }
    expect(samples.map(roundInterval)).toEqual(samples.map(rangeUtil.roundInterval));
  });
});

describe('PORT_STATUS_DASHBOARD', () => {
  it('is the Port Status dashboard as it opens: its default range and its panel’s max data points', () => {
    expect(dashboard.time.to).toBe('now');
    expect(rangeUtil.intervalToMs(dashboard.time.from.replace(/^now-/, ''))).toBe(PORT_STATUS_DASHBOARD.rangeMs);
    const panel = dashboard.panels.find((p) => p.type === 'portwatch-status-panel') as Record<string, unknown>;
    expect(panel.maxDataPoints).toBe(PORT_STATUS_DASHBOARD.maxDataPoints);
    // A min interval of the panel's own would set another floor than the data source's.
    expect(panel.interval ?? '').toBe('');
  });
});
