import React, { useRef, useState } from 'react';
import { flushSync } from 'react-dom';

import { GridModel, LayoutInput, scrollTopToReveal, tilesInFirstView, visibleRows } from '../layout/gridLayout';

/** Rows rendered beyond each edge of the viewport, so a fast scroll rarely shows blank space. */
const OVERSCAN_ROWS = 1;

/** At most how many tiles a grid of one group renders before it is scrolled. */
export function firstViewTileCount(input: LayoutInput): number {
  return tilesInFirstView(input, OVERSCAN_ROWS);
}

export interface VirtualRows {
  scrollRef: React.RefObject<HTMLDivElement>;
  /** The rows to render, `start` included and `end` not: those in view and the overscan. */
  start: number;
  end: number;
  /** How many element slots the rendered tiles take turns in (see TileGrid's keys). */
  slotCount: number;
  /** Rows moved by Page Up and Page Down. */
  pageRows: number;
  /**
   * Scrolls `row` into view. `update` runs in the same synchronous render, so a tile it makes
   * active exists in the DOM (and can take focus) when this returns.
   */
  revealRow: (row: number, update: () => void) => void;
  /** Follows the scroll position; true when the user scrolled, false for the scroll `revealRow` made. */
  onScroll: (event: React.UIEvent<HTMLDivElement>) => boolean;
}

/** The scroll position of a grid `height` pixels tall and the rows it shows. */
export function useVirtualRows(grid: GridModel, height: number): VirtualRows {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  /** The scroll position set by `revealRow`; its scroll event must not read as the user's. */
  const revealedTop = useRef<number | undefined>(undefined);

  const [start, end] = visibleRows(grid.rows, scrollTop, height, OVERSCAN_ROWS);
  const rowPitch = grid.tile.height + grid.gap;
  // Tiles that scroll out hand their elements to the tiles that scroll in (same key), so a scroll
  // step updates a few elements and sparklines instead of creating them anew. No two rendered tiles
  // share a slot: at most this many follow each other in view.
  const slotCount = grid.columns * (Math.ceil(Math.max(0, height) / rowPitch) + 2 * OVERSCAN_ROWS + 2);
  const pageRows = Math.max(1, Math.floor(height / rowPitch));

  const revealRow = (row: number, update: () => void) => {
    const nextTop = scrollTopToReveal(grid, row, scrollTop, height);
    flushSync(() => {
      update();
      setScrollTop(nextTop);
    });
    const container = scrollRef.current;
    if (container) {
      revealedTop.current = nextTop === container.scrollTop ? undefined : nextTop;
      container.scrollTop = nextTop;
    }
  };

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    setScrollTop(top);
    const revealed = revealedTop.current === top;
    revealedTop.current = undefined;
    return !revealed;
  };

  return { scrollRef, start, end, slotCount, pageRows, revealRow, onScroll };
}
