import { DataFrame, Field, FieldType } from '@grafana/data';

import { soleNumberField, timeFieldOf } from './frameShortcuts';
import { labelValue, METRIC_NAME_LABEL, setLabel } from './labelValue';
import { Labels, Warning } from './types';

/**
 * One series as found in the frames, pointing into the frame's arrays rather than copying them.
 * Sample `k` of the run, for `start <= k < end`, sits at row `rows[k]` when `rows` is set (table
 * rows of several series interleaved, or rows put in time order), else at row `k`.
 */
export interface SeriesRun {
  /** The query's refId: the frame's, or `X` from a table's `Value #X` column. */
  refId: string;
  /** `__name__` from the labels or the table's `__name__` column. */
  metric?: string;
  fieldName: string;
  /** The series labels without `__name__`; shared with the frame, never to be changed. */
  labels: Labels;
  /** The legend format's result, when the query has one. */
  displayName?: string;
  field: Field;
  times: ArrayLike<unknown>;
  values: ArrayLike<unknown>;
  /** The query step in ms, when the time field carries it. */
  interval?: number;
  rows?: ArrayLike<number>;
  start: number;
  end: number;
}

export interface CollectedSeries {
  series: SeriesRun[];
  warnings: Warning[];
}

const NO_ROWS: ArrayLike<unknown> = [];
const TABLE_VALUE_PREFIX = 'Value #';
const TABLE_VALUE_NAME = /^Value #(.+)$/;

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value != null && typeof value === 'object' && typeof (value as { length?: unknown }).length === 'number';
}

function valuesOf(field: Field | undefined): ArrayLike<unknown> {
  const values: unknown = field?.values;
  return isArrayLike(values) ? values : NO_ROWS;
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The labels without `__name__`; the frame's own object when there is nothing to drop. */
function withoutMetricName(labels: Labels | undefined): Labels {
  if (labels == null || typeof labels !== 'object') {
    return {};
  }
  if (!Object.prototype.hasOwnProperty.call(labels, METRIC_NAME_LABEL)) {
    return labels;
  }
  const copy: Labels = {};
  for (const name of Object.keys(labels)) {
    if (name !== METRIC_NAME_LABEL && typeof labels[name] === 'string') {
      setLabel(copy, name, labels[name]);
    }
  }
  return copy;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function refIdOf(frame: DataFrame, field: Field): string {
  const name = field.name ?? '';
  // Most fields are named after their metric; only those that could be a table's value column meet the pattern.
  const fromName = name.startsWith(TABLE_VALUE_PREFIX) ? TABLE_VALUE_NAME.exec(name) : null;
  return fromName ? fromName[1] : (frame.refId ?? '');
}

function cellText(values: ArrayLike<unknown>, row: number): string {
  const value = values[row];
  return value == null ? '' : String(value);
}

interface TableGroup {
  labels: Labels;
  metric?: string;
  start: number;
  end: number;
  interleaved: boolean;
  rows?: number[];
}

interface LabelColumn {
  name: string;
  values: ArrayLike<unknown>;
}

function sameCells(columns: LabelColumn[], a: number, b: number): boolean {
  for (const column of columns) {
    if (column.values[a] !== column.values[b]) {
      return false;
    }
  }
  return true;
}

function groupLabels(columns: LabelColumn[], row: number, fieldLabels: Labels | undefined): TableGroup {
  const labels: Labels = {};
  let metric: string | undefined;
  for (const column of columns) {
    const value = cellText(column.values, row);
    if (column.name === METRIC_NAME_LABEL) {
      metric = nonEmpty(value);
    } else if (value !== '') {
      setLabel(labels, column.name, value);
    }
  }
  const extra = withoutMetricName(fieldLabels);
  for (const name of Object.keys(extra)) {
    if (labelValue(labels, name) === undefined) {
      setLabel(labels, name, extra[name]);
    }
  }
  metric = metric ?? nonEmpty(labelValue(fieldLabels, METRIC_NAME_LABEL));
  return { labels, metric, start: row, end: row + 1, interleaved: false };
}

/**
 * Table format: one row per sample, label values in string columns. Rows of one series are found
 * by their label tuple; a row is compared with the previous one first, so that the common layout
 * (each series' rows together) builds a key only once per series.
 */
function collectTableField(
  frame: DataFrame,
  field: Field,
  columns: LabelColumn[],
  times: ArrayLike<unknown>,
  interval: number | undefined,
  out: SeriesRun[]
): void {
  const values = valuesOf(field);
  const groups = new Map<string, number>();
  const order: TableGroup[] = [];
  const rowGroup = new Int32Array(values.length).fill(-1);
  let interleaved = false;
  let previousRow = -1;
  let previous = -1;
  for (let row = 0; row < values.length; row++) {
    if (values[row] == null) {
      continue;
    }
    let id = previous >= 0 && sameCells(columns, previousRow, row) ? previous : -1;
    if (id < 0) {
      const key = JSON.stringify(columns.map((column) => cellText(column.values, row)));
      id = groups.get(key) ?? -1;
      if (id < 0) {
        id = order.length;
        groups.set(key, id);
        order.push(groupLabels(columns, row, field.labels));
      } else if (id !== previous) {
        order[id].interleaved = true;
        interleaved = true;
      }
    }
    order[id].end = row + 1;
    rowGroup[row] = id;
    previousRow = row;
    previous = id;
  }
  if (interleaved) {
    for (let row = 0; row < values.length; row++) {
      const group = rowGroup[row] >= 0 ? order[rowGroup[row]] : undefined;
      if (group?.interleaved) {
        (group.rows ??= []).push(row);
      }
    }
  }
  const refId = refIdOf(frame, field);
  for (const group of order) {
    out.push({
      refId,
      metric: group.metric,
      fieldName: field.name ?? '',
      labels: group.labels,
      field,
      times,
      values,
      interval,
      rows: group.rows,
      start: group.rows ? 0 : group.start,
      end: group.rows ? group.rows.length : group.end,
    });
  }
}

/** The run of a number field that is a series of its own (no label columns beside it). */
function pushRun(
  frame: DataFrame,
  field: Field,
  times: ArrayLike<unknown>,
  interval: number | undefined,
  out: SeriesRun[]
): void {
  const values = valuesOf(field);
  out.push({
    refId: refIdOf(frame, field),
    metric: nonEmpty(labelValue(field.labels, METRIC_NAME_LABEL)),
    fieldName: field.name ?? '',
    labels: withoutMetricName(field.labels),
    displayName: nonEmpty(field.config?.displayNameFromDS ?? undefined),
    field,
    times,
    values,
    interval,
    start: 0,
    end: Math.min(times.length, values.length),
  });
}

/**
 * The series of one frame, added to `out`; `undated` counts per refId the series of frames without a
 * time field. collectSeries for frames one at a time, so that a caller that has just looked at a frame
 * collects it while the frame is still in the processor's cache (buildModel's setAside).
 */
export function collectFrame(
  frame: DataFrame | null | undefined,
  out: SeriesRun[],
  undated: Map<string, number>
): void {
  if (frame == null || !Array.isArray(frame.fields)) {
    return;
  }
  // Most frames are a time field and a number field: their run without the lists below.
  const sole = soleNumberField(frame);
  if (sole !== undefined) {
    const timeField = timeFieldOf(frame, sole);
    pushRun(frame, sole, valuesOf(timeField), positive(timeField?.config?.interval), out);
    return;
  }
  let timeField: Field | undefined;
  const numberFields: Field[] = [];
  const columns: LabelColumn[] = [];
  for (const field of frame.fields) {
    if (field?.type === FieldType.number) {
      numberFields.push(field);
    } else if (field?.type === FieldType.time) {
      timeField ??= field;
    } else if (field?.type === FieldType.string) {
      columns.push({ name: field.name ?? '', values: valuesOf(field) });
    }
  }
  if (numberFields.length === 0) {
    return;
  }
  const times = valuesOf(timeField);
  const interval = positive(timeField?.config?.interval);
  const before = out.length;

  for (const field of numberFields) {
    if (columns.length > 0) {
      collectTableField(frame, field, columns, times, interval, out);
      continue;
    }
    pushRun(frame, field, times, interval, out);
  }
  if (timeField === undefined && out.length > before) {
    const refId = frame.refId ?? '';
    undated.set(refId, (undated.get(refId) ?? 0) + out.length - before);
  }
}

/** The warnings of collectFrame's count of series without a time field. */
export function undatedWarnings(undated: Map<string, number>): Warning[] {
  return [...undated].map(([refId, count]): Warning => ({ code: 'undated', count, refId }));
}

/**
 * Every series in every frame shape the panel receives (one frame per series, instant vectors,
 * table format, wide frames after a join, empty frames), as a flat list of runs.
 */
export function collectSeries(frames: DataFrame[] | null | undefined): CollectedSeries {
  const series: SeriesRun[] = [];
  const undated = new Map<string, number>();
  for (const frame of frames ?? []) {
    collectFrame(frame, series, undated);
  }
  return { series, warnings: undatedWarnings(undated) };
}
