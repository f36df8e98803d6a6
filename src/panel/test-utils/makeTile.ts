import { summarize } from '../data/summarize';
import { DurationFigures, Tile, TileGroup } from '../data/types';
import { tileFixture } from './testFixtures';

/** A healthy tile that held its state over the fixtures' range, for tests that need no frames. */
export function makeTile(key: string, overrides: Partial<Tile> & DurationFigures = {}): Tile {
  // Healthy and up by its counts whatever state a test gives it, unlike tileFixture's defaults.
  return tileFixture({ key, reason: { code: 'probe-succeeded' }, upCount: 1, healthy: true, ...overrides });
}

export function makeGroup(name: string, count: number): TileGroup {
  const tiles = Array.from({ length: count }, (_, i) => makeTile(`${name}-${i}`));
  return { name, tiles, summary: summarize(tiles) };
}
