import { SampleRun } from '../data/types';
import { downsampleRun } from './downsampleRun';

function run(times: number[], values: number[], start = 0, end = times.length): SampleRun {
  return { times, values, start, end };
}

function plain(array: Float64Array | Uint8Array): number[] {
  return Array.from(array);
}

describe('downsampleRun', () => {
  it('keeps the min and max of the samples in each pixel column', () => {
    // 0..100 ms over 4 px: 25 ms per column.
    const columns = downsampleRun(run([0, 10, 20, 30, 60, 99], [1, 5, 3, 2, 4, 6]), 0, 100, 4);
    expect(plain(columns.min)).toEqual([1, 2, 4, 6]);
    expect(plain(columns.max)).toEqual([5, 2, 4, 6]);
  });

  it('leaves columns without samples empty', () => {
    const columns = downsampleRun(run([0, 90], [1, 2]), 0, 100, 4);
    expect(plain(columns.min)).toEqual([1, NaN, NaN, 2]);
  });

  it('skips NaN and infinite values and breaks the line there', () => {
    const columns = downsampleRun(run([0, 25, 50, 75], [1, NaN, Infinity, 4]), 0, 100, 4);
    expect(plain(columns.min)).toEqual([1, NaN, NaN, 4]);
    expect(plain(columns.breakBefore)).toEqual([1, 0, 0, 1]);
  });

  it('breaks the line where samples pause for longer than a few steps', () => {
    const times = [0, 10, 20, 30, 90, 100];
    const columns = downsampleRun(run(times, [1, 1, 1, 1, 1, 1]), 0, 100, 10);
    expect(plain(columns.breakBefore)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('joins samples a regular step apart even when they are many pixels apart', () => {
    const columns = downsampleRun(run([0, 50, 100], [1, 2, 3]), 0, 100, 100);
    expect(plain(columns.breakBefore).filter(Boolean)).toHaveLength(1);
  });

  it('reads only the run window and the time range', () => {
    const columns = downsampleRun(run([-50, 0, 50, 150, 60], [9, 1, 2, 9, 9], 0, 4), 0, 100, 2);
    expect(plain(columns.min)).toEqual([1, 2]);
  });

  it.each([
    [0, 0, 100],
    [-3, 0, 100],
    [4, 100, 100],
    [4, 100, 0],
  ])('draws nothing at width %i or range %i..%i', (width, from, to) => {
    const columns = downsampleRun(run([0, 50], [1, 2]), from, to, width);
    expect(plain(columns.min).every(Number.isNaN)).toBe(true);
  });
});
