import type { SeriesRun } from './collectSeries';

let scratch = new Float64Array(512);

/** The k-th smallest of the first n entries of `a` (Hoare's selection), reordering them. */
function select(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) {
        i++;
      }
      while (a[j] > pivot) {
        j--;
      }
      if (i <= j) {
        const swap = a[i];
        a[i] = a[j];
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) {
      hi = j;
    } else if (k >= i) {
      lo = i;
    } else {
      return a[k];
    }
  }
  return a[k];
}

/**
 * The median positive gap between consecutive sample times of a run in time order: the query step
 * when Grafana did not send it. Gaps where a series paused are rare, so they do not move the
 * median. Undefined with fewer than two distinct times. Runs in linear time on average and reuses
 * one buffer, so measuring thousands of series allocates nothing.
 */
export function medianStep(run: SeriesRun): number | undefined {
  const { times, rows } = run;
  if (scratch.length < run.end - run.start) {
    scratch = new Float64Array(run.end - run.start);
  }
  let count = 0;
  let previous = NaN;
  for (let k = run.start; k < run.end; k++) {
    const time = times[rows === undefined ? k : rows[k]];
    if (typeof time !== 'number' || !Number.isFinite(time)) {
      continue;
    }
    const gap = time - previous;
    if (gap > 0) {
      scratch[count++] = gap;
    }
    previous = time;
  }
  return count === 0 ? undefined : select(scratch, count, (count - 1) >>> 1);
}
