import { SortBy } from '../options/defaultOptions';

import { labelValue } from './labelValue';
import { naturalCompare } from './naturalCompare';
import { summarize } from './summarize';
import { ArrangeOptions, Tile, TileGroup } from './types';

export const NO_GROUP = '(none)';

type TileOrder = (a: Tile, b: Tile) => number;

/** Lower-cased text a filter matches against, kept per tile since filtering runs on every keystroke. */
const searchText = new WeakMap<Tile, string>();

function textOf(tile: Tile): string {
  let text = searchText.get(tile);
  if (text === undefined) {
    // A newline cannot be typed into the filter box, so a match never spans two parts.
    text = [tile.name, tile.key, ...Object.values(tile.labels)].join('\n').toLowerCase();
    searchText.set(tile, text);
  }
  return text;
}

/** Worst first: down, unknown, stale, partial below quorum, partial within it, up. */
function problemRank(tile: Tile): number {
  switch (tile.state) {
    case 'down':
      return 0;
    case 'unknown':
      return 1;
    case 'stale':
      return 2;
    case 'partial':
      return tile.healthy ? 4 : 3;
    default:
      return 5;
  }
}

const byName: TileOrder = (a, b) => naturalCompare(a.name, b.name) || naturalCompare(a.key, b.key);

/** Missing values go last whichever way the present ones are ordered. */
function byOptional(read: (tile: Tile) => number | undefined, descending: boolean): TileOrder {
  return (a, b) => {
    const x = read(a);
    const y = read(b);
    if (x === undefined || y === undefined || Number.isNaN(x) || Number.isNaN(y)) {
      const missingA = x === undefined || Number.isNaN(x);
      const missingB = y === undefined || Number.isNaN(y);
      return missingA === missingB ? byName(a, b) : missingA ? 1 : -1;
    }
    return (descending ? y - x : x - y) || byName(a, b);
  };
}

const ORDERS: Record<SortBy, TileOrder> = {
  problems: (a, b) => problemRank(a) - problemRank(b) || Number(b.flapping) - Number(a.flapping) || byName(a, b),
  name: byName,
  duration: byOptional((tile) => tile.duration, true),
  uptime: byOptional((tile) => tile.uptime, false),
};

/**
 * The tiles the viewer asked for: filtered by text (name, key and label values, ignoring case) and
 * by state (none selected shows all), sorted, and grouped by a label's value, each group with its
 * own summary. Without grouping there is one group named ''.
 */
export function arrangeTiles(tiles: Tile[], arrange: ArrangeOptions): TileGroup[] {
  const needle = (arrange.text ?? '').trim().toLowerCase();
  const states = new Set(arrange.states ?? []);
  const shown = tiles.filter(
    (tile) => (states.size === 0 || states.has(tile.state)) && (needle === '' || textOf(tile).includes(needle))
  );
  shown.sort(ORDERS[arrange.sortBy] ?? ORDERS.problems);

  const groupBy = (arrange.groupBy ?? '').trim();
  if (groupBy === '') {
    return [{ name: '', tiles: shown, summary: summarize(shown) }];
  }
  const groups = new Map<string, Tile[]>();
  for (const tile of shown) {
    const value = labelValue(tile.labels, groupBy) ?? '';
    const name = value === '' ? NO_GROUP : value;
    const members = groups.get(name);
    members ? members.push(tile) : groups.set(name, [tile]);
  }
  return [...groups.keys()].sort(naturalCompare).map((name) => {
    const members = groups.get(name) ?? [];
    return { name, tiles: members, summary: summarize(members) };
  });
}
