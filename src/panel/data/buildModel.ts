import { derivedStaleAfterMs } from './derivedStaleAfter';
import { AbsoluteTimeRange, DataFrame } from '@grafana/data';

import { LOOKBACK_MS } from '../constants';
import { Options } from '../options/defaultOptions';

import { CollectedSeries, collectFrame, collectSeries, SeriesRun, undatedWarnings } from './collectSeries';
import {
  decideSeriesState,
  decideState,
  orphanProberState,
  ProberDown,
  REASON_NO_SAMPLE,
  proberDown,
  SeriesVerdict,
  TargetVerdict,
  StaleRule,
  staleAtMs,
} from './decideState';
import { combinedChanges } from './combinedChanges';
import { durationSummary, knownDurations, oneSeriesDurations, sampleRunOf } from './durationSummary';
import { answersItself, collectFacts, exactUptime, FactRun, FactSettings, isDeferredRole, isDetailRole } from './facts';
import { newestOfFrame, roleOfField, soleNumberField } from './frameShortcuts';
import { hostOf } from './hostOfAddress';
import { intersectRanges } from './intersectRanges';
import { labelValue } from './labelValue';
import { mergeLabels } from './mergeLabels';
import { medianStep } from './medianStep';
import { OrderCache, orderRun } from './orderRun';
import { parseStaleAfter } from './parseStaleAfter';
import { compileNameTemplate, isDefaultNameTemplate } from './renderName';
import { scanSeries, scanValues, SeriesScan } from './scanSeries';
import { guessesStatus, joinsOnly, REF_ID_OPTION_KEYS, refIdRoles, roleOfMetric, seriesRole } from './seriesRole';
import { summarize } from './summarize';
import { hasKey, parseKeyLabels, targetKey } from './targetKey';
import { FactSample, Labels, PanelModel, Probe, Role, TargetState, Tile, TileFacts, Warning } from './types';
import { isUnderUptimeTarget } from './uptimeFigures';

/** A series put in time order and read once. */
interface ScannedSeries {
  run: SeriesRun;
  scan: SeriesScan;
  rule: StaleRule;
}

interface Target {
  key: string;
  status: SeriesRun[];
  duration: SeriesRun[];
  /** How many of `status` only their 0 and 1 values made status (the last ones). */
  guessedStatus: number;
}

/** Counts of series per warning, so that a thousand odd series make one warning, not a thousand. */
class Tally {
  private counts = new Map<string, { count: number; make: (count: number) => Warning }>();

  add(id: string, make: (count: number) => Warning): void {
    const entry = this.counts.get(id);
    if (entry) {
      entry.count++;
    } else {
      this.counts.set(id, { count: 1, make });
    }
  }

  messages(): Warning[] {
    return [...this.counts.values()].map((entry) => entry.make(entry.count));
  }
}

const NO_PROBERS: ScannedSeries[] = [];
const NO_LABELS: Labels = {};

// The notes are written by functions of their own, so that the model's loops hold no closures.

function noteBadStaleAfter(notes: Tally, text: string, zero: boolean): void {
  notes.add('stale-after', () => (zero ? { code: 'zero-stale-after', text } : { code: 'bad-stale-after', text }));
}

function noteIgnored(notes: Tally, run: SeriesRun): void {
  const { metric, refId } = run;
  if (metric !== undefined) {
    notes.add(`ignored\u0001${refId}\u0001${metric}`, (count) => ({ code: 'ignored-metric', count, refId, metric }));
  } else {
    notes.add(`ignored\u0001${refId}`, (count) => ({ code: 'ignored-unmapped', count, refId }));
  }
}

/**
 * Series without key labels: those of the roles that only join targets match none (joinsOnly);
 * status and duration series fall back to their display names.
 */
function noteUnkeyed(notes: Tally, run: SeriesRun, role: Role, keyLabels: string[]): void {
  const { refId } = run;
  notes.add(`unkeyed\u0001${role}\u0001${refId}`, (count) => ({ code: 'unkeyed', count, role, refId, keyLabels }));
}

/**
 * What a series that has none of the key labels is known by: its legend or display name, else its
 * labels (without the metric name, so that a target's status and duration series still meet on one
 * tile: "key labels that no series has" in buildModel.test.ts), else what Grafana's legend would
 * fall back to.
 */
function seriesDisplayName(run: SeriesRun): string {
  if (run.displayName !== undefined) {
    return run.displayName;
  }
  const configured = run.field.config?.displayName;
  if (typeof configured === 'string' && configured !== '') {
    return configured;
  }
  const names = Object.keys(run.labels).sort();
  if (names.length === 0) {
    const metric = run.metric ?? (roleOfMetric(run.fieldName) !== undefined ? run.fieldName : '');
    // The name Grafana's legend would fall back to; a label, not a sentence.
    return metric || `${run.refId === '' ? 'query' : `query ${run.refId}`} ${run.fieldName}`.trim();
  }
  return `{${names.map((name) => `${name}="${run.labels[name]}"`).join(', ')}}`;
}

function labelSignature(labels: Labels): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]])
  );
}

/** Whether the labels have some of several key labels, but not all. */
function lacksKeyLabel(labels: Labels, keyLabels: string[]): boolean {
  return keyLabels.length > 1 && keyLabels.some((name) => !labelValue(labels, name));
}

/**
 * Adds each prober that lacks some of the key labels to every target whose key labels agree with the
 * ones it has: an aggregate like `min by (instance) (up)` speaks for every job probing that instance.
 * A prober that agrees with no target keeps its own key, so that a dead exporter whose targets left
 * no status still gets a tile. Guarded by "a prober without every key label" in buildModel.test.ts.
 */
function joinPartialProbers(
  probers: SeriesRun[],
  targets: Map<string, Target>,
  keyLabels: string[],
  proberRuns: Map<string, SeriesRun[]>
): void {
  // Targets by the values of the key labels a prober has, one index per set of names present.
  const indexes = new Map<string, Map<string, string[]>>();
  for (const prober of probers) {
    const present = keyLabels.filter((name) => labelValue(prober.labels, name));
    const presentId = present.join('\u0001');
    let index = indexes.get(presentId);
    if (index === undefined) {
      index = new Map();
      for (const target of targets.values()) {
        const labels = (target.status[0] ?? target.duration[0])?.labels;
        if (labels !== undefined) {
          pushTo(index, valuesOf(labels, present), target.key);
        }
      }
      indexes.set(presentId, index);
    }
    const keys = index.get(valuesOf(prober.labels, present));
    if (keys === undefined) {
      pushTo(proberRuns, targetKey(prober.labels, keyLabels) ?? '', prober);
      continue;
    }
    for (const key of keys) {
      pushTo(proberRuns, key, prober);
    }
  }
}

function isUptimeRun(run: FactRun): boolean {
  return run.role === 'uptime';
}

/** A target for a key only the uptime query knows, unless it has one already. */
function addUptimeOnly(targets: Map<string, Target>, uptimeOnly: Set<string>, key: string): void {
  if (!targets.has(key)) {
    targets.set(key, { key, status: [], duration: [], guessedStatus: 0 });
    uptimeOnly.add(key);
  }
}

/** Zero probers of one key whose values on some label names are equal. */
interface ProberBucket {
  probers: ScannedSeries[];
  /** The newest fresh 0 among them, the one a status series in this bucket must be newer than. */
  down: ProberDown | undefined;
  claimed: boolean;
}

/**
 * The prober series of one key whose newest value is 0, found for a status series in one map look-up
 * per set of label names: a prober is a status series' own when the two agree on every label they
 * both have (`min by (instance) (up)` has only the instance; a raw `up` has the job too). Probers
 * with a newest 1 say nothing against any series and are left out. Every look-up claims its bucket,
 * so that the zero probers no status series claimed can be listed afterwards. The maps keep this
 * linear in the series of a key ("60,000 series under one key" in scripts/bench-transform.mjs).
 */
class ProberIndex {
  // Probers grouped by their label names: most keys have a single group.
  private readonly groups = new Map<string, { names: string[]; probers: ScannedSeries[] }>();
  // Per group, per set of names shared with a status series: buckets by those names' values.
  private readonly maps = new Map<string, Map<string, ProberBucket>>();
  private readonly claimed = new Set<ScannedSeries>();

  constructor(
    probers: ScannedSeries[],
    private readonly now: number
  ) {
    for (const prober of probers) {
      if (!isZeroProber(prober)) {
        continue;
      }
      const names = Object.keys(prober.run.labels).sort();
      const id = names.join('\u0001');
      const group = this.groups.get(id);
      group ? group.probers.push(prober) : this.groups.set(id, { names, probers: [prober] });
    }
  }

  get empty(): boolean {
    return this.groups.size === 0;
  }

  /** The newest fresh 0 of the series' own probers, claiming them all. */
  downFor(labels: Labels): ProberDown | undefined {
    let newest: ProberDown | undefined;
    for (const [id, group] of this.groups) {
      const shared = group.names.filter((name) => labelValue(labels, name) !== undefined);
      const bucket = this.buckets(id, group.probers, shared).get(valuesOf(labels, shared));
      if (bucket === undefined) {
        continue;
      }
      if (!bucket.claimed) {
        bucket.claimed = true;
        bucket.probers.forEach((prober) => this.claimed.add(prober));
      }
      if (bucket.down !== undefined && (newest === undefined || bucket.down.time > newest.time)) {
        newest = bucket.down;
      }
    }
    return newest;
  }

  /** Zero probers that agree with no status series of the key. */
  unclaimed(): ScannedSeries[] {
    const list: ScannedSeries[] = [];
    for (const group of this.groups.values()) {
      list.push(...group.probers.filter((prober) => !this.claimed.has(prober)));
    }
    return list;
  }

  private buckets(id: string, probers: ScannedSeries[], shared: string[]): Map<string, ProberBucket> {
    const mapId = `${id}\u0002${shared.join('\u0001')}`;
    let map = this.maps.get(mapId);
    if (map !== undefined) {
      return map;
    }
    map = new Map();
    for (const prober of probers) {
      const signature = valuesOf(prober.run.labels, shared);
      let bucket = map.get(signature);
      if (bucket === undefined) {
        bucket = { probers: [], down: undefined, claimed: false };
        map.set(signature, bucket);
      }
      bucket.probers.push(prober);
      const down = proberDown(prober.scan, prober.rule, this.now);
      if (down !== undefined && (bucket.down === undefined || down.time > bucket.down.time)) {
        bucket.down = down;
      }
    }
    this.maps.set(mapId, map);
    return map;
  }
}

function isZeroProber(prober: ScannedSeries): boolean {
  return prober.scan.samples > 0 && prober.scan.lastValue === 0;
}

const NO_INDEX = new ProberIndex([], 0);

function valuesOf(labels: Labels, names: string[]): string {
  return names.map((name) => labelValue(labels, name)).join('\u0001');
}

/**
 * From this query step on, the panel says that the tiles show the state at the last step: a range
 * query's newest point is the range end aligned down to the step, so on "Last 6h" (a 5m step) a port
 * that came back four minutes ago still reads DOWN. Shorter steps are within a scrape or two of
 * now. Guarded by "says when the step is coarse" in buildModel.test.ts.
 */
const COARSE_STEP_MS = 60_000;

/**
 * Up to this many status series, a target counts the changes of its combined state. combinedChanges
 * costs the number of distinct sample times times the number of series, which is a pass over the
 * samples while the series share their times (as range queries' steps do) and more where they do
 * not. Beyond it, which no probe setup comes near, the most changes of any one series stand in.
 * Timed by "60,000 series under one key" in scripts/bench-transform.mjs.
 */
const MAX_COMBINED_SERIES = 64;

/**
 * Durations are shown, not judged: their newest value and overall figures are all they need. So are
 * probers whose newest value is not 0, which say nothing against any series (most of them): only a
 * prober at 0 is scanned for when its run of 0s began.
 */
function scanFor(run: SeriesRun, role: Role, rule: StaleRule): SeriesScan {
  if (role === 'duration') {
    return scanValues(run);
  }
  if (role === 'prober') {
    const light = scanValues(run);
    if (light.lastValue !== 0 || !light.inOrder) {
      return light;
    }
  }
  return scanSeries(run, staleAtMs(rule), role === 'status');
}

/**
 * Scans the series of one model, with what they share: row orders and steps of shared time fields,
 * and one staleness rule per query step. A class rather than closures inside buildModel: while
 * buildModel made closures of its own, V8 threw its optimised code away at every garbage collection,
 * as that code held objects of an earlier call, and the next model started in unoptimised code
 * (the repeated runs of scripts/bench-transform.mjs show it).
 */
class SeriesScanner {
  private readonly orderCache: OrderCache = new Map();
  private readonly stepCache = new Map<ArrayLike<unknown>, number | undefined>();
  // Series of one query share their step, so they share one rule object too.
  private readonly rules = new Map<number | undefined, StaleRule>();

  constructor(private readonly staleAfterMs: number | undefined) {}

  private ruleFor(step: number | undefined): StaleRule {
    let rule = this.rules.get(step);
    if (rule === undefined) {
      rule = { limitMs: this.staleAfterMs ?? derivedStaleAfterMs(step), slackMs: step ?? 0 };
      this.rules.set(step, rule);
    }
    return rule;
  }

  scan(input: SeriesRun, role: Role): ScannedSeries {
    // Measuring the step needs samples in time order; a step from Grafana lets ordering wait
    // until the scan finds it necessary, which it almost never does.
    let run = input.interval === undefined ? orderRun(input, this.orderCache) : input;
    let step = run.interval;
    if (step === undefined) {
      const shared = run.rows === undefined && run.start === 0 && run.end === run.times.length;
      step = shared && this.stepCache.has(run.times) ? this.stepCache.get(run.times) : medianStep(run);
      if (shared) {
        this.stepCache.set(run.times, step);
      }
    }
    const rule = this.ruleFor(step);
    let result = scanFor(run, role, rule);
    if (!result.inOrder) {
      run = orderRun(run, this.orderCache);
      result = scanFor(run, role, rule);
    }
    return { run, scan: result, rule };
  }

  scanAll(runs: SeriesRun[], role: Role): ScannedSeries[] {
    return runs.map((run) => this.scan(run, role));
  }
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  list ? list.push(item) : map.set(key, [item]);
}

/**
 * Keeps one of each set of series with equal labels: the one with the newest sample, and where two
 * have it at the same time and disagree, the one that says 0. Two queries that answer the same series
 * differently are a dashboard's mistake, and an outage must not hide behind it (guarded by "keeps the
 * failing one of two duplicates that disagree" in buildModel.test.ts).
 */
function dedupe(list: ScannedSeries[], duplicates: Tally): ScannedSeries[] {
  if (list.length < 2) {
    return list;
  }
  const bySignature = new Map<string, ScannedSeries>();
  for (const item of list) {
    const signature = labelSignature(item.run.labels);
    const kept = bySignature.get(signature);
    if (kept === undefined) {
      bySignature.set(signature, item);
      continue;
    }
    duplicates.add('duplicates', (count) => ({ code: 'duplicates', count }));
    const newer = item.scan.lastTime > kept.scan.lastTime;
    const failingAtOnce =
      item.scan.lastTime === kept.scan.lastTime && item.scan.lastValue === 0 && kept.scan.lastValue !== 0;
    if (newer || failingAtOnce || (Number.isNaN(kept.scan.lastTime) && item.scan.samples > 0)) {
      bySignature.set(signature, item);
    }
  }
  return bySignature.size === list.length ? list : [...bySignature.values()];
}

interface SetAside {
  /** The series of every other frame, collected as they came (collectFrame). */
  collected: CollectedSeries;
  /** Frames of the deferred roles that earn badges, by target key, read when their tile is drawn. */
  deferred: Map<string, DataFrame[]>;
  /** Frames of the detail roles, all with a key, joined by key only when a tile's details are shown. */
  details: DataFrame[];
  /** Newest samples of the uptime query, by target key. */
  uptimes: Map<string, FactSample[]>;
  /** Frames of the "Series to rows" transformation, left out (seriesToRows). */
  seriesToRows: number;
}

/**
 * Grafana's "Series to rows" names its frame after itself (`seriesToRows-A-B`). Its rows carry each
 * series' display name in place of the labels and metric name: a legend makes the status, duration
 * and prober series of a target one run, and without one a prober's 0 looks like a failed probe. So
 * its frames are left out with a warning ("Series to rows" in buildModel.test.ts).
 */
function isSeriesToRows(frame: DataFrame | null | undefined): boolean {
  const refId: unknown = frame?.refId;
  return typeof refId === 'string' && refId.startsWith(SERIES_TO_ROWS_PREFIX);
}

const SERIES_TO_ROWS_PREFIX = 'seriesToRows-';

/**
 * One-series frames that need no series of their own (see frameShortcuts.ts): those of the roles that
 * only add words to the tiles on screen, kept unread, by key for the roles that earn badges and not
 * even keyed for those shown only in the details (see tileFacts); the uptime query's, whose newest
 * sample is all it says; and probers whose newest value is not 0, which say nothing against any
 * series. Every other frame, frames of other shapes and frames without a key, are read in full, each
 * collected into series as soon as it is sorted out.
 */
function setAside(frames: DataFrame[], roles: ReadonlyMap<string, Role>, keyLabels: string[]): SetAside {
  const deferred = new Map<string, DataFrame[]>();
  const details: DataFrame[] = [];
  const uptimes = new Map<string, FactSample[]>();
  if (!Array.isArray(frames)) {
    return { collected: collectSeries(frames), deferred, details, uptimes, seriesToRows: 0 };
  }
  const series: SeriesRun[] = [];
  const undated = new Map<string, number>();
  let seriesToRows = 0;
  // Each frame read in full is collected right after the look that sorted it out, while it is still
  // in the processor's cache, rather than in a second pass over the frames.
  for (const frame of frames) {
    const field = soleNumberField(frame);
    if (field === undefined && isSeriesToRows(frame)) {
      seriesToRows++;
      continue;
    }
    const role = field === undefined ? undefined : roleOfField(frame, field, roles);
    if (field === undefined || role === undefined || !joinsOnly(role)) {
      collectFrame(frame, series, undated);
    } else if (isDetailRole(role)) {
      // Only whether it has a key: one without goes the long way, to its warning.
      if (hasKey(field.labels, keyLabels)) {
        details.push(frame);
      } else {
        collectFrame(frame, series, undated);
      }
    } else if (isDeferredRole(role)) {
      const key = targetKey(field.labels ?? NO_LABELS, keyLabels);
      if (key === undefined) {
        collectFrame(frame, series, undated);
      } else {
        pushTo(deferred, key, frame);
      }
    } else if (role === 'prober') {
      const newest = newestOfFrame(frame, field);
      // A prober at 1 says nothing, and needs no key; one without a key goes to its warning.
      if (newest === undefined || newest.value === 0 || !hasKey(field.labels, keyLabels)) {
        collectFrame(frame, series, undated);
      }
    } else if (role === 'uptime') {
      const key = targetKey(field.labels ?? NO_LABELS, keyLabels);
      const newest = key === undefined ? undefined : newestOfFrame(frame, field);
      if (key === undefined || newest === undefined) {
        collectFrame(frame, series, undated);
      } else {
        pushTo(uptimes, key, newest);
      }
    } else {
      collectFrame(frame, series, undated);
    }
  }
  return { collected: { series, warnings: undatedWarnings(undated) }, deferred, details, uptimes, seriesToRows };
}

/**
 * The state of each host from its ICMP probes, decided like a target's: DOWN only on a fresh 0 with
 * no probe up, so a host that went quiet or whose prober is away never marks its ports unreachable.
 */
function hostStates(
  runs: Map<string, SeriesRun[]>,
  scanner: SeriesScanner,
  now: number,
  duplicates: Tally
): Map<string, { state: TargetState; time?: number }> {
  const states = new Map<string, { state: TargetState; time?: number }>();
  for (const [host, list] of runs) {
    const scanned = dedupe(scanner.scanAll(list, 'status'), duplicates);
    const verdict = decideState(
      scanned.map((item) => decideSeriesState(item.scan, item.rule, now)),
      'all'
    );
    const newest = Math.max(...scanned.map((item) => (item.scan.samples > 0 ? item.scan.lastTime : -Infinity)));
    states.set(host, { state: verdict.state, time: Number.isFinite(newest) ? newest : undefined });
  }
  return states;
}

/**
 * The options the model is built from. Only a change to one of these rebuilds the model; the display
 * options (tile size, sparkline, sort) only redraw it. `buildModel` takes no others, so reading one
 * more is a type error until it is listed here; the panel memoises the model on these
 * (PortStatusPanel's useModelOptions).
 */
export const MODEL_OPTION_KEYS = [
  'keyLabels',
  'nameTemplate',
  'certWarningDays',
  'certCriticalDays',
  'uptimeTarget',
  'staleAfter',
  'quorum',
  'flappingThreshold',
  ...REF_ID_OPTION_KEYS,
] as const satisfies ReadonlyArray<keyof Options>;

export type ModelOptions = Pick<Options, (typeof MODEL_OPTION_KEYS)[number]>;

/** The collected series joined into targets, and the series that join them. */
interface Joined {
  targets: Map<string, Target>;
  /** Prober series by the key of each target they speak for. */
  proberRuns: Map<string, SeriesRun[]>;
  factRuns: Map<string, FactRun[]>;
  /** ICMP status series of hosts, by host. */
  hostRuns: Map<string, SeriesRun[]>;
  /** Whether any status series was found. */
  hasStatus: boolean;
}

/**
 * Sorts each series out by role and joins it to its target by the key labels.
 *
 * Series without a name or a mapped refId that only their 0 and 1 values would make status are read
 * last: as status of a target with no status series known by name or refId (a dashboard of
 * aggregations under refIds it did not map), and ignored, with a warning, by a target that has one.
 * After "Join by field" the refIds are gone, and a target's prober aggregate
 * (min by (instance) (up)) and uptime look like status too: read as such, a dead exporter's 0 would
 * make the target DOWN. Guarded by "after Join by field" in buildModel.test.ts.
 */
function joinSeries(series: SeriesRun[], roles: ReadonlyMap<string, Role>, keyLabels: string[], notes: Tally): Joined {
  const targets = new Map<string, Target>();
  const proberRuns = new Map<string, SeriesRun[]>();
  // Probers that have some of the key labels but not all (`min by (instance) (up)` under the key
  // labels job and instance), joined once every target is known.
  const partialProbers: SeriesRun[] = [];
  const factRuns = new Map<string, FactRun[]>();
  const hostRuns = new Map<string, SeriesRun[]>();
  let hasStatus = false;
  const guessed: SeriesRun[] = [];
  for (let pass = 0; pass < 2; pass++) {
    const runs: SeriesRun[] = pass === 0 ? series : guessed;
    for (const run of runs) {
      const role = pass === 0 ? seriesRole(run, roles) : 'status';
      if (role === undefined) {
        if (guessesStatus(run)) {
          guessed.push(run);
        } else {
          noteIgnored(notes, run);
        }
        continue;
      }
      if (role === 'host') {
        const host = hostOf(run.labels);
        if (host === undefined) {
          noteUnkeyed(notes, run, role, ['host', 'instance']);
        } else {
          pushTo(hostRuns, host, run);
        }
        continue;
      }
      let key = targetKey(run.labels, keyLabels);
      if (key === undefined) {
        noteUnkeyed(notes, run, role, keyLabels);
        if (joinsOnly(role)) {
          continue;
        }
        key = seriesDisplayName(run);
      }
      if (role === 'prober') {
        if (lacksKeyLabel(run.labels, keyLabels)) {
          partialProbers.push(run);
        } else {
          pushTo(proberRuns, key, run);
        }
        continue;
      }
      if (joinsOnly(role)) {
        pushTo(factRuns, key, { role, run });
        continue;
      }
      let target = targets.get(key);
      if (pass === 1 && target !== undefined && target.status.length > target.guessedStatus) {
        noteIgnored(notes, run);
        continue;
      }
      hasStatus = hasStatus || role === 'status';
      if (target === undefined) {
        target = { key, status: [], duration: [], guessedStatus: 0 };
        targets.set(key, target);
      }
      target[role].push(run);
      if (pass === 1) {
        target.guessedStatus++;
      }
    }
  }
  if (partialProbers.length > 0) {
    joinPartialProbers(partialProbers, targets, keyLabels, proberRuns);
  }
  return { targets, proberRuns, factRuns, hostRuns, hasStatus };
}

/**
 * Scans the probers of each key. An exporter that was unreachable for the whole range left no
 * probe_success behind; its targets still get a tile (from the prober's 0, in TileMaker), so that
 * they do not silently disappear.
 */
function scanProbers(
  proberRuns: Map<string, SeriesRun[]>,
  targets: Map<string, Target>,
  scanner: SeriesScanner,
  duplicates: Tally
): Map<string, ScannedSeries[]> {
  const probers = new Map<string, ScannedSeries[]>();
  for (const [key, runs] of proberRuns) {
    const list = dedupe(scanner.scanAll(runs, 'prober'), duplicates);
    probers.set(key, list);
    if (!targets.has(key) && list.some(isZeroProber)) {
      targets.set(key, { key, status: [], duration: [], guessedStatus: 0 });
    }
  }
  return probers;
}

/**
 * Targets with an uptime over the range but no status sample in it, added to `targets`: on a long
 * range the newest step can be hours old, and a target added since has no sample at any step yet.
 * Its tile says so (UNKNOWN, "no sample in range") rather than leaving it out ("an uptime without
 * status samples" in buildModel.test.ts).
 */
function addUptimeOnlyTargets(
  targets: Map<string, Target>,
  uptimes: Map<string, FactSample[]>,
  factRuns: Map<string, FactRun[]>
): Set<string> {
  const uptimeOnly = new Set<string>();
  for (const key of uptimes.keys()) {
    addUptimeOnly(targets, uptimeOnly, key);
  }
  for (const [key, runs] of factRuns) {
    if (runs.some(isUptimeRun)) {
      addUptimeOnly(targets, uptimeOnly, key);
    }
  }
  return uptimeOnly;
}

/** What a target's status series and zero probers say, judged together. */
interface Judged {
  verdict: TargetVerdict;
  probes: Probe[];
  /** Zero probers that agree with none of the status series: probes whose exporter left no result. */
  orphans: ScannedSeries[];
  /** Status samples that were 1 and that were 0: the sampled uptime. */
  ones: number;
  zeros: number;
  lastSampleTime: number | undefined;
  firstSampleTime: number | undefined;
  /** The most state changes of any one status series. */
  stateChanges: number;
}

/** What every tile of one model is made from, besides its target. */
interface TileInputs {
  scanner: SeriesScanner;
  probers: Map<string, ScannedSeries[]>;
  hosts: Map<string, { state: TargetState; time?: number }>;
  uptimes: Map<string, FactSample[]>;
  uptimeOnly: Set<string>;
  factRuns: Map<string, FactRun[]>;
  deferred: Map<string, DataFrame[]>;
  factSettings: FactSettings;
}

/**
 * Makes a tile of each target: scans and judges its series, names it, joins its facts and dates its
 * state. A class rather than closures inside buildModel, for the reason SeriesScanner gives.
 */
class TileMaker {
  /** The longest staleness limit and query step of the series judged. */
  longestLimit: number | undefined;
  longestStep = 0;
  // Hosts with a target that answers its own probe, and the host facts to mark with it once every
  // tile is known ("does not call a host unreachable while a port of it answers" in buildModel.test.ts).
  private readonly answeringHosts = new Set<string>();
  private readonly hostFacts: Array<NonNullable<TileFacts['host']>> = [];
  private readonly useLegend: boolean;
  private readonly nameOf: (labels: Labels) => string;
  private readonly flappingThreshold: number;
  private readonly uptimeTarget: number | undefined;
  private readonly quorum: ModelOptions['quorum'];

  constructor(
    private readonly inputs: TileInputs,
    options: ModelOptions,
    private readonly range: AbsoluteTimeRange,
    private readonly notes: Tally,
    private readonly duplicates: Tally
  ) {
    this.useLegend = isDefaultNameTemplate(options.nameTemplate ?? '');
    this.nameOf = compileNameTemplate(options.nameTemplate ?? '');
    this.flappingThreshold = options.flappingThreshold > 0 ? options.flappingThreshold : Infinity;
    this.uptimeTarget = options.uptimeTarget > 0 ? options.uptimeTarget / 100 : undefined;
    this.quorum = options.quorum;
  }

  /** The target's tile; undefined for a target known only by an uptime too old to say it is there. */
  make(target: Target): Tile | undefined {
    const { inputs, range } = this;
    const now = range.to;
    const status = dedupe(inputs.scanner.scanAll(target.status, 'status'), this.duplicates);
    // Several duration series are scanned now, since which of them count is judged on their samples
    // (dedupe's warning, durationSummary's newest); one is scanned when its figures are first asked for.
    const compared =
      target.duration.length > 1
        ? dedupe(inputs.scanner.scanAll(target.duration, 'duration'), this.duplicates)
        : undefined;
    const durationRuns = compared === undefined ? target.duration : compared.map((item) => item.run);
    const judged = this.judge(target.key, status);
    const { verdict, orphans, firstSampleTime } = judged;

    const statusRuns = status.map((item) => item.run);
    const sampleRuns = statusRuns.map(sampleRunOf);
    const stateChanges =
      status.length > 1 && status.length <= MAX_COMBINED_SERIES ? combinedChanges(sampleRuns) : judged.stateChanges;
    const labels = mergeLabels(
      statusRuns,
      orphans.length === 0 ? durationRuns : [...durationRuns, ...orphans.map((item) => item.run)]
    );
    const legend = (statusRuns.find((run) => run.displayName) ?? durationRuns.find((run) => run.displayName))
      ?.displayName;
    const name = (this.useLegend && legend) || this.nameOf(labels) || target.key;
    const freshMs = status.length > 0 ? staleAtMs(status[0].rule) : LOOKBACK_MS;
    const durations =
      compared !== undefined
        ? knownDurations(durationSummary(compared, freshMs))
        : durationRuns.length === 1
          ? oneSeriesDurations(durationRuns[0], freshMs)
          : knownDurations();

    const collectedFacts = collectFacts(inputs.factRuns.get(target.key), freshMs, now);
    const facts = this.withHost(collectedFacts.facts, labels, verdict.state);
    const heldFromStart = heldFromRangeStart(verdict.since, status[0] ?? orphans[0], firstSampleTime, range.from);
    const exact = collectedFacts.uptime ?? exactUptime(inputs.uptimes.get(target.key), freshMs, now);
    if (exact === undefined && inputs.uptimeOnly.has(target.key)) {
      // Its only sample is past the staleness limit: nothing says the target is there now.
      return undefined;
    }
    // Samples other than 0 and 1 (invalid, NaN, ±Inf) are neither up nor down time: a bad value is
    // no outage ("counts samples other than 0 and 1 as neither" in buildModel.test.ts).
    const judgedSamples = judged.ones + judged.zeros;
    const uptime = exact ?? (judgedSamples > 0 ? judged.ones / judgedSamples : undefined);
    const { lastSampleTime } = judged;

    return {
      key: target.key,
      name,
      labels,
      state: verdict.state,
      reason: verdict.reason,
      upCount: verdict.upCount,
      seriesCount: verdict.seriesCount,
      healthy: verdict.healthy,
      lastSampleTime,
      firstSampleTime,
      ageMs: lastSampleTime === undefined ? undefined : now - lastSampleTime,
      stateSince: verdict.since ?? (heldFromStart || firstSampleTime === undefined ? range.from : firstSampleTime),
      stateHeldFromStart: heldFromStart,
      stateChanges,
      flapping: stateChanges >= this.flappingThreshold,
      uptime,
      uptimeExact: exact !== undefined,
      belowUptimeTarget:
        this.uptimeTarget !== undefined && uptime !== undefined && isUnderUptimeTarget(uptime, this.uptimeTarget),
      durations,
      downRanges:
        status.length === 1 ? status[0].scan.downRanges : intersectRanges(status.map((item) => item.scan.downRanges)),
      statusField: statusRuns[0]?.field,
      probes: judged.probes,
      statusRuns: sampleRuns,
      facts,
      deferredFacts: inputs.deferred.get(target.key),
      factSettings: inputs.factSettings,
      freshMs,
      firing: facts?.alerts?.some((alert) => alert.state === 'firing') ?? false,
    };
  }

  /** Marks the host facts of hosts that a port of theirs shows answering. */
  markAnsweringHosts(): void {
    for (const hostFact of this.hostFacts) {
      if (this.answeringHosts.has(hostFact.name)) {
        hostFact.answering = true;
      }
    }
  }

  /** Judges a target's status series against their probers, with the zero probers of none of them. */
  private judge(key: string, status: ScannedSeries[]): Judged {
    const now = this.range.to;
    const targetProbers = this.inputs.probers.get(key);
    // Most keys have no prober whose newest value is 0, and need no index at all.
    const proberIndex =
      targetProbers !== undefined && targetProbers.some(isZeroProber) ? new ProberIndex(targetProbers, now) : NO_INDEX;
    const verdicts: SeriesVerdict[] = [];
    const probes: Probe[] = [];
    let ones = 0;
    let zeros = 0;
    let lastSampleTime: number | undefined;
    let firstSampleTime: number | undefined;
    let stateChanges = 0;
    for (const item of status) {
      const { scan } = item;
      const prober = proberIndex.empty ? undefined : proberIndex.downFor(item.run.labels);
      const verdict = decideSeriesState(scan, item.rule, now, prober);
      if (!Number.isNaN(scan.conflictTime)) {
        this.notes.add('several-values', (count) => ({ code: 'several-values', count }));
      }
      verdicts.push(verdict);
      probes.push({
        labels: item.run.labels,
        state: verdict.state,
        reason: verdict.reason,
        lastSampleTime: scan.samples > 0 ? scan.lastTime : undefined,
      });
      ones += scan.ones;
      zeros += scan.zeros;
      stateChanges = Math.max(stateChanges, scan.changes);
      if (scan.samples > 0 && (lastSampleTime === undefined || scan.lastTime > lastSampleTime)) {
        lastSampleTime = scan.lastTime;
      }
      if (scan.samples > 0 && (firstSampleTime === undefined || scan.firstTime < firstSampleTime)) {
        firstSampleTime = scan.firstTime;
      }
      this.noteRule(item.rule);
    }
    // A zero prober that belongs to no status series is a probe whose exporter left no result in
    // the range (a second job probing the same address, or every job): one more probe of the target.
    const orphans = proberIndex.empty ? NO_PROBERS : proberIndex.unclaimed();
    // Its samples date the target too: a job whose exporter was never reachable is unknown since
    // the prober's first 0, not since the range start ("an exporter unreachable from the start" in
    // buildModel.test.ts).
    for (const item of orphans) {
      const verdict = orphanProberState(item.scan, item.rule, now);
      verdicts.push(verdict);
      probes.push({ labels: item.run.labels, state: verdict.state, reason: verdict.reason });
      this.noteRule(item.rule);
      if (item.scan.samples > 0 && (firstSampleTime === undefined || item.scan.firstTime < firstSampleTime)) {
        firstSampleTime = item.scan.firstTime;
      }
    }
    const decided = decideState(verdicts, this.quorum);
    const verdict = this.inputs.uptimeOnly.has(key) ? { ...decided, reason: REASON_NO_SAMPLE } : decided;
    return { verdict, probes, orphans, ones, zeros, lastSampleTime, firstSampleTime, stateChanges };
  }

  private noteRule(rule: StaleRule): void {
    this.longestLimit = Math.max(this.longestLimit ?? 0, rule.limitMs);
    this.longestStep = Math.max(this.longestStep, rule.slackMs);
  }

  /** The facts with the state of the target's host, when its ICMP probe is known. */
  private withHost(facts: TileFacts | undefined, labels: Labels, state: TargetState): TileFacts | undefined {
    const { hosts } = this.inputs;
    const host = hosts.size > 0 ? hostOf(labels) : undefined;
    if (host === undefined) {
      return facts;
    }
    if (answersItself(state)) {
      this.answeringHosts.add(host);
    }
    const hostState = hosts.get(host);
    if (hostState === undefined) {
      return facts;
    }
    const hostFact = { name: host, ...hostState };
    this.hostFacts.push(hostFact);
    return { ...facts, host: hostFact };
  }
}

/**
 * Whether a state that held over all samples held from the range start. Such a state has no start of
 * its own: when the samples reach back to the range start, the range start is a lower bound ("up for
 * >1h"); when they begin later (a new target, a new Prometheus), the state is known from the first
 * sample on ("up for 2m"). A first sample up to the step's own staleness limit after the range start
 * still counts as at the start, since range queries align their first step; a longer "Stale after"
 * must not make a target added minutes ago read as up for the whole range ("a target added after the
 * range start" in buildModel.test.ts).
 */
function heldFromRangeStart(
  since: number | undefined,
  first: ScannedSeries | undefined,
  firstSampleTime: number | undefined,
  rangeFrom: number
): boolean {
  const step = first !== undefined && first.rule.slackMs > 0 ? first.rule.slackMs : undefined;
  return (
    since === undefined && (firstSampleTime === undefined || firstSampleTime <= rangeFrom + derivedStaleAfterMs(step))
  );
}

/**
 * The panel's view model: one tile per probed target, from every frame shape the Prometheus data
 * source produces. `range` is the dashboard's time range: ages are measured against its end, and
 * a state that held throughout is dated from its start.
 * One pass over each series' samples; targets are joined through maps keyed by label values.
 */
export function buildModel(series: DataFrame[], options: ModelOptions, range: AbsoluteTimeRange): PanelModel {
  const now = range.to;
  const keyLabels = parseKeyLabels(options.keyLabels ?? '');
  const roles = refIdRoles(options);
  const { collected, deferred, details, uptimes, seriesToRows } = setAside(series, roles, keyLabels);
  const staleAfterText = (options.staleAfter ?? '').trim();
  const parsedStaleAfter = parseStaleAfter(staleAfterText);
  // No time at all would make every tile STALE at once: the step is used, with a word why.
  const staleAfterMs = parsedStaleAfter === 0 ? undefined : parsedStaleAfter;
  const notes = new Tally();
  const duplicates = new Tally();
  if (staleAfterText !== '' && staleAfterMs === undefined) {
    noteBadStaleAfter(notes, staleAfterText, parsedStaleAfter === 0);
  }
  if (seriesToRows > 0) {
    notes.add('series-to-rows', () => ({ code: 'series-to-rows', count: seriesToRows }));
  }

  const { targets, proberRuns, factRuns, hostRuns, hasStatus } = joinSeries(collected.series, roles, keyLabels, notes);
  const scanner = new SeriesScanner(staleAfterMs);
  const probers = scanProbers(proberRuns, targets, scanner, duplicates);
  const uptimeOnly = addUptimeOnlyTargets(targets, uptimes, factRuns);
  const inputs: TileInputs = {
    scanner,
    probers,
    hosts: hostStates(hostRuns, scanner, now, duplicates),
    uptimes,
    uptimeOnly,
    factRuns,
    deferred,
    factSettings: {
      now,
      roles,
      keyLabels,
      detailFrames: details,
      certWarningDays: options.certWarningDays,
      certCriticalDays: options.certCriticalDays,
    },
  };
  const maker = new TileMaker(inputs, options, range, notes, duplicates);
  const tiles: Tile[] = [];
  for (const target of targets.values()) {
    const tile = maker.make(target);
    if (tile !== undefined) {
      tiles.push(tile);
    }
  }
  maker.markAnsweringHosts();

  const staleLimitMs = staleAfterMs ?? maker.longestLimit ?? LOOKBACK_MS;
  if (maker.longestStep >= COARSE_STEP_MS) {
    notes.add('coarse-step', () => ({ code: 'coarse-step', stepMs: maker.longestStep }));
  }

  return {
    tiles,
    summary: summarize(tiles),
    warnings: [...collected.warnings, ...notes.messages(), ...duplicates.messages()],
    hasStatus,
    staleLimitMs,
  };
}
