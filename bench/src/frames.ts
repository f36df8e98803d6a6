/**
 * Synthetic blackbox_exporter answers, turned into frames the way the preview host turns real
 * Prometheus answers into frames: a `query_range` body per target of the dashboard panel, the
 * backend's frame JSON (preview/src/datasource/promBackend.ts), Grafana's own
 * `toDataQueryResponse`, then the data source's frontend step (promFrontend.ts). The result is
 * ../shared/FRAMES.md shape 1: one frame per series, `Time` + `probe_success` / `probe_duration_seconds`
 * with labels and `displayNameFromDS`, `meta.type` `timeseries-multi`.
 *
 * Deterministic: the same seed gives the same values; only the time base moves with `end`.
 */
import { DataFrame } from '@grafana/data';
import { toDataQueryResponse } from '@grafana/runtime';

import type { PanelJSON } from '../../preview/src/dashboard/dashboardModel';
import { BackendDataResponse, PromTarget, toBackendDataResponse } from '../../preview/src/datasource/promBackend';
import { transformPromFrames } from '../../preview/src/datasource/promFrontend';

export const POINTS = 60;
export const STEP_MS = 60_000;

/** How the targets behave over the hour, in shares of all targets; the rest are steadily up. */
const SHARE_DOWN = 0.03;
const SHARE_FLAPPING = 0.02;
const SHARE_GONE = 0.01;
const SHARE_BLIPS = 0.05;

export interface GeneratedFrames {
  /** All frames, status (A) first then duration (B), as a panel with these queries receives them. */
  series: DataFrame[];
  /** Only the duration frames: what a Stat panel on the duration query receives. */
  durations: DataFrame[];
  end: number;
  targets: number;
  /** How many targets got each behaviour. */
  mix: Record<Behaviour, number>;
}

type Behaviour = 'up' | 'down' | 'flapping' | 'gone' | 'blips';

/** mulberry32: small, fast and good enough to make test data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JOBS = ['blackbox-tcp', 'blackbox-http', 'blackbox-icmp'];
const DOMAINS = ['internal', 'example.net', 'svc.cluster.local'];
const PORTS = [22, 443, 5432, 6379, 8080, 9090];

function instanceName(index: number, next: () => number): string {
  const kind = Math.floor(next() * 3);
  if (kind === 0) {
    return `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}:${PORTS[index % PORTS.length]}`;
  }
  const host = `${['api', 'db', 'cache', 'web', 'queue', 'auth'][index % 6]}-${String(index).padStart(5, '0')}`;
  return kind === 1
    ? `${host}.${DOMAINS[index % DOMAINS.length]}:${PORTS[(index >> 2) % PORTS.length]}`
    : `https://${host}.${DOMAINS[index % DOMAINS.length]}/healthz`;
}

function pickBehaviour(value: number): Behaviour {
  let edge = SHARE_DOWN;
  if (value < edge) {
    return 'down';
  }
  edge += SHARE_FLAPPING;
  if (value < edge) {
    return 'flapping';
  }
  edge += SHARE_GONE;
  if (value < edge) {
    return 'gone';
  }
  edge += SHARE_BLIPS;
  return value < edge ? 'blips' : 'up';
}

interface PromMatrixSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** Prometheus' text for a float: shortest round-trip form, like Go's strconv.FormatFloat(v, 'f', -1, 64). */
function promFloat(value: number): string {
  return String(value);
}

/**
 * Who the targets are and how each behaves comes from `seed`; the samples themselves also from `end`,
 * so that a later refresh of the same fleet gets new values.
 */
function seriesFor(count: number, seed: number, end: number) {
  const shape = random(seed);
  const next = random((seed * 31 + Math.floor(end / STEP_MS)) >>> 0);
  const status: PromMatrixSeries[] = [];
  const duration: PromMatrixSeries[] = [];
  const mix: Record<Behaviour, number> = { up: 0, down: 0, flapping: 0, gone: 0, blips: 0 };
  const firstSec = (end - (POINTS - 1) * STEP_MS) / 1000;
  for (let i = 0; i < count; i++) {
    const behaviour = pickBehaviour(shape());
    mix[behaviour]++;
    const labels = { instance: instanceName(i, shape), job: JOBS[i % JOBS.length] };
    // Probe durations: a per-target base from a few ms to a few hundred, with jitter.
    const base = 0.002 * Math.pow(150, shape());
    const downFrom = behaviour === 'down' ? POINTS - 1 - Math.floor(shape() * 45) : POINTS;
    const goneFrom = behaviour === 'gone' ? POINTS - 5 - Math.floor(shape() * 30) : POINTS;
    const flapPeriod = 2 + Math.floor(shape() * 4);
    const flapPhase = Math.floor(next() * flapPeriod);
    const statusValues: Array<[number, string]> = [];
    const durationValues: Array<[number, string]> = [];
    for (let k = 0; k < Math.min(POINTS, goneFrom); k++) {
      let up = true;
      if (k >= downFrom) {
        up = false;
      } else if (behaviour === 'flapping') {
        up = Math.floor((k + flapPhase) / flapPeriod) % 2 === 0;
      } else if (behaviour === 'blips') {
        up = next() > 0.08;
      }
      const time = firstSec + k * (STEP_MS / 1000);
      statusValues.push([time, up ? '1' : '0']);
      // A failed probe takes either a refused connection's few ms or the module's timeout.
      const seconds = up ? base * (0.7 + 0.6 * next()) : next() < 0.5 ? 0.0005 + 0.002 * next() : 5 + 0.01 * next();
      durationValues.push([time, promFloat(seconds)]);
    }
    status.push({ metric: { __name__: 'probe_success', ...labels }, values: statusValues });
    duration.push({ metric: { __name__: 'probe_duration_seconds', ...labels }, values: durationValues });
  }
  return { status, duration, mix };
}

/** The panel's queries as the backend runs them (`$job` and `$instance` at "All"). */
function backendQuery(target: PromTarget) {
  return {
    refId: target.refId,
    expr: target.expr.replace(/\$\{?(job|instance)\}?/g, '.*'),
    stepMs: STEP_MS,
    legendFormat: target.legendFormat,
    instant: false,
  };
}

function matrixBody(result: PromMatrixSeries[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

/**
 * `count` targets, each with a status and a duration series of POINTS samples one STEP_MS apart,
 * the last at `end`. The panel's targets A (status) and B (duration) name the queries.
 */
export function generateFrames(panel: PanelJSON, count: number, seed: number, end: number): GeneratedFrames {
  const targets = (panel.targets ?? []).filter((t) => t.refId === 'A' || t.refId === 'B');
  if (targets.length !== 2) {
    throw new Error('the dashboard panel needs targets A (probe_success) and B (probe_duration_seconds)');
  }
  const { status, duration, mix } = seriesFor(count, seed, end);
  const bodies: Record<string, string> = { A: matrixBody(status), B: matrixBody(duration) };
  const results: Record<string, BackendDataResponse> = {};
  for (const target of targets) {
    results[target.refId] = toBackendDataResponse(backendQuery(target), 200, bodies[target.refId]);
  }
  const response = toDataQueryResponse({ data: { results }, status: 200 } as never, targets as never);
  const series = transformPromFrames(response.data as DataFrame[], targets);
  return { series, durations: series.filter((frame) => frame.refId === 'B'), end, targets: count, mix };
}
