import { Summary, Tile } from './types';

function emptySummary(): Summary {
  return { up: 0, down: 0, stale: 0, unknown: 0, partial: 0, total: 0, healthy: 0, partialHealthy: 0, firing: 0 };
}

/** Targets per state, in all and healthy under the quorum rule, and those with a firing alert. */
export function summarize(tiles: Tile[]): Summary {
  const summary = emptySummary();
  for (const tile of tiles) {
    // A switch rather than summary[tile.state]: a property named by a variable is a slow store.
    switch (tile.state) {
      case 'up':
        summary.up++;
        break;
      case 'down':
        summary.down++;
        break;
      case 'stale':
        summary.stale++;
        break;
      case 'unknown':
        summary.unknown++;
        break;
      case 'partial':
        summary.partial++;
        break;
    }
    summary.total++;
    if (tile.healthy) {
      summary.healthy++;
      if (tile.state === 'partial') {
        summary.partialHealthy++;
      }
    }
    if (tile.firing) {
      summary.firing++;
    }
  }
  return summary;
}
