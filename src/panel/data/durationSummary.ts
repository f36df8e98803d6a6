import type { SeriesRun } from './collectSeries';
import { orderRun } from './orderRun';
import { scanValues, SeriesScan } from './scanSeries';
import { DurationFigures, DurationSource, DurationStats, SampleRun } from './types';

export interface DurationInput {
  run: SeriesRun;
  scan: SeriesScan;
}

const NO_FIGURES: DurationFigures = Object.freeze({});

/** One source for every target without a duration series, rather than one each. */
const NO_DURATIONS: DurationSource = Object.freeze({ figures: () => NO_FIGURES });

/** Figures known already: those of several series, compared when the model was built, or none. */
export function knownDurations(figures?: DurationFigures): DurationSource {
  return figures === undefined ? NO_DURATIONS : { figures: () => figures };
}

/**
 * The figures of a target's one duration series, scanned when first asked for: by the tiles drawn,
 * a sort by duration or a colour scheme by value. A model of 10,000 targets draws a few dozen, and
 * scanning every series up front was a good part of its first paint (`npm run bench:compare`;
 * docs/performance.md, "Durations worked out when drawn"). The figures are those of the scan up
 * front ("takes duration figures from finite values, the newest as the max over series" and the
 * other duration tests of buildModel.test.ts).
 */
class OneSeriesDurations implements DurationSource {
  private made: DurationFigures | undefined;

  constructor(
    private readonly run: SeriesRun,
    private readonly freshMs: number
  ) {}

  figures(): DurationFigures {
    if (this.made === undefined) {
      let run = this.run;
      let scan = scanValues(run);
      // Put in time order as the model's scanner would, when the samples are not.
      if (!scan.inOrder) {
        run = orderRun(run);
        scan = scanValues(run);
      }
      this.made = durationSummary([{ run, scan }], this.freshMs);
    }
    return this.made;
  }
}

export function oneSeriesDurations(run: SeriesRun, freshMs: number): DurationSource {
  return new OneSeriesDurations(run, freshMs);
}

/** The duration series for the sparkline: a view into the frame, copied only when rows were reordered. */
export function sampleRunOf(run: SeriesRun): SampleRun {
  const { rows } = run;
  if (rows === undefined) {
    // The run itself, one object less per series: its times, values, start and end are a SampleRun's
    // (frame arrays hold numbers or null; SampleRun documents that non-finite entries are skipped).
    return run as SeriesRun & SampleRun;
  }
  const length = run.end - run.start;
  const times = new Float64Array(length);
  const values = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const row = rows[run.start + k];
    const time = run.times[row];
    const value = run.values[row];
    times[k] = typeof time === 'number' ? time : NaN;
    values[k] = typeof value === 'number' ? value : NaN;
  }
  return { times, values, start: 0, end: length };
}

/**
 * A target's probe duration from its duration series: the newest value (the largest when several
 * series report), min, mean and max of all finite values, and the series whose samples the
 * sparkline draws. Only series whose last sample is within `freshMs` of the newest last sample take
 * part in "the largest": a series that stopped long ago (a renamed job, a removed module) says
 * nothing of how fast the target answers now ("a duration series that stopped" in
 * buildModel.test.ts).
 */
export function durationSummary(list: DurationInput[], freshMs: number): DurationFigures {
  let finite = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let newestTime = -Infinity;
  for (const { scan } of list) {
    finite += scan.finite;
    sum += scan.sum;
    min = Math.min(min, scan.min);
    max = Math.max(max, scan.max);
    if (Number.isFinite(scan.lastValue) && scan.lastTime > newestTime) {
      newestTime = scan.lastTime;
    }
  }
  let newest: DurationInput | undefined;
  for (const item of list) {
    const { scan } = item;
    if (
      Number.isFinite(scan.lastValue) &&
      scan.lastTime >= newestTime - freshMs &&
      (newest === undefined || scan.lastValue > newest.scan.lastValue)
    ) {
      newest = item;
    }
  }
  const shown = newest ?? list.find((item) => item.scan.samples > 0) ?? list[0];
  const stats: DurationStats | undefined = finite > 0 ? { min, avg: sum / finite, max } : undefined;
  return {
    duration: newest?.scan.lastValue,
    durationStats: stats,
    durationRun: shown ? sampleRunOf(shown.run) : undefined,
    durationField: shown?.run.field,
  };
}
