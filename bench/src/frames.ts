/**
 * Synthetic blackbox_exporter answers, turned into frames the way the preview host turns real
 * Prometheus answers into frames: a `query_range` body per target of the dashboard panel, the
 * backend's frame JSON (preview/src/datasource/promBackend.ts), Grafana's own
 * `toDataQueryResponse`, then the data source's frontend step (promFrontend.ts). The result is
 * ../shared/FRAMES.md shape 1: one frame per series, `Time` + `probe_success` / `probe_duration_seconds`
 * with labels and `displayNameFromDS`, `meta.type` `timeseries-multi`; and every other query of the
 * panel the way blackbox_exporter and Prometheus would answer it (prober health, HTTP status,
 * certificate expiry, content check, DNS lookup, HTTP phases, ICMP hosts, ALERTS, and the instant
 * uptime query), so that the panel is measured with all its roles present.
 *
 * Deterministic: the same seed gives the same values; only the time base moves with `end`.
 */
import { DataFrame } from '@grafana/data';
import { toDataQueryResponse } from '@grafana/runtime';

import {
  BackendDataResponse,
  PanelJSON,
  PromTarget,
  toBackendDataResponse,
  transformPromFrames,
} from '../../preview/src/entry';

export const POINTS = 60;
export const STEP_MS = 60_000;

/** How the targets behave over the hour, in shares of all targets; the rest are steadily up. */
const SHARE_DOWN = 0.03;
const SHARE_FLAPPING = 0.02;
const SHARE_GONE = 0.01;
const SHARE_BLIPS = 0.05;

export interface GeneratedFrames {
  /** All frames, status (A) first, then duration (B) and the other queries, as the panel receives them. */
  series: DataFrame[];
  /** Only the duration frames: what a Stat panel on the duration query receives. */
  durations: DataFrame[];
  /** Only status and duration (A and B): the panel's inputs before it read the other blackbox metrics. */
  basic: DataFrame[];
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

/** An address to probe: an IP and port, a host name and port, or an HTTPS URL. */
function instanceOf(index: number, next: () => number): { instance: string; host: string; kind: number } {
  const kind = Math.floor(next() * 3);
  if (kind === 0) {
    const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
    return { instance: `${ip}:${PORTS[index % PORTS.length]}`, host: ip, kind };
  }
  const name = `${['api', 'db', 'cache', 'web', 'queue', 'auth'][index % 6]}-${String(index).padStart(5, '0')}`;
  const host = `${name}.${DOMAINS[index % DOMAINS.length]}`;
  return kind === 1
    ? { instance: `${host}:${PORTS[(index >> 2) % PORTS.length]}`, host, kind }
    : { instance: `https://${host}/healthz`, host, kind };
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

interface PromVectorSample {
  metric: Record<string, string>;
  value: [number, string];
}

/** The answers of the other queries, by role. */
interface OtherSeries {
  prober: PromMatrixSeries[];
  httpStatus: PromMatrixSeries[];
  certExpiry: PromMatrixSeries[];
  contentCheck: PromMatrixSeries[];
  dnsLookup: PromMatrixSeries[];
  httpPhase: PromMatrixSeries[];
  host: PromMatrixSeries[];
  alerts: PromMatrixSeries[];
  uptime: PromVectorSample[];
}

const HTTP_PHASES = ['resolve', 'connect', 'tls', 'processing', 'transfer'];
const DAY_SEC = 24 * 60 * 60;

/** A series with one value at every time of `times`. */
function constant(metric: Record<string, string>, times: number[], value: (k: number) => string): PromMatrixSeries {
  return { metric, values: times.map((time, k) => [time, value(k)]) };
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
  const other: OtherSeries = {
    prober: [],
    httpStatus: [],
    certExpiry: [],
    contentCheck: [],
    dnsLookup: [],
    httpPhase: [],
    host: [],
    alerts: [],
    uptime: [],
  };
  const mix: Record<Behaviour, number> = { up: 0, down: 0, flapping: 0, gone: 0, blips: 0 };
  const firstSec = (end - (POINTS - 1) * STEP_MS) / 1000;
  const endSec = end / 1000;
  for (let i = 0; i < count; i++) {
    const behaviour = pickBehaviour(shape());
    mix[behaviour]++;
    const address = instanceOf(i, shape);
    const labels = { instance: address.instance, job: JOBS[i % JOBS.length], host: address.host };
    // Probe durations: a per-target base from a few ms to a few hundred, with jitter.
    const base = 0.002 * Math.pow(150, shape());
    const downFrom = behaviour === 'down' ? POINTS - 1 - Math.floor(shape() * 45) : POINTS;
    const goneFrom = behaviour === 'gone' ? POINTS - 5 - Math.floor(shape() * 30) : POINTS;
    const flapPeriod = 2 + Math.floor(shape() * 4);
    const flapPhase = Math.floor(next() * flapPeriod);
    const certDays = 2 + shape() * 88;
    const statusValues: Array<[number, string]> = [];
    const durationValues: Array<[number, string]> = [];
    const times: number[] = [];
    const ups: boolean[] = [];
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
      times.push(time);
      ups.push(up);
      statusValues.push([time, up ? '1' : '0']);
      // A failed probe takes either a refused connection's few ms or the module's timeout.
      const seconds = up ? base * (0.7 + 0.6 * next()) : next() < 0.5 ? 0.0005 + 0.002 * next() : 5 + 0.01 * next();
      durationValues.push([time, promFloat(seconds)]);
    }
    status.push({ metric: { __name__: 'probe_success', ...labels }, values: statusValues });
    duration.push({ metric: { __name__: 'probe_duration_seconds', ...labels }, values: durationValues });

    other.prober.push(constant({ __name__: 'up', ...labels }, times, () => '1'));
    if (address.kind !== 0) {
      other.dnsLookup.push(
        constant({ __name__: 'probe_dns_lookup_time_seconds', ...labels }, times, () =>
          promFloat(0.001 + 0.004 * next())
        )
      );
    }
    if (address.kind === 2) {
      other.httpStatus.push(
        constant({ __name__: 'probe_http_status_code', ...labels }, times, (k) => (ups[k] ? '200' : '503'))
      );
      const expiry = String(Math.round(endSec + certDays * DAY_SEC));
      other.certExpiry.push(constant({ __name__: 'probe_ssl_earliest_cert_expiry', ...labels }, times, () => expiry));
      other.contentCheck.push(constant({ __name__: 'probe_failed_due_to_regex', ...labels }, times, () => '0'));
      for (const phase of HTTP_PHASES) {
        other.httpPhase.push(
          constant({ __name__: 'probe_http_duration_seconds', ...labels, phase }, times, () =>
            promFloat((base / HTTP_PHASES.length) * (0.5 + next()))
          )
        );
      }
    } else if (address.kind === 0 && i % JOBS.length === 2) {
      // An ICMP probe of the host, down with its port.
      other.host.push({
        metric: { __name__: 'probe_success', ...labels, instance: address.host },
        values: statusValues,
      });
    }
    if (behaviour === 'down' && ups.length > 0 && !ups[ups.length - 1]) {
      other.alerts.push(
        constant(
          { __name__: 'ALERTS', alertname: 'PortwatchTargetDown', alertstate: 'firing', ...labels },
          times.slice(downFrom + 1),
          () => '1'
        )
      );
    }
    if (ups.length > 0) {
      const share = ups.filter(Boolean).length / ups.length;
      other.uptime.push({ metric: labels, value: [endSec, promFloat(share)] });
    }
  }
  return { status, duration, other, mix };
}

/** The panel's queries as the backend runs them (`$job` and `$instance` at "All"). */
function backendQuery(target: PromTarget) {
  return {
    refId: target.refId,
    expr: target.expr.replace(/\$\{?(job|instance)\}?/g, '.*'),
    stepMs: STEP_MS,
    legendFormat: target.legendFormat,
    instant: Boolean(target.instant),
  };
}

function matrixBody(result: PromMatrixSeries[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result } });
}

function vectorBody(result: PromVectorSample[]): string {
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result } });
}

/** The refId option of each role, with the panel's defaults. */
const ROLE_REF_IDS: Record<keyof OtherSeries, [string, string]> = {
  prober: ['proberRefId', 'C'],
  httpStatus: ['httpStatusRefId', 'D'],
  certExpiry: ['certExpiryRefId', 'E'],
  contentCheck: ['contentCheckRefId', 'F'],
  dnsLookup: ['dnsLookupRefId', 'G'],
  httpPhase: ['httpPhaseRefId', 'H'],
  host: ['hostRefId', 'I'],
  alerts: ['alertsRefId', 'J'],
  uptime: ['uptimeRefId', 'U'],
};

/**
 * `count` targets, each with a status and a duration series of POINTS samples one STEP_MS apart,
 * the last at `end`, and the answers of the panel's other queries. The panel's targets A (status)
 * and B (duration) must be there; the others are answered when the panel has them, unless `basicOnly`
 * (status and duration alone, as in the floor comparison).
 */
export function generateFrames(
  panel: PanelJSON,
  count: number,
  seed: number,
  end: number,
  basicOnly = false
): GeneratedFrames {
  const all = panel.targets ?? [];
  if (!all.some((t) => t.refId === 'A') || !all.some((t) => t.refId === 'B')) {
    throw new Error('the dashboard panel needs targets A (probe_success) and B (probe_duration_seconds)');
  }
  const { status, duration, other, mix } = seriesFor(count, seed, end);
  const bodies: Record<string, string> = { A: matrixBody(status), B: matrixBody(duration) };
  const options = (panel.options ?? {}) as Record<string, unknown>;
  for (const [role, [option, fallback]] of (basicOnly ? [] : Object.entries(ROLE_REF_IDS)) as Array<
    [keyof OtherSeries, [string, string]]
  >) {
    const refId = typeof options[option] === 'string' ? (options[option] as string) : fallback;
    bodies[refId] = role === 'uptime' ? vectorBody(other.uptime) : matrixBody(other[role] as PromMatrixSeries[]);
  }
  const targets = all.filter((t) => bodies[t.refId] !== undefined);
  const results: Record<string, BackendDataResponse> = {};
  for (const target of targets) {
    results[target.refId] = toBackendDataResponse(backendQuery(target), 200, bodies[target.refId]);
  }
  const response = toDataQueryResponse({ data: { results }, status: 200 } as never, targets as never);
  const series = transformPromFrames(response.data as DataFrame[], targets);
  return {
    series,
    durations: series.filter((frame) => frame.refId === 'B'),
    basic: series.filter((frame) => frame.refId === 'A' || frame.refId === 'B'),
    end,
    targets: count,
    mix,
  };
}
