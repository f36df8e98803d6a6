import { DataFrame, FieldType, createDataFrame, standardTransformers } from '@grafana/data';
import { lastValueFrom, of } from 'rxjs';

import { Options } from '../options/defaultOptions';

import { buildModel } from './buildModel';
import { tileFacts } from './facts';
import {
  emptyFrame,
  instantFrames,
  NOW,
  probeFrames,
  RANGE,
  rangeFrames,
  Sample,
  SeriesSpec,
  STEP,
  tableFrame,
  target,
  testOptions,
  wideFrame,
} from '../test-utils/testFixtures';
import { DurationFigures, PanelModel, Reason, Tile } from './types';

function tile(model: PanelModel, key: string): Tile {
  const found = model.tiles.find((candidate) => candidate.key === key);
  if (!found) {
    throw new Error(`no tile ${key} in ${model.tiles.map((t) => t.key).join(', ')}`);
  }
  return found;
}

/** A tile with its duration figures beside its other fields, as they are compared here. */
function withFigures(tile: Tile): Tile & DurationFigures {
  return { ...tile, ...tile.durations.figures() };
}

function states(model: PanelModel): Record<string, string> {
  return Object.fromEntries(model.tiles.map((t) => [t.key, t.state]));
}

/** 30 steps; the last sample is at NOW unless a series ends early. */
function padded(tail: Array<number | null | string | undefined>, head: number | undefined = 1): typeof tail {
  return [...Array(30 - tail.length).fill(head), ...tail];
}

const SCENARIO: SeriesSpec[] = [
  target('10.0.0.1:80', padded([1, 1])),
  target('10.0.0.2:80', padded([1, 0, 0])),
  // Ends 25 steps (375 s) before NOW: older than 5 minutes, so stale whatever the step.
  target('10.0.0.3:80', [1, 1, 1, 1, 1, ...Array(25).fill(undefined)]),
  target('10.0.0.4:80', padded([1, NaN])),
  target('10.0.0.5:80', padded([1, 2])),
];
const SCENARIO_STATES = {
  '10.0.0.1:80': 'up',
  '10.0.0.2:80': 'down',
  '10.0.0.3:80': 'stale',
  '10.0.0.4:80': 'unknown',
  '10.0.0.5:80': 'unknown',
};

describe('buildModel: every frame shape gives the same targets and states', () => {
  it.each<[string, () => DataFrame[]]>([
    ['range, field named after the metric', () => rangeFrames(SCENARIO, { metric: 'probe_success' })],
    [
      'range, field "Value" with __name__',
      () => rangeFrames(SCENARIO, { metric: 'probe_success', nameStyle: 'label' }),
    ],
    [
      'range, __name__ dropped, refId A mapped',
      () => rangeFrames(SCENARIO, { metric: 'probe_success', nameStyle: 'dropped' }),
    ],
    [
      'range, __name__ dropped, unmapped refId, values 0/1',
      () =>
        rangeFrames(SCENARIO.slice(0, 3), { nameStyle: 'dropped', refId: 'Q' }).concat(
          rangeFrames(SCENARIO.slice(3), { metric: 'probe_success', refId: 'Q' })
        ),
    ],
    ['instant vectors', () => instantFrames(SCENARIO, { metric: 'probe_success' })],
    ['table, Value column', () => [tableFrame(SCENARIO, { metric: 'probe_success' })]],
    [
      'table, Value #A column without __name__',
      () => [
        tableFrame(SCENARIO, { metric: 'probe_success', nameStyle: 'dropped', valueName: 'Value #A', refId: 'A' }),
      ],
    ],
    [
      'table, rows of all series interleaved',
      () => [tableFrame(SCENARIO, { metric: 'probe_success', interleave: true })],
    ],
    ['wide frame after a join', () => [wideFrame(SCENARIO, { metric: 'probe_success' })]],
    ['wide frame without metric names', () => [wideFrame(SCENARIO, { nameStyle: 'dropped', metric: 'probe_success' })]],
    [
      'with empty frames around',
      () => [emptyFrame('B'), ...rangeFrames(SCENARIO, { metric: 'probe_success' }), emptyFrame('C')],
    ],
  ])('%s', (_name, frames) => {
    const model = buildModel(frames(), testOptions(), RANGE);
    expect(states(model)).toEqual(SCENARIO_STATES);
    expect(model.hasStatus).toBe(true);
    expect(model.summary).toEqual({
      up: 1,
      down: 1,
      stale: 1,
      unknown: 2,
      partial: 0,
      total: 5,
      healthy: 1,
      partialHealthy: 0,
      firing: 0,
    });
  });

  it('table format with status and duration in one frame, told apart by the __name__ column', () => {
    const frame = tableFrame([
      { ...target('a:80', [1, 1, 0]), metric: 'probe_success' },
      { ...target('a:80', [0.1, 0.3, 0.2]), metric: 'probe_duration_seconds' },
    ]);
    const model = buildModel([frame], testOptions(), RANGE);
    expect(model.tiles).toHaveLength(1);
    expect(withFigures(model.tiles[0])).toMatchObject({ key: 'a:80', state: 'down', duration: 0.2 });
    expect(model.tiles[0].durations.figures().durationStats).toMatchObject({ min: 0.1, max: 0.3 });
    expect(model.tiles[0].durations.figures().durationStats?.avg).toBeCloseTo(0.2);
  });

  it.each<[string, DataFrame[]]>([
    ['no frames', []],
    ['only empty frames', [emptyFrame('A'), emptyFrame('B')]],
  ])('%s: no tiles, no status, no warnings', (_name, frames) => {
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model).toMatchObject({ tiles: [], hasStatus: false, warnings: [] });
    expect(model.summary.total).toBe(0);
  });
});

describe('buildModel: roles', () => {
  it.each<[string, DataFrame[], 'status' | 'duration' | 'ignored']>([
    [
      'probe_success by field name',
      rangeFrames([target('a', [0.5])], { metric: 'probe_success', refId: 'Z' }),
      'status',
    ],
    [
      'probe_duration_seconds by __name__',
      rangeFrames([target('a', [1])], { metric: 'probe_duration_seconds', nameStyle: 'label', refId: 'A' }),
      'duration',
    ],
    ['refId B without a name', rangeFrames([target('a', [1])], { nameStyle: 'dropped', refId: 'B' }), 'duration'],
    [
      '0/1 values on an unmapped refId',
      rangeFrames([target('a', [0, 1])], { nameStyle: 'dropped', refId: 'Q' }),
      'status',
    ],
    [
      'other values on an unmapped refId',
      rangeFrames([target('a', [0.2])], { nameStyle: 'dropped', refId: 'Q' }),
      'ignored',
    ],
    [
      'another blackbox metric, even on refId A',
      rangeFrames([target('a', [1])], { metric: 'probe_ip_protocol', refId: 'A' }),
      'ignored',
    ],
  ])('%s', (_name, frames, expected) => {
    const model = buildModel(frames, testOptions(), RANGE);
    if (expected === 'ignored') {
      expect(model.tiles).toEqual([]);
      expect(model.warnings).toHaveLength(1);
    } else if (expected === 'status') {
      expect(model.hasStatus).toBe(true);
      expect(model.tiles[0].seriesCount).toBe(1);
    } else {
      expect(model.hasStatus).toBe(false);
      expect(withFigures(model.tiles[0])).toMatchObject({ seriesCount: 0, duration: 1, state: 'unknown' });
    }
  });

  it('says which query was ignored and how to fix it', () => {
    const frames = rangeFrames([target('a', [0.2]), target('b', [0.3])], { nameStyle: 'dropped', refId: 'Q' });
    expect(buildModel(frames, testOptions(), RANGE).warnings).toEqual([
      { code: 'ignored-unmapped', count: 2, refId: 'Q' },
    ]);
  });

  it('names the foreign metric', () => {
    const frames = rangeFrames([target('a', [4])], { metric: 'probe_ip_protocol', refId: 'C' });
    expect(buildModel(frames, testOptions(), RANGE).warnings).toEqual([
      { code: 'ignored-metric', count: 1, refId: 'C', metric: 'probe_ip_protocol' },
    ]);
  });

  it('follows the refId mapping in the options', () => {
    const frames = rangeFrames([target('a', [0.25])], { nameStyle: 'dropped', refId: 'X' });
    const model = buildModel(frames, testOptions({ durationRefId: 'X' }), RANGE);
    expect(model.tiles[0].durations.figures().duration).toBe(0.25);
  });
});

describe('buildModel: keys and names', () => {
  it('joins status, duration and prober series by the key labels', () => {
    const frames = probeFrames(
      [target('a:80', [1], { job: 'web' }), target('a:80', [0], { job: 'dns' })],
      [target('a:80', [0.4], { job: 'web' }), target('a:80', [0.9], { job: 'dns' })]
    );
    const byInstance = buildModel(frames, testOptions(), RANGE);
    expect(byInstance.tiles.map((t) => [t.key, t.state, t.durations.figures().duration])).toEqual([
      ['a:80', 'partial', 0.9],
    ]);

    const byJob = buildModel(frames, testOptions({ keyLabels: 'job, instance' }), RANGE);
    expect(byJob.tiles.map((t) => [t.key, t.state, t.durations.figures().duration])).toEqual([
      ['web/a:80', 'up', 0.4],
      ['dns/a:80', 'down', 0.9],
    ]);
  });

  it('falls back to the display name when a status series has none of the key labels, and says so', () => {
    const frames = rangeFrames([{ labels: { job: 'blackbox' }, values: [1], legend: 'all probes' }], {
      metric: 'probe_success',
      nameStyle: 'dropped',
    });
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.tiles.map((t) => [t.key, t.name, t.state])).toEqual([['all probes', 'all probes', 'up']]);
    expect(model.warnings).toEqual([
      { code: 'unkeyed', count: 1, role: 'status', refId: 'A', keyLabels: ['instance'] },
    ]);
  });

  it('keeps a target whole under key labels that no series has: its status and duration meet by their labels', () => {
    const frames = probeFrames([target('a:80', [1, 1]), target('b:80', [0])], [target('a:80', [0.1, 0.2])]);
    const model = buildModel(frames, testOptions({ keyLabels: 'nolabel' }), RANGE);
    expect(model.tiles.map((t) => [t.key, t.state, t.durations.figures().duration])).toEqual([
      ['{instance="a:80", job="blackbox"}', 'up', 0.2],
      ['{instance="b:80", job="blackbox"}', 'down', undefined],
    ]);
    expect(model.warnings).toEqual([
      { code: 'unkeyed', count: 2, role: 'status', refId: 'A', keyLabels: ['nolabel'] },
      { code: 'unkeyed', count: 1, role: 'duration', refId: 'B', keyLabels: ['nolabel'] },
    ]);
  });

  it('ignores prober series without the key labels, as they match no target, and says so', () => {
    const frames = [
      ...rangeFrames([target('a:80', [1])], { metric: 'probe_success' }),
      ...rangeFrames([{ labels: { job: 'blackbox' }, values: [0] }], { metric: 'up', refId: 'C' }),
    ];
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.tiles.map((t) => [t.key, t.state])).toEqual([['a:80', 'up']]);
    expect(model.warnings).toEqual([
      { code: 'unkeyed', count: 1, role: 'prober', refId: 'C', keyLabels: ['instance'] },
    ]);
  });

  it.each<[string, string, Partial<SeriesSpec>, string]>([
    ['legend format wins over the default template', '{{instance}}', { legend: 'Shop front' }, 'Shop front'],
    ['a custom template wins over the legend', '{{env}} {{instance}}', { legend: 'Shop front' }, 'prod a:80'],
    ['a missing label leaves no gap', '{{region}}  {{instance}}', {}, 'a:80'],
    ['an empty result falls back to the key', '{{region}}', {}, 'a:80'],
    ['markup stays text', '<b>{{owner}}</b>', {}, '<b><img src=x onerror=alert(1)></b>'],
  ])('%s', (_name, nameTemplate, extra, expected) => {
    const spec = { ...target('a:80', [1], { env: 'prod', owner: '<img src=x onerror=alert(1)>' }), ...extra };
    const model = buildModel(rangeFrames([spec], { metric: 'probe_success' }), testOptions({ nameTemplate }), RANGE);
    expect(model.tiles[0].name).toBe(expected);
  });

  it('keeps label values with markup verbatim', () => {
    const owner = '<script>alert("x")</script>&amp;';
    const model = buildModel(
      rangeFrames([target('a:80', [1], { owner })], { metric: 'probe_success' }),
      testOptions(),
      RANGE
    );
    expect(model.tiles[0].labels.owner).toBe(owner);
  });
});

describe('buildModel: several status series per target', () => {
  const modules = (values: Array<number | undefined>): SeriesSpec[] =>
    values.map((last, i) =>
      target('a:80', last === undefined ? [1, ...Array(29).fill(undefined)] : padded([last]), { module: `m${i}` })
    );

  it.each<[string, Array<number | undefined>, string, number, Reason, boolean, boolean, boolean]>([
    // name, newest value per module (undefined: stale), state, upCount, reason, healthy by majority, any, all
    ['all up', [1, 1, 1], 'up', 3, { code: 'all-up', count: 3 }, true, true, true],
    ['all down', [0, 0], 'down', 0, { code: 'all-failed', count: 2 }, false, false, false],
    ['down and stale', [0, undefined], 'down', 0, { code: 'some-failed', failed: 1, count: 2 }, false, false, false],
    ['2 of 3 up', [1, 1, 0], 'partial', 2, { code: 'some-up', up: 2, count: 3 }, true, true, false],
    ['1 of 3 up', [1, 0, 0], 'partial', 1, { code: 'some-up', up: 1, count: 3 }, false, true, false],
    // The stale probe has left what Prometheus answers now: the quorum counts the others.
    ['up and stale', [1, undefined], 'partial', 1, { code: 'some-up', up: 1, count: 2 }, true, true, true],
    ['up, down and stale', [1, 0, undefined], 'partial', 1, { code: 'some-up', up: 1, count: 3 }, false, true, false],
    // A value that is neither 0 nor 1 says nothing of the target either.
    ['up and invalid', [1, NaN], 'partial', 1, { code: 'some-up', up: 1, count: 2 }, true, true, true],
    ['all stale', [undefined, undefined], 'stale', 0, { code: 'silent', ms: 435_000 }, false, false, false],
    ['stale and invalid', [undefined, NaN], 'unknown', 0, { code: 'invalid-value', value: NaN }, false, false, false],
  ])('%s', (_name, lasts, state, upCount, reason, majority, any, all) => {
    const frames = rangeFrames(modules(lasts), { metric: 'probe_success' });
    const byMajority = tile(buildModel(frames, testOptions({ quorum: 'majority' }), RANGE), 'a:80');
    expect(byMajority).toMatchObject({ state, upCount, seriesCount: lasts.length, reason, healthy: majority });
    expect(tile(buildModel(frames, testOptions({ quorum: 'any' }), RANGE), 'a:80').healthy).toBe(any);
    expect(tile(buildModel(frames, testOptions({ quorum: 'all' }), RANGE), 'a:80').healthy).toBe(all);
    expect(byMajority.probes?.map((p) => p.labels.module)).toEqual(lasts.map((_, i) => `m${i}`));
  });

  it('lists differing label values and keeps the shared ones', () => {
    const model = buildModel(rangeFrames(modules([1, 0]), { metric: 'probe_success' }), testOptions(), RANGE);
    expect(model.tiles[0].labels).toEqual({ instance: 'a:80', job: 'blackbox', module: 'm0, m1' });
  });
});

describe('buildModel: prober health', () => {
  it.each<[string, SeriesSpec[], SeriesSpec[], string, Reason]>([
    [
      'prober down after the last probe',
      [target('a:80', [1, 1, undefined])],
      [target('a:80', [1, 1, 0])],
      'unknown',
      { code: 'prober-unreachable' },
    ],
    [
      'prober down, probe series stale',
      [target('a:80', [1, ...Array(29).fill(undefined)])],
      [target('a:80', padded([0]))],
      'unknown',
      { code: 'prober-unreachable' },
    ],
    ['prober up', [target('a:80', [1, 1, 0])], [target('a:80', [1, 1, 1])], 'down', { code: 'probe-failed' }],
    [
      "probe newer than the prober's 0",
      [target('a:80', [1, 1, 1])],
      [target('a:80', [1, 0, undefined])],
      'up',
      { code: 'probe-succeeded' },
    ],
    [
      'no prober series for the key',
      [target('a:80', [1, 1, 0])],
      [target('b:80', [0])],
      'down',
      { code: 'probe-failed' },
    ],
  ])('%s', (_name, status, prober, state, reason) => {
    const model = buildModel(probeFrames(status, [], prober), testOptions(), RANGE);
    expect(tile(model, 'a:80')).toMatchObject({ state, reason });
  });

  it('joins a prober without every key label to each target that agrees with the labels it has', () => {
    // min by (instance) (up) under the key labels job and instance: one prober per address, for every job.
    const prober = { labels: { instance: 'a:80' }, values: [1, 1, 0] };
    const model = buildModel(
      probeFrames(
        [target('a:80', [1, 1, undefined], { job: 'tcp' }), target('a:80', [1, 1, undefined], { job: 'http' })],
        [],
        [prober, { labels: { instance: 'gone:80' }, values: [1, 1, 0] }]
      ),
      testOptions({ keyLabels: 'job, instance' }),
      RANGE
    );
    expect(model.tiles.map((t) => [t.key, t.state, t.reason.code])).toEqual([
      ['tcp/a:80', 'unknown', 'prober-unreachable'],
      ['http/a:80', 'unknown', 'prober-unreachable'],
      // A prober that agrees with no target still makes its tile, as the dead exporter left no status.
      ['/gone:80', 'unknown', 'prober-unreachable'],
    ]);
  });

  it('never makes a prober-only target unless its prober is down', () => {
    const model = buildModel(
      probeFrames([target('a:80', [1])], [], [target('a:80', [1]), target('b:80', [1]), target('c:80', [1, 0])]),
      testOptions(),
      RANGE
    );
    expect(model.tiles.map((t) => [t.key, t.state, t.reason])).toEqual([
      ['a:80', 'up', { code: 'probe-succeeded' }],
      ['c:80', 'unknown', { code: 'prober-unreachable' }],
    ]);
    expect(tile(model, 'c:80').stateSince).toBe(NOW);
  });

  it('applies a prober to the status series whose labels agree with its own', () => {
    const model = buildModel(
      probeFrames(
        [target('a:80', [1, 1, undefined], { job: 'eu' }), target('a:80', [1, 1, 1], { job: 'us' })],
        [],
        [target('a:80', [1, 1, 0], { job: 'eu' }), target('a:80', [1, 1, 1], { job: 'us' })]
      ),
      testOptions(),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({
      state: 'partial',
      upCount: 1,
      reason: { code: 'some-up', up: 1, count: 2 },
    });
    expect(model.tiles[0].probes?.map((p) => [p.labels.job, p.reason])).toEqual([
      ['eu', { code: 'prober-unreachable' }],
      ['us', { code: 'probe-succeeded' }],
    ]);
  });

  // Two jobs probe one address; job b's exporter cannot be scraped. Job a's fresh 0 is a real outage.
  const twoJobs = [target('a:80', [1, 1, 0], { job: 'a' }), target('a:80', [1, 1, undefined], { job: 'b' })];

  it.each<[string, SeriesSpec[]]>([
    ['with both probers', [target('a:80', [1, 1, 1], { job: 'a' }), target('a:80', [1, 1, 0], { job: 'b' })]],
    ["with only the other job's prober", [target('a:80', [1, 1, 0], { job: 'b' })]],
  ])("never lets another job's prober hide a fresh failure, %s", (_name, probers) => {
    const model = buildModel(probeFrames(twoJobs, [], probers), testOptions(), RANGE);
    expect(model.tiles[0]).toMatchObject({ state: 'down', upCount: 0, seriesCount: 2 });
    expect(model.tiles[0].probes?.map((p) => [p.labels.job, p.state, p.reason])).toEqual([
      ['a', 'down', { code: 'probe-failed' }],
      ['b', 'unknown', { code: 'prober-unreachable' }],
    ]);
  });

  it('applies an aggregated prober (min by (instance) (up)) only where it is newer than the probe result', () => {
    const aggregated = rangeFrames([{ labels: { instance: 'a:80' }, values: [1, 1, 0] }], {
      nameStyle: 'dropped',
      refId: 'C',
    });
    const model = buildModel([...probeFrames(twoJobs), ...aggregated], testOptions(), RANGE);
    expect(model.tiles[0].state).toBe('down');
    expect(model.tiles[0].probes?.map((p) => [p.labels.job, p.state])).toEqual([
      ['a', 'down'],
      ['b', 'unknown'],
    ]);
  });

  describe('a second probe of the target that joins later', () => {
    // Job b begins probing at step 24 of 30, and fails from its first probe on.
    const joined = target('a:80', [...Array(24).fill(undefined), 0, 0, 0, 0, 0, 0], { job: 'b' });

    it('makes the target partial from the moment it joined', () => {
      const model = buildModel(probeFrames([target('a:80', padded([]), { job: 'a' }), joined]), testOptions(), RANGE);
      expect(model.tiles[0]).toMatchObject({
        state: 'partial',
        stateSince: NOW - 5 * STEP,
        stateHeldFromStart: false,
        stateChanges: 1,
      });
    });

    it('counts the target’s changes: up, partial when it joined, down when the first probe failed too', () => {
      const model = buildModel(
        probeFrames([target('a:80', padded([0, 0]), { job: 'a' }), joined]),
        testOptions(),
        RANGE
      );
      expect(model.tiles[0]).toMatchObject({ state: 'down', stateSince: NOW - STEP, stateChanges: 2 });
    });
  });

  it('counts a job whose exporter left no probe result in the range as a probe of the target', () => {
    const model = buildModel(
      probeFrames([target('a:80', [1], { job: 'a' })], [], [target('a:80', padded([0]), { job: 'b' })]),
      testOptions(),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({ state: 'partial', upCount: 1, seriesCount: 2 });
    expect(model.tiles[0].probes?.map((p) => [p.labels.job, p.state, p.reason])).toEqual([
      ['a', 'up', { code: 'probe-succeeded' }],
      ['b', 'unknown', { code: 'prober-unreachable' }],
    ]);
  });

  it('dates a target from its prober: an exporter unreachable from the start', () => {
    // A new job whose exporter address is wrong: `up` is 0 for the last 2 minutes, no probe_success.
    const model = buildModel(
      probeFrames([], [], [target('new-db:5432', [0, 0, 0, 0, 0, 0, 0, 0])]),
      testOptions(),
      RANGE
    );
    expect(tile(model, 'new-db:5432')).toMatchObject({
      state: 'unknown',
      reason: { code: 'prober-unreachable' },
      stateSince: NOW - 7 * STEP,
      stateHeldFromStart: false,
    });
  });

  it.each<[string, SeriesSpec[], string]>([
    ['with its probe series', [target('a:80', [1, 1, ...Array(28).fill(undefined)])], 'stale'],
    ['without a probe series', [], 'stale'],
  ])('a prober that went quiet too leaves the target stale, %s', (_name, status, state) => {
    const prober = [target('a:80', [1, 1, 0, ...Array(27).fill(undefined)])];
    const model = buildModel(probeFrames(status, [], prober), testOptions(), RANGE);
    expect(tile(model, 'a:80')).toMatchObject({ state, reason: expect.objectContaining({ code: 'silent' }) });
  });
});

describe('buildModel: staleness', () => {
  it.each<[string, number, Partial<Parameters<typeof testOptions>[0]>, boolean, number]>([
    // name, steps since the last sample, options, stale?, applied limit
    ['3 steps with a 15 s step: within 2 steps + 1 step slack', 3, {}, false, 30_000],
    ['4 steps with a 15 s step', 4, {}, true, 30_000],
    ['stale after 2m, 8 steps (2m) old', 8, { staleAfter: '2m' }, false, 120_000],
    ['stale after 2m, 10 steps (2m 30s) old', 10, { staleAfter: '2m' }, true, 120_000],
  ])('%s', (_name, age, overrides, stale, limit) => {
    const values = [1, 1, 1, ...Array(age).fill(undefined)];
    const model = buildModel(
      rangeFrames([target('a:80', values)], { metric: 'probe_success' }),
      testOptions(overrides),
      RANGE
    );
    expect(model.tiles[0].state).toBe(stale ? 'stale' : 'up');
    expect(model.tiles[0].ageMs).toBe(age * STEP);
    expect(model.staleLimitMs).toBe(limit);
  });

  it('caps the derived limit at 5 minutes', () => {
    const frames = rangeFrames([target('a:80', [1, 1, 1, undefined])], { metric: 'probe_success', step: 600_000 });
    expect(buildModel(frames, testOptions(), RANGE).staleLimitMs).toBe(300_000);
  });

  it('measures the step from the samples when the time field does not carry it', () => {
    const frames = rangeFrames([target('a:80', [1, 1, 1, 1, 1, 1, 1, undefined, undefined])], {
      metric: 'probe_success',
      step: 60_000,
      interval: false,
    });
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.staleLimitMs).toBe(120_000);
    expect(model.tiles[0].state).toBe('up');
  });

  it('uses 5 minutes when the step is unknown (instant queries)', () => {
    const frames = instantFrames([target('a:80', [1])], { metric: 'probe_success', end: NOW - 299_000 });
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.staleLimitMs).toBe(300_000);
    expect(model.tiles[0].state).toBe('up');
    const older = instantFrames([target('a:80', [1])], { metric: 'probe_success', end: NOW - 301_000 });
    expect(buildModel(older, testOptions(), RANGE).tiles[0]).toMatchObject({
      state: 'stale',
      reason: { code: 'silent', ms: 301_000 },
    });
  });

  it('warns about a stale-after value that is not a duration and derives the limit instead', () => {
    const model = buildModel(
      rangeFrames([target('a:80', [1])], { metric: 'probe_success' }),
      testOptions({ staleAfter: 'soon' }),
      RANGE
    );
    expect(model.staleLimitMs).toBe(30_000);
    expect(model.warnings).toEqual([{ code: 'bad-stale-after', text: 'soon' }]);
  });

  it.each(['0', '0s', '0m0s'])(
    'takes stale after %p as no limit given, with a warning, not every tile stale',
    (text) => {
      const model = buildModel(
        rangeFrames([target('a:80', [1])], { metric: 'probe_success' }),
        testOptions({ staleAfter: text }),
        RANGE
      );
      expect(model.tiles[0].state).toBe('up');
      expect(model.staleLimitMs).toBe(30_000);
      expect(model.warnings).toEqual([{ code: 'zero-stale-after', text }]);
    }
  );
});

describe('buildModel: per-target figures', () => {
  it('reads uptime, state changes, time in state and down ranges from one series', () => {
    const t = (i: number): number => NOW - (6 - i) * STEP;
    const model = buildModel(
      rangeFrames([target('a:80', [1, 0, 0, 1, 0, 1, 1])], { metric: 'probe_success' }),
      testOptions({ flappingThreshold: 4 }),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({
      state: 'up',
      uptime: 4 / 7,
      stateChanges: 4,
      flapping: true,
      stateSince: t(5),
      lastSampleTime: NOW,
      firstSampleTime: t(0),
      ageMs: 0,
      downRanges: [
        [t(1), t(3)],
        [t(4), t(5)],
      ],
    });
  });

  it('counts samples other than 0 and 1 as neither up nor down time: a bad value is no outage', () => {
    // Three 0/1 samples, two of them 1; the 2, 0.5 and NaN are a dashboard's odd query, not downtime.
    const model = buildModel(
      rangeFrames([target('a:80', [1, 2, 0.5, 0, NaN, 1])], { metric: 'probe_success' }),
      testOptions(),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({ state: 'up', uptime: 2 / 3, uptimeExact: false });
  });

  it.each<[number, boolean]>([
    [0, false],
    [5, false],
    [2, true],
  ])('flapping threshold %d', (flappingThreshold, flapping) => {
    const model = buildModel(
      rangeFrames([target('a:80', [1, 0, 1])], { metric: 'probe_success' }),
      testOptions({ flappingThreshold }),
      RANGE
    );
    expect(model.tiles[0].flapping).toBe(flapping);
  });

  it('dates a state that held over samples beginning after the range start from the first sample', () => {
    const model = buildModel(
      rangeFrames([target('a:80', [0, 0, 0])], { metric: 'probe_success' }),
      testOptions(),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({
      state: 'down',
      stateSince: NOW - 2 * STEP,
      stateHeldFromStart: false,
      downRanges: [[NOW - 2 * STEP, NOW]],
    });
  });

  // The hour's range holds 241 steps, the first at its start; with 30s stale after, a first sample
  // one step (15s) late still counts as at the start, since range queries align their first step.
  it.each<[string, Sample[], number, boolean]>([
    ['samples begin at the range start', Array(241).fill(1), RANGE.from, true],
    [
      'the first sample is within the alignment slack of the start',
      [undefined, ...Array(240).fill(1)],
      RANGE.from,
      true,
    ],
    [
      'samples begin later, as for a new target',
      [...Array(232).fill(undefined), ...Array(9).fill(1)],
      NOW - 2 * 60 * 1000,
      false,
    ],
    ['the state changed', [...Array(200).fill(0), ...Array(41).fill(1)], NOW - 40 * STEP, false],
  ])('decides when the state began: %s', (_, values, stateSince, stateHeldFromStart) => {
    const model = buildModel(
      rangeFrames([target('a:80', values)], { metric: 'probe_success' }),
      testOptions({ staleAfter: '30s' }),
      RANGE
    );
    expect(model.tiles[0]).toMatchObject({ state: 'up', stateSince, stateHeldFromStart });
  });

  it.each(['', '2h'])(
    'dates a target added after the range start from its first sample (stale after "%s")',
    (staleAfter) => {
      // Nine minutes of samples in an hour's range: up for 9m, however long a gap "Stale after" allows.
      const values = [...Array(205).fill(undefined), ...Array(36).fill(1)];
      const model = buildModel(
        rangeFrames([target('a:80', values)], { metric: 'probe_success' }),
        testOptions({ staleAfter }),
        RANGE
      );
      expect(model.tiles[0]).toMatchObject({ state: 'up', stateSince: NOW - 35 * STEP, stateHeldFromStart: false });
    }
  );

  it('ends a down range at a gap, and a gap starts a new run of the state', () => {
    const values = [0, 0, ...Array(10).fill(undefined), 0, 0];
    const model = buildModel(rangeFrames([target('a:80', values)], { metric: 'probe_success' }), testOptions(), RANGE);
    const t = (i: number): number => NOW - (13 - i) * STEP;
    expect(model.tiles[0].downRanges).toEqual([
      [t(0), t(1)],
      [t(12), t(13)],
    ]);
    expect(model.tiles[0].stateSince).toBe(t(12));
  });

  it('takes duration figures from finite values, the newest as the max over series', () => {
    const model = buildModel(
      probeFrames(
        [target('a:80', [1, 1, 1])],
        [target('a:80', [0.2, Infinity, 0.4], { module: 'http' }), target('a:80', [NaN, 0.1, 0.6], { module: 'tcp' })]
      ),
      testOptions(),
      RANGE
    );
    const a = model.tiles[0];
    expect(a.durations.figures().duration).toBe(0.6);
    expect(a.durations.figures().durationStats?.min).toBe(0.1);
    expect(a.durations.figures().durationStats?.max).toBe(0.6);
    expect(a.durations.figures().durationStats?.avg).toBeCloseTo(1.3 / 4);
    expect(a.labels).toEqual({ instance: 'a:80', job: 'blackbox', module: 'http' });
  });

  it.each([
    [15_000, []],
    [60_000, [{ code: 'coarse-step', stepMs: 60_000 }]],
    [300_000, [{ code: 'coarse-step', stepMs: 300_000 }]],
  ])('says when the step is coarse: the newest state is then up to a step old (step %d ms)', (step, warnings) => {
    const model = buildModel(
      rangeFrames([target('a:80', [1, 1, 0])], { metric: 'probe_success', step }),
      testOptions(),
      RANGE
    );
    expect(model.warnings).toEqual(warnings);
  });

  it('takes no newest duration from a duration series that stopped', () => {
    // A job renamed 50 minutes ago: its old series ends at 5 s, the new one answers in 0.1 s.
    const stopped = [5, 5, 5, ...Array<undefined>(200).fill(undefined)];
    const model = buildModel(
      probeFrames(
        [target('a:80', Array(203).fill(1), { job: 'new' })],
        [target('a:80', stopped, { job: 'old' }), target('a:80', Array(203).fill(0.1), { job: 'new' })]
      ),
      testOptions({ keyLabels: 'instance' }),
      RANGE
    );
    expect(withFigures(model.tiles[0])).toMatchObject({ state: 'up', duration: 0.1 });
    expect(model.tiles[0].durations.figures().durationStats?.max).toBe(5);
  });

  it('hands the duration samples and fields over without copying', () => {
    const frames = probeFrames([target('a:80', [1, 1])], [target('a:80', [0.1, 0.2])]);
    const a = buildModel(frames, testOptions(), RANGE).tiles[0];
    expect(a.durations.figures().durationRun?.values).toBe(frames[1].fields[1].values);
    expect(a.durations.figures().durationRun?.times).toBe(frames[1].fields[0].values);
    expect(a.durations.figures().durationRun).toMatchObject({ start: 0, end: 2 });
    expect(a.durations.figures().durationField).toBe(frames[1].fields[1]);
    expect(a.statusField).toBe(frames[0].fields[1]);
  });

  // Most tiles are never drawn: a target's one duration series is read when its figures are first
  // asked for (durationSummary.ts, oneSeriesDurations), and only then.
  it('reads a duration series only when its figures are first asked for', () => {
    const frames = probeFrames([target('a:80', [1, 1])], [target('a:80', [0.1, 0.2])]);
    let reads = 0;
    const values = frames[1].fields[1].values;
    frames[1].fields[1].values = new Proxy(values, {
      get(array, property, receiver) {
        reads += typeof property === 'string' && /^\d+$/.test(property) ? 1 : 0;
        return Reflect.get(array, property, receiver);
      },
    });
    const a = buildModel(frames, testOptions(), RANGE).tiles[0];
    expect(reads).toBe(0);
    expect(a.durations.figures().duration).toBe(0.2);
    expect(reads).toBeGreaterThan(0);
    const after = reads;
    expect(a.durations.figures().durationStats?.min).toBe(0.1);
    expect(reads).toBe(after);
  });
});

describe('buildModel: bad input', () => {
  function frameWith(times: unknown[], values: unknown[]): DataFrame {
    return createDataFrame({
      refId: 'A',
      fields: [
        { name: 'Time', type: FieldType.time, values: times, config: { interval: STEP } },
        { name: 'probe_success', type: FieldType.number, values, labels: { instance: 'a:80' }, config: {} },
      ],
    });
  }
  const at = (steps: number): number => NOW - steps * STEP;

  it.each<[string, unknown[], unknown[], string, Reason]>([
    [
      'null newest value: the previous sample counts',
      [at(2), at(1), at(0)],
      [1, 0, null],
      'down',
      { code: 'probe-failed' },
    ],
    ['string values are no sample', [at(2), at(1), at(0)], [0, 1, '1'], 'up', { code: 'probe-succeeded' }],
    ['only nulls', [at(1), at(0)], [null, null], 'unknown', { code: 'no-sample' }],
    ['NaN', [at(1), at(0)], [1, NaN], 'unknown', { code: 'invalid-value', value: NaN }],
    ['+Inf', [at(1), at(0)], [1, Infinity], 'unknown', { code: 'invalid-value', value: Infinity }],
    ['-Inf', [at(1), at(0)], [1, -Infinity], 'unknown', { code: 'invalid-value', value: -Infinity }],
    ['unsorted times', [at(0), at(2), at(1)], [1, 0, 0], 'up', { code: 'probe-succeeded' }],
    ['null times', [at(1), null, at(0)], [0, 1, 1], 'up', { code: 'probe-succeeded' }],
    ['series ending early', [at(9), at(8)], [1, 1], 'stale', { code: 'silent', ms: 120_000 }],
    ['more values than times', [at(0)], [1, 0], 'up', { code: 'probe-succeeded' }],
  ])('%s', (_name, times, values, state, reason) => {
    const model = buildModel([frameWith(times, values)], testOptions(), RANGE);
    expect(model.tiles[0]).toMatchObject({ state, reason });
  });

  it('gives the sparkline time-ordered samples when the frame is unsorted', () => {
    const frame = createDataFrame({
      refId: 'B',
      fields: [
        { name: 'Time', type: FieldType.time, values: [at(0), at(2), at(1)], config: {} },
        { name: 'probe_duration_seconds', type: FieldType.number, values: [0.3, 0.1, 0.2], labels: { instance: 'a' } },
      ],
    });
    const run = buildModel([frame], testOptions(), RANGE).tiles[0].durations.figures().durationRun;
    expect(run && Array.from(run.times).slice(run.start, run.end)).toEqual([at(2), at(1), at(0)]);
    expect(run && Array.from(run.values).slice(run.start, run.end)).toEqual([0.1, 0.2, 0.3]);
  });

  it('counts a duplicated series once', () => {
    const frames = [
      ...rangeFrames([target('a:80', [1, 0, 1, 1])], { metric: 'probe_success' }),
      ...rangeFrames([target('a:80', [1, 0, 1, 1])], { metric: 'probe_success' }),
    ];
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.tiles[0]).toMatchObject({ seriesCount: 1, upCount: 1, uptime: 0.75, state: 'up' });
    expect(model.warnings).toEqual([{ code: 'duplicates', count: 1 }]);
  });

  it.each([
    ['up first', [1, 1, 1, 1], [1, 1, 0, 0]],
    ['down first', [1, 1, 0, 0], [1, 1, 1, 1]],
  ])('keeps the failing one of two duplicates that disagree (%s), whatever their order', (_order, a, b) => {
    const frames = [
      ...rangeFrames([target('a:80', a)], { metric: 'probe_success', refId: 'A' }),
      ...rangeFrames([target('a:80', b)], { metric: 'probe_success', refId: 'K' }),
    ];
    const model = buildModel(frames, testOptions(), RANGE);
    expect(model.tiles[0]).toMatchObject({ seriesCount: 1, state: 'down' });
    expect(model.warnings).toEqual([{ code: 'duplicates', count: 1 }]);
  });

  it('shows no state for series Merge made one, and says why', async () => {
    // Grafana's own Merge of a failing and a healthy target's frames: it drops their labels, and
    // the one series left has both values at every time.
    const frames = rangeFrames(
      [
        { ...target('b:1', Array(30).fill(0)), legend: 'b:1' },
        { ...target('a:1', Array(30).fill(1)), legend: 'a:1' },
      ],
      { metric: 'probe_success' }
    );
    const merged = await lastValueFrom(
      of(frames).pipe(standardTransformers.mergeTransformer.operator({}, { interpolate: (value: string) => value }))
    );
    expect(merged).toHaveLength(1);
    const model = buildModel(merged, testOptions(), RANGE);
    expect(model.tiles.map((t) => t.state)).toEqual(['unknown']);
    expect(model.tiles[0].reason).toEqual({ code: 'several-values' });
    expect(model.warnings).toContainEqual({ code: 'several-values', count: 1 });
  });

  it('after Join by field, takes no prober aggregate for status: a dead exporter is no DOWN target', async () => {
    // probe_success by name; the prober as `min by (instance) (up)` has no name, and once joined no
    // refId either: its 0s (the exporter gone, the last two steps) look like a status series.
    const frames = [
      ...rangeFrames([target('a:1', [...Array(28).fill(1), undefined, undefined])], {
        metric: 'probe_success',
        refId: 'A',
      }),
      ...rangeFrames([target('a:1', [...Array(28).fill(1), 0, 0])], { nameStyle: 'dropped', refId: 'C' }),
    ];
    const joined = await lastValueFrom(
      of(frames).pipe(
        standardTransformers.joinByFieldTransformer.operator({}, { interpolate: (value: string) => value })
      )
    );
    expect(joined).toHaveLength(1);
    expect(joined[0].refId).not.toBe('C');
    const model = buildModel(joined, testOptions(), RANGE);
    expect(model.tiles.map((t) => [t.key, t.state, t.seriesCount])).toEqual([['a:1', 'up', 1]]);
    expect(model.warnings).toContainEqual(expect.objectContaining({ code: 'ignored-unmapped', count: 1 }));
  });

  it.each([
    ['with a legend', 'a:1'],
    ['without one', undefined],
  ])('leaves the frame of Series to rows out, and says why (%s)', async (_name, legend) => {
    // The prober's 0 (the exporter gone) would read as a failed probe; with a legend, status,
    // duration and prober rows of a target even share one name.
    const frames = probeFrames(
      [{ ...target('a:1', [1, 1, undefined]), legend }],
      [{ ...target('a:1', [0.1, 0.1, undefined]), legend }],
      [{ ...target('a:1', [1, 1, 0]), legend }]
    );
    const rows = await lastValueFrom(
      of(frames).pipe(
        standardTransformers.seriesToRowsTransformer.operator({}, { interpolate: (value: string) => value })
      )
    );
    expect(rows).toHaveLength(1);
    const model = buildModel(rows, testOptions(), RANGE);
    expect(model.tiles).toEqual([]);
    expect(model.warnings).toEqual([{ code: 'series-to-rows', count: 1 }]);
  });

  it('still takes 0/1 series without a name or mapped refId as status where nothing else is', () => {
    const model = buildModel(
      rangeFrames([target('a:1', padded([0]))], { nameStyle: 'dropped', refId: 'Q' }),
      testOptions(),
      RANGE
    );
    expect(model.tiles.map((t) => [t.key, t.state])).toEqual([['a:1', 'down']]);
    expect(model.warnings).toEqual([]);
  });

  it('keeps a series without a time field as a target with no sample, and says why', () => {
    const frame = createDataFrame({
      refId: 'A',
      fields: [{ name: 'probe_success', type: FieldType.number, values: [1], labels: { instance: 'a:80' } }],
    });
    const model = buildModel([frame], testOptions(), RANGE);
    expect(model.tiles[0]).toMatchObject({ state: 'unknown', reason: { code: 'no-sample' } });
    expect(model.warnings).toEqual([{ code: 'undated', count: 1, refId: 'A' }]);
  });

  it('tolerates saved options that lack fields', () => {
    const sparse = { nameTemplate: '{{instance}}' } as Options;
    const model = buildModel(probeFrames([target('a:80', [1, 0])]), sparse, RANGE);
    expect(model.tiles[0]).toMatchObject({ key: 'a:80', name: 'a:80', state: 'down', flapping: false });
  });

  it('is not fooled by labels named like Object properties', () => {
    const frames = rangeFrames([{ labels: { instance: 'a', constructor: 'x', __proto__: 'y' }, values: [1] }], {
      metric: 'probe_success',
    });
    const model = buildModel(frames, testOptions({ nameTemplate: '{{toString}}{{instance}}' }), RANGE);
    expect(model.tiles[0].name).toBe('a');
  });
});

describe('buildModel: facts from the other blackbox metrics', () => {
  const DAY = 24 * 60 * 60 * 1000;
  const web = (values: SeriesSpec['values'], extra = {}): SeriesSpec => target('web:443', values, extra);
  const status = rangeFrames([web([1, 0])], { metric: 'probe_success', refId: 'A' });
  const expiry = (NOW + 10 * DAY) / 1000;

  type Shape = [string, (specs: SeriesSpec[], metric: string, refId: string) => DataFrame[]];
  const SHAPES: Shape[] = [
    ['range', (specs, metric, refId) => rangeFrames(specs, { metric, refId })],
    ['instant', (specs, metric, refId) => instantFrames(specs, { metric, refId })],
    ['table', (specs, metric, refId) => [tableFrame(specs, { metric, refId, valueName: `Value #${refId}` })]],
    ['no __name__, by refId', (specs, metric, refId) => rangeFrames(specs, { metric, refId, nameStyle: 'dropped' })],
  ];

  it.each(SHAPES)('reads every role from %s frames', (_name, frames) => {
    const model = buildModel(
      [
        ...status,
        ...frames([web([200, 503])], 'probe_http_status_code', 'D'),
        ...frames([web([expiry])], 'probe_ssl_earliest_cert_expiry', 'E'),
        ...frames([web([1])], 'probe_failed_due_to_regex', 'F'),
        ...frames([web([0.004])], 'probe_dns_lookup_time_seconds', 'G'),
        ...frames(
          [web([0.03], { phase: 'connect' }), web([0.5], { phase: 'processing' })],
          'probe_http_duration_seconds',
          'H'
        ),
        ...frames([web([1], { alertname: 'PortwatchTargetDown', alertstate: 'firing' })], 'ALERTS', 'J'),
      ],
      testOptions(),
      RANGE
    );
    const only = tile(model, 'web:443');
    expect(only.state).toBe('down');
    expect(tileFacts(only).facts).toMatchObject({
      httpStatus: { value: 503 },
      certExpiry: { value: expiry },
      contentCheck: { value: 1 },
      dnsLookup: { value: 0.004 },
      httpPhases: [
        { phase: 'connect', value: 0.03 },
        { phase: 'processing', value: 0.5 },
      ],
      alerts: [{ name: 'PortwatchTargetDown', state: 'firing' }],
    });
    expect(tileFacts(only).badges).toEqual([
      { kind: 'alert-firing', name: 'PortwatchTargetDown' },
      { kind: 'http-status', code: 503 },
      { kind: 'content-check' },
      { kind: 'cert-expiry', days: 10, severity: 'warning' },
    ]);
    expect(only.firing).toBe(true);
    expect(model.summary.firing).toBe(1);
    expect(model.warnings).toEqual([]);
  });

  it('joins facts by the key labels and never makes a tile of facts alone', () => {
    const model = buildModel(
      [...status, ...rangeFrames([target('other:443', [503])], { metric: 'probe_http_status_code', refId: 'D' })],
      testOptions(),
      RANGE
    );
    expect(model.tiles.map((t) => t.key)).toEqual(['web:443']);
    expect(tileFacts(model.tiles[0]).facts).toBeUndefined();
  });

  it('marks the ports of a host whose ICMP probe is down, joined on the host label or the address', () => {
    const ports = rangeFrames(
      [target('web:443', [1, 0]), target('web:80', [1, 0]), target('db:5432', [1, 1]), target('web', [1, 0])],
      { metric: 'probe_success', refId: 'A' }
    );
    const icmp = rangeFrames(
      [target('web', [1, 0], { job: 'probe_icmp' }), target('db', [1, 1], { job: 'probe_icmp' })],
      {
        metric: 'probe_success',
        refId: 'I',
      }
    );
    const model = buildModel([...ports, ...icmp], testOptions(), RANGE);
    const kinds = (key: string): string[] => tileFacts(tile(model, key)).badges.map((badge) => badge.kind);
    expect(kinds('web:443')).toEqual(['host-unreachable']);
    expect(kinds('web:80')).toEqual(['host-unreachable']);
    expect(kinds('db:5432')).toEqual([]);
    // The host's own ICMP tile (from query A) says DOWN by itself.
    expect(kinds('web')).toEqual([]);
    expect(tile(model, 'web:443').facts?.host).toMatchObject({ name: 'web', state: 'down' });
    expect(model.tiles.map((t) => t.key).sort()).toEqual(['db:5432', 'web', 'web:443', 'web:80']);
  });

  // Host names are compared in lower case without a trailing dot (hostOf), the instance as written.
  it.each(['GW.Example.com', 'gw.example.com.', '2001:DB8::1'])(
    "leaves the host's own ICMP tile without the host badge, spelled %s",
    (instance) => {
      const own = rangeFrames([target(instance, [1, 0])], { metric: 'probe_success', refId: 'A' });
      const icmp = rangeFrames([target(instance, [1, 0], { job: 'probe_icmp' })], {
        metric: 'probe_success',
        refId: 'I',
      });
      const model = buildModel([...own, ...icmp], testOptions(), RANGE);
      expect(tile(model, instance).facts?.host).toMatchObject({ state: 'down' });
      expect(tileFacts(tile(model, instance)).badges).toEqual([]);
    }
  );

  // A firewall that drops ICMP: the host answers on port 443, so its port 9 is down on its own
  // (the rule PortwatchHostDown holds the same view: tests/stack/rules/portwatch.test.yml).
  it('does not call a host unreachable while a port of it answers', () => {
    const ports = rangeFrames([target('fw:443', [1, 1]), target('fw:9', [1, 0]), target('dead:22', [1, 0])], {
      metric: 'probe_success',
      refId: 'A',
    });
    const icmp = rangeFrames(
      [target('fw', [0, 0], { job: 'probe_icmp' }), target('dead', [0, 0], { job: 'probe_icmp' })],
      {
        metric: 'probe_success',
        refId: 'I',
      }
    );
    const model = buildModel([...ports, ...icmp], testOptions(), RANGE);
    expect(tileFacts(tile(model, 'fw:9')).badges).toEqual([{ kind: 'host-unreachable', host: 'fw', answers: true }]);
    expect(tile(model, 'fw:9').facts?.host).toMatchObject({ name: 'fw', state: 'down', answering: true });
    expect(tileFacts(tile(model, 'dead:22')).badges).toEqual([
      { kind: 'host-unreachable', host: 'dead', answers: false },
    ]);
    expect(tile(model, 'dead:22').facts?.host?.answering).toBeUndefined();
  });

  it('prefers the host label to the address', () => {
    const ports = rangeFrames([target('10.0.0.5:443', [0], { host: 'web-1' })], { metric: 'probe_success' });
    const icmp = rangeFrames([target('10.0.0.5', [0], { host: 'web-1' })], { metric: 'probe_success', refId: 'I' });
    expect(tileFacts(buildModel([...ports, ...icmp], testOptions(), RANGE).tiles[0]).badges).toEqual([
      { kind: 'host-unreachable', host: 'web-1', answers: false },
    ]);
  });

  it('takes the exact uptime from the uptime query, and marks targets under the uptime target', () => {
    const sampled = rangeFrames([target('a:80', padded([0])), target('b:80', padded([1]))], {
      metric: 'probe_success',
    });
    const exact = instantFrames([target('a:80', [0.9995]), target('b:80', [0.95])], {
      refId: 'U',
      nameStyle: 'dropped',
    });
    const model = buildModel([...sampled, ...exact], testOptions({ uptimeTarget: 99.9 }), RANGE);
    expect(tile(model, 'a:80')).toMatchObject({ uptime: 0.9995, uptimeExact: true, belowUptimeTarget: false });
    expect(tile(model, 'b:80')).toMatchObject({ uptime: 0.95, uptimeExact: true, belowUptimeTarget: true });

    const estimated = buildModel(sampled, testOptions({ uptimeTarget: 0 }), RANGE);
    expect(tile(estimated, 'a:80')).toMatchObject({ uptime: 29 / 30, uptimeExact: false, belowUptimeTarget: false });
  });

  it('counts healthy partial targets under the quorum', () => {
    const frames = rangeFrames(
      [
        target('a:80', [1], { module: 'x' }),
        target('a:80', [1], { module: 'y' }),
        target('a:80', [0], { module: 'z' }),
      ],
      { metric: 'probe_success' }
    );
    expect(buildModel(frames, testOptions({ quorum: 'majority' }), RANGE).summary).toMatchObject({
      partial: 1,
      partialHealthy: 1,
    });
    expect(buildModel(frames, testOptions({ quorum: 'all' }), RANGE).summary).toMatchObject({
      partial: 1,
      partialHealthy: 0,
    });
  });

  it('keeps the status samples for the history strip', () => {
    const model = buildModel(status, testOptions(), RANGE);
    const runs = model.tiles[0].statusRuns ?? [];
    expect(runs).toHaveLength(1);
    expect(Array.from(runs[0].values).slice(runs[0].start, runs[0].end)).toEqual([1, 0]);
  });
});

describe('buildModel: one-series frames read without a series of their own', () => {
  it("takes a prober frame's newest sample by time, not its last row: a 0 there is read in full", () => {
    const status = rangeFrames([target('a:80', [1, 1, undefined])], { metric: 'probe_success' });
    const prober = rangeFrames([{ ...target('a:80', [0, 1]), times: [NOW, NOW - STEP] }], { metric: 'up', refId: 'C' });
    expect(buildModel([...status, ...prober], testOptions(), RANGE).tiles[0]).toMatchObject({
      state: 'unknown',
      reason: { code: 'prober-unreachable' },
    });
  });

  it('gives a target known only to the uptime query a tile: an uptime without status samples', () => {
    // "Last 7 days": a 2h step, so a target added within the last step has no status sample yet.
    const step = 2 * 60 * 60_000;
    const range = { from: NOW - 7 * 24 * 60 * 60_000, to: NOW };
    const status = rangeFrames([target('old:80', [1, 1])], { metric: 'probe_success', step, end: NOW - 60 * 60_000 });
    const exact = instantFrames([target('old:80', [1]), target('new:80', [0])], { refId: 'U', nameStyle: 'dropped' });
    const model = buildModel([...status, ...exact], testOptions(), range);
    expect(tile(model, 'new:80')).toMatchObject({
      state: 'unknown',
      reason: { code: 'no-sample' },
      uptime: 0,
      uptimeExact: true,
    });
    expect(tile(model, 'old:80').state).toBe('up');
    expect(model.summary).toMatchObject({ total: 2, unknown: 1 });
    // Every target new: tiles all the same, none from status.
    expect(buildModel(exact, testOptions(), range).tiles.map((t) => t.state)).toEqual(['unknown', 'unknown']);
    // An uptime sample past the staleness limit says nothing of now: no tile.
    const old = instantFrames([{ ...target('gone:80', [0.5]), times: [NOW - 10 * 60_000] }], {
      refId: 'U',
      nameStyle: 'dropped',
    });
    expect(buildModel([...status, ...old], testOptions(), range).tiles.map((t) => t.key)).toEqual(['old:80']);
  });

  it('takes no exact uptime from a sample past the staleness limit', () => {
    const status = rangeFrames([target('a:80', padded([0]))], { metric: 'probe_success' });
    const old = instantFrames([{ ...target('a:80', [0.5]), times: [NOW - 10 * 60_000] }], {
      refId: 'U',
      nameStyle: 'dropped',
    });
    expect(buildModel([...status, ...old], testOptions(), RANGE).tiles[0]).toMatchObject({
      uptime: 29 / 30,
      uptimeExact: false,
    });
  });

  it('reads the facts of a frame of another shape (a table) at once, and the same facts from one-series frames when drawn', () => {
    const status = rangeFrames([target('a:80', [0])], { metric: 'probe_success' });
    const asTable = [tableFrame([target('a:80', [503])], { metric: 'probe_http_status_code', refId: 'D' })];
    const asSeries = rangeFrames([target('a:80', [503])], { metric: 'probe_http_status_code', refId: 'D' });
    const fromTable = buildModel([...status, ...asTable], testOptions(), RANGE).tiles[0];
    const fromSeries = buildModel([...status, ...asSeries], testOptions(), RANGE).tiles[0];
    expect(fromTable.facts?.httpStatus?.value).toBe(503);
    expect(fromSeries.facts).toBeUndefined();
    expect(fromSeries.deferredFacts).toHaveLength(1);
    expect(tileFacts(fromSeries).badges).toEqual(tileFacts(fromTable).badges);
  });
});
