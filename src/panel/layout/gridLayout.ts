import { Tile, TileGroup } from '../data/types';
import { TileSize } from '../options/defaultOptions';

/** Block heights in grid units (the theme's 8 px spacing step), so tiles follow the theme's rhythm. */
const SIZE_UNITS: Record<TileSize, { name: number; line: number; sparkline: number; history: number }> = {
  small: { name: 2.5, line: 2.25, sparkline: 0, history: 0 },
  medium: { name: 2.5, line: 2.25, sparkline: 3.5, history: 0 },
  large: { name: 3, line: 2.5, sparkline: 6, history: 1.25 },
};

const HEADER_UNITS = 4;

export interface TileLayout {
  width: number;
  height: number;
  padding: number;
  nameHeight: number;
  lineHeight: number;
  /** 0 when no sparkline is drawn. */
  sparklineHeight: number;
  /** Whether the uptime has a line of its own (medium and large tiles). */
  uptimeLine: boolean;
  /** The history strip's height on large tiles; 0 on the others, which show it in their details. */
  historyHeight: number;
  /** Space between the tile's blocks (the tile's flex gap, half a grid unit). */
  gap: number;
}

export interface LayoutInput {
  width: number;
  /** Height of the scrolling area. */
  height: number;
  size: TileSize;
  minTileWidth: number;
  showSparkline: boolean;
  showUptime: boolean;
  /** `theme.spacing.gridSize`. */
  unit: number;
  /** Width taken by a vertical scrollbar when the tiles overflow. */
  scrollbarWidth: number;
}

export type GridRow =
  | { kind: 'header'; group: number; top: number; height: number }
  | { kind: 'tiles'; group: number; top: number; height: number; first: number; count: number };

export interface GridModel {
  columns: number;
  gap: number;
  tile: TileLayout;
  rows: GridRow[];
  /** All tiles in display order; indexes into it are the tiles' positions for focus and `aria-posinset`. */
  tiles: Tile[];
  /** Row index of each tile. */
  tileRow: Int32Array;
  /** Position in `tiles` of each group's first tile. */
  groupStart: number[];
  totalHeight: number;
}

export function tileLayout(
  size: TileSize,
  showSparkline: boolean,
  showUptime: boolean,
  unit: number,
  width: number
): TileLayout {
  const units = SIZE_UNITS[size];
  const padding = unit;
  const blockGap = unit / 2;
  const nameHeight = units.name * unit;
  const lineHeight = units.line * unit;
  const sparklineHeight = showSparkline ? units.sparkline * unit : 0;
  const uptimeLine = showUptime && size !== 'small';
  const historyHeight = units.history * unit;
  let height = 2 * padding + nameHeight + blockGap + lineHeight;
  if (sparklineHeight > 0) {
    height += blockGap + sparklineHeight;
  }
  if (historyHeight > 0) {
    height += blockGap + historyHeight;
  }
  if (uptimeLine) {
    height += blockGap + lineHeight;
  }
  return { width, height, padding, nameHeight, lineHeight, sparklineHeight, uptimeLine, historyHeight, gap: blockGap };
}

/**
 * Positions every group header and row of tiles from the panel size alone. Only rows in view are
 * rendered, so their positions must be known without measuring anything.
 */
export function layoutGrid(groups: TileGroup[], grouped: boolean, input: LayoutInput): GridModel {
  let rows = layoutRows(groups, grouped, input, Math.max(0, input.width));
  if (rows.totalHeight > input.height && input.scrollbarWidth > 0) {
    rows = layoutRows(groups, grouped, input, Math.max(0, input.width - input.scrollbarWidth));
  }
  // One group's tiles are the display order as they are; thousands of tiles are not copied for nothing.
  const tiles = groups.length === 1 ? groups[0].tiles : groups.flatMap((group) => group.tiles);
  const tileRow = new Int32Array(tiles.length);
  rows.rows.forEach((row, rowIndex) => {
    if (row.kind === 'tiles') {
      tileRow.fill(rowIndex, row.first, row.first + row.count);
    }
  });
  return { ...rows, tiles, tileRow };
}

/** As many columns of at least the minimum tile width as fit, with gaps between them. */
function columnCount(width: number, input: LayoutInput): number {
  return Math.max(1, Math.floor((width + input.unit) / (Math.max(1, input.minTileWidth) + input.unit)));
}

/**
 * At most how many tiles a grid of one group renders before it is scrolled: the rows in view and
 * `overscan` more below them, at the most columns the width allows (a scrollbar only takes columns
 * away). What a first arrangement has to put in order ("tilesInFirstView" in gridLayout.test.ts).
 */
export function tilesInFirstView(input: LayoutInput, overscan: number): number {
  const rowPitch = tileLayout(input.size, input.showSparkline, input.showUptime, input.unit, 0).height + input.unit;
  const rowsInView = Math.max(1, Math.ceil(Math.max(0, input.height) / rowPitch));
  return columnCount(Math.max(0, input.width), input) * (rowsInView + overscan);
}

/**
 * The rows at one width. It runs twice when the tiles overflow (without, then with a scrollbar),
 * so it lists no tiles.
 */
function layoutRows(
  groups: TileGroup[],
  grouped: boolean,
  input: LayoutInput,
  width: number
): Omit<GridModel, 'tiles' | 'tileRow'> {
  const gap = input.unit;
  const columns = columnCount(width, input);
  const tileWidth = Math.max(0, (width - (columns - 1) * gap) / columns);
  const tile = tileLayout(input.size, input.showSparkline, input.showUptime, input.unit, tileWidth);
  const headerHeight = HEADER_UNITS * input.unit;

  const rows: GridRow[] = [];
  const groupStart: number[] = [];
  let first = 0;
  let top = 0;
  groups.forEach((group, groupIndex) => {
    groupStart.push(first);
    if (grouped) {
      rows.push({ kind: 'header', group: groupIndex, top, height: headerHeight });
      top += headerHeight;
    }
    for (let offset = 0; offset < group.tiles.length; offset += columns) {
      const count = Math.min(columns, group.tiles.length - offset);
      rows.push({ kind: 'tiles', group: groupIndex, top, height: tile.height, first: first + offset, count });
      top += tile.height + gap;
    }
    first += group.tiles.length;
    if (grouped) {
      top += gap;
    }
  });

  const last = rows[rows.length - 1];
  const totalHeight = last ? last.top + last.height : 0;
  return { columns, gap, tile, rows, groupStart, totalHeight };
}

/** Rows `[start, end)` that intersect the viewport, widened by `overscan` rows on each side. */
export function visibleRows(
  rows: GridRow[],
  scrollTop: number,
  viewportHeight: number,
  overscan: number
): [number, number] {
  if (rows.length === 0 || viewportHeight <= 0) {
    return [0, 0];
  }
  const first = firstRowEndingAfter(rows, scrollTop);
  let last = first;
  const bottom = scrollTop + viewportHeight;
  while (last < rows.length && rows[last].top < bottom) {
    last++;
  }
  return [Math.max(0, first - overscan), Math.min(rows.length, Math.max(last, first + 1) + overscan)];
}

function firstRowEndingAfter(rows: GridRow[], y: number): number {
  let low = 0;
  let high = rows.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (rows[mid].top + rows[mid].height <= y) {
      low = mid + 1;
    } else {
      high = mid;
    }
  }
  return low;
}

export type NavigationKey =
  'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End' | 'PageUp' | 'PageDown';

const NAVIGATION_KEYS: readonly string[] = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
  'PageUp',
  'PageDown',
];

export function isNavigationKey(key: string): key is NavigationKey {
  return NAVIGATION_KEYS.includes(key);
}

/**
 * The tile that focus moves to. Up and down keep the column, so within a group they move by the
 * column count; across a group boundary they land on the same column of the neighbouring row,
 * or on its last tile when that row is shorter.
 */
export function nextTileIndex(grid: GridModel, index: number, key: NavigationKey, pageRows: number): number {
  const count = grid.tiles.length;
  if (count === 0) {
    return -1;
  }
  const current = Math.min(Math.max(index, 0), count - 1);
  switch (key) {
    case 'ArrowLeft':
      return Math.max(0, current - 1);
    case 'ArrowRight':
      return Math.min(count - 1, current + 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'ArrowUp':
      return verticalMove(grid, current, -1, 1);
    case 'ArrowDown':
      return verticalMove(grid, current, 1, 1);
    case 'PageUp':
      return verticalMove(grid, current, -1, Math.max(1, pageRows));
    case 'PageDown':
      return verticalMove(grid, current, 1, Math.max(1, pageRows));
  }
}

function verticalMove(grid: GridModel, index: number, direction: 1 | -1, steps: number): number {
  const startRow = grid.tileRow[index];
  const start = grid.rows[startRow];
  if (start.kind !== 'tiles') {
    return index;
  }
  const column = index - start.first;
  let target = start;
  let remaining = steps;
  for (let r = startRow + direction; r >= 0 && r < grid.rows.length && remaining > 0; r += direction) {
    const row = grid.rows[r];
    if (row.kind === 'tiles') {
      target = row;
      remaining--;
    }
  }
  return target.first + Math.min(column, target.count - 1);
}

/** The scroll position that brings `rowIndex` into view, keeping a group's header visible above its first row. */
export function scrollTopToReveal(
  grid: GridModel,
  rowIndex: number,
  scrollTop: number,
  viewportHeight: number
): number {
  const row = grid.rows[rowIndex];
  if (!row) {
    return scrollTop;
  }
  const above = grid.rows[rowIndex - 1];
  const top = above?.kind === 'header' ? above.top : row.top;
  const bottom = row.top + row.height;
  if (top < scrollTop) {
    return top;
  }
  if (bottom > scrollTop + viewportHeight) {
    return Math.max(0, Math.min(top, bottom - viewportHeight));
  }
  return scrollTop;
}
