import { createDataFrame, DataFrame, FieldType } from '@grafana/data';

import { collectSeries, SeriesRun } from './collectSeries';
import {
  emptyFrame,
  instantFrames,
  NOW,
  rangeFrames,
  STEP,
  tableFrame,
  target,
  wideFrame,
} from '../test-utils/testFixtures';

/** The samples of a run in run order, as [time, value] pairs. */
function samples(run: SeriesRun): Array<[unknown, unknown]> {
  const out: Array<[unknown, unknown]> = [];
  for (let k = run.start; k < run.end; k++) {
    const row = run.rows === undefined ? k : run.rows[k];
    out.push([run.times[row], run.values[row]]);
  }
  return out;
}

const at = (steps: number): number => NOW - steps * STEP;
const SPECS = [target('a:80', [1, 0]), target('b:80', [1, 1], { module: 'tcp' })];

describe('collectSeries', () => {
  it.each<[string, () => DataFrame[], string | undefined, string]>([
    ['range, metric field', () => rangeFrames(SPECS, { metric: 'probe_success', refId: 'A' }), 'probe_success', 'A'],
    [
      'range, __name__ label',
      () => rangeFrames(SPECS, { metric: 'probe_success', nameStyle: 'label' }),
      'probe_success',
      'A',
    ],
    [
      'range, name dropped',
      () => rangeFrames(SPECS, { metric: 'probe_success', nameStyle: 'dropped' }),
      undefined,
      'A',
    ],
    ['table', () => [tableFrame(SPECS, { metric: 'probe_success' })], 'probe_success', 'A'],
    [
      'table, Value #B',
      () => [tableFrame(SPECS, { metric: 'probe_success', refId: 'A', valueName: 'Value #B' })],
      'probe_success',
      'B',
    ],
    [
      'table, interleaved',
      () => [tableFrame(SPECS, { metric: 'probe_success', interleave: true })],
      'probe_success',
      'A',
    ],
    ['wide', () => [wideFrame(SPECS, { metric: 'probe_success' })], 'probe_success', 'A'],
  ])('%s: labels without __name__, metric, refId and samples', (_name, frames, metric, refId) => {
    const { series, warnings } = collectSeries(frames());
    expect(warnings).toEqual([]);
    expect(series.map((run) => [run.labels, run.metric, run.refId])).toEqual([
      [{ instance: 'a:80', job: 'blackbox' }, metric, refId],
      [{ instance: 'b:80', job: 'blackbox', module: 'tcp' }, metric, refId],
    ]);
    expect(series.map(samples)).toEqual([
      [
        [at(1), 1],
        [at(0), 0],
      ],
      [
        [at(1), 1],
        [at(0), 1],
      ],
    ]);
  });

  it('points into the frame arrays instead of copying them', () => {
    const frames = rangeFrames(SPECS, { metric: 'probe_success' });
    const [first] = collectSeries(frames).series;
    expect(first.values).toBe(frames[0].fields[1].values);
    expect(first.times).toBe(frames[0].fields[0].values);
    expect(first.field).toBe(frames[0].fields[1]);
    expect(first.rows).toBeUndefined();
    expect(first.interval).toBe(STEP);
  });

  it('views contiguous table rows as a range of the shared columns', () => {
    const frame = tableFrame(SPECS, { metric: 'probe_success' });
    const { series } = collectSeries([frame]);
    expect(series.map((run) => [run.start, run.end, run.rows])).toEqual([
      [0, 2, undefined],
      [2, 4, undefined],
    ]);
    expect(series[1].values).toBe(frame.fields[frame.fields.length - 1].values);
  });

  it('reads the legend format and keeps the frame labels object when it has no __name__', () => {
    const frames = rangeFrames([{ ...target('a', [1]), legend: 'A host' }], {
      metric: 'probe_success',
      nameStyle: 'dropped',
    });
    const [run] = collectSeries(frames).series;
    expect(run.displayName).toBe('A host');
    expect(run.labels).toBe(frames[0].fields[1].labels);
  });

  it('gives instant vectors one sample', () => {
    const { series } = collectSeries(instantFrames(SPECS, { metric: 'probe_success' }));
    expect(series.map(samples)).toEqual([[[at(0), 0]], [[at(0), 1]]]);
    expect(series[0].interval).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['an empty list', []],
    ['null', null],
    ['undefined', undefined],
    ['empty frames', [emptyFrame('A'), emptyFrame('B')]],
    ['a frame of strings only', [createDataFrame({ fields: [{ name: 'x', type: FieldType.string, values: ['a'] }] })]],
    ['holes in the list', [null, undefined, { fields: null }]],
  ])('finds nothing in %s', (_name, frames) => {
    expect(collectSeries(frames as DataFrame[])).toEqual({ series: [], warnings: [] });
  });

  it('skips table rows whose value is null, so a merged table makes no empty series', () => {
    const frame = createDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: [at(1), at(1), at(0)] },
        { name: 'instance', type: FieldType.string, values: ['a', 'b', 'a'] },
        { name: 'Value #A', type: FieldType.number, values: [1, null, 0] },
        { name: 'Value #B', type: FieldType.number, values: [null, 0.2, null] },
      ],
    });
    const { series } = collectSeries([frame]);
    expect(series.map((run) => [run.refId, run.labels.instance, samples(run).length])).toEqual([
      ['A', 'a', 3],
      ['B', 'b', 1],
    ]);
  });

  it('lists rows of interleaved table series explicitly', () => {
    const { series } = collectSeries([tableFrame(SPECS, { metric: 'probe_success', interleave: true })]);
    expect(series.map((run) => run.rows)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });

  it('reports series without a time field', () => {
    const frame = createDataFrame({
      refId: 'A',
      fields: [
        { name: 'probe_success', type: FieldType.number, values: [1], labels: { instance: 'a' } },
        { name: 'probe_success', type: FieldType.number, values: [1], labels: { instance: 'b' } },
      ],
    });
    const { series, warnings } = collectSeries([frame]);
    expect(series.map((run) => samples(run).length)).toEqual([0, 0]);
    expect(warnings).toEqual([{ code: 'undated', count: 2, refId: 'A' }]);
  });
});
