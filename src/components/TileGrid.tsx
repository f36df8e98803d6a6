import { css } from '@emotion/css';
import React, { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { InterpolateFunction } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { getScrollbarWidth, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Tile, TileGroup } from '../data/types';
import {
  GridModel,
  GridRow,
  isNavigationKey,
  layoutGrid,
  nextTileIndex,
  scrollTopToReveal,
  visibleRows,
} from '../layout/gridLayout';
import { TileSize } from '../options/defaultOptions';
import { AnchorRect, DetailsPopover } from './DetailsPopover';
import { GroupHeader } from './GroupHeader';
import { StatusTile, TileDisplay } from './StatusTile';
import { TileDetails } from './TileDetails';
import { openTileLink, tileLinks } from './tileLinks';

interface Props {
  groups: TileGroup[];
  /** Whether `groups` come from a group-by label, so each gets a header row. */
  grouped: boolean;
  groupBy: string;
  width: number;
  height: number;
  tileSize: TileSize;
  minTileWidth: number;
  showSparkline: boolean;
  showUptime: boolean;
  display: TileDisplay;
  timeZone: TimeZone;
  replaceVariables: InterpolateFunction;
}

interface DetailsTarget {
  key: string;
  anchor: AnchorRect;
  origin: 'hover' | 'focus';
}

interface RenderedGroup {
  group: number;
  header?: GridRow;
  /** Positions in `grid.tiles`. */
  tiles: number[];
}

/** Rows rendered beyond each edge of the viewport, so a fast scroll rarely shows blank space. */
const OVERSCAN_ROWS = 1;
const HOVER_OPEN_MS = 300;
const HOVER_CLOSE_MS = 150;

/**
 * A virtualised grid: a spacer as tall as all rows, with only the rows in view (and the focused
 * tile) rendered at their computed positions. Keyboard focus is a roving tab stop. Events are
 * handled here for all tiles, so tiles stay plain, memoised views.
 */
export const TileGrid = memo(function TileGrid(props: Props) {
  const { groups, grouped, groupBy, width, height, tileSize, minTileWidth, showSparkline, showUptime } = props;
  const { display, timeZone, replaceVariables } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const scrollRef = useRef<HTMLDivElement>(null);
  const timers = useRef<{
    open?: ReturnType<typeof setTimeout>;
    close?: ReturnType<typeof setTimeout>;
    openKey?: string;
  }>({});
  const detailsId = useId();
  const [scrollTop, setScrollTop] = useState(0);
  const [activeKey, setActiveKey] = useState<string>();
  const [details, setDetails] = useState<DetailsTarget | null>(null);
  /** The scroll position set for keyboard focus; its scroll event must not close the focused tile's details. */
  const keyboardScrollTop = useRef<number | undefined>(undefined);
  const unit = theme.spacing.gridSize;

  const grid = useMemo(
    () =>
      layoutGrid(groups, grouped, {
        width,
        height,
        size: tileSize,
        minTileWidth,
        showSparkline,
        showUptime,
        unit,
        scrollbarWidth: getScrollbarWidth(),
      }),
    [groups, grouped, width, height, tileSize, minTileWidth, showSparkline, showUptime, unit]
  );
  // Only a focused or detailed tile is looked up by key, never on a first render: built on first use.
  const indexByKey = useMemo(() => lazyIndexByKey(grid.tiles), [grid.tiles]);

  useEffect(() => {
    const pending = timers.current;
    return () => {
      clearTimeout(pending.open);
      clearTimeout(pending.close);
    };
  }, []);

  const tileCount = grid.tiles.length;
  const activeIndex =
    tileCount === 0 ? -1 : Math.min(activeKey === undefined ? 0 : (indexByKey(activeKey) ?? 0), tileCount - 1);
  const [start, end] = visibleRows(grid.rows, scrollTop, height, OVERSCAN_ROWS);
  const rendered = renderPlan(grid, start, end, activeIndex);
  const isRendered = (index: number) =>
    index === activeIndex || (grid.tileRow[index] >= start && grid.tileRow[index] < end);
  const detailsIndex = details ? indexByKey(details.key) : undefined;
  const detailsShown = detailsIndex !== undefined && isRendered(detailsIndex) ? details : null;
  const rowPitch = grid.tile.height + grid.gap;
  // Tiles that scroll out hand their elements to the tiles that scroll in (same key), so a scroll
  // step updates a few elements and sparklines instead of creating them anew. No two rendered tiles
  // share a slot: at most this many follow each other in view.
  const slotCount = grid.columns * (Math.ceil(Math.max(0, height) / rowPitch) + 2 * OVERSCAN_ROWS + 2);
  const pageRows = Math.max(1, Math.floor(height / rowPitch));

  /** The tile an event happened in, if it is one of this grid's rendered tiles. */
  const tileAt = (target: EventTarget | null): { index: number; element: HTMLElement } | undefined => {
    const element = target instanceof Element ? target.closest<HTMLElement>(`[data-testid="${TEST_IDS.tile}"]`) : null;
    const index = Number(element?.dataset.index);
    return element && scrollRef.current?.contains(element) && Number.isInteger(index) && index < tileCount
      ? { index, element }
      : undefined;
  };

  const cancelTimers = () => {
    clearTimeout(timers.current.open);
    clearTimeout(timers.current.close);
    timers.current.openKey = undefined;
  };

  const openDetailsLater = (target: DetailsTarget) => {
    // Moving over a tile's own text fires again; keep the pending timer instead of restarting it.
    if (timers.current.openKey === target.key) {
      return;
    }
    cancelTimers();
    timers.current.openKey = target.key;
    timers.current.open = setTimeout(() => {
      timers.current.openKey = undefined;
      setDetails(target);
    }, HOVER_OPEN_MS);
  };

  const closeHoverDetailsLater = () => {
    cancelTimers();
    timers.current.close = setTimeout(
      () => setDetails((shown) => (shown?.origin === 'hover' ? null : shown)),
      HOVER_CLOSE_MS
    );
  };

  /** The element of a rendered tile, by its position among all tiles. */
  const renderedTile = (index: number) =>
    scrollRef.current?.querySelector<HTMLElement>(`[data-index="${index}"]`) ?? null;

  /**
   * Keys inside the details, which are portalled to the end of the page: Tab from the last of their
   * links goes on to what follows the grid, Shift+Tab from the first goes back to the tile, and
   * Escape closes them with focus back on the tile.
   */
  const onDetailsKeyDown = (event: React.KeyboardEvent<HTMLDivElement>, box: HTMLElement) => {
    const stops = tabStopsIn(box);
    const tileElement = detailsIndex === undefined ? null : renderedTile(detailsIndex);
    if (event.key === 'Escape') {
      event.stopPropagation();
      tileElement?.focus({ preventScroll: true });
      setDetails(null);
    } else if (event.key === 'Tab' && event.shiftKey && event.target === stops[0]) {
      if (tileElement) {
        event.preventDefault();
        tileElement.focus({ preventScroll: true });
      }
    } else if (event.key === 'Tab' && !event.shiftKey && event.target === stops[stops.length - 1]) {
      if (scrollRef.current && focusNextAfter(scrollRef.current, box)) {
        event.preventDefault();
      }
    }
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    // The details are portalled but still inside this component in React's tree, so their keys arrive here too.
    const detailsBox = detailsShown ? document.getElementById(detailsId) : null;
    if (detailsBox && event.target instanceof Node && detailsBox.contains(event.target)) {
      onDetailsKeyDown(event, detailsBox);
      return;
    }
    const index = tileAt(event.target)?.index;
    if (index === undefined) {
      return;
    }
    if (isNavigationKey(event.key)) {
      event.preventDefault();
      const next = nextTileIndex(grid, index, event.key, pageRows);
      if (next < 0 || next === index) {
        return;
      }
      const nextTop = scrollTopToReveal(grid, grid.tileRow[next], scrollTop, height);
      // The target tile may not be rendered yet; render it synchronously so it can take focus now.
      flushSync(() => {
        setActiveKey(grid.tiles[next].key);
        setScrollTop(nextTop);
      });
      const container = scrollRef.current;
      if (container) {
        keyboardScrollTop.current = nextTop === container.scrollTop ? undefined : nextTop;
        container.scrollTop = nextTop;
        renderedTile(next)?.focus({ preventScroll: true });
      }
    } else if (event.key === 'Enter') {
      const first = tileLinks(grid.tiles[index], replaceVariables, timeZone).links[0];
      if (first) {
        event.preventDefault();
        openTileLink(first);
      }
    } else if (event.key === 'Escape' && details) {
      // Closing the details must not also leave the panel view, which Grafana binds to Escape.
      event.stopPropagation();
      setDetails(null);
    } else if (event.key === 'Tab' && !event.shiftKey && detailsBox && detailsShown?.key === grid.tiles[index].key) {
      // The details' links come next in the tab order, although the details sit at the end of the page.
      const first = tabStopsIn(detailsBox)[0];
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  const onFocus = (event: React.FocusEvent<HTMLDivElement>) => {
    const focused = tileAt(event.target);
    if (!focused) {
      return;
    }
    const { key } = grid.tiles[focused.index];
    cancelTimers();
    setActiveKey(key);
    setDetails({ key, anchor: anchorOf(focused.element), origin: 'focus' });
  };

  const onBlur = (event: React.FocusEvent<HTMLDivElement>) => {
    const next = event.relatedTarget;
    // Focus moving into the details (a link being clicked) must keep them open, or the click is lost.
    const staysNear =
      next instanceof Node &&
      (event.currentTarget.contains(next) || document.getElementById(detailsId)?.contains(next));
    if (!staysNear) {
      setDetails((shown) => (shown?.origin === 'focus' ? null : shown));
    }
  };

  const onMouseOver = (event: React.MouseEvent<HTMLDivElement>) => {
    // The details are portalled but still inside this component in React's tree, so their events arrive here too.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) {
      return;
    }
    const hovered = tileAt(event.target);
    if (!hovered) {
      closeHoverDetailsLater();
    } else if (details?.key === grid.tiles[hovered.index].key) {
      cancelTimers();
    } else {
      openDetailsLater({ key: grid.tiles[hovered.index].key, anchor: anchorOf(hovered.element), origin: 'hover' });
    }
  };

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    const top = event.currentTarget.scrollTop;
    setScrollTop(top);
    const fromKeyboard = keyboardScrollTop.current === top;
    keyboardScrollTop.current = undefined;
    // The details box stays where it opened, so it closes once its tile moves away under it.
    if (details && !fromKeyboard) {
      cancelTimers();
      setDetails(null);
    }
  };

  return (
    <div
      ref={scrollRef}
      data-testid={TEST_IDS.grid}
      className={styles.scroll}
      style={{ width: Math.max(0, width), height: Math.max(0, height) }}
      onScroll={onScroll}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={onBlur}
      onMouseOver={onMouseOver}
      onMouseLeave={closeHoverDetailsLater}
    >
      <div className={styles.spacer} style={{ height: grid.totalHeight }}>
        {rendered.map(({ group, header, tiles }) => {
          const tileGroup = groups[group];
          const first = grid.groupStart[group];
          return (
            <React.Fragment key={group}>
              {header && (
                <GroupHeader
                  name={tileGroup.name}
                  groupBy={groupBy}
                  summary={tileGroup.summary}
                  top={header.top}
                  height={header.height}
                />
              )}
              <div role="list" aria-label={grouped ? `Targets in ${tileGroup.name || `no ${groupBy}`}` : 'Targets'}>
                {tiles.map((index) => {
                  const tile = grid.tiles[index];
                  const row = grid.rows[grid.tileRow[index]];
                  const column = row.kind === 'tiles' ? index - row.first : 0;
                  return (
                    <StatusTile
                      // The focused tile keeps its own element, so focus never lands on another tile.
                      key={index === activeIndex ? `tile-${tile.key}` : `slot-${index % slotCount}`}
                      tile={tile}
                      index={index}
                      posInSet={index - first + 1}
                      setSize={tileGroup.tiles.length}
                      tabbable={index === activeIndex}
                      left={column * (grid.tile.width + grid.gap)}
                      top={row.top}
                      layout={grid.tile}
                      display={display}
                      describedBy={detailsShown?.key === tile.key ? detailsId : undefined}
                    />
                  );
                })}
              </div>
            </React.Fragment>
          );
        })}
      </div>
      {detailsShown && detailsIndex !== undefined && (
        <DetailsPopover anchor={detailsShown.anchor} onMouseEnter={cancelTimers} onMouseLeave={closeHoverDetailsLater}>
          <TileDetails
            id={detailsId}
            tile={grid.tiles[detailsIndex]}
            now={display.now}
            rangeFrom={display.rangeFrom}
            startSlackMs={display.startSlackMs}
            timeZone={timeZone}
            replaceVariables={replaceVariables}
          />
        </DetailsPopover>
      )}
    </div>
  );
});

const TAB_STOPS =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The elements in `root` that Tab stops at, in document order. */
function tabStopsIn(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(TAB_STOPS)).filter((element) => element.tabIndex >= 0);
}

/**
 * Focuses the first element after `grid` in document order, outside the grid and the details, that
 * Tab stops at and that takes focus (hidden ones do not); false when there is none.
 */
function focusNextAfter(grid: HTMLElement, details: HTMLElement): boolean {
  for (const element of tabStopsIn(document)) {
    if (
      !grid.contains(element) &&
      !details.contains(element) &&
      (grid.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0
    ) {
      element.focus();
      if (document.activeElement === element) {
        return true;
      }
    }
  }
  return false;
}

/** Read once when details open, to place them; nothing is laid out from it. */
function anchorOf(element: Element): AnchorRect {
  const rect = element.getBoundingClientRect();
  return { top: rect.top, bottom: rect.bottom, left: rect.left };
}

/** Position of a tile by its key, the map built on the first call. */
function lazyIndexByKey(tiles: Tile[]): (key: string) => number | undefined {
  let positions: Map<string, number> | undefined;
  return (key) => {
    if (positions === undefined) {
      positions = new Map();
      for (let index = 0; index < tiles.length; index++) {
        positions.set(tiles[index].key, index);
      }
    }
    return positions.get(key);
  };
}

/**
 * The headers and tiles of the rows in view, grouped for rendering, plus the focused tile wherever
 * it is: it holds the grid's tab stop, so it must always exist.
 */
function renderPlan(grid: GridModel, start: number, end: number, activeIndex: number): RenderedGroup[] {
  const blocks: RenderedGroup[] = [];
  const blockFor = (group: number): RenderedGroup => {
    let block = blocks[blocks.length - 1];
    if (!block || block.group !== group) {
      block = { group, tiles: [] };
      blocks.push(block);
    }
    return block;
  };
  const activeRow = activeIndex >= 0 ? grid.tileRow[activeIndex] : -1;
  if (activeRow >= 0 && activeRow < start) {
    blockFor(grid.rows[activeRow].group).tiles.push(activeIndex);
  }
  for (let r = start; r < end; r++) {
    const row = grid.rows[r];
    const block = blockFor(row.group);
    if (row.kind === 'header') {
      block.header = row;
    } else {
      for (let index = row.first; index < row.first + row.count; index++) {
        block.tiles.push(index);
      }
    }
  }
  if (activeRow >= end) {
    blockFor(grid.rows[activeRow].group).tiles.push(activeIndex);
  }
  return blocks;
}

const getStyles = () => ({
  scroll: css({
    position: 'relative',
    overflowX: 'hidden',
    overflowY: 'auto',
    // Grafana's global styles give every element `box-sizing: inherit`. With that on the tiles'
    // elements, Chromium spent 110-450 ms restyling each scroll step through 10,000 targets; with
    // a box-sizing of their own (the same border-box they inherit), 6-10 ms.
    '& *': { boxSizing: 'border-box' },
  }),
  spacer: css({
    position: 'relative',
    width: '100%',
  }),
});
