import { CHECK_QUERIES, samplesOf } from './checkQueries';
import { medianGapMs } from './checkInterval';
import { demoAnswers, DEMO_PICKS, resultOf } from './test-utils/demoAnswers';
import { FAKE_TIME, series } from './test-utils/fakePromApi';
import type { PromSeries, SetupSettings } from './types';

const [TCP, HTTP] = DEMO_PICKS.map((pick) => pick.metric);

describe('checkInterval', () => {
  it.each<
    [string, SetupSettings, Array<[Record<string, string>, PromSeries[]]>, string, string, Record<string, unknown>]
  >([
    [
      'the demo: 5 s both sides; the panel goes stale after 10 s',
      { timeInterval: '5s' },
      [],
      'ok',
      'interval_matches',
      {
        timeIntervalMs: 5000,
        scrapeIntervalMs: 5000,
        staleAfterMs: 10000,
        slackMs: 5000,
        staleAtMs: 15000,
        // The dashboard's 30 minutes over 100 points: 18 s, which Grafana rounds to 20 s.
        dashboardRangeMs: 1_800_000,
        dashboardStepMs: 20000,
        dashboardStaleAtMs: 60000,
        jobs: ['probe_http', 'probe_tcp'],
      },
    ],
    [
      'agrees within jitter',
      { timeInterval: '5s' },
      [[TCP, [series(TCP, 5.3, 60)]]],
      'ok',
      'interval_matches',
      { timeIntervalMs: 5000 },
    ],
    [
      'timeInterval shorter than a job’s scrape interval',
      { timeInterval: '5s' },
      [[TCP, [series(TCP, 60, 10)]]],
      'warning',
      'time_interval_below_scrape',
      { timeIntervalMs: 5000, scrapeIntervalMs: 60000, jobs: ['probe_tcp'] },
    ],
    [
      'timeInterval longer than the scrape interval',
      { timeInterval: '1m' },
      [],
      'warning',
      'time_interval_above_scrape',
      {
        timeIntervalMs: 60000,
        scrapeIntervalMs: 5000,
        jobs: ['probe_http', 'probe_tcp'],
        staleAfterMs: 120000,
        // The shortest step is longer than the dashboard's range would ask for: the same step there.
        dashboardStepMs: 60000,
        dashboardStaleAtMs: 180000,
      },
    ],
    [
      'no timeInterval: Grafana’s 15 s',
      {},
      [],
      'warning',
      'time_interval_above_scrape',
      { timeInterval: '', timeIntervalSource: 'default', timeIntervalMs: 15000, staleAfterMs: 30000 },
    ],
    [
      'a long timeInterval: the stale limit stops at the 5-minute lookback',
      { timeInterval: '10m' },
      [],
      'warning',
      'time_interval_above_scrape',
      { staleAfterMs: 300000, slackMs: 600000, staleAtMs: 900000 },
    ],
    [
      // 15 s and 60 s: no one timeInterval suits both, so the shortest, and Stale after for the slower job.
      'mixed intervals, timeInterval at the shortest',
      { timeInterval: '15s' },
      [
        [TCP, [series(TCP, 15, 40)]],
        [HTTP, [series(HTTP, 60, 10)]],
      ],
      'warning',
      'time_interval_below_scrape',
      {
        jobs: ['probe_http'],
        shortestScrapeIntervalMs: 15000,
        slowerJobs: ['probe_http'],
        slowerStaleAfterMs: 120000,
        advice: ['stale-after'],
      },
    ],
    [
      'mixed intervals, timeInterval at neither',
      { timeInterval: '5s' },
      [
        [TCP, [series(TCP, 15, 40)]],
        [HTTP, [series(HTTP, 60, 10)]],
      ],
      'warning',
      'time_interval_below_scrape',
      { shortestScrapeIntervalMs: 15000, slowerJobs: ['probe_http'], advice: ['time-interval', 'stale-after'] },
    ],
    [
      'one job unmeasured: no all-clear for it',
      { timeInterval: '5s' },
      [[HTTP, [series(HTTP, 5, 1)]]],
      'unknown',
      'scrape_interval_unmeasured',
      { jobs: ['probe_http'], unmeasuredJobs: ['probe_http'] },
    ],
    [
      'an unreadable timeInterval',
      { timeInterval: 'often' },
      [],
      'warning',
      'time_interval_invalid',
      { timeInterval: 'often' },
    ],
    [
      'one sample per job only',
      { timeInterval: '5s' },
      [
        [TCP, [series(TCP, 5, 1)]],
        [HTTP, []],
      ],
      'unknown',
      'scrape_interval_unmeasured',
      { unmeasuredJobs: ['probe_http', 'probe_tcp'] },
    ],
  ])('%s', async (_, settings, replaced, status, code, params) => {
    const answers = demoAnswers();
    for (const [metric, answer] of replaced) {
      answers.matrix![samplesOf(metric)] = answer;
    }
    expect(await resultOf('interval', answers, settings)).toMatchObject({ status, code, params });
  });

  // VictoriaMetrics evaluates a query without a time 30 s back unless -search.latencyOffset=0: its
  // time() is then behind the time the answer is for.
  it('warns of a data source that answers from 30 s back', async () => {
    const answers = demoAnswers();
    answers.instant[CHECK_QUERIES.clock] = [{ metric: {}, value: [FAKE_TIME, String(FAKE_TIME - 30.012)] }];
    expect(await resultOf('interval', answers, { timeInterval: '5s' })).toMatchObject({
      status: 'warning',
      code: 'query_latency_offset',
      params: { latencyMs: 30012 },
    });
  });

  it.each([
    ['Prometheus, evaluating at now', 0],
    ['a slow answer of a second', 1],
  ])('says nothing of %s', async (_, lagSeconds) => {
    const answers = demoAnswers();
    answers.instant[CHECK_QUERIES.clock] = [{ metric: {}, value: [FAKE_TIME, String(FAKE_TIME - lagSeconds)] }];
    expect(await resultOf('interval', answers, { timeInterval: '5s' })).toMatchObject({
      status: 'ok',
      code: 'interval_matches',
    });
  });

  it('says that no probe results now, not too few samples, is why it cannot tell', async () => {
    // Every blackbox_exporter down: probe_success has no current series, which the other checks explain.
    const answers = demoAnswers();
    answers.instant[CHECK_QUERIES.probeSample] = [];
    expect(await resultOf('interval', answers, { timeInterval: '5s' })).toMatchObject({
      status: 'unknown',
      code: 'scrape_interval_no_results',
    });
  });

  it.each<[string, Array<Array<[number, string]>>, number | undefined]>([
    ['regular', [[0, 5, 10, 15].map((t) => [FAKE_TIME + t, '1'])], 5000],
    ['one pause among many gaps', [[0, 5, 10, 60, 65, 70].map((t) => [FAKE_TIME + t, '1'])], 5000],
    ['millisecond timestamps', [[0, 1.001, 2.002].map((t) => [FAKE_TIME + t, '1'])], 1001],
    ['one sample', [[[FAKE_TIME, '1']]], undefined],
    [
      'repeated timestamps only',
      [
        [
          [FAKE_TIME, '1'],
          [FAKE_TIME, '0'],
        ],
      ],
      undefined,
    ],
  ])('medianGapMs: %s', (_, values, expected) => {
    expect(medianGapMs(values.map((v) => ({ metric: {}, values: v })))).toBe(expected);
  });

  it('selects one series by all its labels, escaped', () => {
    expect(samplesOf({ __name__: 'probe_success', job: 'probe_http', instance: 'http://x/"a"\\b' })).toBe(
      'probe_success{instance="http://x/\\"a\\"\\\\b", job="probe_http"}[10m]'
    );
  });
});
