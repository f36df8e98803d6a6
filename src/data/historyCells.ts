import { HistoryCell, SampleRun } from './types';

const UP = 1;
const DOWN = 2;
const OTHER = 4;

/**
 * A target's status over [from, to] as a strip of cells, like a heartbeat bar: a cell is up when
 * every sample in it was 1, down when every one was 0, partial when both, unknown when only other
 * values came, and a gap when no sample came at all (the series was absent or stale then). At most
 * `maxCells`, and about two query steps per cell, so that a cell is not empty only because the
 * steps fell on either side of it.
 */
export function historyCells(runs: SampleRun[], from: number, to: number, maxCells: number): HistoryCell[] {
  let longest = 0;
  for (const run of runs) {
    longest = Math.max(longest, run.end - run.start);
  }
  const span = to - from;
  if (longest === 0 || !(span > 0) || maxCells < 1) {
    return [];
  }
  const count = Math.max(1, Math.min(Math.floor(maxCells), Math.ceil(longest / 2)));
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

function cellOf(bits: number): HistoryCell {
  if (bits === 0) {
    return 'gap';
  }
  if ((bits & UP) !== 0) {
    return (bits & DOWN) !== 0 ? 'partial' : 'up';
  }
  return (bits & DOWN) !== 0 ? 'down' : 'unknown';
}
