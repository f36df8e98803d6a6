import { DataFrame } from '@grafana/data';
import fc from 'fast-check';

import { SortBy } from '../options/defaultOptions';

import { arrangeTiles } from './arrangeTiles';
import { buildModel } from './buildModel';
import { formatSpan } from './formatSpan';
import { parseStaleAfter } from './parseStaleAfter';
import { renderName } from './renderName';
import {
  FrameOptions,
  instantFrames,
  NameStyle,
  NOW,
  rangeFrames,
  Sample,
  SeriesSpec,
  STEP,
  tableFrame,
  testOptions,
  wideFrame,
} from './testFixtures';
import { PanelModel, TARGET_STATES, TargetState, Tile } from './types';

type Shape = 'range' | 'instant' | 'table' | 'interleaved' | 'wide';

interface World {
  shape: Shape;
  nameStyle: NameStyle;
  staleAfter: string;
  status: SeriesSpec[];
  duration: SeriesSpec[];
  prober: SeriesSpec[];
}

const sample: fc.Arbitrary<Sample> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom<Sample>(0, 1) },
  {
    weight: 2,
    arbitrary: fc.constantFrom<Sample>(null, undefined, NaN, Infinity, -Infinity, 2, 0.5, '1', 'up', -1),
  }
);

/** Samples at distinct steps before NOW, in random order (so times are often unsorted). */
const samples: fc.Arbitrary<{ times: number[]; values: Sample[] }> = fc
  .tuple(fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 12 }), fc.boolean())
  .chain(([offsets, sorted]) => {
    const ordered = sorted ? [...offsets].sort((a, b) => b - a) : offsets;
    return fc.array(sample, { minLength: ordered.length, maxLength: ordered.length }).map((values) => ({
      times: ordered.map((offset) => NOW - offset * STEP),
      values,
    }));
  });

const INSTANCES = ['10.0.0.1:80', '10.0.0.2:80', '10.0.0.10:80', 'db.example:5432'];

const world: fc.Arbitrary<World> = fc
  .record({
    shape: fc.constantFrom<Shape>('range', 'instant', 'table', 'interleaved', 'wide'),
    nameStyle: fc.constantFrom<NameStyle>('field', 'label', 'dropped'),
    staleAfter: fc.constantFrom('', '1m'),
    targets: fc.array(
      fc.record({
        instance: fc.constantFrom(...INSTANCES),
        modules: fc.array(samples, { minLength: 1, maxLength: 3 }),
        duplicate: fc.boolean(),
        duration: fc.option(samples),
        prober: fc.option(samples),
      }),
      { maxLength: 5 }
    ),
  })
  .map(({ shape, nameStyle, staleAfter, targets }) => {
    // Several entries for one instance stand for several probe modules of that target.
    const seen = new Map<string, number>();
    const status: SeriesSpec[] = [];
    const duration: SeriesSpec[] = [];
    const prober: SeriesSpec[] = [];
    for (const entry of targets) {
      const base = { instance: entry.instance, job: 'blackbox' };
      for (const run of entry.modules) {
        const module = `m${seen.get(entry.instance) ?? 0}`;
        seen.set(entry.instance, (seen.get(entry.instance) ?? 0) + 1);
        status.push({ labels: { ...base, module }, ...run });
        if (entry.duplicate) {
          status.push({ labels: { ...base, module }, ...run });
        }
      }
      if (entry.duration) {
        duration.push({ labels: { ...base, module: 'm0' }, ...entry.duration });
      }
      if (entry.prober && !prober.some((spec) => spec.labels.instance === entry.instance)) {
        prober.push({ labels: base, ...entry.prober });
      }
    }
    return { shape, nameStyle, staleAfter, status, duration, prober };
  });

function framesOf(specs: SeriesSpec[], shape: Shape, options: FrameOptions): DataFrame[] {
  if (specs.length === 0) {
    return [];
  }
  switch (shape) {
    case 'range':
      return rangeFrames(specs, options);
    case 'instant':
      return instantFrames(specs, options);
    case 'table':
      return [tableFrame(specs, options)];
    case 'interleaved':
      return [tableFrame(specs, { ...options, interleave: true })];
    default:
      return [wideFrame(specs, options)];
  }
}

function worldFrames(w: World): DataFrame[] {
  const options = { nameStyle: w.nameStyle };
  return [
    ...framesOf(w.status, w.shape, { ...options, metric: 'probe_success', refId: 'A' }),
    ...framesOf(w.duration, w.shape, { ...options, metric: 'probe_duration_seconds', refId: 'B' }),
    ...framesOf(w.prober, w.shape, { ...options, metric: 'up', refId: 'C' }),
  ];
}

interface Newest {
  time: number;
  value: number;
}

/** The newest sample the frames carry for a spec, worked out from the spec without the code under test. */
function newestOf(spec: SeriesSpec, shape: Shape): Newest | undefined {
  let pairs = spec.values
    .map((value, i) => ({ time: spec.times?.[i] ?? NaN, value }))
    .filter((pair) => pair.value !== undefined);
  if (shape === 'instant') {
    pairs = pairs.slice(-1);
  }
  let newest: Newest | undefined;
  for (const pair of pairs) {
    if (typeof pair.value === 'number' && (newest === undefined || pair.time > newest.time)) {
      newest = { time: pair.time, value: pair.value };
    }
  }
  return newest;
}

/** Widest age a sample may have and still be fresh: limit plus one step of slack. */
function freshFor(w: World): number {
  const step = w.shape === 'instant' ? 0 : STEP;
  const limit = w.staleAfter === '1m' ? 60_000 : step === 0 ? 300_000 : 2 * step;
  return limit + step;
}

interface Expectation {
  newest: Array<Newest | undefined>;
  /** Per status series: whether the prober's newest sample is 0 and not older than the series' newest. */
  proberDown: boolean[];
}

function expectations(w: World): Map<string, Expectation> {
  const out = new Map<string, Expectation>();
  for (const spec of w.status) {
    const entry = out.get(spec.labels.instance) ?? { newest: [], proberDown: [] };
    entry.newest.push(newestOf(spec, w.shape));
    entry.proberDown.push(false);
    out.set(spec.labels.instance, entry);
  }
  for (const spec of w.prober) {
    const entry = out.get(spec.labels.instance);
    const prober = newestOf(spec, w.shape);
    if (entry && prober?.value === 0) {
      entry.proberDown = entry.newest.map((status) => status === undefined || prober.time >= status.time);
    }
  }
  return out;
}

function check(w: World, model: PanelModel): void {
  const fresh = freshFor(w);
  const expected = expectations(w);
  const keys = model.tiles.map((tile) => tile.key);
  expect(new Set(keys).size).toBe(keys.length);
  // A table has no row for a series without values, so such a series cannot reach the panel.
  const table = w.shape === 'table' || w.shape === 'interleaved';
  for (const spec of w.status) {
    if (!table || spec.values.some((value) => value != null)) {
      expect(keys).toContain(spec.labels.instance);
    }
  }
  for (const tile of model.tiles) {
    expect(INSTANCES).toContain(tile.key);
    expect(TARGET_STATES).toContain(tile.state);
    expect(tile.upCount).toBeLessThanOrEqual(tile.seriesCount);
    if (tile.state === 'up') {
      expect(tile.healthy).toBe(true);
    }
    if (tile.state !== 'up' && tile.state !== 'partial') {
      expect(tile.healthy).toBe(false);
    }
    if (tile.state === 'partial') {
      expect(tile.upCount).toBeGreaterThan(0);
      expect(tile.upCount).toBeLessThan(tile.seriesCount);
    }
    if (tile.uptime !== undefined) {
      expect(tile.uptime).toBeGreaterThanOrEqual(0);
      expect(tile.uptime).toBeLessThanOrEqual(1);
    }
    expect(tile.ageMs).toBe(tile.lastSampleTime === undefined ? undefined : NOW - tile.lastSampleTime);

    const target = expected.get(tile.key);
    const freshWith = (value: number): boolean =>
      target?.newest.some((n) => n !== undefined && n.value === value && NOW - n.time <= fresh) ?? false;
    if (tile.state === 'down') {
      expect(freshWith(0)).toBe(true);
    }
    if (tile.state === 'up' || tile.state === 'partial') {
      expect(freshWith(1)).toBe(true);
    }
    if (!target) {
      continue;
    }
    const allFreshUp = target.newest.every((n) => n !== undefined && n.value === 1 && NOW - n.time <= fresh);
    if (allFreshUp && !target.proberDown.includes(true)) {
      expect(tile.state).toBe('up');
    }
    if (!target.proberDown.includes(false)) {
      expect(tile.state).toBe('unknown');
      expect(tile.reason).toBe('prober unreachable');
    }
    const onlyInvalid = target.newest.every((n) => n === undefined || !Number.isFinite(n.value));
    if (onlyInvalid) {
      expect(tile.state).toBe('unknown');
    }
  }
  const counted = TARGET_STATES.reduce((sum, state) => sum + model.summary[state], 0);
  expect(counted).toBe(model.tiles.length);
  expect(model.summary.total).toBe(model.tiles.length);
  expect(model.summary.healthy).toBe(model.tiles.filter((tile: Tile) => tile.healthy).length);
}

describe('buildModel properties', () => {
  it('gives every target exactly one state that follows the rules, in every frame shape', () => {
    fc.assert(
      fc.property(world, (w) => {
        const model = buildModel(worldFrames(w), testOptions({ staleAfter: w.staleAfter }), NOW);
        check(w, model);
      }),
      { numRuns: 400 }
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
        const model = buildModel(frames as unknown as DataFrame[], testOptions({ keyLabels, nameTemplate }), NOW);
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
        const { tiles } = buildModel(worldFrames(w), testOptions(), NOW);
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
          expect(group.summary.total).toBe(group.tiles.length);
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

  it('formatSpan always gives one or two units, largest first', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e12, max: 1e12, noNaN: true }), (ms) => {
        expect(formatSpan(ms)).toMatch(/^(\d+s|\d+m( \d+s)?|\d+h( \d+m)?|\d+d( \d+h)?)$/);
      })
    );
  });
});
