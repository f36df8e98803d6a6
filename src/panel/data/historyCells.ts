import { HistoryCell, SampleRun } from './types';

const UP = 1;
const DOWN = 2;
const OTHER = 4;

/**
 * A target's status over [from, to] as a strip of cells, like a heartbeat bar: a cell is up when
 * every sample in it was 1, down when every one was 0, partial when both, unknown when only other
 * values came, and a gap when no sample came at all (the series was absent or stale then). At most
 * `maxCells`, and at least two query steps per cell, so that a cell is never empty only because the
 * steps fell on either side of it.
 */
export function historyCells(runs: SampleRun[], from: number, to: number, maxCells: number): HistoryCell[] {
  const span = to - from;
  const step = typicalStep(runs);
  if (step === undefined || !(span > 0) || maxCells < 1) {
    return [];
  }
  const count = Math.max(1, Math.min(Math.floor(maxCells), Math.floor(span / (2 * step))));
  const seen = new Uint8Array(count);
  for (const run of runs) {
    for (let k = run.start; k < run.end; k++) {
      const time = run.times[k];
      const value = run.values[k];
      if (typeof time !== 'number' || !(time >= from && time <= to) || typeof value !== 'number') {
        continue;
      }
      const cell = Math.min(count - 1, Math.floor(((time - from) / span) * count));
      seen[cell] |= value === 1 ? UP : value === 0 ? DOWN : OTHER;
    }
  }
  return Array.from(seen, cellOf);
}

/** The smallest mean spacing of a run's samples: the query step, near enough. Undefined without samples. */
function typicalStep(runs: SampleRun[]): number | undefined {
  let step: number | undefined;
  let single = false;
  for (const run of runs) {
    const count = run.end - run.start;
    if (count === 1) {
      single = true;
    }
    if (count < 2) {
      continue;
    }
    const mean = (run.times[run.end - 1] - run.times[run.start]) / (count - 1);
    if (mean > 0 && (step === undefined || mean < step)) {
      step = mean;
    }
  }
  // A lone sample (an instant query) fills one cell.
  return step ?? (single ? Infinity : undefined);
}

function cellOf(bits: number): HistoryCell {
  if (bits === 0) {
    return 'gap';
  }
  if ((bits & UP) !== 0) {
    return (bits & DOWN) !== 0 ? 'partial' : 'up';
  }
  return (bits & DOWN) !== 0 ? 'down' : 'unknown';
}
