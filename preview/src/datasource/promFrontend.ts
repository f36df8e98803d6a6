/**
 * What Grafana's Prometheus datasource does in the browser with the frames its backend sent
 * (`transformV2` in @grafana/prometheus `result_transformer.ts`): the `__auto` legend fix-up,
 * the join of "Table" format queries into one frame per refId, and the `preferredVisualisationType`
 * hint on everything else. Heatmap and exemplar handling are not needed by this project and are left out:
 * a `heatmap` target is treated as a time series.
 */
import {
  DataFrame,
  Field,
  FieldType,
  getFieldDisplayName,
  sortDataFrame,
  TIME_SERIES_TIME_FIELD_NAME,
  TIME_SERIES_VALUE_FIELD_NAME,
} from '@grafana/data';

import { LEGEND_FORMAT_AUTO, parseSampleValue, PromTarget } from './promBackend';

function isTableResult(frame: DataFrame, targets: PromTarget[]): boolean {
  return targets.find((target) => target.refId === frame.refId)?.format === 'table';
}

/** Applies the datasource's frontend step to the decoded frames of one request. */
export function transformPromFrames(frames: DataFrame[], targets: PromTarget[]): DataFrame[] {
  for (const frame of frames) {
    const target = targets.find((t) => t.refId === frame.refId);
    if (target?.legendFormat !== LEGEND_FORMAT_AUTO) {
      continue;
    }
    for (const field of frame.fields) {
      if (field.labels?.__name__ && field.labels.__name__ === field.name) {
        const asValue = { ...field, name: TIME_SERIES_VALUE_FIELD_NAME };
        field.config.displayNameFromDS = getFieldDisplayName(asValue, frame, frames);
      }
    }
  }

  const tableFrames = frames.filter((frame) => isTableResult(frame, targets));
  const otherFrames = frames
    .filter((frame) => !isTableResult(frame, targets))
    .map((frame) => ({ ...frame, meta: { ...frame.meta, preferredVisualisationType: 'graph' as const } }));

  return [...otherFrames, ...framesToTables(tableFrames)];
}

/** One frame per refId: Time, one string field per label, and `Value` (or `Value #A` when several refIds are tables). */
export function framesToTables(frames: DataFrame[]): DataFrame[] {
  if (frames.length === 0 || (frames.length === 1 && frames[0].length === 0)) {
    return frames;
  }

  const byRefId = new Map<string, DataFrame[]>();
  for (const frame of frames) {
    const key = frame.refId ?? 'undefined';
    byRefId.set(key, [...(byRefId.get(key) ?? []), frame]);
  }

  return [...byRefId.entries()].map(([refId, group]) => {
    const valueField: Field = {
      name: byRefId.size > 1 ? `Value #${refId}` : 'Value',
      type: FieldType.number,
      config: { displayNameFromDS: undefined },
      values: [],
    };
    const timeField: Field = { name: TIME_SERIES_TIME_FIELD_NAME, type: FieldType.time, config: {}, values: [] };
    const labelFields: Field[] = [];

    for (const frame of group) {
      for (const label of Object.keys(frame.fields[1]?.labels ?? {}).sort()) {
        if (!labelFields.some((field) => field.name === label)) {
          labelFields.push({ name: label, config: { filterable: true }, type: FieldType.string, values: [] });
        }
      }
    }

    let previousTime = -Infinity;
    let needsSort = false;
    for (const frame of group) {
      timeField.config.interval ??= frame.fields[0]?.config.interval;
      for (const time of frame.fields[0]?.values ?? []) {
        timeField.values.push(time);
        needsSort ||= time < previousTime;
        previousTime = time;
      }
      const labels = frame.fields[1]?.labels ?? {};
      for (const value of frame.fields[1]?.values ?? []) {
        valueField.values.push(typeof value === 'number' ? value : parseSampleValue(String(value)));
        for (const field of labelFields) {
          field.values.push(labels[field.name] ?? '');
        }
      }
    }

    const table: DataFrame = {
      refId,
      fields: [timeField, ...labelFields, valueField],
      meta: { ...group[0].meta, preferredVisualisationType: 'rawPrometheus' },
      length: timeField.values.length,
    };
    return needsSort ? sortDataFrame(table, 0) : table;
  });
}
