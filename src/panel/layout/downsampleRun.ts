import { SampleRun } from '../data/types';

export interface PixelColumns {
  /** Per pixel column; NaN where the column has no finite sample. */
  min: Float64Array;
  max: Float64Array;
  /** 1 where the line must not join this column to the previous column with data: a gap in the samples. */
  breakBefore: Uint8Array;
}

/** A pause longer than this many query steps is drawn as a gap, not as a slope. */
const GAP_FACTOR = 3;

/**
 * Min and max per pixel column, so a long range costs one line per pixel however many samples
 * it holds, and spikes survive the reduction.
 */
export function downsampleRun(run: SampleRun, from: number, to: number, width: number): PixelColumns {
  const columns = Math.max(0, Math.floor(width));
  const min = new Float64Array(columns).fill(NaN);
  const max = new Float64Array(columns).fill(NaN);
  const breakBefore = new Uint8Array(columns);
  const span = to - from;
  if (columns === 0 || !(span > 0)) {
    return { min, max, breakBefore };
  }
  const start = Math.max(0, run.start);
  const end = Math.min(run.end, run.times.length, run.values.length);
  const gapLimit = smallestStep(run, start, end) * GAP_FACTOR;

  let previousTime = NaN;
  for (let i = start; i < end; i++) {
    // Read with a plus, as data/scanSeries.ts explains ("Reading samples"); a value that is not a number is NaN.
    const time = +run.times[i];
    const rawValue = run.values[i];
    const value = typeof rawValue === 'number' ? +rawValue : NaN;
    if (time < from || time > to || !Number.isFinite(value)) {
      // A missing or non-finite sample also interrupts the line.
      previousTime = NaN;
      continue;
    }
    const column = Math.min(columns - 1, Math.floor(((time - from) / span) * columns));
    if (Number.isNaN(min[column])) {
      min[column] = value;
      max[column] = value;
      if (Number.isNaN(previousTime) || time - previousTime > gapLimit) {
        breakBefore[column] = 1;
      }
    } else {
      min[column] = Math.min(min[column], value);
      max[column] = Math.max(max[column], value);
    }
    previousTime = time;
  }
  return { min, max, breakBefore };
}

/**
 * The query step, read as the smallest gap between samples: Prometheus spaces them one step apart,
 * so pauses only ever make gaps longer. Infinity with fewer than two samples.
 */
function smallestStep(run: SampleRun, start: number, end: number): number {
  let step = Infinity;
  for (let i = start + 1; i < end; i++) {
    const gap = run.times[i] - run.times[i - 1];
    if (gap > 0 && gap < step) {
      step = gap;
    }
  }
  return step;
}
