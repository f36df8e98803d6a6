import type { SeriesRun } from './collectSeries';

/** What one pass over a series in time order learns about it. */
export interface SeriesScan {
  /** Samples: rows with a time and a number value, NaN and ±Inf included. */
  samples: number;
  /** Times of the oldest and newest sample; NaN without samples. */
  firstTime: number;
  lastTime: number;
  lastValue: number;
  /** Finite values (both scans), and how many of them were 1 and how many 0 (status scans). */
  finite: number;
  ones: number;
  zeros: number;
  /** Min, max and sum of the finite values (value scans; NaN from a status scan). */
  min: number;
  max: number;
  sum: number;
  /** Changes between 0 and 1 from one 0/1 sample to the next (other values between are skipped). */
  changes: number;
  /** Time of the first sample of the trailing run: samples like the newest with no gap too wide. */
  runStart: number;
  /** Whether the trailing run began at the oldest sample, so that nothing else was seen. */
  runFromFirst: boolean;
  /** Periods of 0 values, from the first 0 to the next sample, or to the last 0 before a gap. */
  downRanges: Array<[number, number]>;
  /** False when a sample was older than the one before it: the figures are void, order the run and scan again. */
  inOrder: boolean;
  /**
   * The newest time at which two samples of the series disagree (status scans; NaN when none). One
   * Prometheus series has one sample a time; two values at one time are several series made one,
   * as Grafana's Merge transformation does with series whose labels it drops.
   */
  conflictTime: number;
}

const UP = 1;
const DOWN = 0;
const INVALID = 2;
/** Most series have no down range; they share this empty list instead of allocating one each. */
const NO_RANGES = Object.freeze([]) as unknown as Array<[number, number]>;

/*
 * Reading samples. The loops over a frame's arrays (here, in frameShortcuts.newestIn and in
 * layout/downsampleRun) check the raw element with `typeof`, then take it with a unary
 * plus. Grafana's arrays come in several element kinds (whole and fractional numbers, with and
 * without holes, mixed within one query); read plainly, V8 boxed every fractional number such a loop
 * loaded, one allocation per sample, and the loop ran several times slower. With the plus the
 * number stays unboxed. `npm run bench:transform` prints scanSeries against a loop that only reads
 * the samples, on arrays of mixed kinds: reading plainly put scanSeries a third further from it.
 */

/**
 * One pass over a run that should be in time order. Frames from Prometheus are, so the order is
 * checked here rather than in a pass of its own; when the check fails (`inOrder` false), the
 * caller orders the run (see orderRun) and scans again. `maxGapMs` is the widest gap between
 * samples that still counts as continuous; a wider one ends a run, since the series was stale
 * in between. `trackDown` collects down ranges, which only status series need. The figures of
 * values (min, max, sum) are left empty: status and prober series are judged, not measured.
 */
export function scanSeries(run: SeriesRun, maxGapMs: number, trackDown: boolean): SeriesScan {
  const { times, values, rows } = run;
  // Plain locals rather than fields of the result: this loop sees every sample of the panel.
  let samples = 0;
  let firstTime = NaN;
  let lastTime = NaN;
  let lastValue = NaN;
  let finite = 0;
  let ones = 0;
  let zeros = 0;
  let changes = 0;
  let runStart = NaN;
  let runFromFirst = false;
  let runKind = -1;
  let lastBinary = -1;
  let downFrom = NaN;
  let downLast = NaN;
  let inOrder = true;
  let conflictTime = NaN;
  let downRanges: Array<[number, number]> = NO_RANGES;
  for (let k = run.start; k < run.end; k++) {
    const row = rows === undefined ? k : rows[k];
    const rawTime = times[row];
    const rawValue = values[row];
    if (typeof rawTime !== 'number' || typeof rawValue !== 'number') {
      continue;
    }
    // The plus keeps the loop free of allocations (see "Reading samples" above).
    const time = +rawTime;
    const value = +rawValue;
    if (!Number.isFinite(time)) {
      continue;
    }
    const kind = value === 1 ? UP : value === 0 ? DOWN : INVALID;
    if (samples === 0) {
      firstTime = time;
      runStart = time;
      runFromFirst = true;
      runKind = kind;
    } else {
      if (time < lastTime) {
        inOrder = false;
      } else if (time === lastTime && kind !== runKind) {
        // runKind is still the kind of the sample before.
        conflictTime = time;
      }
      const gap = time - lastTime > maxGapMs;
      if (kind !== runKind || gap) {
        runStart = time;
        runFromFirst = false;
        runKind = kind;
      }
      // A down range ends at the next sample that is not down, or at its last sample before a gap.
      if (trackDown && !Number.isNaN(downFrom)) {
        if (kind === DOWN && !gap) {
          downLast = time;
        } else {
          downRanges = downRanges === NO_RANGES ? [] : downRanges;
          downRanges.push([downFrom, gap ? downLast : time]);
          downFrom = NaN;
        }
      }
    }

    if (kind === UP) {
      ones++;
    } else if (kind === DOWN) {
      zeros++;
      if (trackDown && Number.isNaN(downFrom)) {
        downFrom = time;
        downLast = time;
      }
    }
    if (Number.isFinite(value)) {
      finite++;
    }
    if (kind !== INVALID) {
      if (lastBinary >= 0 && kind !== lastBinary) {
        changes++;
      }
      lastBinary = kind;
    }
    samples++;
    lastTime = time;
    lastValue = value;
  }
  if (!Number.isNaN(downFrom)) {
    downRanges = downRanges === NO_RANGES ? [] : downRanges;
    downRanges.push([downFrom, downLast]);
  }
  return {
    samples,
    firstTime,
    lastTime,
    lastValue,
    finite,
    ones,
    zeros,
    min: NaN,
    max: NaN,
    sum: NaN,
    changes,
    runStart,
    runFromFirst,
    downRanges,
    inOrder,
    conflictTime,
  };
}

/**
 * The lighter pass for duration series, which need only their newest sample and the min, max and
 * sum of their values, and for probers whose newest value is not 0 (buildModel's scanFor): no runs,
 * changes or down ranges (those fields stay empty). It checks the order like scanSeries does.
 */
export function scanValues(run: SeriesRun): SeriesScan {
  const { times, values, rows } = run;
  let samples = 0;
  let firstTime = NaN;
  let lastTime = NaN;
  let lastValue = NaN;
  let finite = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let inOrder = true;
  for (let k = run.start; k < run.end; k++) {
    const row = rows === undefined ? k : rows[k];
    const rawTime = times[row];
    const rawValue = values[row];
    if (typeof rawTime !== 'number' || typeof rawValue !== 'number') {
      continue;
    }
    const time = +rawTime;
    const value = +rawValue;
    if (!Number.isFinite(time)) {
      continue;
    }
    if (time < lastTime) {
      inOrder = false;
    }
    if (samples === 0) {
      firstTime = time;
    }
    if (Number.isFinite(value)) {
      finite++;
      sum += value;
      if (value < min) {
        min = value;
      }
      if (value > max) {
        max = value;
      }
    }
    samples++;
    lastTime = time;
    lastValue = value;
  }
  return {
    samples,
    firstTime,
    lastTime,
    lastValue,
    finite,
    ones: 0,
    zeros: 0,
    min,
    max,
    sum,
    changes: 0,
    runStart: NaN,
    runFromFirst: false,
    downRanges: NO_RANGES,
    inOrder,
    conflictTime: NaN,
  };
}
