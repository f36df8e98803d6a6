import fc from 'fast-check';

import { TileSize } from '../options/defaultOptions';
import { makeGroup } from '../test-utils/makeTile';
import {
  GridModel,
  layoutGrid,
  LayoutInput,
  nextTileIndex,
  NavigationKey,
  scrollTopToReveal,
  tileLayout,
  tilesInFirstView,
  visibleRows,
} from './gridLayout';

const INPUT: LayoutInput = {
  width: 800,
  height: 600,
  size: 'medium',
  minTileWidth: 160,
  showSparkline: true,
  showUptime: true,
  unit: 8,
  scrollbarWidth: 0,
};

describe('layoutGrid', () => {
  it.each([
    [800, 160, 4],
    [807, 160, 4],
    [840, 160, 5],
    [100, 160, 1],
    [0, 160, 1],
    [2000, 60, 29],
  ])('fits %i px at min %i px into %i columns', (width, minTileWidth, columns) => {
    const grid = layoutGrid([makeGroup('', 50)], false, { ...INPUT, width, minTileWidth });
    expect(grid.columns).toBe(columns);
    expect(grid.tile.width).toBeGreaterThanOrEqual(0);
    if (width > 0) {
      expect(grid.columns * grid.tile.width + (grid.columns - 1) * grid.gap).toBeCloseTo(width);
    }
  });

  it.each([
    ['small', true, true, 58],
    ['medium', true, true, 112],
    ['medium', false, true, 80],
    ['medium', true, false, 90],
    ['large', true, true, 154],
  ] as const)('makes %s tiles (sparkline %s, uptime %s) %i px high', (size, showSparkline, showUptime, height) => {
    expect(tileLayout(size, showSparkline, showUptime, 8, 100).height).toBe(height);
  });

  it('never draws a sparkline or an uptime line on small tiles', () => {
    expect(tileLayout('small', true, true, 8, 100)).toMatchObject({ sparklineHeight: 0, uptimeLine: false });
  });

  it('stacks header rows and tile rows per group', () => {
    const grid = layoutGrid([makeGroup('a', 5), makeGroup('b', 2)], true, INPUT);
    expect(grid.rows.map((row) => row.kind)).toEqual(['header', 'tiles', 'tiles', 'header', 'tiles']);
    expect(grid.rows.map((row) => row.top)).toEqual([0, 32, 152, 280, 312]);
    expect(grid.groupStart).toEqual([0, 5]);
    expect(Array.from(grid.tileRow)).toEqual([1, 1, 1, 1, 2, 4, 4]);
    expect(grid.totalHeight).toBe(312 + 112);
  });

  it('leaves room for the scrollbar only when the rows overflow', () => {
    const fits = layoutGrid([makeGroup('', 4)], false, { ...INPUT, scrollbarWidth: 20 });
    const overflows = layoutGrid([makeGroup('', 400)], false, { ...INPUT, scrollbarWidth: 20 });
    expect(fits.tile.width).toBe((800 - 3 * 8) / 4);
    expect(overflows.tile.width).toBe((780 - 3 * 8) / 4);
  });

  it('lays out no rows for no tiles', () => {
    const grid = layoutGrid([makeGroup('', 0)], false, INPUT);
    expect(grid.rows).toEqual([]);
    expect(grid.totalHeight).toBe(0);
  });
});

describe('visibleRows', () => {
  const grid = layoutGrid([makeGroup('', 400)], false, INPUT);

  it('returns the rows in the viewport plus the overscan', () => {
    // Rows are 120 px apart: 112 px tiles and 8 px gaps.
    expect(visibleRows(grid.rows, 0, 600, 0)).toEqual([0, 5]);
    expect(visibleRows(grid.rows, 0, 600, 2)).toEqual([0, 7]);
    expect(visibleRows(grid.rows, 1200, 600, 2)).toEqual([8, 17]);
    expect(visibleRows(grid.rows, 1190, 600, 0)).toEqual([9, 15]);
  });

  it('stops at the last row', () => {
    expect(visibleRows(grid.rows, grid.totalHeight - 100, 600, 3)).toEqual([96, 100]);
  });

  it('renders nothing for an empty viewport or no rows', () => {
    expect(visibleRows(grid.rows, 0, 0, 2)).toEqual([0, 0]);
    expect(visibleRows([], 0, 600, 2)).toEqual([0, 0]);
  });
});

describe('tilesInFirstView', () => {
  it('counts the rows in view and the overscan at the most columns', () => {
    // 4 columns; rows 120 px apart, 5 of them begin within 600 px.
    expect(tilesInFirstView(INPUT, 1)).toBe(4 * 6);
    expect(tilesInFirstView({ ...INPUT, height: 601 }, 0)).toBe(4 * 6);
    expect(tilesInFirstView({ ...INPUT, height: 0 }, 1)).toBe(4 * 2);
  });

  it('is never fewer than the tiles a grid of one group renders at the top', () => {
    const input = fc.record({
      width: fc.integer({ min: 0, max: 3000 }),
      height: fc.integer({ min: 0, max: 2000 }),
      size: fc.constantFrom<TileSize>('small', 'medium', 'large'),
      minTileWidth: fc.integer({ min: 1, max: 400 }),
      showSparkline: fc.boolean(),
      showUptime: fc.boolean(),
      unit: fc.constantFrom(4, 8),
      scrollbarWidth: fc.constantFrom(0, 15),
    });
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 600 }), fc.nat({ max: 2 }), (layout, count, overscan) => {
        const grid = layoutGrid([makeGroup('', count)], false, layout);
        const [start, end] = visibleRows(grid.rows, 0, layout.height, overscan);
        let rendered = 0;
        for (let row = start; row < end; row++) {
          const gridRow = grid.rows[row];
          rendered += gridRow.kind === 'tiles' ? gridRow.count : 0;
        }
        expect(rendered).toBeLessThanOrEqual(tilesInFirstView(layout, overscan));
      }),
      { numRuns: 300 }
    );
  });
});

describe('nextTileIndex', () => {
  // Group a: 5 tiles in rows of 4 (0-3, 4); group b: 6 tiles (5-8, 9-10).
  const grid: GridModel = layoutGrid([makeGroup('a', 5), makeGroup('b', 6)], true, INPUT);

  it.each<[number, NavigationKey, number]>([
    [0, 'ArrowRight', 1],
    [3, 'ArrowRight', 4],
    [10, 'ArrowRight', 10],
    [0, 'ArrowLeft', 0],
    [4, 'ArrowLeft', 3],
    [1, 'ArrowDown', 4],
    [2, 'ArrowDown', 4],
    [4, 'ArrowDown', 5],
    [6, 'ArrowDown', 10],
    [9, 'ArrowDown', 9],
    [10, 'ArrowUp', 6],
    [5, 'ArrowUp', 4],
    [2, 'ArrowUp', 2],
    [7, 'Home', 0],
    [2, 'End', 10],
    [0, 'PageDown', 9],
    [10, 'PageUp', 1],
  ])('from %i, %s goes to %i', (from, key, to) => {
    expect(nextTileIndex(grid, from, key, 3)).toBe(to);
  });

  it('has nowhere to go without tiles', () => {
    expect(nextTileIndex(layoutGrid([], false, INPUT), 0, 'ArrowRight', 1)).toBe(-1);
  });
});

describe('scrollTopToReveal', () => {
  const grid = layoutGrid([makeGroup('a', 40), makeGroup('b', 40)], true, INPUT);

  it('keeps the position when the row is in view', () => {
    expect(scrollTopToReveal(grid, 2, 0, 600)).toBe(0);
  });

  it('scrolls down just enough to show a row below', () => {
    const row = grid.rows[8];
    expect(scrollTopToReveal(grid, 8, 0, 600)).toBe(row.top + row.height - 600);
  });

  it('shows the group header with the first row of a group', () => {
    const firstOfB = grid.rows.findIndex((row, i) => i > 0 && row.kind === 'header') + 1;
    expect(scrollTopToReveal(grid, firstOfB, 5000, 600)).toBe(grid.rows[firstOfB - 1].top);
  });
});
