import { historyCells } from './historyCells';
import { SampleRun } from './types';

function run(times: number[], values: Array<number | null>): SampleRun {
  return { times, values: values as number[], start: 0, end: times.length };
}

const steps = (count: number, from = 0, step = 10): number[] =>
  Array.from({ length: count }, (_, i) => from + i * step);

describe('historyCells', () => {
  it('gives one cell per two steps, up to the maximum', () => {
    expect(historyCells([run(steps(10), Array(10).fill(1))], 0, 100, 60)).toEqual(Array(5).fill('up'));
    expect(historyCells([run(steps(200), Array(200).fill(1))], 0, 1990, 60)).toHaveLength(60);
  });

  it('says up, down, partial, unknown, and gap where no sample came', () => {
    const times = steps(10);
    const values = [1, 1, 0, 0, 1, 0, null, null, NaN, NaN];
    // A step of 10: over [0, 100] 5 cells of 20.
    expect(historyCells([run(times, values)], 0, 100, 60)).toEqual(['up', 'down', 'partial', 'gap', 'unknown']);
    expect(historyCells([run([0, 10, 20, 30], [1, 1, 1, 1])], 0, 100, 60)).toEqual(['up', 'up', 'gap', 'gap', 'gap']);
  });

  it('combines the series of a target in each cell', () => {
    const a = run(steps(4), [1, 1, 1, 1]);
    const b = run(steps(4), [1, 1, 0, 0]);
    expect(historyCells([a, b], 0, 40, 60)).toEqual(['up', 'partial']);
    expect(historyCells([run([100], [0])], 0, 100, 60)).toEqual(['down']);
  });

  it('ignores samples outside the range and gives nothing without samples or range', () => {
    expect(historyCells([run([-10, 0, 10, 200], [0, 1, 1, 0])], 0, 20, 60)).toEqual(['up']);
    expect(historyCells([], 0, 100, 60)).toEqual([]);
    expect(historyCells([run([0], [1])], 100, 100, 60)).toEqual([]);
  });
});
