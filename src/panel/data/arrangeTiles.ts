import { SortBy } from '../options/defaultOptions';

import { labelValue } from './labelValue';
import { compareAscii, hasAsciiOrder, naturalCompare } from './naturalCompare';
import { summarize } from './summarize';
import { ArrangeOptions, Tile, TileGroup } from './types';

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

/** naturalCompare, without the collator where both texts allow it. */
function compareNatural(a: string, asciiA: boolean, b: string, asciiB: boolean): number {
  return asciiA && asciiB ? compareAscii(a, b) : naturalCompare(a, b);
}

/** A tile with what orders it by name, worked out once: sorting 10,000 names makes some 130,000 comparisons. */
interface NameEntry {
  tile: Tile;
  /** Its place in the model's tiles: the last tie-break, so that the order never depends on the input's. */
  index: number;
  /** Whether the name and the key can be ordered without the collator (see hasAsciiOrder). */
  asciiName: boolean;
  asciiKey: boolean;
}

function compareNames(a: NameEntry, b: NameEntry): number {
  return (
    compareNatural(a.tile.name, a.asciiName, b.tile.name, b.asciiName) ||
    compareNatural(a.tile.key, a.asciiKey, b.tile.key, b.asciiKey) ||
    a.index - b.index
  );
}

/** Works out the entry's asciiName and asciiKey from its tile. */
function setNameFlags(entry: NameEntry): void {
  entry.asciiName = hasAsciiOrder(entry.tile.name);
  // The name is usually the key itself (the default template names a tile by its instance).
  entry.asciiKey = entry.tile.key === entry.tile.name ? entry.asciiName : hasAsciiOrder(entry.tile.key);
}

/** The model's tiles in natural order of name, then key: places in `tiles`. */
function nameOrder(tiles: Tile[]): Int32Array {
  const entries = tiles.map((tile, index): NameEntry => {
    const entry = { tile, index, asciiName: false, asciiKey: false };
    setNameFlags(entry);
    return entry;
  });
  entries.sort(compareNames);
  return Int32Array.from(entries, (entry) => entry.index);
}

/**
 * What one arrangement keeps for the next: the order of the names of the model's tiles it sorted.
 * A refresh brings the same targets, in the same places, with new figures and states; their names
 * keep their order, so the next arrangement takes it over and sorts by the figures alone, numbers
 * rather than names (at 10,000 targets, the name comparisons were most of arranging: `npm run
 * bench:transform`). Any other tiles are ordered afresh. The result is the same either way
 * ("arranges alike with the previous arrangement's names" in arrangeTiles.test.ts).
 */
export interface SortHint {
  /** Keys and names of the tiles ordered, by place; not the tiles, which hold their frames. */
  keys?: string[];
  names?: string[];
  order?: Int32Array;
}

/** Whether the hint is of the same targets at the same places as `tiles`, with the same names. */
function sameNames(hint: SortHint, tiles: Tile[]): boolean {
  const { keys, names } = hint;
  if (keys === undefined || names === undefined || keys.length !== tiles.length) {
    return false;
  }
  for (let i = 0; i < tiles.length; i++) {
    if (keys[i] !== tiles[i].key || names[i] !== tiles[i].name) {
      return false;
    }
  }
  return true;
}

/** The hint's order of names when it is of these tiles, else undefined. */
function hintedOrder(hint: SortHint | undefined, tiles: Tile[]): Int32Array | undefined {
  return hint?.order !== undefined && sameNames(hint, tiles) ? hint.order : undefined;
}

/** A shown tile with the figures its order sorts by; ties keep the order of names they come in. */
interface FigureEntry {
  tile: Tile;
  first: number;
  second: number;
}

function isMissing(value: number | undefined): value is undefined {
  return value === undefined || Number.isNaN(value);
}

/**
 * The figures each order sorts by, first and second, before the name; missing values go last
 * whichever way the present ones are ordered. Two numbers rather than a pair: a pair would be
 * allocated per tile.
 */
const SORT_FIGURES: Record<SortBy, { first: (tile: Tile) => number; second: (tile: Tile) => number }> = {
  problems: { first: (tile) => problemRank(tile) * 2 + (tile.flapping ? 0 : 1), second: () => 0 },
  name: { first: () => 0, second: () => 0 },
  duration: {
    first: (tile) => (isMissing(tile.durations.figures().duration) ? 1 : 0),
    second: (tile) => {
      const duration = tile.durations.figures().duration;
      return isMissing(duration) ? 0 : -duration;
    },
  },
  uptime: {
    first: (tile) => (isMissing(tile.uptime) ? 1 : 0),
    second: (tile) => (isMissing(tile.uptime) ? 0 : tile.uptime),
  },
};

function compareFigures(a: FigureEntry, b: FigureEntry): number {
  return a.first - b.first || a.second - b.second;
}

/**
 * The tiles that pass the filter (`passes[i]` 1) in order: by the figures, then by name and key in
 * natural order. The figures are sorted stably from the order of names: `known`, the hint's
 * (hintedOrder), or one made here and handed to the hint for the next call.
 */
function sortTiles(
  tiles: Tile[],
  passes: Uint8Array,
  sortBy: SortBy,
  hint: SortHint | undefined,
  known: Int32Array | undefined
): Tile[] {
  let byName = known;
  if (byName === undefined) {
    byName = nameOrder(tiles);
    if (hint !== undefined) {
      hint.keys = tiles.map((tile) => tile.key);
      hint.names = tiles.map((tile) => tile.name);
      hint.order = byName;
    }
  }
  const figures = SORT_FIGURES[sortBy] ?? SORT_FIGURES.problems;
  const entries: FigureEntry[] = [];
  for (const index of byName) {
    if (passes[index] === 1) {
      const tile = tiles[index];
      entries.push({ tile, first: figures.first(tile), second: figures.second(tile) });
    }
  }
  // Array.prototype.sort is stable, so tiles with equal figures stay in the order of names.
  entries.sort(compareFigures);
  return entries.map((entry) => entry.tile);
}

/** A tile in the running for the first places, with its figures; its names are looked at when the figures tie. */
interface Candidate extends NameEntry {
  first: number;
  second: number;
  /** Whether asciiName and asciiKey are worked out yet. */
  named: boolean;
}

/** sortTiles' order: the figures, then the names (Array.prototype.sort treats NaN as a tie, and so does `||`). */
function compareCandidates(a: Candidate, b: Candidate): number {
  const byFigures = compareFigures(a, b);
  if (byFigures) {
    return byFigures;
  }
  nameFlags(a);
  nameFlags(b);
  return compareNames(a, b);
}

function nameFlags(candidate: Candidate): void {
  if (!candidate.named) {
    candidate.named = true;
    setNameFlags(candidate);
  }
}

/** Moves the heap's item at `at` up while it orders after its parent (the heap's top orders last). */
function siftUp(heap: Candidate[], at: number): void {
  const item = heap[at];
  let i = at;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (compareCandidates(item, heap[parent]) <= 0) {
      break;
    }
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = item;
}

function siftDown(heap: Candidate[], at: number): void {
  const item = heap[at];
  let i = at;
  for (;;) {
    const left = 2 * i + 1;
    if (left >= heap.length) {
      break;
    }
    const right = left + 1;
    const larger = right < heap.length && compareCandidates(heap[right], heap[left]) > 0 ? right : left;
    if (compareCandidates(heap[larger], item) <= 0) {
      break;
    }
    heap[i] = heap[larger];
    i = larger;
  }
  heap[i] = item;
}

/**
 * The first `count` tiles of sortTiles' order, then the other tiles that pass in the model's order.
 * A heap holds the best `count` found so far with the one that orders last on top; each tile is
 * compared with that one, by its figures and only on a tie by name. Ordering all 10,000 tiles by
 * name compares names some 130,000 times, most of a first arrangement ("first paint" in
 * docs/performance.md); a first render only needs the tiles in view.
 */
function firstInOrder(tiles: Tile[], passes: Uint8Array, sortBy: SortBy, count: number): Tile[] {
  const figures = SORT_FIGURES[sortBy] ?? SORT_FIGURES.problems;
  const heap: Candidate[] = [];
  for (let index = 0; index < tiles.length; index++) {
    if (passes[index] !== 1) {
      continue;
    }
    const tile = tiles[index];
    const candidate: Candidate = {
      tile,
      index,
      first: figures.first(tile),
      second: figures.second(tile),
      named: false,
      asciiName: false,
      asciiKey: false,
    };
    if (heap.length < count) {
      heap.push(candidate);
      siftUp(heap, heap.length - 1);
    } else if (count > 0 && compareCandidates(candidate, heap[0]) < 0) {
      heap[0] = candidate;
      siftDown(heap, 0);
    }
  }
  heap.sort(compareCandidates);
  const taken = new Uint8Array(tiles.length);
  const ordered = heap.map((candidate) => {
    taken[candidate.index] = 1;
    return candidate.tile;
  });
  for (let index = 0; index < tiles.length; index++) {
    if (passes[index] === 1 && taken[index] === 0) {
      ordered.push(tiles[index]);
    }
  }
  return ordered;
}

/**
 * The tiles the viewer asked for: filtered by text (name, key and label values, ignoring case), by
 * state (none selected shows all) and to those with a firing alert when asked, sorted, and grouped
 * by a label's value, each group with its own summary. Without grouping there is one group named ''.
 *
 * `firstCount`, for a first render: without grouping, and without a hint that orders these names,
 * only the first `firstCount` tiles are put in order (the group's `orderedCount`), the rest left in
 * the model's order for a later call without it; the hint is then left as it was.
 */
export function arrangeTiles(
  tiles: Tile[],
  arrange: ArrangeOptions,
  hint?: SortHint,
  firstCount?: number
): TileGroup[] {
  const needle = (arrange.text ?? '').trim().toLowerCase();
  const states = new Set(arrange.states ?? []);
  const firingOnly = arrange.firing === true;
  const passes = new Uint8Array(tiles.length);
  let passing = 0;
  for (let index = 0; index < tiles.length; index++) {
    const tile = tiles[index];
    const pass =
      (states.size === 0 || states.has(tile.state)) &&
      (!firingOnly || tile.firing === true) &&
      (needle === '' || textOf(tile).includes(needle));
    passes[index] = pass ? 1 : 0;
    passing += pass ? 1 : 0;
  }

  const known = hintedOrder(hint, tiles);
  const groupBy = (arrange.groupBy ?? '').trim();
  if (groupBy === '') {
    const partly = firstCount !== undefined && firstCount >= 0 && firstCount < passing && known === undefined;
    return partly
      ? [{ name: '', tiles: firstInOrder(tiles, passes, arrange.sortBy, firstCount), orderedCount: firstCount }]
      : [{ name: '', tiles: sortTiles(tiles, passes, arrange.sortBy, hint, known) }];
  }
  const shown = sortTiles(tiles, passes, arrange.sortBy, hint, known);
  const groups = new Map<string, Tile[]>();
  for (const tile of shown) {
    // Targets without the label form the group named '', which the view words ("no job").
    const name = labelValue(tile.labels, groupBy) ?? '';
    const members = groups.get(name);
    members ? members.push(tile) : groups.set(name, [tile]);
  }
  return [...groups.keys()].sort(naturalCompare).map((name) => {
    const members = groups.get(name) ?? [];
    return { name, tiles: members, summary: summarize(members) };
  });
}
