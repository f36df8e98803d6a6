/**
 * Runs a panel's Prometheus targets the way a Grafana dashboard does and returns the PanelData the panel
 * receives (before field config): request built by the frontend, each query run by the backend
 * (promlib) against Prometheus, the `/api/ds/query` answer decoded by Grafana's own
 * `toDataQueryResponse`, then the datasource's frontend transform and the panel's transformations.
 */
import { lastValueFrom } from 'rxjs';

import {
  CoreApp,
  DataFrame,
  DataQueryRequest,
  LoadingState,
  PanelData,
  ScopedVars,
  TimeRange,
  transformDataFrame,
} from '@grafana/data';
import { toDataQueryResponse } from '@grafana/runtime';

import type { PanelJSON } from '../dashboard/dashboardModel';
import { interpolatePromQL, TemplateVariables } from '../dashboard/templating';
import { alignToStep, interpolateBuiltins, prometheusStep, requestInterval } from './interval';
import { BackendDataResponse, PromTarget, toBackendDataResponse, transportErrorResponse } from './promBackend';
import { transformPromFrames } from './promFrontend';
import { PrometheusClient, PromTransportError } from './prometheusClient';

export interface DataSourceSettings {
  uid: string;
  /** `jsonData.timeInterval`: the scrape interval, used as the lowest step. */
  scrapeInterval?: string;
}

export interface PanelQueryInput {
  panel: PanelJSON;
  range: TimeRange;
  /** Width of the panel in pixels: the max data points when the panel sets none. */
  width: number;
  variables: TemplateVariables;
  datasource: DataSourceSettings;
  client: PrometheusClient;
  timeZone: string;
  requestId: string;
  signal?: AbortSignal;
}

/** Grafana's default when neither the panel nor its width gives max data points. */
const DEFAULT_MAX_DATA_POINTS = 500;

async function runTarget(
  target: PromTarget,
  input: PanelQueryInput,
  request: DataQueryRequest<PromTarget>
): Promise<BackendDataResponse> {
  const { variables, range, datasource, client } = input;
  // Like the Prometheus datasource's applyTemplateVariables: $__interval is left for the backend.
  const scopedVars: ScopedVars = {
    ...request.scopedVars,
    __interval: { text: '$__interval', value: '$__interval' },
    __interval_ms: { text: '$__interval_ms', value: '$__interval_ms' },
  };
  const frontendExpr = variables.replace(target.expr, scopedVars, interpolatePromQL);
  const queryMinStep = target.interval ? variables.replace(target.interval, scopedVars) : undefined;

  const stepMs = prometheusStep({
    range,
    maxDataPoints: request.maxDataPoints ?? DEFAULT_MAX_DATA_POINTS,
    intervalMs: request.intervalMs,
    dsScrapeInterval: datasource.scrapeInterval,
    queryMinStep,
    intervalFactor: target.intervalFactor,
  });
  const rangeMs = range.to.valueOf() - range.from.valueOf();
  const expr = interpolateBuiltins(frontendExpr, {
    queryIntervalMs: request.intervalMs,
    stepMs,
    queryMinStep,
    dsScrapeInterval: datasource.scrapeInterval,
    rangeMs,
  });
  const query = {
    refId: target.refId,
    expr,
    stepMs,
    legendFormat: target.legendFormat,
    instant: Boolean(target.instant),
  };

  try {
    const answer = target.instant
      ? await client.queryInstant(expr, range.to.valueOf(), input.signal)
      : await client.queryRange(
          expr,
          alignToStep(range.from.valueOf(), stepMs),
          alignToStep(range.to.valueOf(), stepMs),
          stepMs,
          input.signal
        );
    return toBackendDataResponse(query, answer.status, answer.body);
  } catch (e) {
    if (e instanceof PromTransportError) {
      return transportErrorResponse(e.message);
    }
    throw e;
  }
}

/** Builds the request the dashboard's query runner would send. */
export function buildRequest(input: PanelQueryInput): DataQueryRequest<PromTarget> {
  const { panel, range, width, variables } = input;
  const maxDataPoints = panel.maxDataPoints ?? (width > 0 ? Math.round(width) : DEFAULT_MAX_DATA_POINTS);
  const minInterval = panel.interval ? variables.replace(panel.interval) : undefined;
  const { intervalMs, interval } = requestInterval(range, maxDataPoints, minInterval, input.datasource.scrapeInterval);
  return {
    app: CoreApp.Dashboard,
    requestId: input.requestId,
    timezone: input.timeZone,
    range,
    interval,
    intervalMs,
    maxDataPoints,
    targets: (panel.targets ?? []).filter((t) => !t.hide),
    scopedVars: {
      __interval: { text: interval, value: interval },
      __interval_ms: { text: String(intervalMs), value: intervalMs },
    },
    panelId: panel.id,
    startTime: Date.now(),
  } as DataQueryRequest<PromTarget>;
}

/** Runs the panel's queries once. */
export async function runPanelQueries(input: PanelQueryInput): Promise<PanelData> {
  const request = buildRequest(input);
  const answers = await Promise.all(request.targets.map((target) => runTarget(target, input, request)));
  const results: Record<string, BackendDataResponse> = {};
  request.targets.forEach((target, index) => {
    results[target.refId] = answers[index];
  });

  const response = toDataQueryResponse({ data: { results }, status: 200 } as never, request.targets);
  let series: DataFrame[] = transformPromFrames(response.data as DataFrame[], request.targets);

  const transformations = (input.panel.transformations ?? []).filter((t) => !t.disabled);
  if (transformations.length > 0) {
    series = await lastValueFrom(
      transformDataFrame(transformations, series, { interpolate: (v) => input.variables.replace(v) })
    );
  }

  return {
    state: response.state ?? LoadingState.Done,
    series,
    errors: response.errors,
    error: response.error,
    timeRange: input.range,
    request,
  };
}
