import { FieldType } from '@grafana/data';

import { SeriesRun } from '../data/collectSeries';

/** A bare run over the given arrays, for testing the per-series passes without frames. */
export function runOf(times: unknown[], values: unknown[], overrides: Partial<SeriesRun> = {}): SeriesRun {
  return {
    refId: 'A',
    fieldName: 'Value',
    labels: {},
    field: { name: 'Value', type: FieldType.number, values, config: {} },
    times,
    values,
    start: 0,
    end: Math.min(times.length, values.length),
    ...overrides,
  };
}
