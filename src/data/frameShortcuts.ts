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

function timeFieldOf(frame: DataFrame, field: Field): Field | undefined {
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
 * The newest sample of a one-series frame whose samples are in time order, as Prometheus answers;
 * undefined when they are not in order or there is none, for the caller to read the frame in full.
 */
export function newestInOrder(frame: DataFrame, field: Field): FactSample | undefined {
  const times = timeFieldOf(frame, field)?.values;
  const values = field.values;
  if (!Array.isArray(times) || !Array.isArray(values)) {
    return undefined;
  }
  let time = -Infinity;
  let value = NaN;
  const end = Math.min(times.length, values.length);
  for (let k = 0; k < end; k++) {
    const t = times[k];
    const v = values[k];
    if (typeof t !== 'number' || !Number.isFinite(t) || typeof v !== 'number') {
      continue;
    }
    if (t < time) {
      return undefined;
    }
    time = t;
    value = v;
  }
  return time === -Infinity ? undefined : { time, value };
}
