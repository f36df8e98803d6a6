import { SampleRun } from '../data/types';
import { points, spans } from '../test-utils/sparklinePaths';
import { SparklineInput, sparklineShape } from './sparklineShape';

const RUN: SampleRun = { times: [0, 25, 50, 75, 100], values: [0.1, 0.2, 0.1, 0.3, 0.2], start: 0, end: 5 };
const DOWN: Array<[number, number]> = [[50, 75]];

function input(overrides: Partial<SparklineInput> = {}): SparklineInput {
  return { run: RUN, downRanges: DOWN, from: 0, to: 100, width: 100, height: 20, ...overrides };
}

describe('sparklineShape', () => {
  it('puts each sample in its pixel column, the largest value at the top', () => {
    const drawn = points(sparklineShape(input()).line);
    // 0..100 ms over 100 px; the last sample (at the range end) falls in the last column. A column
    // of one sample is one point; the stroke's first point gets a zero-length segment for its dot.
    expect(drawn.map(([, x]) => x)).toEqual([0.5, 0.5, 25.5, 50.5, 75.5, 99.5]);
    const yOfMax = Math.min(...drawn.map(([, , y]) => y));
    // One pixel of room for the line's width at the top and the bottom.
    expect(yOfMax).toBe(1);
    expect(drawn.find(([, x]) => x === 75.5)?.[2]).toBe(1);
    expect(drawn[0]).toEqual(['M', 0.5, expect.closeTo(1 + (1 - 0.1 / 0.3) * 18, 1)]);
    expect(drawn.slice(1).every(([command]) => command === 'L')).toBe(true);
  });

  it('marks each down range as a full-height pixel span of one path', () => {
    expect(spans(sparklineShape(input()).down)).toEqual([[50, 25, 20]]);
    // A range of a single sample still shows: one pixel wide.
    expect(spans(sparklineShape(input({ downRanges: [[40, 40]] })).down)).toEqual([[40, 1, 20]]);
    // Ranges outside the time range are clipped away; the rest keep their order.
    expect(sparklineShape(input({ downRanges: [[-50, -10]] })).down).toBe('');
    expect(
      spans(
        sparklineShape(
          input({
            downRanges: [
              [-50, -10],
              [10, 20],
              [90, 150],
            ],
          })
        ).down
      )
    ).toEqual([
      [10, 10, 20],
      [90, 10, 20],
    ]);
  });

  it('draws a vertical stroke in a column whose samples differ', () => {
    const dense: SampleRun = { times: [0, 0.2, 0.4, 50], values: [0.1, 0.3, 0.2, 0.2], start: 0, end: 4 };
    const drawn = points(sparklineShape(input({ run: dense })).line);
    const firstColumn = drawn.filter(([, x]) => x === 0.5).map(([, , y]) => y);
    // The column's largest and smallest value, top to bottom.
    expect(firstColumn).toEqual([1, expect.closeTo(1 + (1 - 0.1 / 0.3) * 18, 1)]);
  });

  it('starts a new stroke after a gap in the samples', () => {
    const gappy: SampleRun = { times: [0, 10, 20, 80, 90], values: [1, 1, 1, 1, 1], start: 0, end: 5 };
    const commands = points(sparklineShape(input({ run: gappy })).line).map(([command]) => command);
    expect(commands.filter((command) => command === 'M')).toHaveLength(2);
  });

  it('scales between the field config bounds when they are set', () => {
    const drawn = points(sparklineShape(input({ min: 0, max: 1 })).line);
    // 0.3 of 0..1 over 18 px of room, below the top pixel.
    expect(drawn.find(([, x]) => x === 75.5)?.[2]).toBeCloseTo(1 + 0.7 * 18, 1);
  });

  it('draws nothing without room or without a time range', () => {
    expect(sparklineShape(input({ width: 0 }))).toEqual({ line: '', down: '' });
    expect(sparklineShape(input({ height: 0 }))).toEqual({ line: '', down: '' });
    expect(sparklineShape(input({ from: 100, to: 100 }))).toEqual({ line: '', down: '' });
  });

  it('draws nothing for a run without finite values', () => {
    const empty: SampleRun = { times: [0, 50], values: [NaN, Infinity], start: 0, end: 2 };
    expect(sparklineShape(input({ run: empty, downRanges: [] })).line).toBe('');
  });
});
