import React, { useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { InterpolateFunction } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';

import { GridModel, isNavigationKey, nextTileIndex } from '../layout/gridLayout';
import { focusNextAfter, focusStaysNear, renderedTile, tabStopsIn, tileAt } from './tileElements';
import { openTileLink, tileLinks } from './tileLinks';
import { TileDetailsControls } from './useTileDetails';
import { VirtualRows } from './useVirtualRows';

interface GridKeyboardInput {
  grid: GridModel;
  indexByKey: (key: string) => number | undefined;
  rows: VirtualRows;
  replaceVariables: InterpolateFunction;
  timeZone: TimeZone;
}

export interface GridKeyboard {
  /** The tile holding the grid's single tab stop; -1 without tiles. */
  activeIndex: number;
  onKeyDown: (event: React.KeyboardEvent<HTMLDivElement>, details: TileDetailsControls) => void;
  onFocus: (event: React.FocusEvent<HTMLDivElement>, details: TileDetailsControls) => void;
  /** Notes that focus left the grid (and its details). */
  onBlur: (event: React.FocusEvent<HTMLDivElement>, detailsId: string) => void;
}

/**
 * The grid's keyboard: one roving tab stop, arrow, Home, End and Page keys between tiles, Enter
 * opening the tile's first link, Escape closing its details, and Tab through the details' links as
 * if they sat after the tile. The details are passed to each event rather than to the hook, since
 * which details show depends on the tile this hook makes active.
 */
export function useGridKeyboard({
  grid,
  indexByKey,
  rows,
  replaceVariables,
  timeZone,
}: GridKeyboardInput): GridKeyboard {
  // The tab stop's tile, and its place when it was chosen: a tile that leaves (a filter on DOWN, and
  // it recovered) leaves the tab stop at its place rather than at the first tile.
  const [active, setActive] = useState<{ key?: string; index: number }>({ index: 0 });
  const setActiveKey = (key: string, index: number) => setActive({ key, index });
  const tileCount = grid.tiles.length;
  const found = active.key === undefined ? undefined : indexByKey(active.key);
  const gone = active.key !== undefined && found === undefined;
  const activeIndex = tileCount === 0 ? -1 : Math.min(found ?? active.index, tileCount - 1);
  // Whether focus is in the grid or its details, as the last focus and blur events said.
  const focusedInside = useRef(false);
  useLayoutEffect(() => {
    // The focused tile's element went with its tile, and focus with it to the page: the tile now in
    // its place takes it, so a keyboard user keeps their place ("a focused tile that leaves the
    // filtered view" in PortStatusPanel.test.tsx).
    const scroll = rows.scrollRef.current;
    const element = gone && activeIndex >= 0 ? renderedTile(scroll, activeIndex) : null;
    if (element && focusedInside.current && !scroll?.contains(document.activeElement)) {
      element.focus({ preventScroll: true });
    }
  }, [gone, activeIndex, rows.scrollRef]);

  /**
   * Keys inside the details, which are portalled to the end of the page: Tab from the last of their
   * links goes on to what follows the grid, Shift+Tab from the first goes back to the tile, and
   * Escape closes them with focus back on the tile.
   */
  const onDetailsKeyDown = (
    event: React.KeyboardEvent<HTMLDivElement>,
    box: HTMLElement,
    details: TileDetailsControls
  ) => {
    const stops = tabStopsIn(box);
    const tileElement = details.index === undefined ? null : renderedTile(rows.scrollRef.current, details.index);
    if (event.key === 'Escape') {
      event.stopPropagation();
      tileElement?.focus({ preventScroll: true });
      details.close();
    } else if (event.key === 'Tab' && event.shiftKey && event.target === stops[0]) {
      if (tileElement) {
        event.preventDefault();
        tileElement.focus({ preventScroll: true });
      }
    } else if (event.key === 'Tab' && !event.shiftKey && event.target === stops[stops.length - 1]) {
      if (rows.scrollRef.current && focusNextAfter(rows.scrollRef.current, box)) {
        event.preventDefault();
      }
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>, details: TileDetailsControls) => {
    // The details are portalled but still inside the grid in React's tree, so their keys arrive here too.
    const detailsBox = details.shown ? document.getElementById(details.id) : null;
    if (detailsBox && event.target instanceof Node && detailsBox.contains(event.target)) {
      onDetailsKeyDown(event, detailsBox, details);
      return;
    }
    const index = tileAt(rows.scrollRef.current, event.target, tileCount)?.index;
    if (index === undefined) {
      return;
    }
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const next = nextTileIndex(grid, index, event.key, rows.pageRows);
      if (next < 0 || next === index) {
        return;
      }
      // The target tile may not be rendered yet; it is rendered synchronously so it can take focus now.
      rows.revealRow(grid.tileRow[next], () => setActiveKey(grid.tiles[next].key, next));
      renderedTile(rows.scrollRef.current, next)?.focus({ preventScroll: true });
    } else if (event.key === 'Enter') {
      const first = tileLinks(grid.tiles[index], replaceVariables, timeZone).links[0];
      if (first) {
        event.preventDefault();
        openTileLink(first);
      }
    } else if (event.key === 'Escape' && details.target) {
      // Closing the details must not also leave the panel view, which Grafana binds to Escape.
      event.stopPropagation();
      details.close();
    } else if (event.key === 'Tab' && !event.shiftKey && detailsBox && details.shown?.key === grid.tiles[index].key) {
      // The details' links come next in the tab order, although the details sit at the end of the page.
      const first = tabStopsIn(detailsBox)[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    } else if (event.key === 'Tab' && details.shown && details.shown.key !== grid.tiles[index].key) {
      // Another tile's details, opened by the pointer, would be the next tab stop (they are portalled
      // to the page's end): they close before the browser moves focus, which then leaves the grid as
      // without them ("Tab past another tile's hover details" in PortStatusPanel.test.tsx).
      flushSync(() => details.close());
    }
  };

  const onBlur = (event: React.FocusEvent<HTMLDivElement>, detailsId: string) => {
    focusedInside.current = focusStaysNear(event.currentTarget, event.relatedTarget, detailsId);
  };

  const onFocus = (event: React.FocusEvent<HTMLDivElement>, details: TileDetailsControls) => {
    focusedInside.current = true;
    const focused = tileAt(rows.scrollRef.current, event.target, tileCount);
    if (!focused) {
      return;
    }
    const { key } = grid.tiles[focused.index];
    if (focused.index === activeIndex) {
      details.focusTile(key, focused.element);
      return;
    }
    // A tile focused by a click or a screen reader, not by the keys: becoming the tab stop gives it
    // an element of its own (TileGrid's keys), which replaces the focused one. So the change is
    // rendered now and focus moves to the new element; otherwise focus would fall to the page and the
    // details opened here would never see a blur ("a tile clicked" in PortStatusPanel.test.tsx).
    flushSync(() => setActiveKey(key, focused.index));
    const element = renderedTile(rows.scrollRef.current, focused.index) ?? focused.element;
    if (element !== document.activeElement && element instanceof HTMLElement) {
      element.focus({ preventScroll: true });
    }
    details.focusTile(key, element);
  };

  return { activeIndex, onKeyDown, onFocus, onBlur };
}
