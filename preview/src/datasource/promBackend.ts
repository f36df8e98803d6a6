/**
 * What Grafana's server side answers for a Prometheus query: the `/api/ds/query` result of one refId.
 *
 * Grafana runs Prometheus queries in its backend (promlib) and sends data frames to the browser as
 * JSON (schema + values, NaN and ±Inf moved to `entities`). This module turns a Prometheus HTTP API
 * answer into that JSON the way promlib does (`converter/prom.go` with dataplane on, then
 * `querydata/response.go` addMetadataToMultiFrame), so that the browser side can decode it with
 * Grafana's own `toDataQueryResponse`.
 *
 * Pure: no DOM, no network, no runtime imports.
 */
import type {
  DataFrameJSON,
  DataSourceRef,
  FieldConfig,
  FieldSchema,
  FieldValueEntityLookup,
  Labels,
  QueryResultMeta,
} from '@grafana/data';

/** A Prometheus query as saved in a panel's `targets`. */
export interface PromTarget {
  refId: string;
  expr: string;
  legendFormat?: string;
  format?: 'time_series' | 'table' | 'heatmap';
  instant?: boolean;
  range?: boolean;
  /** "Min step" of the query. */
  interval?: string;
  intervalFactor?: number;
  exemplar?: boolean;
  hide?: boolean;
  datasource?: DataSourceRef | null;
}

/** One query as the backend runs it: interpolated expression and final step. */
export interface BackendQuery {
  refId: string;
  expr: string;
  stepMs: number;
  legendFormat?: string;
  instant: boolean;
}

/** `results[refId]` of a `/api/ds/query` answer. */
export interface BackendDataResponse {
  status?: number;
  frames?: DataFrameJSON[];
  error?: string;
  errorSource?: string;
}

type PromSample = [number, string];

interface PromSeries {
  metric?: Record<string, string>;
  values?: PromSample[];
  value?: PromSample;
}

interface PromApiBody {
  status?: string;
  data?: { resultType?: string; result?: unknown };
  errorType?: string;
  error?: string;
  warnings?: string[];
  infos?: string[];
}

/** Legend format that asks Grafana to pick the name itself. */
export const LEGEND_FORMAT_AUTO = '__auto';

const LEGEND_TEMPLATE = /\{\{\s*(.+?)\s*\}\}/g;
const INFINITY = /^[+-]?inf(inity)?$/i;

/** Parses a sample value the way Go's strconv.ParseFloat does for Prometheus output. */
export function parseSampleValue(value: string): number {
  if (INFINITY.test(value)) {
    return value.startsWith('-') ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (value.trim() === '') {
    throw new Error(`strconv.ParseFloat: parsing "${value}": invalid syntax`);
  }
  const parsed = Number(value);
  if (Number.isNaN(parsed) && value.toLowerCase() !== 'nan') {
    throw new Error(`strconv.ParseFloat: parsing "${value}": invalid syntax`);
  }
  return parsed;
}

/** Go's time.Duration.String() for a whole number of milliseconds ("15s", "1m0s", "1h30m0s", "500ms"). */
export function goDurationString(ms: number): string {
  if (ms === 0) {
    return '0s';
  }
  if (ms < 1000) {
    return `${ms}ms`;
  }
  const hours = Math.floor(ms / 3_600_000);
  const minutes = Math.floor((ms % 3_600_000) / 60_000);
  const seconds = (ms % 60_000) / 1000;
  let out = `${seconds}s`;
  if (hours > 0 || minutes > 0) {
    out = `${minutes}m${out}`;
  }
  if (hours > 0) {
    out = `${hours}h${out}`;
  }
  return out;
}

/** `probe_success{instance="a", job="b"}`, like promlib's metricNameFromLabels. */
export function metricNameFromLabels(labels: Labels): string {
  const name = labels.__name__;
  const pairs = Object.keys(labels)
    .filter((key) => key !== '__name__')
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  if (pairs.length === 0) {
    return name ?? '{}';
  }
  return `${name ?? ''}{${pairs.join(', ')}}`;
}

/** The series name promlib puts into `config.displayNameFromDS` (its getName). */
export function seriesDisplayName(query: Pick<BackendQuery, 'expr' | 'legendFormat'>, labels: Labels): string {
  let legend = metricNameFromLabels(labels);
  const format = query.legendFormat ?? '';
  if (format === LEGEND_FORMAT_AUTO) {
    if (Object.keys(labels).length > 0) {
      legend = '';
    }
  } else if (format !== '') {
    legend = format.replace(LEGEND_TEMPLATE, (_match, name: string) => labels[name.trim()] ?? '');
  }
  return legend === '{}' ? query.expr : legend;
}

/** promlib's executedQueryString. */
export function executedQueryString(query: BackendQuery): string {
  return `Expr: ${query.expr}\nStep: ${goDurationString(query.stepMs)}`;
}

function timeFromFloat(seconds: number): number {
  return Math.trunc(seconds * 1000);
}

/** Encodes numbers for JSON the way the Go SDK does: NaN and ±Inf become null plus an entities note. */
function encodeNumbers(values: number[]): { values: Array<number | null>; entities: FieldValueEntityLookup | null } {
  const entities: FieldValueEntityLookup = {};
  const out = values.map((value, index) => {
    if (Number.isFinite(value)) {
      return value;
    }
    const key = Number.isNaN(value) ? 'NaN' : value > 0 ? 'Inf' : 'NegInf';
    (entities[key] ??= []).push(index);
    return null;
  });
  return { values: out, entities: Object.keys(entities).length > 0 ? entities : null };
}

/** A field schema as the Go SDK writes it, with the Go type of its values. */
type WireField = FieldSchema & { typeInfo: { frame: string } };

interface SeriesFrame {
  labels: Labels;
  times: number[];
  values: number[];
}

function readSeries(resultType: string, result: unknown): SeriesFrame[] {
  if (!Array.isArray(result)) {
    throw new Error(`unexpected result for resultType ${resultType}`);
  }
  return (result as PromSeries[]).map((series) => {
    const samples = resultType === 'matrix' ? (series.values ?? []) : series.value ? [series.value] : [];
    return {
      labels: { ...(series.metric ?? {}) },
      times: samples.map(([t]) => timeFromFloat(t)),
      values: samples.map(([, v]) => parseSampleValue(v)),
    };
  });
}

function readScalar(result: unknown): SeriesFrame {
  if (!Array.isArray(result) || result.length !== 2) {
    throw new Error('unexpected scalar result');
  }
  const [t, v] = result as PromSample;
  return { labels: {}, times: [timeFromFloat(t)], values: [parseSampleValue(v)] };
}

function seriesFrameJSON(query: BackendQuery, series: SeriesFrame, meta: QueryResultMeta): DataFrameJSON {
  const valueConfig: FieldConfig = {};
  const displayName = seriesDisplayName(query, series.labels);
  if (displayName !== '') {
    valueConfig.displayNameFromDS = displayName;
  }
  const timeField: WireField = {
    name: 'Time',
    type: 'time' as FieldSchema['type'],
    typeInfo: { frame: 'time.Time' },
    config: { interval: query.stepMs },
  };
  // Dataplane: the value field carries the metric name when the series still has one.
  const valueField: WireField = {
    name: series.labels.__name__ ?? 'Value',
    type: 'number' as FieldSchema['type'],
    typeInfo: { frame: 'float64' },
    ...(Object.keys(valueConfig).length > 0 ? { config: valueConfig } : {}),
    ...(Object.keys(series.labels).length > 0 ? { labels: sortLabels(series.labels) } : {}),
  };
  const encoded = encodeNumbers(series.values);
  return {
    schema: { meta, fields: [timeField, valueField] },
    data: {
      values: [series.times, encoded.values],
      ...(encoded.entities ? { entities: [null, encoded.entities] } : {}),
    },
  };
}

function sortLabels(labels: Labels): Labels {
  const sorted: Labels = {};
  for (const key of Object.keys(labels).sort()) {
    sorted[key] = labels[key];
  }
  return sorted;
}

function noticesOf(body: PromApiBody): QueryResultMeta['notices'] {
  const notices = [
    ...(body.warnings ?? []).map((text) => ({ severity: 'warning' as const, text })),
    ...(body.infos ?? []).map((text) => ({ severity: 'info' as const, text })),
  ];
  return notices.length > 0 ? notices : undefined;
}

/**
 * Turns one Prometheus HTTP answer into the backend's DataResponse for that refId.
 * `bodyText` is the raw answer; `httpStatus` its status code.
 */
export function toBackendDataResponse(query: BackendQuery, httpStatus: number, bodyText: string): BackendDataResponse {
  let frames: DataFrameJSON[] = [];
  let error: string | undefined;
  try {
    const body = JSON.parse(bodyText) as PromApiBody;
    if (body.status === 'error') {
      error = `${body.errorType ?? ''}: ${body.error ?? ''}`;
    } else {
      frames = framesOf(query, body);
      const notices = noticesOf(body);
      if (notices) {
        if (frames.length === 0) {
          frames.push({
            schema: { name: 'Warnings', meta: { typeVersion: [0, 0] }, fields: [] },
            data: { values: [] },
          });
        }
        for (const frame of frames) {
          frame.schema!.meta = { ...frame.schema!.meta, notices };
        }
      }
    }
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
    frames = [];
  }

  if (frames.length === 0) {
    // promlib adds an empty frame so that the query's metadata reaches the panel.
    frames.push({ schema: { meta: { typeVersion: [0, 0] }, fields: [] }, data: { values: [] } });
  }
  frames[0].schema!.meta = { ...frames[0].schema!.meta, executedQueryString: executedQueryString(query) };

  return {
    status: httpStatus,
    frames,
    ...(error !== undefined ? { error, errorSource: 'downstream' } : {}),
  };
}

/** The answer when Prometheus could not be reached at all: an error and no frames. */
export function transportErrorResponse(message: string): BackendDataResponse {
  return { status: 500, error: message, errorSource: 'downstream' };
}

function framesOf(query: BackendQuery, body: PromApiBody): DataFrameJSON[] {
  const resultType = body.data?.resultType;
  const result = body.data?.result;
  switch (resultType) {
    case 'matrix':
    case 'vector': {
      const meta: QueryResultMeta = {
        type: (resultType === 'vector' ? 'numeric-multi' : 'timeseries-multi') as QueryResultMeta['type'],
        typeVersion: [0, 1],
        custom: { resultType },
      };
      return readSeries(resultType, result).map((series) => seriesFrameJSON(query, series, { ...meta }));
    }
    case 'scalar': {
      const meta: QueryResultMeta = {
        type: 'numeric-multi' as QueryResultMeta['type'],
        typeVersion: [0, 1],
        custom: { resultType },
      };
      return [seriesFrameJSON(query, readScalar(result), meta)];
    }
    case undefined:
      throw new Error('no resultType found');
    default:
      throw new Error(`unknown result type: ${resultType}`);
  }
}
