import { DataFrame } from '@grafana/data';

import { DAY_MS } from '../constants';
import type { SeriesRun } from './collectSeries';
import { newestIn, newestOfFrame, roleOfField, soleNumberField } from './frameShortcuts';
import { comparableHost } from './hostOfAddress';
import { labelValue } from './labelValue';
import { targetKey } from './targetKey';
import { ActiveAlert, Badge, FactRole, FactSample, Labels, Role, TargetState, Tile, TileFacts } from './types';

/** A series of one of the roles that add facts to a target. */
export interface FactRun {
  role: Exclude<FactRole, 'host'>;
  run: SeriesRun;
}

export interface CollectedFacts {
  facts: TileFacts | undefined;
  /** Exact uptime over the range, 0..1, from the uptime query. */
  uptime: number | undefined;
}

export interface BadgeOptions {
  certWarningDays: number;
  certCriticalDays: number;
}

/** What the facts of every tile of one model are judged by: one object, shared by the tiles. */
export interface FactSettings extends BadgeOptions {
  now: number;
  /** The role of each refId the options name. */
  roles: ReadonlyMap<string, Role>;
  /** The model's key label names, by which the frames of `detailFrames` are joined to a tile. */
  keyLabels: string[];
  /**
   * The one-series frames of the detail roles, all tiles' together and not yet joined by key: they
   * are joined on the first request for a tile's full facts (see `tileFacts`).
   */
  detailFrames: DataFrame[];
}

/** Roles read only for the tiles on screen: they add words to a tile, and nothing to sorting or counts. */
export type DeferredRole = 'httpStatus' | 'certExpiry' | 'contentCheck' | 'dnsLookup' | 'httpPhase';

const DEFERRED: ReadonlySet<string> = new Set<DeferredRole>([
  'httpStatus',
  'certExpiry',
  'contentCheck',
  'dnsLookup',
  'httpPhase',
]);

export function isDeferredRole(role: string | undefined): role is DeferredRole {
  return role !== undefined && DEFERRED.has(role);
}

/**
 * Deferred roles that earn no badge and show only in a tile's details: their frames are not even
 * joined to their tiles until a tile's details ask for them ("reads the detail facts ..." in
 * facts.test.ts).
 */
export type DetailRole = 'dnsLookup' | 'httpPhase';

export function isDetailRole(role: string | undefined): role is DetailRole {
  return role === 'dnsLookup' || role === 'httpPhase';
}

/** A tile's facts in full, and the badges they earn. */
export interface TileFactView {
  facts: TileFacts | undefined;
  badges: Badge[];
}

const NO_BADGES: Badge[] = [];
const NO_LABELS: Labels = {};

/** The newest sample with a number value, in one pass that needs no time order. */
export function newestSample(run: SeriesRun): FactSample | undefined {
  return newestIn(run.times, run.values, run.start, run.end, run.rows);
}

type SingleFactRole = 'httpStatus' | 'certExpiry' | 'contentCheck' | 'dnsLookup';

/**
 * Whether an HTTP status is a success: 2xx, what blackbox_exporter's http_2xx module accepts. A final
 * 3xx is a redirect its module did not follow, and the reason a probe failed.
 */
function isHttpSuccess(code: number): boolean {
  return code >= 200 && code < 300;
}

/**
 * How bad a fact's value is, higher worse: no HTTP response (0), then any status but a success, the
 * earlier certificate expiry, a failed content check, the slower DNS lookup.
 */
function badness(role: SingleFactRole, value: number): number {
  switch (role) {
    case 'httpStatus':
      return value === 0 ? 2 : isHttpSuccess(value) ? 0 : 1;
    case 'certExpiry':
      return -value;
    default:
      return value;
  }
}

/**
 * Of two fresh series of one role (two jobs or modules probing the target), the one that says the
 * worse: every fresh series says how the target is now, and a passing probe must not hide a failing
 * one (guarded by "shows the worse of two probes' facts" in facts.test.ts). As bad: the newer.
 */
function worse(role: SingleFactRole, current: FactSample | undefined, next: FactSample): FactSample {
  if (current === undefined) {
    return next;
  }
  const difference = badness(role, next.value) - badness(role, current.value);
  return difference > 0 || (difference === 0 && next.time > current.time) ? next : current;
}

function addAlert(alerts: ActiveAlert[], labels: Labels, time: number): void {
  const name = labelValue(labels, 'alertname') ?? '';
  const stateLabel = labelValue(labels, 'alertstate');
  const state = stateLabel === 'firing' ? 'firing' : stateLabel === 'pending' ? 'pending' : undefined;
  if (name === '' || state === undefined) {
    return;
  }
  const existing = alerts.find((alert) => alert.name === name);
  if (existing === undefined) {
    alerts.push({ name, state, time, severity: labelValue(labels, 'severity') });
  } else if (state === 'firing') {
    existing.state = 'firing';
    existing.time = Math.max(existing.time, time);
  }
}

/**
 * What a target's fact series say now: each series counts only with a sample no older than
 * `freshMs` (the target's own staleness limit), since a resolved alert or a removed check simply
 * stops. Of several series of one role (several jobs or modules) the worse fact counts; HTTP phases
 * are kept per phase, alerts per name (firing over pending).
 */
export function collectFacts(list: FactRun[] | undefined, freshMs: number, now: number): CollectedFacts {
  if (list === undefined || list.length === 0) {
    return { facts: undefined, uptime: undefined };
  }
  const samples: FactSeriesSample[] = [];
  for (const { role, run } of list) {
    const sample = newestSample(run);
    if (sample !== undefined) {
      samples.push({ role, labels: run.labels, sample });
    }
  }
  return factsOfSamples(samples, freshMs, now);
}

/** The newest sample of one fact series, with what tells the series apart (phase, alert name). */
export interface FactSeriesSample {
  role: FactRun['role'];
  labels: Labels;
  sample: FactSample;
}

/** The latest time a JavaScript date holds, in ms either side of 1970. */
const MAX_DATE_MS = 8.64e15;

/**
 * Whether a certificate expiry in Unix seconds is a date at all: 1e16 s and beyond read as "expires
 * in 0s (Invalid date)" ("a certificate expiry beyond any date" in facts.test.ts).
 */
function isDateSeconds(value: number): boolean {
  return Math.abs(value * 1000) <= MAX_DATE_MS;
}

/** collectFacts, from the newest sample of each series. */
function factsOfSamples(list: FactSeriesSample[], freshMs: number, now: number): CollectedFacts {
  const facts: TileFacts = {};
  const uptimes: FactSample[] = [];
  let any = false;
  for (const { role, labels, sample } of list) {
    if (role === 'uptime') {
      uptimes.push(sample);
      continue;
    }
    if (!(now - sample.time <= freshMs)) {
      continue;
    }
    switch (role) {
      case 'alerts':
        if (sample.value > 0) {
          facts.alerts ??= [];
          addAlert(facts.alerts, labels, sample.time);
        }
        break;
      case 'httpPhase': {
        const phase = labelValue(labels, 'phase') ?? '';
        facts.httpPhases ??= [];
        const existing = facts.httpPhases.find((item) => item.phase === phase);
        if (existing === undefined) {
          facts.httpPhases.push({ phase, ...sample });
        } else if (sample.time > existing.time) {
          Object.assign(existing, sample);
        }
        break;
      }
      default:
        if (Number.isFinite(sample.value) && (role !== 'certExpiry' || isDateSeconds(sample.value))) {
          facts[role] = worse(role, facts[role], sample);
        }
    }
    any = true;
  }
  facts.alerts?.sort((a, b) => (a.state === b.state ? a.name.localeCompare(b.name) : a.state === 'firing' ? -1 : 1));
  facts.httpPhases?.sort(comparePhases);
  return { facts: any ? facts : undefined, uptime: exactUptime(uptimes, freshMs, now) };
}

/**
 * blackbox_exporter's HTTP phases in the order a request goes through them, so that the details read
 * as where the time went; Prometheus hands them over sorted by name ("connect", "processing", ...).
 */
const PHASE_ORDER = ['resolve', 'connect', 'tls', 'processing', 'transfer'];

/** Known phases in request order, then any others by name. */
function comparePhases(a: { phase: string }, b: { phase: string }): number {
  const rankA = PHASE_ORDER.indexOf(a.phase);
  const rankB = PHASE_ORDER.indexOf(b.phase);
  if (rankA !== rankB) {
    return rankA === -1 ? 1 : rankB === -1 ? -1 : rankA - rankB;
  }
  return a.phase < b.phase ? -1 : a.phase > b.phase ? 1 : 0;
}

/** The exact uptime from the newest fresh samples of the uptime query, averaged; undefined without one. */
export function exactUptime(samples: FactSample[] | undefined, freshMs: number, now: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (const sample of samples ?? []) {
    // avg_over_time of a 0/1 series: anything outside [0, 1] is not an uptime.
    if (now - sample.time <= freshMs && sample.value >= 0 && sample.value <= 1) {
      sum += sample.value;
      count++;
    }
  }
  return count > 0 ? sum / count : undefined;
}

const views = new WeakMap<Tile, TileFactView>();
const detailIndexes = new WeakMap<DataFrame[], Map<string, DataFrame[]>>();

/** The newest sample of each one-series frame of a deferred role, straight from the frame: no series is made for it. */
function deferredSamples(frames: DataFrame[], roles: ReadonlyMap<string, Role>, into: FactSeriesSample[]): void {
  for (const frame of frames) {
    const field = soleNumberField(frame);
    const role = field === undefined ? undefined : roleOfField(frame, field, roles);
    const newest = field === undefined ? undefined : newestOfFrame(frame, field);
    if (field !== undefined && newest !== undefined && isDeferredRole(role)) {
      into.push({ role, labels: field.labels ?? NO_LABELS, sample: newest });
    }
  }
}

/** The detail frames of one model by target key, joined once, on the first request of any tile. */
function detailFramesOf(tile: Tile, settings: FactSettings): DataFrame[] | undefined {
  const frames = settings.detailFrames;
  if (frames.length === 0) {
    return undefined;
  }
  let index = detailIndexes.get(frames);
  if (index === undefined) {
    index = new Map();
    for (const frame of frames) {
      // buildModel keeps only one-series frames with a key here.
      const key = targetKey(soleNumberField(frame)?.labels ?? NO_LABELS, settings.keyLabels);
      if (key !== undefined) {
        const list = index.get(key);
        list ? list.push(frame) : index.set(key, [frame]);
      }
    }
    detailIndexes.set(frames, index);
  }
  return index.get(tile.key);
}

/** A tile's facts with those of the given deferred frames read now, over the facts read with the model. */
function withDeferred(tile: Tile, settings: FactSettings, frames: DataFrame[][]): TileFacts | undefined {
  const samples: FactSeriesSample[] = [];
  for (const list of frames) {
    deferredSamples(list, settings.roles, samples);
  }
  if (samples.length === 0) {
    return tile.facts;
  }
  const read = factsOfSamples(samples, tile.freshMs ?? 0, settings.now).facts;
  return read === undefined ? tile.facts : { ...read, ...tile.facts };
}

/**
 * A tile's view: its badges at once, its full facts on first use. A tile drawn only asks for its
 * badges, which no detail role earns (badgesFor), so the detail frames are joined and read only when
 * a tile's details are shown.
 */
class FactView implements TileFactView {
  private full: TileFacts | undefined;
  private read = false;

  constructor(
    private readonly tile: Tile,
    private readonly settings: FactSettings | undefined,
    private readonly shown: TileFacts | undefined,
    readonly badges: Badge[]
  ) {}

  get facts(): TileFacts | undefined {
    if (!this.read) {
      this.read = true;
      const details = this.settings === undefined ? undefined : detailFramesOf(this.tile, this.settings);
      this.full =
        details === undefined || this.settings === undefined
          ? this.shown
          : withDeferred(this.tile, this.settings, [this.tile.deferredFacts ?? NO_FRAMES, details]);
    }
    return this.full;
  }
}

const NO_FRAMES: DataFrame[] = [];

/**
 * The facts of one tile, with those of the deferred roles read now, and its badges. The model reads
 * the deferred series only for the tiles drawn (at 10,000 targets the HTTP phases alone are 5 series
 * a target): the views of memoised tiles call this, and the result is kept per tile object. The
 * facts of the detail roles are read only when `facts` is first read.
 */
export function tileFacts(tile: Tile): TileFactView {
  const cached = views.get(tile);
  if (cached !== undefined) {
    return cached;
  }
  const settings = tile.factSettings;
  const facts =
    tile.deferredFacts !== undefined && settings !== undefined
      ? withDeferred(tile, settings, [tile.deferredFacts])
      : tile.facts;
  const instance = labelValue(tile.labels, 'instance');
  // The host's own ICMP tile says DOWN by itself. Its instance is the host's name as written, the
  // host as names are compared ("leaves the host's own ICMP tile without the host badge" in
  // buildModel.test.ts).
  const isHost = instance !== undefined && facts?.host?.name === comparableHost(instance);
  const badges = settings === undefined ? NO_BADGES : badgesFor(facts, tile.state, settings, settings.now, isHost);
  const view = new FactView(tile, settings, facts, badges);
  views.set(tile, view);
  return view;
}

/** Days until the certificate expires, negative once it has. */
export function certDaysLeft(expiry: FactSample, now: number): number {
  return (expiry.value * 1000 - now) / DAY_MS;
}

/**
 * Whether a target in this state answered its own probe: then a host whose ICMP probe fails is
 * still up, and only its echo is lost (often a firewall dropping ping), not "unreachable".
 */
export function answersItself(state: TargetState): boolean {
  return state === 'up' || state === 'partial';
}

/**
 * The facts that earn a place on the tile, most urgent first: firing alerts, an unreachable host,
 * the HTTP status of a target that is not up, a failed content check, a certificate inside the
 * warning window (also while the target is up), pending alerts. `isHost` is set for the host's own
 * ICMP tile, which says DOWN by itself.
 */
export function badgesFor(
  facts: TileFacts | undefined,
  state: TargetState,
  options: BadgeOptions,
  now: number,
  isHost: boolean
): Badge[] {
  if (facts === undefined) {
    return NO_BADGES;
  }
  const badges: Badge[] = [];
  for (const alert of facts.alerts ?? []) {
    if (alert.state === 'firing') {
      badges.push({ kind: 'alert-firing', name: alert.name });
    }
  }
  if (facts.host?.state === 'down' && !isHost) {
    // A host that answers on another port is reachable: this target's own failure is its own.
    const answers = answersItself(state) || facts.host.answering === true;
    badges.push({ kind: 'host-unreachable', host: facts.host.name, answers });
  }
  const code = facts.httpStatus?.value;
  if (code !== undefined && state !== 'up' && !isHttpSuccess(code)) {
    badges.push({ kind: 'http-status', code });
  }
  if (facts.contentCheck?.value === 1) {
    badges.push({ kind: 'content-check' });
  }
  if (facts.certExpiry !== undefined) {
    const days = certDaysLeft(facts.certExpiry, now);
    // Thresholds set the wrong way round (critical above warning) still warn from the larger one on.
    if (days <= Math.max(options.certWarningDays, options.certCriticalDays)) {
      badges.push({ kind: 'cert-expiry', days, severity: days <= options.certCriticalDays ? 'critical' : 'warning' });
    }
  }
  for (const alert of facts.alerts ?? []) {
    if (alert.state === 'pending') {
      badges.push({ kind: 'alert-pending', name: alert.name });
    }
  }
  return badges.length > 0 ? badges : NO_BADGES;
}
