import { combinedChanges } from './combinedChanges';
import { SampleRun } from './types';

function run(samples: Array<[number, number]>): SampleRun {
  return {
    times: samples.map(([time]) => time),
    values: samples.map(([, value]) => value),
    start: 0,
    end: samples.length,
  };
}

describe('combinedChanges', () => {
  it('counts the target’s changes, not one series’: up, partial when a failing probe joins, then down', () => {
    const old = run([
      [0, 1],
      [10, 1],
      [20, 1],
      [30, 0],
    ]);
    const joined = run([
      [20, 0],
      [30, 0],
    ]);
    // up (0-10) → partial (20) → down (30)
    expect(combinedChanges([old, joined])).toBe(2);
  });

  it('a probe joining in the others’ state is no change', () => {
    expect(
      combinedChanges([
        run([
          [0, 1],
          [10, 1],
        ]),
        run([[10, 1]]),
      ])
    ).toBe(0);
  });

  it('one probe flapping under a steady one flips the target between up and partial', () => {
    const steady = run([0, 10, 20, 30, 40].map((time) => [time, 1]));
    const flapping = run([
      [0, 1],
      [10, 0],
      [20, 1],
      [30, 0],
      [40, 1],
    ]);
    expect(combinedChanges([steady, flapping])).toBe(4);
  });

  it('samples at different times: each series stands at its newest value', () => {
    // a: 1 at 0, 0 at 15; b: 1 at 5, 0 at 25 → up, up, partial (15), down (25)
    const a = run([
      [0, 1],
      [15, 0],
    ]);
    const b = run([
      [5, 1],
      [25, 0],
    ]);
    expect(combinedChanges([a, b])).toBe(2);
  });

  it('values other than 0 and 1, and samples without a time, leave a series where it stood', () => {
    const a = run([
      [0, 1],
      [10, NaN],
      [20, 0.5],
      [NaN, 0],
      [30, 1],
    ]);
    const b = run([
      [0, 1],
      [30, 1],
    ]);
    expect(combinedChanges([a, b])).toBe(0);
  });

  it('one series: its own changes between 0 and 1', () => {
    expect(
      combinedChanges([
        run([
          [0, 1],
          [10, 0],
          [20, 0],
          [30, 1],
        ]),
      ])
    ).toBe(2);
  });

  it('no samples, no changes', () => {
    expect(combinedChanges([run([]), run([])])).toBe(0);
    expect(combinedChanges([])).toBe(0);
  });
});
