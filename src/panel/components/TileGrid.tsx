import { css } from '@emotion/css';
import React, { memo, useLayoutEffect, useMemo } from 'react';
import { InterpolateFunction } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { getScrollbarWidth, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Tile, TileGroup } from '../data/types';
import { t } from '../../i18n/t';
import { withoutLabelName } from '../options/groupingWords';
import { GridModel, GridRow, layoutGrid } from '../layout/gridLayout';
import { DetailsPopover } from './DetailsPopover';
import { GroupHeader } from './GroupHeader';
import { StatusTile, TileDisplay } from './StatusTile';
import { TileDetails } from './TileDetails';
import { shownText } from './shownText';
import { renderedTile, tileAt } from './tileElements';
import { useGridKeyboard } from './useGridKeyboard';
import { useTileDetails } from './useTileDetails';
import { useVirtualRows } from './useVirtualRows';

interface Props {
  groups: TileGroup[];
  /** The label the groups come from; with one, each group gets a header row. */
  groupBy: string;
  width: number;
  height: number;
  minTileWidth: number;
  showSparkline: boolean;
  showUptime: boolean;
  display: TileDisplay;
  timeZone: TimeZone;
  replaceVariables: InterpolateFunction;
  /**
   * Given while only the first tiles are in order (a group's `orderedCount`): called when the grid
   * is about to show others, or the viewer scrolls or focuses it, so that the rest are ordered first.
   */
  onOrderNeeded?: () => void;
}

interface RenderedGroup {
  group: number;
  header?: GridRow;
  /** Positions in `grid.tiles`. */
  tiles: number[];
}

/**
 * A virtualised grid: a spacer as tall as all rows, with only the rows in view (and the focused
 * tile) rendered at their computed positions (useVirtualRows). Keyboard focus is a roving tab stop
 * (useGridKeyboard); hover and focus open a tile's details (useTileDetails). Events are handled
 * here for all tiles, so tiles stay plain, memoised views.
 */
export const TileGrid = memo(function TileGrid(props: Props) {
  const { groups, groupBy, width, height, minTileWidth, showSparkline, showUptime } = props;
  const { display, timeZone, replaceVariables, onOrderNeeded } = props;
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const unit = theme.spacing.gridSize;
  const grouped = groupBy.trim() !== '';

  const grid = useMemo(
    () =>
      layoutGrid(groups, grouped, {
        width,
        height,
        size: display.size,
        minTileWidth,
        showSparkline,
        showUptime,
        unit,
        scrollbarWidth: getScrollbarWidth(),
      }),
    [groups, grouped, width, height, display.size, minTileWidth, showSparkline, showUptime, unit]
  );
  // Only a focused or detailed tile is looked up by key, never on a first render: built on first use.
  const indexByKey = useMemo(() => lazyIndexByKey(grid.tiles), [grid.tiles]);
  const rows = useVirtualRows(grid, height);
  const keyboard = useGridKeyboard({ grid, indexByKey, rows, replaceVariables, timeZone });
  const { activeIndex } = keyboard;
  const details = useTileDetails(
    indexByKey,
    (index) => index === activeIndex || (grid.tileRow[index] >= rows.start && grid.tileRow[index] < rows.end)
  );
  const rendered = renderPlan(grid, rows.start, rows.end, activeIndex);
  // Tiles beyond the ordered ones are never painted: the layout effect has them ordered first.
  const ordered = groups.length === 1 ? groups[0].orderedCount : undefined;
  const showsUnordered =
    ordered !== undefined && rendered.some((block) => block.tiles.some((index) => index >= ordered));
  useLayoutEffect(() => {
    if (showsUnordered) {
      onOrderNeeded?.();
    }
  }, [showsUnordered, onOrderNeeded]);
  // After every render the open details follow their tile, wherever the render put it ("details
  // that follow their tile" in PortStatusPanel.test.tsx).
  const shownIndex = details.index;
  useLayoutEffect(() => {
    const element = shownIndex === undefined ? null : renderedTile(rows.scrollRef.current, shownIndex);
    if (element) {
      details.follow(element);
    }
  });

  const onMouseOver = (event: React.MouseEvent<HTMLDivElement>) => {
    // The details are portalled but still inside this component in React's tree, so their events arrive here too.
    if (!(event.target instanceof Node) || !event.currentTarget.contains(event.target)) {
      return;
    }
    const hovered = tileAt(rows.scrollRef.current, event.target, grid.tiles.length);
    if (hovered) {
      details.hoverTile(grid.tiles[hovered.index].key, hovered.element);
    } else {
      details.leaveLater();
    }
  };

  const onScroll = (event: React.UIEvent<HTMLDivElement>) => {
    onOrderNeeded?.();
    if (rows.onScroll(event)) {
      details.closeOnScroll();
    }
  };

  return (
    <div
      ref={rows.scrollRef}
      data-testid={TEST_IDS.grid}
      className={styles.scroll}
      style={{ width: Math.max(0, width), height: Math.max(0, height) }}
      onScroll={onScroll}
      onKeyDown={(event) => keyboard.onKeyDown(event, details)}
      onFocus={(event) => {
        // Before a key can move to a tile that is not in order yet.
        onOrderNeeded?.();
        keyboard.onFocus(event, details);
      }}
      onBlur={(event) => {
        keyboard.onBlur(event, details.id);
        details.onGridBlur(event);
      }}
      onMouseOver={onMouseOver}
      onMouseLeave={details.leaveLater}
    >
      <div className={styles.spacer} style={{ height: grid.totalHeight }}>
        {rendered.map(({ group, header, tiles }) => {
          const tileGroup = groups[group];
          const first = grid.groupStart[group];
          return (
            // Keyed by name: a group added before this one must not make React rebuild its tiles, the
            // focused one with them ("a group added before the focused tile" in PortStatusPanel.test.tsx).
            <React.Fragment key={`group:${tileGroup.name}`}>
              {header && tileGroup.summary && (
                <GroupHeader
                  name={tileGroup.name}
                  groupBy={groupBy}
                  summary={tileGroup.summary}
                  top={header.top}
                  height={header.height}
                />
              )}
              {/* A group whose header alone is in view has no list yet: an empty one would read as "0 items". */}
              {tiles.length > 0 && (
                <div
                  role="list"
                  aria-label={
                    grouped
                      ? t('grid.group-label', 'Targets in {{group}}', {
                          group: tileGroup.name ? shownText(tileGroup.name) : withoutLabelName(groupBy),
                        })
                      : t('grid.label', 'Targets')
                  }
                >
                  {tiles.map((index) => {
                    const tile = grid.tiles[index];
                    const row = grid.rows[grid.tileRow[index]];
                    const column = row.kind === 'tiles' ? index - row.first : 0;
                    return (
                      <StatusTile
                        // The focused tile keeps its own element, so focus never lands on another tile.
                        key={index === activeIndex ? `tile-${tile.key}` : `slot-${index % rows.slotCount}`}
                        tile={tile}
                        index={index}
                        posInSet={index - first + 1}
                        setSize={tileGroup.tiles.length}
                        tabbable={index === activeIndex}
                        left={column * (grid.tile.width + grid.gap)}
                        top={row.top}
                        layout={grid.tile}
                        display={display}
                        describedBy={details.shown?.key === tile.key ? details.id : undefined}
                      />
                    );
                  })}
                </div>
              )}
            </React.Fragment>
          );
        })}
      </div>
      {details.shown && details.index !== undefined && (
        <DetailsPopover anchor={details.shown.anchor} onMouseEnter={details.keep} onMouseLeave={details.leaveLater}>
          <TileDetails
            id={details.id}
            tile={grid.tiles[details.index]}
            now={display.now}
            rangeFrom={display.rangeFrom}
            durationRange={display.durationRange}
            timeZone={timeZone}
            replaceVariables={replaceVariables}
          />
        </DetailsPopover>
      )}
    </div>
  );
});

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

export const getStyles = () => ({
  scroll: css({
    position: 'relative',
    overflowX: 'hidden',
    overflowY: 'auto',
    // Grafana's global styles give every element `box-sizing: inherit`, which makes Chromium restyle
    // the tiles coming into view from their ancestors at every scroll step; a box-sizing of their
    // own (the same border-box they inherit) spares that. The browser bench's scroll through 10,000
    // targets (bench/run.mjs, p95 frame) guards it; docs/performance.md has the figures.
    '& *': { boxSizing: 'border-box' },
  }),
  spacer: css({
    position: 'relative',
    width: '100%',
  }),
});
