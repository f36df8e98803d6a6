import { AbsoluteTimeRange, createDataFrame, DataFrame, DataFrameType, Field, FieldType } from '@grafana/data';

import { defaultOptions, Options } from '../options/defaultOptions';

import { knownDurations } from '../data/durationSummary';
import { DurationFigures, Labels, Tile } from '../data/types';

/** End of the dashboard time range in every fixture: 2025-01-15 12:00:00 UTC. */
export const NOW = Date.UTC(2025, 0, 15, 12, 0, 0);
/** Query step of the fixtures, as Grafana puts it in the time field's `config.interval`. */
export const STEP = 15_000;
/** The dashboard time range of the fixtures: the hour up to NOW. */
export const RANGE: AbsoluteTimeRange = { from: NOW - 60 * 60 * 1000, to: NOW };

/**
 * One value as a frame can carry it. `undefined` leaves the row out, as Prometheus does for a gap;
 * `null` keeps the row with a null value, as after a join.
 */
export type Sample = number | string | null | undefined;

/**
 * How a series' metric name reaches the panel: `field` (Grafana 10+: field named after the metric,
 * `__name__` in the labels), `label` (older setups: field `Value`, `__name__` in the labels) or
 * `dropped` (a function or aggregation removed `__name__`: field `Value`, no name anywhere).
 */
export type NameStyle = 'field' | 'label' | 'dropped';

export interface SeriesSpec {
  labels: Labels;
  values: Sample[];
  /** Sample times; by default one step apart with the last at `end`. */
  times?: number[];
  /** Overrides the frame option's metric for this series (tables mixing metrics). */
  metric?: string;
  /** `config.displayNameFromDS`, as a legend format sets it. */
  legend?: string;
}

export interface FrameOptions {
  metric?: string;
  nameStyle?: NameStyle;
  refId?: string;
  step?: number;
  /** Time of each series' last sample when `times` is not given. */
  end?: number;
  /** Whether the time field carries `config.interval` (Grafana sets it on range queries). */
  interval?: boolean;
}

export interface TableOptions extends FrameOptions {
  /** `Value` for one query, `Value #A` when a request has several. */
  valueName?: string;
  /** Sort all rows by time, so that the rows of different series interleave. */
  interleave?: boolean;
}

interface Resolved {
  metric?: string;
  nameStyle: NameStyle;
  refId: string;
  step: number;
  end: number;
  interval: boolean;
}

function resolve(options: FrameOptions): Resolved {
  return {
    metric: options.metric,
    nameStyle: options.nameStyle ?? 'field',
    refId: options.refId ?? 'A',
    step: options.step ?? STEP,
    end: options.end ?? NOW,
    interval: options.interval ?? true,
  };
}

/** The spec's rows that exist: times and values with the left-out samples dropped. */
function rowsOf(spec: SeriesSpec, options: Resolved): { times: number[]; values: Sample[] } {
  const count = spec.values.length;
  const times: number[] = [];
  const values: Sample[] = [];
  for (let i = 0; i < count; i++) {
    if (spec.values[i] === undefined) {
      continue;
    }
    times.push(spec.times?.[i] ?? options.end - (count - 1 - i) * options.step);
    values.push(spec.values[i]);
  }
  return { times, values };
}

function seriesLabels(spec: SeriesSpec, options: Resolved): Labels {
  const metric = spec.metric ?? options.metric;
  return metric !== undefined && options.nameStyle !== 'dropped'
    ? { __name__: metric, ...spec.labels }
    : { ...spec.labels };
}

function valueFieldName(spec: SeriesSpec, options: Resolved): string {
  const metric = spec.metric ?? options.metric;
  return metric !== undefined && options.nameStyle === 'field' ? metric : 'Value';
}

function timeField(values: number[], options: Resolved): Field {
  return {
    name: 'Time',
    type: FieldType.time,
    values,
    config: options.interval ? { interval: options.step } : {},
  };
}

function valueField(spec: SeriesSpec, options: Resolved, values: Sample[]): Field {
  return {
    name: valueFieldName(spec, options),
    type: FieldType.number,
    values,
    labels: seriesLabels(spec, options),
    config: spec.legend !== undefined ? { displayNameFromDS: spec.legend } : {},
  };
}

function seriesFrames(specs: SeriesSpec[], input: FrameOptions, instant: boolean): DataFrame[] {
  const options = resolve(input);
  return specs.map((spec, index) => {
    let { times, values } = rowsOf(spec, options);
    if (instant) {
      times = times.slice(-1);
      values = values.slice(-1);
    }
    const custom = { resultType: instant ? 'vector' : 'matrix' };
    return createDataFrame({
      refId: options.refId,
      meta: {
        type: instant ? DataFrameType.NumericMulti : DataFrameType.TimeSeriesMulti,
        custom,
        ...(index === 0 ? { executedQueryString: `Expr: ${options.metric ?? 'query'}` } : {}),
      },
      fields: [
        timeField(times, instant ? { ...options, interval: false } : options),
        valueField(spec, options, values),
      ],
    });
  });
}

/** Range query, format "Time series": one frame per series. */
export function rangeFrames(specs: SeriesSpec[], options: FrameOptions = {}): DataFrame[] {
  return seriesFrames(specs, options, false);
}

/** Instant query, format "Time series": one frame per series with its newest sample only. */
export function instantFrames(specs: SeriesSpec[], options: FrameOptions = {}): DataFrame[] {
  return seriesFrames(specs, options, true);
}

/** Format "Table": one frame per refId, a string column per label name, one row per sample. */
export function tableFrame(specs: SeriesSpec[], input: TableOptions = {}): DataFrame {
  const options = resolve(input);
  const all = specs.map((spec) => ({ labels: seriesLabels(spec, options), ...rowsOf(spec, options) }));
  const names = [...new Set(all.flatMap((series) => Object.keys(series.labels)))].sort();
  let rows = all.flatMap((series) =>
    series.times.map((time, i) => ({ time, value: series.values[i], labels: series.labels }))
  );
  if (input.interleave) {
    rows = [...rows].sort((a, b) => a.time - b.time);
  }
  return createDataFrame({
    refId: options.refId,
    meta: { custom: { resultType: 'matrix' } },
    fields: [
      timeField(
        rows.map((row) => row.time),
        options
      ),
      ...names.map((name) => ({
        name,
        type: FieldType.string,
        values: rows.map((row) => row.labels[name] ?? ''),
        config: {},
      })),
      {
        name: input.valueName ?? 'Value',
        type: FieldType.number,
        values: rows.map((row) => row.value),
        config: {},
      },
    ],
  });
}

/** After "Join by field": one time field over all samples, one number field per series, null where it has none. */
export function wideFrame(specs: SeriesSpec[], input: FrameOptions = {}): DataFrame {
  const options = resolve(input);
  const all = specs.map((spec) => rowsOf(spec, options));
  const times = [...new Set(all.flatMap((series) => series.times))].sort((a, b) => a - b);
  const index = new Map(times.map((time, i) => [time, i]));
  return createDataFrame({
    refId: options.refId,
    fields: [
      timeField(times, options),
      ...specs.map((spec, s) => {
        const values: Sample[] = times.map(() => null);
        all[s].times.forEach((time, i) => {
          values[index.get(time) ?? 0] = all[s].values[i];
        });
        return valueField(spec, options, values);
      }),
    ],
  });
}

/** A query that matched nothing: refId and meta, no fields. */
export function emptyFrame(refId = 'A'): DataFrame {
  return createDataFrame({ refId, meta: { type: DataFrameType.TimeSeriesMulti }, fields: [] });
}

/** A probed address with the usual blackbox relabelling, and any extra labels. */
export function target(instance: string, values: Sample[], extra: Labels = {}): SeriesSpec {
  return { labels: { instance, job: 'blackbox', ...extra }, values };
}

/** Status (A), duration (B) and optionally prober (C) frames in the range-query shape. */
export function probeFrames(
  status: SeriesSpec[],
  duration: SeriesSpec[] = [],
  prober: SeriesSpec[] = [],
  options: FrameOptions = {}
): DataFrame[] {
  return [
    ...rangeFrames(status, { ...options, metric: 'probe_success', refId: 'A' }),
    ...rangeFrames(duration, { ...options, metric: 'probe_duration_seconds', refId: 'B' }),
    ...rangeFrames(prober, { ...options, metric: 'up', refId: 'C' }),
  ];
}

export function testOptions(overrides: Partial<Options> = {}): Options {
  return { ...defaultOptions, ...overrides };
}

/** A tile with plausible defaults, for code that arranges or draws tiles without building a model; its duration figures are given as they are. */
export function tileFixture(overrides: Partial<Tile> & Pick<Tile, 'key'> & DurationFigures): Tile {
  const { duration, durationStats, durationRun, durationField, ...rest } = overrides;
  const state = overrides.state ?? 'up';
  return {
    name: overrides.key,
    labels: { instance: overrides.key },
    state,
    reason: state === 'up' ? { code: 'probe-succeeded' } : { code: 'probe-failed' },
    upCount: state === 'up' ? 1 : 0,
    seriesCount: 1,
    healthy: state === 'up',
    stateSince: RANGE.from,
    stateHeldFromStart: true,
    stateChanges: 0,
    flapping: false,
    downRanges: [],
    durations: knownDurations({ duration, durationStats, durationRun, durationField }),
    ...rest,
  };
}
