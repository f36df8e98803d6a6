import { DataFrame, Field } from '@grafana/data';

import { SortBy } from '../options/defaultOptions';

import type { FactSettings } from './facts';

export type TargetState = 'up' | 'down' | 'stale' | 'unknown' | 'partial';

export const TARGET_STATES: readonly TargetState[] = ['up', 'down', 'stale', 'unknown', 'partial'];

export type Role =
  | 'status'
  | 'duration'
  | 'prober'
  | 'httpStatus'
  | 'certExpiry'
  | 'contentCheck'
  | 'dnsLookup'
  | 'httpPhase'
  | 'host'
  | 'alerts'
  | 'uptime';

/** Roles that add facts to a target rather than decide its state. */
export type FactRole = Exclude<Role, 'status' | 'duration' | 'prober'>;

export type Labels = Record<string, string>;

/**
 * A view of one series' samples without copying them: indexes `start` to `end - 1` of the arrays,
 * in ascending time. Values are what the data source sent: null, NaN or ±Inf where Prometheus had
 * no usable value, so draw only finite ones.
 */
export interface SampleRun {
  times: ArrayLike<number>;
  values: ArrayLike<number>;
  start: number;
  end: number;
}

/** What a target's duration series say. */
export interface DurationFigures {
  /** Newest probe duration in seconds. */
  duration?: number;
  durationStats?: DurationStats;
  /** The duration series, for the sparkline. */
  durationRun?: SampleRun;
  /** A field that carries the duration's field config, for `field.display` and links. */
  durationField?: Field;
}

/** A target's duration figures, made once, when first asked for. */
export interface DurationSource {
  figures(): DurationFigures;
}

export interface DurationStats {
  min: number;
  avg: number;
  max: number;
}

/**
 * Why a state was chosen, as a code and its figures: the view words it (components/reasonText.ts),
 * so that the words can be translated.
 */
export type Reason =
  | { code: 'probe-succeeded' }
  | { code: 'probe-failed' }
  | { code: 'no-sample' }
  | { code: 'prober-unreachable' }
  | { code: 'no-status-series' }
  /** The newest value is neither 0 nor 1 (NaN, ±Inf, 2 ...). */
  | { code: 'invalid-value'; value: number }
  /** Two values at the newest time: several series made one (see SeriesScan.conflictTime). */
  | { code: 'several-values' }
  /** The newest sample is older than the staleness limit by this much. */
  | { code: 'silent'; ms: number }
  | { code: 'all-up'; count: number }
  | { code: 'some-up'; up: number; count: number }
  | { code: 'all-failed'; count: number }
  | { code: 'some-failed'; failed: number; count: number };

/**
 * A problem with the data the user can act on, as a code and its figures (counted per query, so a
 * thousand odd series make one warning); the view words it (components/warningText.ts).
 */
export type Warning =
  | { code: 'bad-stale-after'; text: string }
  | { code: 'zero-stale-after'; text: string }
  /** Series of a metric the panel does not read. */
  | { code: 'ignored-metric'; count: number; refId: string; metric: string }
  /** Series without a metric name whose refId maps to no role. */
  | { code: 'ignored-unmapped'; count: number; refId: string }
  /** Series with none of the key labels: joined by display name (status, duration) or to no target. */
  | { code: 'unkeyed'; count: number; role: Role; refId: string; keyLabels: string[] }
  | { code: 'duplicates'; count: number }
  /** Status series with two values at one time (SeriesScan.conflictTime). */
  | { code: 'several-values'; count: number }
  /** Series of a frame without a time field. */
  | { code: 'undated'; count: number; refId: string }
  /** Frames of the "Series to rows" transformation, left out: they keep neither labels nor metric names. */
  | { code: 'series-to-rows'; count: number }
  /** Status queried at a step of `stepMs`, long enough that the newest state may be that old. */
  | { code: 'coarse-step'; stepMs: number }
  /** The data source has not answered for `ms`; the panel shows its last answer (useWaitingClock). */
  | { code: 'no-answer'; ms: number };

/** One status series of a target, for targets probed by several modules or locations. */
export interface Probe {
  /** The series' own labels (without `__name__`); they show what sets this probe apart. */
  labels: Labels;
  state: TargetState;
  reason: Reason;
  lastSampleTime?: number;
}

/** One sample's value and time, as the newest of a series gave it. */
export interface FactSample {
  value: number;
  time: number;
}

export interface ActiveAlert {
  name: string;
  state: 'firing' | 'pending';
  /** Newest sample of its ALERTS series. */
  time: number;
  severity?: string;
}

/** What the other blackbox metrics say about a target: each present when its fresh series is. */
export interface TileFacts {
  httpStatus?: FactSample;
  /** Value: the certificate's expiry in Unix seconds, as blackbox_exporter writes it. */
  certExpiry?: FactSample;
  /** Value: 1 when the body failed the module's regular expressions. */
  contentCheck?: FactSample;
  dnsLookup?: FactSample;
  /** Newest seconds per phase of the HTTP probe (resolve, connect, tls, processing, transfer). */
  httpPhases?: Array<{ phase: string } & FactSample>;
  /**
   * The host's ICMP probe, when there is one: its state and newest sample. `answering`: some target
   * of the host answers its own probe, so the host is up whatever ICMP says (a firewall that drops
   * ping), and a port of it that is down is down on its own.
   */
  host?: { name: string; state: TargetState; time?: number; answering?: boolean };
  /** Active alerts of the target, firing first. */
  alerts?: ActiveAlert[];
}

/** A fact shown on the tile itself; the view words it. */
export type Badge =
  | { kind: 'http-status'; code: number }
  | { kind: 'cert-expiry'; days: number; severity: 'warning' | 'critical' }
  | { kind: 'content-check' }
  /** `answers`: the target itself answers, so the host is up and only its ICMP echo fails. */
  | { kind: 'host-unreachable'; host: string; answers: boolean }
  | { kind: 'alert-firing' | 'alert-pending'; name: string };

/** One cell of a target's history over the time range. */
export type HistoryCell = 'up' | 'down' | 'partial' | 'unknown' | 'gap';

export interface Tile {
  /** Key label values joined by `/`; unique within a model. */
  key: string;
  name: string;
  /** Labels of the target's status series (without `__name__`). */
  labels: Labels;
  state: TargetState;
  /** Why the state was chosen. */
  reason: Reason;
  /** For partial targets and in general: how many status series are up, of how many. */
  upCount: number;
  seriesCount: number;
  /** Under the quorum option: does this target count as healthy for the summary and sorting. */
  healthy: boolean;
  /** Newest status sample time (ms); undefined when there is none. */
  lastSampleTime?: number;
  /** Oldest status sample time (ms): where a state that held for all samples is known from. */
  firstSampleTime?: number;
  /** `now - lastSampleTime` in ms. */
  ageMs?: number;
  /**
   * Start of the current state (ms): its last change, or for a state that held over all samples the
   * first sample, or the range start when the samples reach back to it (`stateHeldFromStart`).
   */
  stateSince: number;
  /** The state held at least since `stateSince`, the range start, and may have begun earlier. */
  stateHeldFromStart: boolean;
  stateChanges: number;
  flapping: boolean;
  /**
   * Uptime over the range, 0..1: exact from an `avg_over_time` query when there is one
   * (`uptimeExact`), else the share of status samples that were up; undefined without either.
   */
  uptime?: number;
  uptimeExact?: boolean;
  /** Whether the uptime is under the panel's uptime target. */
  belowUptimeTarget?: boolean;
  /**
   * The probe duration's figures, worked out when first asked for (`durations.figures()`): most tiles
   * are never drawn, and only a sort by duration or a colour scheme by value needs every one.
   */
  durations: DurationSource;
  /** Periods in which the target was down, for marking on the sparkline. */
  downRanges: Array<[number, number]>;
  /** A field that carries the status' field config, for links when there is no duration. */
  statusField?: Field;
  /** Each status series on its own, in the order they arrived. */
  probes?: Probe[];
  /** The status series' samples, for the history strip (drawn only for tiles in view). */
  statusRuns?: SampleRun[];
  /**
   * Facts read while the model was built: the host, active alerts, and any fact from a table or
   * joined frame. Read the tile's facts through `tileFacts`, which adds the deferred ones and the
   * badges they earn.
   */
  facts?: TileFacts;
  /** Series of the facts read only when the tile is drawn (see `tileFacts`). */
  deferredFacts?: DataFrame[];
  /** What the facts are judged by, shared by all tiles of a model. */
  factSettings?: FactSettings;
  /** Age up to which a fact's newest sample is fresh: the target's staleness limit and slack. */
  freshMs?: number;
  /** Whether an alert of the target is firing: counted in the summary, and a filter. */
  firing?: boolean;
}

export interface Summary {
  up: number;
  down: number;
  stale: number;
  unknown: number;
  partial: number;
  total: number;
  /** Targets healthy under the quorum rule. */
  healthy: number;
  /** Partial targets among them. */
  partialHealthy: number;
  /** Targets with a firing alert. */
  firing: number;
}

export interface PanelModel {
  tiles: Tile[];
  summary: Summary;
  /** Problems the user can act on: ignored series, missing key labels, odd values. */
  warnings: Warning[];
  /** Whether any status series was found; without one the panel explains which queries to add. */
  hasStatus: boolean;
  /** The staleness limit that was applied, in ms. */
  staleLimitMs: number;
}

/** What the viewer asked to see: text filter, state filter (empty for all), order and grouping. */
export interface ArrangeOptions {
  text: string;
  states: TargetState[];
  /** Only targets with a firing alert. */
  firing?: boolean;
  sortBy: SortBy;
  groupBy: string;
}

export interface TileGroup {
  /** Value of the group-by label; empty when not grouped, and for the targets without the label. */
  name: string;
  tiles: Tile[];
  /** The group's counts, for its header: only groups by a label have one (the summary bar counts all tiles). */
  summary?: Summary;
  /**
   * Set when only this many of `tiles` are in order, the first ones; the others follow in the
   * model's order until the arrangement is made in full (arrangeTiles' `firstCount`).
   */
  orderedCount?: number;
}
