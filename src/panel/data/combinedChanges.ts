import { SampleRun } from './types';

const NONE = -1;
const DOWN = 0;
const UP = 1;
const PARTIAL = 2;

/**
 * How often the state of a target probed by several series changed: at each sample time, every
 * series that has begun stands at its newest 0 or 1 (other values leave it where it was), and the
 * target is up when they all stand at 1, down when they all stand at 0, partial otherwise. A series
 * that joins in another state than the others' is a change too (up, then partial from the moment a
 * failing probe joins). For one series this is its own count of changes between 0 and 1
 * (SeriesScan.changes), which buildModel takes instead. Each run must be in time order.
 */
export function combinedChanges(runs: SampleRun[]): number {
  const standing = new Int8Array(runs.length).fill(NONE);
  const next = runs.map((run) => run.start);
  let state = NONE;
  let changes = 0;
  for (;;) {
    // The earliest sample time not yet read, over all runs.
    let time = Infinity;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      while (next[i] < run.end && !Number.isFinite(run.times[next[i]])) {
        next[i]++;
      }
      if (next[i] < run.end && run.times[next[i]] < time) {
        time = run.times[next[i]];
      }
    }
    if (time === Infinity) {
      return changes;
    }
    let ups = 0;
    let downs = 0;
    for (let i = 0; i < runs.length; i++) {
      const run = runs[i];
      // Every sample of this run at this time; the last one stands.
      while (next[i] < run.end && run.times[next[i]] === time) {
        const value = run.values[next[i]];
        if (value === 1 || value === 0) {
          standing[i] = value;
        }
        next[i]++;
      }
      ups += standing[i] === UP ? 1 : 0;
      downs += standing[i] === DOWN ? 1 : 0;
    }
    if (ups + downs === 0) {
      continue;
    }
    const now = downs === 0 ? UP : ups === 0 ? DOWN : PARTIAL;
    if (state !== NONE && now !== state) {
      changes++;
    }
    state = now;
  }
}
