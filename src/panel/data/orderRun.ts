import type { SeriesRun } from './collectSeries';

/** Sorted row orders of time fields shared by several series (wide frames), per model build. */
export type OrderCache = Map<ArrayLike<unknown>, number[] | null>;

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function ascends(run: SeriesRun): boolean {
  const { times, rows } = run;
  let previous = -Infinity;
  for (let k = run.start; k < run.end; k++) {
    const time = times[rows === undefined ? k : rows[k]];
    if (!isTime(time)) {
      continue;
    }
    if (time < previous) {
      return false;
    }
    previous = time;
  }
  return true;
}

function sortedRows(run: SeriesRun): number[] {
  const { times, rows } = run;
  const order: number[] = [];
  for (let k = run.start; k < run.end; k++) {
    const row = rows === undefined ? k : rows[k];
    if (isTime(times[row])) {
      order.push(row);
    }
  }
  const timeOf = (row: number): number => times[row] as number;
  return order.sort((a, b) => timeOf(a) - timeOf(b) || a - b);
}

/**
 * The run in ascending time. Frames from Prometheus are sorted, so this is one pass that returns
 * the run itself; only a run that is out of order gets a sorted copy of its row indexes (rows
 * without a time are dropped from it). Equal times keep their row order, so the later row is newer.
 */
export function orderRun(run: SeriesRun, cache?: OrderCache): SeriesRun {
  const shared = cache !== undefined && run.rows === undefined && run.start === 0 && run.end === run.times.length;
  let rows: number[] | null | undefined = shared ? cache.get(run.times) : undefined;
  if (rows === undefined) {
    rows = ascends(run) ? null : sortedRows(run);
    if (shared) {
      cache.set(run.times, rows);
    }
  }
  return rows === null ? run : { ...run, rows, start: 0, end: rows.length };
}
