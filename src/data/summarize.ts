import { Summary, Tile } from './types';

export function emptySummary(): Summary {
  return { up: 0, down: 0, stale: 0, unknown: 0, partial: 0, total: 0, healthy: 0 };
}

/** Targets per state, in all and healthy under the quorum rule. */
export function summarize(tiles: Tile[]): Summary {
  const summary = emptySummary();
  for (const tile of tiles) {
    summary[tile.state]++;
    summary.total++;
    if (tile.healthy) {
      summary.healthy++;
    }
  }
  return summary;
}
