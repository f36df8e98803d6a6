import { DataFrame, Field, FieldType } from '@grafana/data';

import { labelValue, METRIC_NAME_LABEL } from './labelValue';
import { roleOfMetric } from './seriesRole';
import { FactSample, Role } from './types';

/**
 * Shortcuts past collectSeries for the frames most dashboards send in bulk: one series per frame
 * (a time field and a number field). At 10,000 targets the panel's other queries bring five times as
 * many frames as status and duration; these read what they need of them without making a series of
 * each. Guarded by "reads every role from ... frames" in buildModel.test.ts and by the browser
 * bench's mounts with all queries and with status and duration alone.
 */

/** The number field of a frame of one time field and one number field, as a time series query gives. */
export function soleNumberField(frame: DataFrame | null | undefined): Field | undefined {
  const fields = frame?.fields;
  if (!Array.isArray(fields) || fields.length !== 2) {
    return undefined;
  }
  const a = fields[0];
  const b = fields[1];
  if (a?.type === FieldType.time && b?.type === FieldType.number) {
    return b;
  }
  return b?.type === FieldType.time && a?.type === FieldType.number ? a : undefined;
}

/** The other field of a frame whose number field soleNumberField found: its time field. */
export function timeFieldOf(frame: DataFrame, field: Field): Field | undefined {
  return frame.fields[0] === field ? frame.fields[1] : frame.fields[0];
}

/** seriesRole's decision, from the frame before it is read: the host and uptime refIds, then the name. */
export function roleOfField(frame: DataFrame, field: Field, roles: ReadonlyMap<string, Role>): Role | undefined {
  const byRefId = roles.get(frame.refId ?? '');
  if (byRefId === 'host' || byRefId === 'uptime') {
    return byRefId;
  }
  const metric = labelValue(field.labels, METRIC_NAME_LABEL);
  if (metric !== undefined && metric !== '') {
    return roleOfMetric(metric);
  }
  return roleOfMetric(field.name) ?? byRefId;
}

/**
 * The sample with the newest time among rows `start` to `end - 1` (read through `rows` when given),
 * in one pass that needs no time order; a later row wins a tie. Undefined without a sample.
 */
export function newestIn(
  times: ArrayLike<unknown>,
  values: ArrayLike<unknown>,
  start: number,
  end: number,
  rows?: ArrayLike<number>
): FactSample | undefined {
  // Plain locals, one object at the end: this loop sees every sample of every fact series.
  let time = -Infinity;
  let value = NaN;
  let found = false;
  for (let k = start; k < end; k++) {
    const row = rows === undefined ? k : rows[k];
    const rawTime = times[row];
    const rawValue = values[row];
    if (typeof rawTime !== 'number' || typeof rawValue !== 'number') {
      continue;
    }
    // Read with a plus, as scanSeries.ts explains ("Reading samples").
    const t = +rawTime;
    if (!Number.isFinite(t) || t < time) {
      continue;
    }
    time = t;
    value = +rawValue;
    found = true;
  }
  return found ? { value, time } : undefined;
}

/** The newest sample of a one-series frame; undefined without one, or when its fields hold no arrays. */
export function newestOfFrame(frame: DataFrame, field: Field): FactSample | undefined {
  const times: unknown = timeFieldOf(frame, field)?.values;
  const values: unknown = field.values;
  if (!isArrayLike(times) || !isArrayLike(values)) {
    return undefined;
  }
  return newestIn(times, values, 0, Math.min(times.length, values.length));
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value != null && typeof value === 'object' && typeof (value as { length?: unknown }).length === 'number';
}
