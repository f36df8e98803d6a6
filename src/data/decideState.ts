import { Quorum } from '../options/defaultOptions';

import { formatSpan } from './formatSpan';
import { SeriesScan } from './scanSeries';
import { TargetState } from './types';

/** A sample is stale once `now - time > limitMs + slackMs`; the slack is one query step. */
export interface StaleRule {
  limitMs: number;
  slackMs: number;
}

export interface SeriesVerdict {
  state: TargetState;
  reason: string;
  /** When this state began; undefined when it held for all the series' samples. */
  since?: number;
}

export interface TargetVerdict extends SeriesVerdict {
  upCount: number;
  seriesCount: number;
  healthy: boolean;
}

export const REASON_UP = 'probe succeeded';
export const REASON_DOWN = 'probe failed';
export const REASON_NO_SAMPLE = 'no sample in range';
export const REASON_PROBER = 'prober unreachable';
export const REASON_NO_STATUS = 'no probe_success series';

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

/**
 * The prober that makes a status series unknown: one whose newest sample is 0 and is not older
 * than the series' newest sample. The exporter writes no probe_success while it cannot be scraped,
 * so the series stops before the prober's 0; a status sample after it means the prober is back.
 */
export function unreachableProber(probers: SeriesScan[], statusLastTime: number): SeriesScan | undefined {
  return probers.find((prober) => prober.samples > 0 && prober.lastValue === 0 && !(prober.lastTime < statusLastTime));
}

/**
 * The state of one status series from its newest sample. An invalid newest value makes the series
 * unknown however old it is: stale means "was fine or failing, and then went quiet", which a
 * series that never reported 0 or 1 cannot be.
 */
export function decideSeriesState(
  scan: SeriesScan,
  rule: StaleRule,
  now: number,
  probers: SeriesScan[] = []
): SeriesVerdict {
  const prober = unreachableProber(probers, scan.lastTime);
  if (prober !== undefined) {
    return { state: 'unknown', reason: REASON_PROBER, since: runSince(prober) };
  }
  if (scan.samples === 0) {
    return { state: 'unknown', reason: REASON_NO_SAMPLE };
  }
  if (scan.lastValue !== 0 && scan.lastValue !== 1) {
    return {
      state: 'unknown',
      reason: `value ${formatSampleValue(scan.lastValue)} is not 0 or 1`,
      since: runSince(scan),
    };
  }
  const age = now - scan.lastTime;
  if (age > rule.limitMs + rule.slackMs) {
    return {
      state: 'stale',
      reason: `no sample for ${formatSpan(age)}`,
      since: scan.lastTime + rule.limitMs + rule.slackMs,
    };
  }
  return scan.lastValue === 1
    ? { state: 'up', reason: REASON_UP, since: runSince(scan) }
    : { state: 'down', reason: REASON_DOWN, since: runSince(scan) };
}

function quorumMet(quorum: Quorum, upCount: number, seriesCount: number): boolean {
  switch (quorum) {
    case 'any':
      return upCount >= 1;
    case 'all':
      return false;
    default:
      return upCount * 2 > seriesCount;
  }
}

function latestSince(verdicts: SeriesVerdict[]): number | undefined {
  let latest: number | undefined;
  for (const verdict of verdicts) {
    if (verdict.since !== undefined && (latest === undefined || verdict.since > latest)) {
      latest = verdict.since;
    }
  }
  return latest;
}

function combined(state: TargetState, reason: string, verdicts: SeriesVerdict[]): SeriesVerdict {
  return { state, reason, since: latestSince(verdicts) };
}

function combine(verdicts: SeriesVerdict[], up: number, down: number): SeriesVerdict {
  const count = verdicts.length;
  if (up === count) {
    return combined('up', `all ${count} probes up`, verdicts);
  }
  if (up > 0) {
    return combined('partial', `${up} of ${count} probes up`, verdicts);
  }
  if (down > 0) {
    return combined(
      'down',
      down === count ? `all ${count} probes failed` : `${down} of ${count} probes failed`,
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
 * stale when every series is stale, else unknown. `healthy` applies the quorum to partial targets.
 */
export function decideState(verdicts: SeriesVerdict[], quorum: Quorum): TargetVerdict {
  const seriesCount = verdicts.length;
  if (seriesCount === 0) {
    return { state: 'unknown', reason: REASON_NO_STATUS, upCount: 0, seriesCount, healthy: false };
  }
  let upCount = 0;
  let downCount = 0;
  for (const verdict of verdicts) {
    upCount += verdict.state === 'up' ? 1 : 0;
    downCount += verdict.state === 'down' ? 1 : 0;
  }
  const verdict = seriesCount === 1 ? verdicts[0] : combine(verdicts, upCount, downCount);
  const healthy = verdict.state === 'up' || (verdict.state === 'partial' && quorumMet(quorum, upCount, seriesCount));
  // Spelled out rather than spread: the build's ES2015 target turns a spread into a slow helper call, once per target.
  return { state: verdict.state, reason: verdict.reason, since: verdict.since, upCount, seriesCount, healthy };
}
