import fc from 'fast-check';

import { SortBy } from '../options/defaultOptions';

import { arrangeTiles, SortHint } from './arrangeTiles';
import { naturalCompare } from './naturalCompare';
import { tileFixture } from '../test-utils/testFixtures';
import { ArrangeOptions, Tile, TileGroup } from './types';

const ALL: ArrangeOptions = { text: '', states: [], sortBy: 'name', groupBy: '' };

function keys(groups: TileGroup[]): string[][] {
  return groups.map((group) => group.tiles.map((tile) => tile.key));
}

const TILES: Tile[] = [
  tileFixture({
    key: '10.0.0.10',
    state: 'up',
    duration: 0.2,
    uptime: 1,
    labels: { instance: '10.0.0.10', site: 'ams' },
  }),
  tileFixture({
    key: '10.0.0.2',
    state: 'down',
    duration: 1.5,
    uptime: 0.5,
    labels: { instance: '10.0.0.2', site: 'fra' },
  }),
  tileFixture({ key: '10.0.0.3', state: 'stale', uptime: 0.9, labels: { instance: '10.0.0.3', site: 'ams' } }),
  tileFixture({ key: '10.0.0.4', state: 'unknown', duration: NaN, labels: { instance: '10.0.0.4' } }),
  tileFixture({
    key: '10.0.0.5',
    state: 'partial',
    healthy: true,
    duration: 0.7,
    uptime: 0.8,
    labels: { instance: '10.0.0.5', site: '' },
  }),
  tileFixture({
    key: '10.0.0.6',
    state: 'partial',
    healthy: false,
    duration: 0.1,
    uptime: 0.3,
    labels: { instance: '10.0.0.6', site: 'fra' },
  }),
  tileFixture({
    key: '10.0.0.7',
    state: 'up',
    flapping: true,
    name: 'Shop',
    duration: 0.3,
    uptime: 0.95,
    labels: { instance: '10.0.0.7', owner: 'Team <Web>' },
  }),
];

describe('arrangeTiles: sorting', () => {
  it.each<[SortBy, string[]]>([
    ['name', ['10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', '10.0.0.6', '10.0.0.10', '10.0.0.7']],
    ['problems', ['10.0.0.2', '10.0.0.4', '10.0.0.3', '10.0.0.6', '10.0.0.5', '10.0.0.7', '10.0.0.10']],
    ['duration', ['10.0.0.2', '10.0.0.5', '10.0.0.7', '10.0.0.10', '10.0.0.6', '10.0.0.3', '10.0.0.4']],
    ['uptime', ['10.0.0.6', '10.0.0.2', '10.0.0.5', '10.0.0.3', '10.0.0.7', '10.0.0.10', '10.0.0.4']],
  ])('by %s', (sortBy, expected) => {
    expect(keys(arrangeTiles(TILES, { ...ALL, sortBy }))).toEqual([expected]);
  });

  it('orders names naturally, then by key when names are equal', () => {
    const tiles = ['host10', 'host9', 'Host9', 'host1'].map((key) => tileFixture({ key, name: key.toLowerCase() }));
    expect(keys(arrangeTiles(tiles, ALL))).toEqual([['host1', 'Host9', 'host9', 'host10']]);
  });

  const rank = { down: 0, unknown: 1, stale: 2, partial: 3, up: 5 };
  const byName = (a: Tile, b: Tile) => naturalCompare(a.name, b.name) || naturalCompare(a.key, b.key);
  const missing = (value: number | undefined) => value === undefined || Number.isNaN(value);
  const byValue = (read: (tile: Tile) => number | undefined, sign: number) => (a: Tile, b: Tile) => {
    const [x, y] = [read(a), read(b)];
    if (missing(x) || missing(y)) {
      return missing(x) === missing(y) ? byName(a, b) : missing(x) ? 1 : -1;
    }
    return sign * ((x as number) - (y as number)) || byName(a, b);
  };
  const reference: Record<SortBy, (a: Tile, b: Tile) => number> = {
    problems: (a, b) =>
      rank[a.state] +
        (a.state === 'partial' && a.healthy ? 1 : 0) -
        (rank[b.state] + (b.state === 'partial' && b.healthy ? 1 : 0)) ||
      Number(b.flapping) - Number(a.flapping) ||
      byName(a, b),
    name: byName,
    duration: byValue((tile) => tile.durations.figures().duration, -1),
    uptime: byValue((tile) => tile.uptime, 1),
  };
  // Names like real targets, with now and then one that only the collator can order.
  const text = fc.oneof(
    { weight: 4, arbitrary: fc.stringMatching(/^[a-cA-C0-9.:_-]{0,8}$/) },
    { weight: 1, arbitrary: fc.constantFrom('café', 'Ärger', 'zoë', 'host\t1', '') }
  );
  const figure = fc.option(fc.constantFrom(0, 0.25, 1, NaN), { nil: undefined });
  const figures = fc.record({
    state: fc.constantFrom<Tile['state']>('up', 'down', 'stale', 'unknown', 'partial'),
    healthy: fc.boolean(),
    flapping: fc.boolean(),
    duration: figure,
    uptime: figure,
  });
  const tile = fc
    .tuple(fc.record({ key: text, name: text }), figures)
    .map(([names, rest]) => tileFixture({ ...names, ...rest }));
  const sortBys = fc.constantFrom<SortBy>('problems', 'name', 'duration', 'uptime');

  it.each<SortBy>(['problems', 'name', 'duration', 'uptime'])(
    'sorts by %s exactly as the plain comparison of every pair would',
    (sortBy) => {
      fc.assert(
        fc.property(fc.array(tile, { maxLength: 30 }), (tiles) => {
          const expected = [...tiles].sort(reference[sortBy]);
          const [group] = arrangeTiles(tiles, { ...ALL, sortBy });
          expect(group.tiles.map((t) => tiles.indexOf(t))).toEqual(expected.map((t) => tiles.indexOf(t)));
        }),
        { numRuns: 300 }
      );
    }
  );

  it("arranges alike with the previous arrangement's names", () => {
    // A refresh: the same targets with new states and figures, now and then a renamed or an added
    // target; the previous arrangement sorted by any order, filtered or not.
    const refresh = fc
      .array(fc.tuple(tile, figures, fc.constantFrom('same', 'same', 'same', 'renamed', 'added')), { maxLength: 30 })
      .map((pairs) => {
        const before = pairs.filter(([, , change]) => change !== 'added').map(([old]) => old);
        const after = pairs.map(([old, next, change]) =>
          tileFixture({ key: old.key, name: change === 'renamed' ? `${old.name}x` : old.name, ...next })
        );
        return { before, after };
      });
    fc.assert(
      fc.property(refresh, sortBys, sortBys, fc.constantFrom('', '1', 'b'), (pair, sortBy, sortedBefore, needle) => {
        const hint: SortHint = {};
        arrangeTiles(pair.before, { ...ALL, sortBy: sortedBefore, text: needle }, hint);
        const [group] = arrangeTiles(pair.after, { ...ALL, sortBy }, hint);
        const expected = [...pair.after].sort(reference[sortBy]);
        expect(group.tiles.map((t) => pair.after.indexOf(t))).toEqual(expected.map((t) => pair.after.indexOf(t)));
      }),
      { numRuns: 500 }
    );
  });

  it('puts the first tiles in order for a first render, and the rest after them in the model order', () => {
    fc.assert(
      fc.property(
        fc.array(tile, { maxLength: 40 }),
        sortBys,
        fc.constantFrom('', '1', 'b'),
        fc.nat({ max: 45 }),
        (tiles, sortBy, needle, count) => {
          const hint: SortHint = {};
          const [group] = arrangeTiles(tiles, { ...ALL, sortBy, text: needle }, hint, count);
          const shown = arrangeTiles(tiles, { ...ALL, sortBy, text: needle })[0].tiles;
          const expected = [...shown].sort(reference[sortBy]);
          const places = (list: Tile[]) => list.map((t) => tiles.indexOf(t));
          if (count >= shown.length) {
            // Nothing to leave for later: the whole order, which the hint keeps for the next call.
            expect(group.orderedCount).toBeUndefined();
            expect(places(group.tiles)).toEqual(places(expected));
            expect(hint.order).toBeDefined();
            return;
          }
          expect(group.orderedCount).toBe(count);
          expect(places(group.tiles.slice(0, count))).toEqual(places(expected.slice(0, count)));
          const rest = expected.slice(count);
          expect(places(group.tiles.slice(count))).toEqual(places(tiles.filter((t) => rest.includes(t))));
          expect(hint).toEqual({});
        }
      ),
      { numRuns: 500 }
    );
  });

  it('orders in full when the hint already orders the names, whatever the first count', () => {
    const tiles = TILES.map((t) => ({ ...t }));
    const hint: SortHint = {};
    arrangeTiles(tiles, { ...ALL, sortBy: 'name' }, hint);
    const [group] = arrangeTiles(tiles, { ...ALL, sortBy: 'problems' }, hint, 2);
    expect(group.orderedCount).toBeUndefined();
    expect(group.tiles.map((t) => t.key)).toEqual([
      '10.0.0.2',
      '10.0.0.4',
      '10.0.0.3',
      '10.0.0.6',
      '10.0.0.5',
      '10.0.0.7',
      '10.0.0.10',
    ]);
  });

  it('orders groups in full: a first count applies without grouping only', () => {
    const groups = arrangeTiles(TILES, { ...ALL, groupBy: 'site' }, undefined, 1);
    expect(groups.every((group) => group.orderedCount === undefined)).toBe(true);
    expect(groups[1].tiles.map((t) => t.key)).toEqual(['10.0.0.3', '10.0.0.10']);
  });

  it('does not reorder the input array', () => {
    const before = TILES.map((tile) => tile.key);
    arrangeTiles(TILES, { ...ALL, sortBy: 'problems' });
    expect(TILES.map((tile) => tile.key)).toEqual(before);
  });
});

describe('arrangeTiles: filtering', () => {
  it.each<[string, string[]]>([
    ['', TILES.map((tile) => tile.key)],
    ['SHOP', ['10.0.0.7']],
    ['team <web>', ['10.0.0.7']],
    ['fra', ['10.0.0.2', '10.0.0.6']],
    ['10.0.0.1', ['10.0.0.10']],
    ['  ams ', ['10.0.0.10', '10.0.0.3']],
    ['nothing like it', []],
  ])('text %j', (text, expected) => {
    const shown = arrangeTiles(TILES, { ...ALL, text })[0].tiles.map((tile) => tile.key);
    expect(shown.sort()).toEqual([...expected].sort());
  });

  it('filters by state, none selected meaning all', () => {
    expect(keys(arrangeTiles(TILES, { ...ALL, states: ['down', 'partial'] }))).toEqual([
      ['10.0.0.2', '10.0.0.5', '10.0.0.6'],
    ]);
    expect(arrangeTiles(TILES, { ...ALL, states: [] })[0].tiles).toHaveLength(TILES.length);
  });

  it('filters to targets with a firing alert, together with the states', () => {
    const tiles = TILES.map((tile) =>
      tile.key === '10.0.0.2' || tile.key === '10.0.0.10' ? { ...tile, firing: true } : tile
    );
    expect(keys(arrangeTiles(tiles, { ...ALL, firing: true }))).toEqual([['10.0.0.2', '10.0.0.10']]);
    expect(keys(arrangeTiles(tiles, { ...ALL, firing: true, states: ['down'] }))).toEqual([['10.0.0.2']]);
    expect(arrangeTiles(tiles, { ...ALL, firing: false })[0].tiles).toHaveLength(TILES.length);
  });
});

describe('arrangeTiles: grouping', () => {
  it('groups by a label value, sorted by name, each with its own summary', () => {
    const groups = arrangeTiles(TILES, { ...ALL, groupBy: 'site' });
    expect(groups.map((group) => [group.name, group.tiles.map((tile) => tile.key)])).toEqual([
      ['', ['10.0.0.4', '10.0.0.5', '10.0.0.7']],
      ['ams', ['10.0.0.3', '10.0.0.10']],
      ['fra', ['10.0.0.2', '10.0.0.6']],
    ]);
    expect(groups[2].summary).toEqual({
      up: 0,
      down: 1,
      stale: 0,
      unknown: 0,
      partial: 1,
      total: 2,
      healthy: 0,
      partialHealthy: 0,
      firing: 0,
    });
  });

  it('gives one unnamed group without grouping, with no header to count for', () => {
    const groups = arrangeTiles(TILES, { ...ALL, text: 'fra' });
    expect(groups).toEqual([{ name: '', tiles: [TILES[1], TILES[5]] }]);
  });

  it('returns no groups when grouping finds nothing, one empty group otherwise', () => {
    expect(arrangeTiles([], { ...ALL, groupBy: 'site' })).toEqual([]);
    expect(arrangeTiles([], ALL)).toEqual([{ name: '', tiles: [] }]);
  });
});
