import type { SeriesRun } from './collectSeries';

/** What one pass over a series in time order learns about it. */
export interface SeriesScan {
  /** Samples: rows with a time and a number value, NaN and ±Inf included. */
  samples: number;
  /** Times of the oldest and newest sample; NaN without samples. */
  firstTime: number;
  lastTime: number;
  lastValue: number;
  /** Finite values, how many of them were 1, and their min, max and sum. */
  finite: number;
  ones: number;
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
}

const UP = 1;
const DOWN = 0;
const INVALID = 2;

/**
 * One pass over a run that is in time order (see orderRun). `maxGapMs` is the widest gap between
 * samples that still counts as continuous; a wider one ends a run, since the series was stale
 * in between. `trackDown` collects down ranges, which only status series need.
 */
export function scanSeries(run: SeriesRun, maxGapMs: number, trackDown: boolean): SeriesScan {
  const { times, values, rows } = run;
  const scan: SeriesScan = {
    samples: 0,
    firstTime: NaN,
    lastTime: NaN,
    lastValue: NaN,
    finite: 0,
    ones: 0,
    min: Infinity,
    max: -Infinity,
    sum: 0,
    changes: 0,
    runStart: NaN,
    runFromFirst: false,
    downRanges: [],
  };
  let runKind = -1;
  let lastBinary = -1;
  let downFrom = NaN;
  let downLast = NaN;
  for (let k = run.start; k < run.end; k++) {
    const row = rows === undefined ? k : rows[k];
    const time = times[row];
    const value = values[row];
    if (typeof time !== 'number' || !Number.isFinite(time) || typeof value !== 'number') {
      continue;
    }
    const kind = value === 1 ? UP : value === 0 ? DOWN : INVALID;
    const gap = scan.samples > 0 && time - scan.lastTime > maxGapMs;
    if (scan.samples === 0) {
      scan.firstTime = time;
      scan.runStart = time;
      scan.runFromFirst = true;
      runKind = kind;
    } else if (kind !== runKind || gap) {
      scan.runStart = time;
      scan.runFromFirst = false;
      runKind = kind;
    }

    if (trackDown) {
      if (!Number.isNaN(downFrom)) {
        if (kind === DOWN && !gap) {
          downLast = time;
        } else {
          scan.downRanges.push([downFrom, gap ? downLast : time]);
          downFrom = NaN;
        }
      }
      if (kind === DOWN && Number.isNaN(downFrom)) {
        downFrom = time;
        downLast = time;
      }
    }

    if (Number.isFinite(value)) {
      scan.finite++;
      scan.sum += value;
      if (value < scan.min) {
        scan.min = value;
      }
      if (value > scan.max) {
        scan.max = value;
      }
      if (kind === UP) {
        scan.ones++;
      }
    }
    if (kind !== INVALID) {
      if (lastBinary >= 0 && kind !== lastBinary) {
        scan.changes++;
      }
      lastBinary = kind;
    }
    scan.samples++;
    scan.lastTime = time;
    scan.lastValue = value;
  }
  if (!Number.isNaN(downFrom)) {
    scan.downRanges.push([downFrom, downLast]);
  }
  return scan;
}
