import { Quorum } from '../options/defaultOptions';

import { SeriesScan } from './scanSeries';
import { Reason, TargetState } from './types';

/** A sample is stale once `now - time > limitMs + slackMs`; the slack is one query step. */
export interface StaleRule {
  limitMs: number;
  slackMs: number;
}

export interface SeriesVerdict {
  state: TargetState;
  reason: Reason;
  /** When this state began; undefined when it held for all the series' samples. */
  since?: number;
  /**
   * The series' first sample. A series that joins a target's others changes the target's state when
   * it joins in another state than theirs (up and a new failing probe is partial from then on).
   */
  firstTime?: number;
}

export interface TargetVerdict extends SeriesVerdict {
  upCount: number;
  seriesCount: number;
  healthy: boolean;
}

// Shared objects for the reasons without figures: one per target would be thousands of the same.
const REASON_UP: Reason = Object.freeze({ code: 'probe-succeeded' });
const REASON_DOWN: Reason = Object.freeze({ code: 'probe-failed' });
export const REASON_NO_SAMPLE: Reason = Object.freeze({ code: 'no-sample' });
const REASON_PROBER: Reason = Object.freeze({ code: 'prober-unreachable' });
const REASON_NO_STATUS: Reason = Object.freeze({ code: 'no-status-series' });
const REASON_SEVERAL_VALUES: Reason = Object.freeze({ code: 'several-values' });

/** Numbers as Prometheus writes them, so "value +Inf" reads like the query result. */
export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (value === Infinity) {
    return '+Inf';
  }
  if (value === -Infinity) {
    return '-Inf';
  }
  return String(value);
}

function runSince(scan: SeriesScan): number | undefined {
  return scan.runFromFirst ? undefined : scan.runStart;
}

function firstTimeOf(scan: SeriesScan): number | undefined {
  return scan.samples > 0 ? scan.firstTime : undefined;
}

/**
 * The newest 0 of a status series' own prober (its labels agree with the series'), fresh by the
 * prober's own staleness rule: the scrape of blackbox_exporter failed at `time`, so no probe result
 * was written then.
 */
export interface ProberDown {
  time: number;
  since: number | undefined;
}

/** How old a series' newest sample may be and the series still fresh: the limit and one step's slack. */
export function staleAtMs(rule: StaleRule): number {
  return rule.limitMs + rule.slackMs;
}

function isFresh(scan: SeriesScan, rule: StaleRule, now: number): boolean {
  return now - scan.lastTime <= staleAtMs(rule);
}

function staleVerdict(scan: SeriesScan, rule: StaleRule, now: number): SeriesVerdict {
  return {
    state: 'stale',
    reason: { code: 'silent', ms: now - scan.lastTime },
    since: scan.lastTime + staleAtMs(rule),
  };
}

/**
 * A prober series' newest 0 as evidence against its status series, or undefined when it is none:
 * a newest 1 says the exporter answers, and a 0 older than the staleness limit says nothing about
 * now (guarded by "a prober that went quiet too leaves the target stale" in buildModel.test.ts).
 */
export function proberDown(scan: SeriesScan, rule: StaleRule, now: number): ProberDown | undefined {
  if (scan.samples === 0 || scan.lastValue !== 0 || !isFresh(scan, rule, now)) {
    return undefined;
  }
  return { time: scan.lastTime, since: runSince(scan) };
}

/**
 * The verdict of a prober series whose newest value is 0 and that belongs to no status series: its
 * exporter left no probe result in the range. Unknown while the 0 is fresh, stale once it is old.
 */
export function orphanProberState(scan: SeriesScan, rule: StaleRule, now: number): SeriesVerdict {
  const verdict: SeriesVerdict = isFresh(scan, rule, now)
    ? { state: 'unknown', reason: REASON_PROBER, since: runSince(scan) }
    : staleVerdict(scan, rule, now);
  verdict.firstTime = firstTimeOf(scan);
  return verdict;
}

/**
 * The state of one status series from its newest sample. Its own prober makes it unknown only with
 * a 0 strictly newer than that sample: a probe result exists only when its scrape succeeded, so a
 * fresh result at the same time as a failed scrape of some other job is still the truth. An invalid
 * newest value makes the series unknown however old it is: stale means "was fine or failing, and
 * then went quiet", which a series that never reported 0 or 1 cannot be.
 */
export function decideSeriesState(scan: SeriesScan, rule: StaleRule, now: number, prober?: ProberDown): SeriesVerdict {
  const verdict = seriesVerdict(scan, rule, now, prober);
  verdict.firstTime = firstTimeOf(scan);
  return verdict;
}

function seriesVerdict(scan: SeriesScan, rule: StaleRule, now: number, prober?: ProberDown): SeriesVerdict {
  if (prober !== undefined && !(scan.lastTime >= prober.time)) {
    return { state: 'unknown', reason: REASON_PROBER, since: prober.since };
  }
  if (scan.samples === 0) {
    return { state: 'unknown', reason: REASON_NO_SAMPLE };
  }
  if (scan.lastValue !== 0 && scan.lastValue !== 1) {
    return {
      state: 'unknown',
      reason: { code: 'invalid-value', value: scan.lastValue },
      since: runSince(scan),
    };
  }
  // Which of the disagreeing values is this target's cannot be told: neither is shown as its state.
  if (scan.conflictTime === scan.lastTime) {
    return { state: 'unknown', reason: REASON_SEVERAL_VALUES };
  }
  if (!isFresh(scan, rule, now)) {
    return staleVerdict(scan, rule, now);
  }
  return scan.lastValue === 1
    ? { state: 'up', reason: REASON_UP, since: runSince(scan) }
    : { state: 'down', reason: REASON_DOWN, since: runSince(scan) };
}

/** Whether `upCount` of a target's `currentCount` probes that report a result meet the quorum. */
function quorumMet(quorum: Quorum, upCount: number, currentCount: number): boolean {
  switch (quorum) {
    case 'any':
      return upCount >= 1;
    case 'all':
      return upCount >= currentCount;
    default:
      return upCount * 2 > currentCount;
  }
}

/**
 * When the target's state began: the newest change of any series. Where the series are not all in one
 * state, a series that has held its state since its first sample began it there, unless it is the
 * oldest: the mix began when the last series to join did. Where they are all in one state, a series
 * joining in that state changed nothing. Undefined when no change is seen in the samples.
 * Guarded by "dates a mixed state from the probe that joined last" in decideState.test.ts.
 */
function latestSince(verdicts: SeriesVerdict[], mixed: boolean): number | undefined {
  let latest: number | undefined;
  let oldestFirst: number | undefined;
  for (const verdict of verdicts) {
    const since = verdict.since ?? (mixed ? verdict.firstTime : undefined);
    if (since !== undefined && (latest === undefined || since > latest)) {
      latest = since;
    }
    if (verdict.firstTime !== undefined && (oldestFirst === undefined || verdict.firstTime < oldestFirst)) {
      oldestFirst = verdict.firstTime;
    }
  }
  // A mix dated from the oldest series' first sample has seen no change: it held over all samples.
  return mixed && latest !== undefined && oldestFirst !== undefined && latest <= oldestFirst ? undefined : latest;
}

function combined(state: TargetState, reason: Reason, verdicts: SeriesVerdict[]): SeriesVerdict {
  const mixed = verdicts.some((verdict) => verdict.state !== verdicts[0].state);
  return { state, reason, since: latestSince(verdicts, mixed) };
}

function combine(verdicts: SeriesVerdict[], up: number, down: number, stale: number): SeriesVerdict {
  const count = verdicts.length;
  if (up === count) {
    return combined('up', { code: 'all-up', count }, verdicts);
  }
  if (up > 0) {
    // A probe that went stale (removed, or its exporter gone) ended a while ago: the mix of the
    // probes still reporting is dated by their own changes, not by the moment the other went quiet.
    const current = stale > 0 ? verdicts.filter((verdict) => verdict.state !== 'stale') : verdicts;
    return combined('partial', { code: 'some-up', up, count }, current);
  }
  if (down > 0) {
    return combined(
      'down',
      down === count ? { code: 'all-failed', count } : { code: 'some-failed', failed: down, count },
      verdicts
    );
  }
  const unknown = verdicts.find((verdict) => verdict.state !== 'stale');
  if (unknown !== undefined) {
    return combined('unknown', unknown.reason, verdicts);
  }
  // All stale: the youngest sample says how long the target has been silent.
  const youngest = verdicts.reduce((a, b) => ((b.since ?? 0) > (a.since ?? 0) ? b : a));
  return { state: 'stale', reason: youngest.reason, since: youngest.since };
}

/**
 * A target's state from its status series: all fresh series up is up; with no series up, any
 * fresh failure is down; up mixed with anything else is partial; without a fresh sample it is
 * stale when every series is stale, else unknown. `healthy` applies the quorum to partial targets,
 * over their series that report up or down.
 */
export function decideState(verdicts: SeriesVerdict[], quorum: Quorum): TargetVerdict {
  const seriesCount = verdicts.length;
  if (seriesCount === 0) {
    return { state: 'unknown', reason: REASON_NO_STATUS, upCount: 0, seriesCount, healthy: false };
  }
  let upCount = 0;
  let downCount = 0;
  let staleCount = 0;
  for (const verdict of verdicts) {
    upCount += verdict.state === 'up' ? 1 : 0;
    downCount += verdict.state === 'down' ? 1 : 0;
    staleCount += verdict.state === 'stale' ? 1 : 0;
  }
  const verdict = seriesCount === 1 ? verdicts[0] : combine(verdicts, upCount, downCount, staleCount);
  // The quorum counts the probes that report a result, up or down: a probe past the staleness limit
  // is gone from what Prometheus answers now (a removed module, a job renamed), and one whose
  // prober is unreachable (one site's exporter down) says nothing about the target, so a target
  // whose reporting probes are all up is healthy ("a stale probe", "a probe whose prober is
  // unreachable" in decideState.test.ts). The tile stays PARTIAL, so the silent probe is still seen.
  const healthy =
    verdict.state === 'up' || (verdict.state === 'partial' && quorumMet(quorum, upCount, upCount + downCount));
  // Spelled out rather than spread: the build's ES2015 target turns a spread into a slow helper call, once per target.
  return { state: verdict.state, reason: verdict.reason, since: verdict.since, upCount, seriesCount, healthy };
}
