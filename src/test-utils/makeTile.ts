import { summarize } from '../data/summarize';
import { Tile, TileGroup } from '../data/types';
import { RANGE } from './testFixtures';

/** A healthy tile that held its state over the fixtures' range, for tests that need no frames. */
export function makeTile(key: string, overrides: Partial<Tile> = {}): Tile {
  return {
    key,
    name: key,
    labels: { instance: key },
    state: 'up',
    reason: { code: 'probe-succeeded' },
    upCount: 1,
    seriesCount: 1,
    healthy: true,
    stateSince: RANGE.from,
    stateHeldFromStart: true,
    stateChanges: 0,
    flapping: false,
    downRanges: [],
    ...overrides,
  };
}

export function makeGroup(name: string, count: number): TileGroup {
  const tiles = Array.from({ length: count }, (_, i) => makeTile(`${name}-${i}`));
  return { name, tiles, summary: summarize(tiles) };
}
