import { decideSeriesState, decideState, orphanProberState, proberDown, SeriesVerdict } from './decideState';
import { runOf } from '../test-utils/runFixture';
import { scanSeries, SeriesScan } from './scanSeries';
import { Reason, TargetState } from './types';

const NOW = 1_000_000;
const RULE = { limitMs: 30_000, slackMs: 15_000 };

function scanOf(times: number[], values: unknown[]): SeriesScan {
  return scanSeries(runOf(times, values), RULE.limitMs + RULE.slackMs, true);
}

describe('decideSeriesState', () => {
  it.each<[string, number[], unknown[], TargetState, Reason, number | undefined]>([
    ['fresh 1', [NOW - 30_000, NOW], [0, 1], 'up', { code: 'probe-succeeded' }, NOW],
    ['fresh 0', [NOW - 30_000, NOW], [0, 0], 'down', { code: 'probe-failed' }, undefined],
    ['exactly at the limit plus slack', [NOW - 45_000], [1], 'up', { code: 'probe-succeeded' }, undefined],
    ['just past it', [NOW - 45_001], [1], 'stale', { code: 'silent', ms: 45_001 }, NOW - 1],
    ['a newest sample after now', [NOW + 5_000], [0], 'down', { code: 'probe-failed' }, undefined],
    ['NaN', [NOW], [NaN], 'unknown', { code: 'invalid-value', value: NaN }, undefined],
    ['0.5', [NOW - 15_000, NOW], [1, 0.5], 'unknown', { code: 'invalid-value', value: 0.5 }, NOW],
    ['no samples', [], [], 'unknown', { code: 'no-sample' }, undefined],
    [
      'an old NaN is unknown, not stale',
      [NOW - 600_000],
      [NaN],
      'unknown',
      { code: 'invalid-value', value: NaN },
      undefined,
    ],
  ])('%s', (_name, times, values, state, reason, since) => {
    const firstTime = times.length > 0 ? times[0] : undefined;
    expect(decideSeriesState(scanOf(times, values), RULE, NOW)).toEqual({ state, reason, since, firstTime });
  });

  it.each<[string, number[], unknown[], TargetState]>([
    ['newest prober value 0 after the last probe', [NOW - 15_000, NOW], [1, 0], 'unknown'],
    ['prober 0 at the same time as the last probe: the probe result decides', [NOW - 15_000], [0], 'up'],
    ['prober back to 1', [NOW - 15_000, NOW], [0, 1], 'up'],
    ['prober 0 before the last probe', [NOW - 30_000], [0], 'up'],
  ])('%s', (_name, proberTimes, proberValues, state) => {
    const status = scanOf([NOW - 30_000, NOW - 15_000], [1, 1]);
    const prober = proberDown(scanOf(proberTimes, proberValues), RULE, NOW);
    expect(decideSeriesState(status, RULE, NOW, prober).state).toBe(state);
  });

  it('takes a prober 0 older than the staleness limit as no evidence: both went quiet, so stale', () => {
    const status = scanOf([NOW - 120_000], [1]);
    const quiet = scanOf([NOW - 90_000], [0]);
    expect(proberDown(quiet, RULE, NOW)).toBeUndefined();
    expect(decideSeriesState(status, RULE, NOW, proberDown(quiet, RULE, NOW))).toMatchObject({ state: 'stale' });
  });
});

describe('orphanProberState', () => {
  it.each<[string, number[], TargetState, Reason]>([
    ['a fresh 0: the exporter is unreachable now', [NOW - 15_000, NOW], 'unknown', { code: 'prober-unreachable' }],
    ['a 0 past the staleness limit: gone quiet', [NOW - 90_000], 'stale', { code: 'silent', ms: 90_000 }],
  ])('%s', (_name, times, state, reason) => {
    expect(
      orphanProberState(
        scanOf(
          times,
          times.map(() => 0)
        ),
        RULE,
        NOW
      )
    ).toMatchObject({ state, reason });
  });
});

describe('decideState', () => {
  const v = (state: TargetState, since?: number): SeriesVerdict => ({ state, reason: { code: 'no-sample' }, since });

  it.each<[TargetState[], TargetState, number]>([
    [['up'], 'up', 1],
    [['down'], 'down', 0],
    [['stale'], 'stale', 0],
    [['unknown'], 'unknown', 0],
    [['up', 'up'], 'up', 2],
    [['up', 'down'], 'partial', 1],
    [['up', 'stale'], 'partial', 1],
    [['up', 'unknown'], 'partial', 1],
    [['down', 'down'], 'down', 0],
    [['down', 'stale'], 'down', 0],
    [['down', 'unknown'], 'down', 0],
    [['stale', 'stale'], 'stale', 0],
    [['stale', 'unknown'], 'unknown', 0],
    [['unknown', 'unknown'], 'unknown', 0],
  ])('%j -> %s', (series, state, upCount) => {
    expect(
      decideState(
        series.map((s) => v(s)),
        'majority'
      )
    ).toMatchObject({
      state,
      upCount,
      seriesCount: series.length,
    });
  });

  it.each<['any' | 'majority' | 'all', number, number, boolean]>([
    ['any', 1, 3, true],
    ['majority', 1, 2, false],
    ['majority', 2, 3, true],
    ['majority', 2, 4, false],
    ['all', 3, 4, false],
  ])('quorum %s with %d of %d up', (quorum, up, count, healthy) => {
    const verdicts = [...Array(up).fill(v('up')), ...Array(count - up).fill(v('down'))];
    expect(decideState(verdicts, quorum)).toMatchObject({ state: 'partial', healthy });
  });

  it.each(['any', 'majority', 'all'] as const)(
    'counts under quorum %s only the probes not stale, and dates the mix by them (a stale probe)',
    (quorum) => {
      // A module removed at 500: its series went quiet then; the other has been up since 100.
      const verdict = decideState([v('up', 100), v('stale', 500)], quorum);
      expect(verdict).toMatchObject({ state: 'partial', upCount: 1, seriesCount: 2, healthy: true, since: 100 });
      expect(decideState([v('up', 100), v('down', 300), v('stale', 500)], quorum).healthy).toBe(quorum === 'any');
    }
  );

  it.each(['any', 'majority', 'all'] as const)(
    'counts under quorum %s only the probes that report (a probe whose prober is unreachable)',
    (quorum) => {
      // Two sites probe the target; site B's blackbox_exporter is down, site A's probe is up.
      const unreachable: SeriesVerdict = { state: 'unknown', reason: { code: 'prober-unreachable' } };
      expect(decideState([v('up', 100), unreachable], quorum)).toMatchObject({ state: 'partial', healthy: true });
      expect(decideState([v('up', 100), v('down', 300), unreachable], quorum).healthy).toBe(quorum === 'any');
    }
  );

  it.each<[TargetState, boolean]>([
    ['up', true],
    ['down', false],
    ['stale', false],
    ['unknown', false],
  ])('a single %s series is healthy: %s under any quorum', (state, healthy) => {
    expect(decideState([v(state)], 'all').healthy).toBe(healthy);
    expect(decideState([v(state)], 'any').healthy).toBe(healthy);
  });

  it('dates a combined state from the latest change among its series', () => {
    expect(decideState([v('up', 100), v('down', 300), v('up')], 'majority').since).toBe(300);
    expect(decideState([v('up'), v('down')], 'majority').since).toBeUndefined();
  });

  describe('dates a mixed state from the probe that joined last', () => {
    const joined = (state: TargetState, firstTime: number, since?: number): SeriesVerdict => ({
      ...v(state, since),
      firstTime,
    });

    it('up for long, then a failing probe joins: partial since it joined', () => {
      expect(decideState([joined('up', 100), joined('down', 700)], 'majority').since).toBe(700);
    });

    it('a change after the join dates it instead', () => {
      expect(decideState([joined('up', 100, 800), joined('down', 700)], 'majority').since).toBe(800);
    });

    it('both from the first sample on: no change seen', () => {
      expect(decideState([joined('up', 100), joined('down', 100)], 'majority').since).toBeUndefined();
    });

    it('a probe that joins in the state the others are in changes nothing', () => {
      expect(decideState([joined('up', 100), joined('up', 700)], 'majority').since).toBeUndefined();
      expect(decideState([joined('down', 100, 400), joined('down', 700)], 'majority').since).toBe(400);
    });

    it('down with one probe unknown since it joined', () => {
      expect(decideState([joined('down', 100), joined('unknown', 500)], 'majority')).toMatchObject({
        state: 'down',
        since: 500,
      });
    });
  });

  it('has no state but unknown without status series', () => {
    expect(decideState([], 'any')).toEqual({
      state: 'unknown',
      reason: { code: 'no-status-series' },
      upCount: 0,
      seriesCount: 0,
      healthy: false,
    });
  });
});
