import { DataFrame } from '@grafana/data';
import fc from 'fast-check';

import { SortBy } from '../options/defaultOptions';

import { arrangeTiles } from './arrangeTiles';
import { buildModel } from './buildModel';
import { spanParts } from './spanParts';
import { parseStaleAfter } from './parseStaleAfter';
import { renderName } from './renderName';
import {
  FrameOptions,
  NameStyle,
  NOW,
  RANGE,
  rangeFrames,
  Sample,
  SeriesSpec,
  STEP,
  tableFrame,
  testOptions,
  wideFrame,
} from '../test-utils/testFixtures';
import { PanelModel, TARGET_STATES, TargetState, Tile } from './types';

type Shape = 'range' | 'instant' | 'table' | 'interleaved' | 'wide';

/*
 * The worlds below are scrape histories, and the frames are what Prometheus would answer for them,
 * worked out from its documented semantics rather than from the code under test:
 * - each scrape of blackbox_exporter writes `up` (1 or 0); `probe_success` is written only by a
 *   scrape that succeeded, and a failed scrape writes a staleness marker for it instead;
 * - a target removed from discovery gets staleness markers on all its series;
 * - a query at time t sees the newest sample at or before t, within the 5 minute lookback, unless
 *   that sample is a staleness marker.
 * The expected state comes from the newest scrape itself: its outcome, and whether it is recent.
 * Histories keep clear of the staleness boundary (the newest scrape is at most a minute old, or at
 * least 15 minutes), so that the expectation never depends on where the limit falls exactly.
 */

type Phase = 'up' | 'down' | 'invalid' | 'exporterDown' | 'gone';

interface ProbeHistory {
  instance: string;
  job: string;
  intervalMs: number;
  /** Phases by the time they begin, oldest first; the first begins before the range. */
  phases: Array<{ start: number; phase: Phase }>;
}

interface World {
  shape: Shape;
  nameStyle: NameStyle;
  staleAfter: string;
  probes: ProbeHistory[];
}

const RANGE_MS = 3 * 60 * 60 * 1000;
const RANGE_START = NOW - RANGE_MS;
const LOOKBACK = 5 * 60 * 1000;
const RECENT_MS = 2 * 60 * 1000;
const LONG_AGO_MS = 15 * 60 * 1000;
const INSTANCES = ['10.0.0.1:80', '10.0.0.2:80', '10.0.0.10:80', 'db.example:5432'];
const JOBS = ['probe_tcp', 'probe_http', 'probe_icmp'];
const PHASES: Phase[] = ['up', 'down', 'invalid', 'exporterDown', 'gone'];

const phases: fc.Arbitrary<ProbeHistory['phases']> = fc
  .array(fc.tuple(fc.constantFrom(...PHASES), fc.integer({ min: RECENT_MS, max: RANGE_MS })), { maxLength: 4 })
  .chain((later) => {
    const first = fc.constantFrom<Phase>('up', 'down', 'invalid', 'exporterDown');
    return first.map((phase) => {
      const list = [{ start: RANGE_START - 10 * 60 * 1000, phase }];
      for (const [next, agoMs] of [...later].sort((a, b) => b[1] - a[1])) {
        list.push({ start: NOW - agoMs, phase: next });
      }
      // A target that is gone now went long ago; one still scraped has been for at least two minutes.
      // The phases a moved 'gone' now comes before would bring the target back for a scrape or two
      // (two phases at one time make that happen): it stays gone from then on instead.
      const last = list[list.length - 1];
      if (last.phase === 'gone' && NOW - last.start < LONG_AGO_MS) {
        last.start = NOW - LONG_AGO_MS - (NOW - last.start);
        return list.filter((entry) => entry === last || entry.start < last.start).sort((a, b) => a.start - b.start);
      }
      return list.sort((a, b) => a.start - b.start);
    });
  });

const world: fc.Arbitrary<World> = fc.record({
  shape: fc.constantFrom<Shape>('range', 'instant', 'table', 'interleaved', 'wide'),
  nameStyle: fc.constantFrom<NameStyle>('field', 'label', 'dropped'),
  staleAfter: fc.constantFrom('', '1m'),
  probes: fc.uniqueArray(
    fc.record({
      instance: fc.constantFrom(...INSTANCES),
      job: fc.constantFrom(...JOBS),
      intervalMs: fc.constantFrom(5_000, 15_000, 60_000),
      phases,
    }),
    { maxLength: 6, selector: (probe) => `${probe.instance} ${probe.job}` }
  ),
});

const STALE_MARKER = Symbol('stale');
type Stored = { time: number; value: number | typeof STALE_MARKER };

function phaseAt(history: ProbeHistory, time: number): Phase {
  let current = history.phases[0].phase;
  for (const { start, phase } of history.phases) {
    if (start <= time) {
      current = phase;
    }
  }
  return current;
}

/** What the TSDB holds for one probe: its `probe_success` and `up` samples and staleness markers. */
function storedSamples(history: ProbeHistory): {
  status: Stored[];
  up: Stored[];
  scrapes: Array<{ time: number; phase: Phase }>;
} {
  const status: Stored[] = [];
  const up: Stored[] = [];
  const scrapes: Array<{ time: number; phase: Phase }> = [];
  let wasGone = true;
  for (let time = history.phases[0].start; time <= NOW; time += history.intervalMs) {
    const phase = phaseAt(history, time);
    if (phase === 'gone') {
      if (!wasGone) {
        status.push({ time, value: STALE_MARKER });
        up.push({ time, value: STALE_MARKER });
      }
      wasGone = true;
      continue;
    }
    wasGone = false;
    scrapes.push({ time, phase });
    if (phase === 'exporterDown') {
      up.push({ time, value: 0 });
      status.push({ time, value: STALE_MARKER });
      continue;
    }
    up.push({ time, value: 1 });
    status.push({ time, value: phase === 'up' ? 1 : phase === 'down' ? 0 : NaN });
  }
  return { status, up, scrapes };
}

/** A query's answer at each of `steps`: the newest sample within the lookback, unless it is a marker. */
function evaluate(stored: Stored[], steps: number[]): { times: number[]; values: Sample[] } {
  const times: number[] = [];
  const values: Sample[] = [];
  let next = 0;
  let newest: Stored | undefined;
  for (const step of steps) {
    while (next < stored.length && stored[next].time <= step) {
      newest = stored[next++];
    }
    if (newest !== undefined && newest.value !== STALE_MARKER && step - newest.time <= LOOKBACK) {
      times.push(step);
      values.push(newest.value);
    }
  }
  return { times, values };
}

function querySteps(shape: Shape): number[] {
  if (shape === 'instant') {
    return [NOW];
  }
  const steps: number[] = [];
  for (let time = RANGE_START; time <= NOW; time += STEP) {
    steps.push(time);
  }
  return steps;
}

function framesOf(specs: SeriesSpec[], shape: Shape, options: FrameOptions): DataFrame[] {
  if (specs.length === 0) {
    return [];
  }
  switch (shape) {
    case 'range':
    case 'instant':
      // Instant frames are built from one-sample specs, so both keep that sample.
      return rangeFrames(specs, shape === 'instant' ? { ...options, interval: false } : options);
    case 'table':
      return [tableFrame(specs, options)];
    case 'interleaved':
      return [tableFrame(specs, { ...options, interleave: true })];
    default:
      return [wideFrame(specs, options)];
  }
}

interface Answer {
  history: ProbeHistory;
  status: SeriesSpec | undefined;
  prober: SeriesSpec | undefined;
}

/** The series Prometheus returns for each probe; a series with no sample at any step is left out, as it does. */
function answers(w: World): Answer[] {
  const steps = querySteps(w.shape);
  return w.probes.map((history) => {
    const stored = storedSamples(history);
    const labels = { instance: history.instance, job: history.job };
    const spec = (samples: Stored[]): SeriesSpec | undefined => {
      const { times, values } = evaluate(samples, steps);
      return times.length > 0 ? { labels, times, values } : undefined;
    };
    return { history, status: spec(stored.status), prober: spec(stored.up) };
  });
}

function worldFrames(w: World, list: Answer[]): DataFrame[] {
  const options = { nameStyle: w.nameStyle };
  const present = <T>(items: Array<T | undefined>): T[] => items.filter((item): item is T => item !== undefined);
  return [
    ...framesOf(present(list.map((a) => a.status)), w.shape, { ...options, metric: 'probe_success', refId: 'A' }),
    ...framesOf(present(list.map((a) => a.prober)), w.shape, { ...options, metric: 'up', refId: 'C' }),
  ];
}

/**
 * The state a probe is in by its newest scrape: a failed scrape leaves it unknown, a scrape long past
 * leaves it stale. The panel documents a result other than 0 or 1 as unknown however old it is, so
 * an old one still in the answer stays unknown.
 */
function expectedProbeState(answer: Answer): TargetState {
  const { scrapes } = storedSamples(answer.history);
  const newest = scrapes[scrapes.length - 1];
  const lastResult = [...scrapes].reverse().find((scrape) => scrape.phase !== 'exporterDown');
  if (NOW - newest.time >= LONG_AGO_MS) {
    return answer.status !== undefined && lastResult?.phase === 'invalid' ? 'unknown' : 'stale';
  }
  switch (newest.phase) {
    case 'up':
      return 'up';
    case 'down':
      return 'down';
    default:
      return 'unknown';
  }
}

/** A target's state from its probes' states, as the README's table combines them. */
function combinedState(states: TargetState[]): TargetState {
  const up = states.filter((state) => state === 'up').length;
  if (up === states.length) {
    return 'up';
  }
  if (up > 0) {
    return 'partial';
  }
  if (states.includes('down')) {
    return 'down';
  }
  return states.every((state) => state === 'stale') ? 'stale' : 'unknown';
}

function check(list: Answer[], model: PanelModel): void {
  const expected = new Map<string, TargetState[]>();
  for (const answer of list) {
    if (answer.status === undefined && answer.prober === undefined) {
      continue;
    }
    const states = expected.get(answer.history.instance) ?? [];
    states.push(expectedProbeState(answer));
    expected.set(answer.history.instance, states);
  }
  const keys = model.tiles.map((tile) => tile.key);
  expect(new Set(keys).size).toBe(keys.length);
  expect([...keys].sort()).toEqual([...expected.keys()].sort());
  for (const tile of model.tiles) {
    const states = expected.get(tile.key) ?? [];
    expect({ key: tile.key, state: tile.state, probes: tile.seriesCount }).toEqual({
      key: tile.key,
      state: combinedState(states),
      probes: states.length,
    });
    expect(tile.upCount).toBe(states.filter((state) => state === 'up').length);
    // Majority (the test options' quorum) of the probes that report a result now: a stale probe's
    // series has no sample within the lookback, so an instant query leaves it out, and a probe whose
    // prober is unreachable (or whose value is unusable) says neither up nor down.
    const upNow = states.filter((state) => state === 'up').length;
    const answering = states.filter((state) => state === 'up' || state === 'down').length;
    expect(tile.healthy).toBe(tile.state === 'up' || (tile.state === 'partial' && upNow * 2 > answering));
    if (tile.uptime !== undefined) {
      expect(tile.uptime).toBeGreaterThanOrEqual(0);
      expect(tile.uptime).toBeLessThanOrEqual(1);
    }
    expect(tile.ageMs).toBe(tile.lastSampleTime === undefined ? undefined : NOW - tile.lastSampleTime);
  }
  const counted = TARGET_STATES.reduce((sum, state) => sum + model.summary[state], 0);
  expect(counted).toBe(model.tiles.length);
  expect(model.summary.total).toBe(model.tiles.length);
  expect(model.summary.healthy).toBe(model.tiles.filter((tile: Tile) => tile.healthy).length);
}

describe('buildModel properties', () => {
  it('gives every target the state of its newest scrapes, over hours and several jobs, in every frame shape', () => {
    fc.assert(
      fc.property(world, (w) => {
        const list = answers(w);
        const model = buildModel(worldFrames(w, list), testOptions({ staleAfter: w.staleAfter }), RANGE);
        check(list, model);
      }),
      { numRuns: 250 }
    );
  });

  it('never throws on frames of any content', () => {
    const anyValue = fc.oneof(fc.anything(), fc.double(), fc.constantFrom(null, undefined, NaN, Infinity));
    const field = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constantFrom('Time', 'Value', 'Value #A', 'probe_success', 'up', '__name__')),
        type: fc.constantFrom('time', 'number', 'string', 'boolean', 'other', 'nonsense'),
        values: fc.oneof(fc.array(anyValue, { maxLength: 8 }), anyValue),
        labels: fc.oneof(fc.dictionary(fc.string(), fc.string()), anyValue),
        config: fc.oneof(
          fc.record({ interval: anyValue, displayNameFromDS: anyValue }, { requiredKeys: [] }),
          fc.constant({})
        ),
      },
      { requiredKeys: ['name', 'type'] }
    );
    const frame = fc.oneof(
      fc.record({
        refId: fc.oneof(fc.string(), anyValue),
        fields: fc.oneof(fc.array(field, { maxLength: 5 }), anyValue),
      }),
      anyValue
    );
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 5 }), fc.string(), fc.string(), (frames, keyLabels, nameTemplate) => {
        const model = buildModel(frames as unknown as DataFrame[], testOptions({ keyLabels, nameTemplate }), RANGE);
        for (const tile of model.tiles) {
          expect(TARGET_STATES).toContain(tile.state);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('arranges any model without losing or inventing tiles', () => {
    const arrange = fc.record({
      text: fc.oneof(fc.string(), fc.constantFrom('10.0', 'DB', 'm1')),
      states: fc.subarray([...TARGET_STATES]),
      sortBy: fc.constantFrom<SortBy>('problems', 'name', 'duration', 'uptime'),
      groupBy: fc.constantFrom('', 'module', 'job', 'missing'),
    });
    fc.assert(
      fc.property(world, arrange, (w, options) => {
        const { tiles } = buildModel(worldFrames(w, answers(w)), testOptions(), RANGE);
        const groups = arrangeTiles(tiles, options);
        const shown = groups.flatMap((group) => group.tiles);
        const wanted = tiles.filter(
          (tile) => options.states.length === 0 || options.states.includes(tile.state as TargetState)
        );
        expect(shown.length).toBeLessThanOrEqual(wanted.length);
        expect(new Set(shown).size).toBe(shown.length);
        for (const tile of shown) {
          expect(wanted).toContain(tile);
        }
        if (options.text.trim() === '') {
          expect(shown).toHaveLength(wanted.length);
        }
        for (const group of groups) {
          // Only groups by a label have a header to count for; the summary bar counts the model's tiles.
          expect(group.summary?.total).toBe(options.groupBy === '' ? undefined : group.tiles.length);
        }
      }),
      { numRuns: 200 }
    );
  });
});

describe('parsing properties', () => {
  it('parseStaleAfter returns a non-negative number or undefined for any text', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9.]{0,4}(ms|s|m|h|d|w|y|x)?$/)), (text) => {
        const ms = parseStaleAfter(text);
        expect(ms === undefined || (Number.isFinite(ms) && ms >= 0)).toBe(true);
      })
    );
  });

  it('parseStaleAfter reads back what it is given', () => {
    const units = fc.constantFrom<[string, number]>(['s', 1000], ['m', 60_000], ['h', 3_600_000]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), units, (count, [unit, factor]) => {
        expect(parseStaleAfter(`${count}${unit}`)).toBe(count * factor);
      })
    );
  });

  it('renderName never throws and never leaves stray whitespace', () => {
    fc.assert(
      fc.property(fc.string(), fc.dictionary(fc.string(), fc.string()), (template, labels) => {
        const name = renderName(template, labels);
        expect(name).toBe(name.trim());
        expect(name).not.toMatch(/\s\s/);
      })
    );
  });

  it('spanParts always gives one or two adjacent units, largest first, rounded down', () => {
    const units = ['days', 'hours', 'minutes', 'seconds'] as const;
    const unitMs = { days: 86_400_000, hours: 3_600_000, minutes: 60_000, seconds: 1000 };
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (ms) => {
        const parts = spanParts(ms);
        const present = units.filter((unit) => parts[unit] !== undefined);
        const first = units.indexOf(present[0]);
        expect(present).toEqual(units.slice(first, first + present.length));
        expect(present.length === 1 || present.length === 2).toBe(true);
        const total = present.reduce((sum, unit) => sum + (parts[unit] ?? 0) * unitMs[unit], 0);
        const smallest = unitMs[present[present.length - 1]];
        expect(total).toBeLessThanOrEqual(Math.max(0, ms));
        // Only the largest unit may be anything; the next is dropped below its own unit.
        expect(Math.max(0, ms) - total).toBeLessThan(
          present.length === 2 ? smallest : Math.max(smallest, unitMs[units[first + 1] ?? 'seconds'])
        );
      })
    );
  });
});
