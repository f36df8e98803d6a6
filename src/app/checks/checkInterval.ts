import { parseStaleAfter } from '../../panel/data/parseStaleAfter';
import { derivedStaleAfterMs } from '../../panel/data/derivedStaleAfter';
import { CHECK_QUERIES, samplesOf } from './checkQueries';
import { dashboardStaleness, panelStaleness } from './panelStaleness';
import type { CheckContext } from './queryContext';
import type { IntervalParams, IntervalRow, PromSeries } from './types';
import { sortedUnique, type Verdict } from './verdict';

/** What Grafana's Prometheus data source takes as its shortest step when timeInterval is empty. */
export const GRAFANA_DEFAULT_TIME_INTERVAL_MS = 15_000;

/**
 * Scrapes start a few milliseconds late now and then, and a job's interval is the median gap, so
 * 10% apart is still "the same"; guarded by the "agrees within jitter" row of checkInterval.test.ts.
 */
const TOLERANCE = 0.1;

/**
 * Compares each probe job's scrape interval, measured from the raw samples of one of its series,
 * with the data source's timeInterval, Grafana's shortest query step.
 *
 * Shorter than a job's interval: Grafana asks for steps finer than samples arrive, `$__rate_interval`
 * windows can hold no sample, and the panel's derived stale limit (twice the step) can be shorter
 * than the gap between two scrapes, so fresh targets may read stale. Longer than a job's interval:
 * the shortest step is coarser than the data, short outages fall between steps, and the panel takes
 * longer to call a silent target stale. Either way the fix is to set timeInterval to the shortest
 * scrape interval of the probe jobs, and the panel's Stale after option for the slower ones.
 */
export async function checkInterval(ctx: CheckContext): Promise<Verdict<'interval'>> {
  const text = ctx.settings.timeInterval?.trim() ?? '';
  const parsed = text === '' ? GRAFANA_DEFAULT_TIME_INTERVAL_MS : parseStaleAfter(text);
  const stepMs = parsed ?? GRAFANA_DEFAULT_TIME_INTERVAL_MS;
  const { staleAfterMs, slackMs, staleAtMs } = panelStaleness(stepMs);
  const dashboard = dashboardStaleness(stepMs);

  const [picks, latencyMs] = await Promise.all([ctx.instant(CHECK_QUERIES.probeSample), queryLatencyMs(ctx)]);
  const series = await Promise.all(picks.map((pick) => ctx.matrix(samplesOf(pick.metric))));
  const rows: Array<{ job: string; intervalMs: number }> = [];
  const unmeasured: string[] = [];
  picks.forEach((pick, k) => {
    const job = pick.metric.job ?? '';
    const intervalMs = medianGapMs(series[k]);
    if (intervalMs === undefined) {
      unmeasured.push(job);
    } else {
      rows.push({ job, intervalMs });
    }
  });
  rows.sort((a, b) => a.job.localeCompare(b.job));
  const details: IntervalRow[] = rows;
  const below = rows.filter((row) => stepMs < row.intervalMs * (1 - TOLERANCE));
  const above = rows.filter((row) => stepMs > row.intervalMs * (1 + TOLERANCE));
  const intervals = rows.map((row) => row.intervalMs);
  // One timeInterval cannot match jobs scraped at different intervals: the advice is the shortest,
  // and for the slower jobs the panel's Stale after option ("mixed intervals", checkInterval.test.ts).
  const shortestMs = intervals.length > 0 ? Math.min(...intervals) : 0;
  const slower = rows.filter((row) => row.intervalMs > shortestMs * (1 + TOLERANCE));
  const params: IntervalParams = {
    timeInterval: text,
    timeIntervalMs: stepMs,
    // 'default': no timeInterval set, Grafana's own 15 s applies.
    timeIntervalSource: text === '' ? 'default' : 'setting',
    scrapeIntervalMs: intervals.length > 0 ? Math.max(...intervals) : 0,
    staleAfterMs,
    slackMs,
    staleAtMs,
    // The Port Status dashboard as it opens: its range may ask for a longer step, and its panel then waits longer.
    dashboardRangeMs: dashboard.rangeMs,
    dashboardStepMs: dashboard.stepMs,
    dashboardStaleAtMs: dashboard.staleAtMs,
    jobs: [],
    unmeasuredJobs: sortedUnique(unmeasured),
    shortestScrapeIntervalMs: shortestMs,
    slowerJobs: slower.map((row) => row.job),
    // What to change: timeInterval unless it is the shortest already, and Stale after where jobs are slower.
    advice: [
      ...(Math.abs(stepMs - shortestMs) > shortestMs * TOLERANCE ? (['time-interval'] as const) : []),
      ...(slower.length > 0 ? (['stale-after'] as const) : []),
    ],
    // The panel's own rule applied to the slowest job: a Stale after this long keeps its tiles fresh.
    slowerStaleAfterMs: slower.length > 0 ? derivedStaleAfterMs(Math.max(...slower.map((row) => row.intervalMs))) : 0,
    // How far back the data source answers "now" from (VictoriaMetrics' latency offset).
    latencyMs,
  };
  if (parsed === undefined) {
    return { status: 'warning', code: 'time_interval_invalid', params, details };
  }
  if (picks.length === 0) {
    // No probe result now at all (every exporter down, no probe jobs): nothing to wait for here; the
    // probe and exporter checks say why ("no probe results now" in checkInterval.test.ts).
    return { status: 'unknown', code: 'scrape_interval_no_results', params, details };
  }
  if (rows.length === 0) {
    return { status: 'unknown', code: 'scrape_interval_unmeasured', params, details };
  }
  if (below.length > 0) {
    params.jobs = below.map((row) => row.job);
    params.scrapeIntervalMs = Math.max(...below.map((row) => row.intervalMs));
    return { status: 'warning', code: 'time_interval_below_scrape', params, details };
  }
  if (above.length > 0) {
    params.jobs = above.map((row) => row.job);
    params.scrapeIntervalMs = Math.min(...above.map((row) => row.intervalMs));
    return { status: 'warning', code: 'time_interval_above_scrape', params, details };
  }
  if (latencyMs >= LATENCY_NOTICE_MS) {
    return { status: 'warning', code: 'query_latency_offset', params, details };
  }
  if (unmeasured.length > 0) {
    // A job with fewer than two samples was not compared: no all-clear for it ("one job unmeasured").
    params.jobs = params.unmeasuredJobs;
    return { status: 'unknown', code: 'scrape_interval_unmeasured', params, details };
  }
  params.jobs = rows.map((row) => row.job);
  return { status: 'ok', code: 'interval_matches', params, details };
}

/**
 * From this lag on the data source's "now" is said to be behind: VictoriaMetrics' default is 30 s,
 * and a few seconds are a slow answer's, not a setting's ("answers from 30 s back" in
 * checkInterval.test.ts).
 */
const LATENCY_NOTICE_MS = 5000;

/**
 * How many ms before the time it answers for the data source evaluates a query without a time:
 * 0 for Prometheus, 30,000 for VictoriaMetrics by default, whose newest samples then reach every
 * tile that much later. 0 when `time()` cannot be asked.
 */
async function queryLatencyMs(ctx: CheckContext): Promise<number> {
  const clock = await ctx.instant(CHECK_QUERIES.clock).catch(() => []);
  if (clock.length === 0) {
    return 0;
  }
  const [answeredFor, evaluatedAt] = [clock[0].value[0], Number(clock[0].value[1])];
  const lag = Math.round((answeredFor - evaluatedAt) * 1000);
  return Number.isFinite(lag) && lag > 0 ? lag : 0;
}

/**
 * The median gap in ms between consecutive samples of the series, as the panel's medianStep
 * measures a step: a pause of the series (a restart) is one gap of many and does not move it.
 * Undefined without two samples.
 */
export function medianGapMs(series: PromSeries[]): number | undefined {
  const gaps: number[] = [];
  for (const { values } of series) {
    for (let k = 1; k < values.length; k++) {
      const gap = Math.round((values[k][0] - values[k - 1][0]) * 1000);
      if (gap > 0) {
        gaps.push(gap);
      }
    }
  }
  if (gaps.length === 0) {
    return undefined;
  }
  gaps.sort((a, b) => a - b);
  return gaps[(gaps.length - 1) >>> 1];
}
