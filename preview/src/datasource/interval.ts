/**
 * The query step, computed the way Grafana does for a Prometheus panel query:
 * 1. the frontend (PanelQueryRunner) picks `intervalMs` from the range and max data points, never below
 *    the panel's "Min interval" or the datasource's scrape interval (`rangeUtil.calculateInterval`);
 * 2. the backend (promlib `calculatePrometheusInterval`) takes the query's "Min step" or that `intervalMs`
 *    as the lower bound, divides the range by max data points again, keeps at least range/11000
 *    (Prometheus' 11,000-point limit), and multiplies by the interval factor;
 * 3. range queries are aligned down to a multiple of the step (promlib `AlignTimeRange`).
 */
import { rangeUtil, TimeRange } from '@grafana/data';

import { goDurationString } from './promBackend';

/** promlib's safe resolution: Prometheus refuses more than 11,000 points per series. */
export const SAFE_RESOLUTION = 11000;
/** promlib's fallback when neither query nor datasource gives a minimum. */
export const DEFAULT_MIN_INTERVAL_MS = 15_000;
/** promlib's resolution when the request has no max data points. */
export const DEFAULT_RESOLUTION = 1500;

const RATE_INTERVAL_VARS = ['$__rate_interval', '${__rate_interval}'];
const VARIABLE_INTERVALS = [
  '$__interval',
  '$__interval_ms',
  '$__rate_interval',
  '$__rate_interval_ms',
  '${__interval}',
  '${__interval_ms}',
  '${__rate_interval}',
  '${__rate_interval_ms}',
];

export interface StepInput {
  range: TimeRange;
  maxDataPoints: number;
  /** The frontend's `intervalMs` for the request (see requestInterval). */
  intervalMs: number;
  /** The datasource's scrape interval (`jsonData.timeInterval`). */
  dsScrapeInterval?: string;
  /** The query's "Min step" after variable interpolation. */
  queryMinStep?: string;
  intervalFactor?: number;
}

/** Grafana's interval strings: a plain number means seconds; also "<15s"-style legacy markers. */
export function parseIntervalMs(value: string): number {
  const cleaned = value.replace('<', '').replace('>', '').trim();
  if (/^\d+$/.test(cleaned)) {
    return Number(cleaned) * 1000;
  }
  return rangeUtil.intervalToMs(cleaned);
}

/**
 * The request's interval, as the dashboard's query runner computes it: range / max data points, rounded,
 * never below the panel's "Min interval" (or, without one, the datasource's scrape interval).
 */
export function requestInterval(
  range: TimeRange,
  maxDataPoints: number,
  panelMinInterval?: string,
  dsScrapeInterval?: string
): { intervalMs: number; interval: string } {
  return rangeUtil.calculateInterval(range, maxDataPoints, panelMinInterval || dsScrapeInterval);
}

function minIntervalMs(
  dsScrapeInterval: string | undefined,
  queryMinStep: string | undefined,
  intervalMs: number
): number {
  let interval = queryMinStep ?? '';
  if (VARIABLE_INTERVALS.includes(interval) || interval === '0s') {
    interval = '';
  }
  if (interval === '' && intervalMs !== 0) {
    return intervalMs;
  }
  if (interval === '' && dsScrapeInterval) {
    interval = dsScrapeInterval;
  }
  return interval === '' ? DEFAULT_MIN_INTERVAL_MS : parseIntervalMs(interval);
}

/** promlib's calculateRateInterval. */
export function rateIntervalMs(queryIntervalMs: number, requestedMinStep: string | undefined): number {
  const scrapeMs = parseIntervalMs(requestedMinStep || '15s');
  return Math.max(queryIntervalMs + scrapeMs, 4 * scrapeMs);
}

/** The step promlib sends to Prometheus for one query (calculatePrometheusInterval). */
export function prometheusStep(input: StepInput): number {
  const rangeMs = input.range.to.valueOf() - input.range.from.valueOf();
  const minMs = minIntervalMs(input.dsScrapeInterval, input.queryMinStep, input.intervalMs);
  const resolution = input.maxDataPoints || DEFAULT_RESOLUTION;
  const rawMs = rangeMs / resolution;
  const calculatedMs = rawMs < minMs ? minMs : rangeUtil.roundInterval(rawMs);
  const safeMs = rangeUtil.roundInterval(rangeMs / SAFE_RESOLUTION);
  const adjustedMs = Math.max(calculatedMs, safeMs);

  if (RATE_INTERVAL_VARS.includes(input.queryMinStep ?? '')) {
    return rateIntervalMs(adjustedMs, input.dsScrapeInterval);
  }
  return adjustedMs * (input.intervalFactor || 1);
}

/** promlib's AlignTimeRange: rounds a time down to a multiple of the step, shifted by the UTC offset. */
export function alignToStep(timeMs: number, stepMs: number, utcOffsetSec = 0): number {
  const offsetMs = utcOffsetSec * 1000;
  return Math.floor((timeMs + offsetMs) / stepMs) * stepMs - offsetMs;
}

/** gtime.FormatInterval: "15s", "1m", "2h", "1d". */
export function formatInterval(ms: number): string {
  const units: Array<[number, string]> = [
    [365 * 86_400_000, 'y'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
    [1, 'ms'],
  ];
  for (const [size, unit] of units) {
    if (ms >= size) {
      return `${Math.floor(ms / size)}${unit}`;
    }
  }
  return '1ms';
}

export interface BuiltinVariables {
  /** The frontend's `intervalMs`. */
  queryIntervalMs: number;
  stepMs: number;
  /** The query's "Min step" as saved. */
  queryMinStep?: string;
  dsScrapeInterval?: string;
  rangeMs: number;
}

/** promlib's interpolateVariables: `$__interval`, `$__rate_interval`, `$__range` and their `${}` forms. */
export function interpolateBuiltins(expr: string, vars: BuiltinVariables): string {
  const rangeS = Math.round(vars.rangeMs / 1000);
  let requestedMinStep = vars.queryMinStep ?? '';
  let rateMs: number;
  if (RATE_INTERVAL_VARS.includes(requestedMinStep)) {
    rateMs = vars.stepMs;
  } else {
    if (requestedMinStep === '$__interval' || requestedMinStep === '${__interval}') {
      requestedMinStep = goDurationString(vars.stepMs);
    }
    if (requestedMinStep === '') {
      requestedMinStep = vars.dsScrapeInterval ?? '';
    }
    rateMs = rateIntervalMs(vars.queryIntervalMs, goToGrafanaInterval(requestedMinStep));
  }

  const replacements: Array<[string, string]> = [
    ['__interval_ms', String(vars.stepMs)],
    ['__interval', formatInterval(vars.stepMs)],
    ['__range_ms', String(vars.rangeMs)],
    ['__range_s', String(rangeS)],
    ['__range', `${rangeS}s`],
    ['__rate_interval_ms', String(rateMs)],
    ['__rate_interval', goDurationString(rateMs)],
  ];
  let out = expr;
  for (const [name, value] of replacements) {
    out = out.split(`$${name}`).join(value);
  }
  for (const [name, value] of replacements) {
    out = out.split(`\${${name}}`).join(value);
  }
  return out;
}

/** Go durations such as "1m0s" are valid Prometheus/Grafana intervals only without the zero parts. */
function goToGrafanaInterval(value: string): string {
  const match = /^(?:(\d+)h)?(?:(\d+)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(value);
  if (!match || value === '') {
    return value;
  }
  const ms = (Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0)) * 1000;
  return `${ms / 1000}s`;
}
