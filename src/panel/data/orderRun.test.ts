import { medianStep } from './medianStep';
import { OrderCache, orderRun } from './orderRun';
import { runOf } from '../test-utils/runFixture';

function timesInOrder(times: unknown[], values: unknown[]): unknown[] {
  const run = orderRun(runOf(times, values));
  const out: unknown[] = [];
  for (let k = run.start; k < run.end; k++) {
    out.push(run.times[run.rows === undefined ? k : run.rows[k]]);
  }
  return out;
}

describe('orderRun', () => {
  it('returns a sorted run itself', () => {
    const run = runOf([1, 2, 2, 5], [1, 1, 1, 1]);
    expect(orderRun(run)).toBe(run);
  });

  it('ignores rows without a time when checking the order', () => {
    const run = runOf([1, null, 3, undefined, 'x'], [1, 1, 1, 1, 1]);
    expect(orderRun(run)).toBe(run);
  });

  it.each<[unknown[], unknown[]]>([
    [
      [3, 1, 2],
      [1, 2, 3],
    ],
    [
      [5, null, 1, 4],
      [1, 4, 5],
    ],
    [
      [2, 1, 2, 1],
      [1, 1, 2, 2],
    ],
  ])('puts %j in time order as %j', (times, sorted) => {
    expect(
      timesInOrder(
        times,
        times.map(() => 1)
      )
    ).toEqual(sorted);
  });

  it('keeps the row order of equal times, so the later row stays the newer', () => {
    const run = orderRun(runOf([2, 1, 2], ['a', 'b', 'c']));
    expect(run.rows).toEqual([1, 0, 2]);
  });

  it('sorts a shared time field once', () => {
    const times = [2, 1];
    const cache: OrderCache = new Map();
    const first = orderRun(runOf(times, [1, 0]), cache);
    const second = orderRun(runOf(times, [0, 1]), cache);
    expect(first.rows).toBe(second.rows);
  });
});

describe('medianStep', () => {
  it.each<[unknown[], number | undefined]>([
    [[], undefined],
    [[1000], undefined],
    [[1000, 1000], undefined],
    [[0, 15, 30, 45], 15],
    [[0, 15, 30, 45, 600, 615], 15],
    [[0, 15, 15, 30, null, 45], 15],
    [[0, 60, 75, 90], 15],
    [[0, 10, 30], 10],
  ])('%j -> %s', (times, step) => {
    expect(
      medianStep(
        runOf(
          times,
          times.map(() => 1)
        )
      )
    ).toBe(step);
  });

  it('handles runs longer than its buffer', () => {
    const times = Array.from({ length: 5000 }, (_, i) => i * 30 + (i % 7 === 0 ? 0 : 0));
    expect(medianStep(runOf(times, times))).toBe(30);
  });
});
