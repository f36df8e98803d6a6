import { css, cx } from '@emotion/css';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GrafanaTheme2, InterpolateFunction, LoadingState, PanelData, PanelProps } from '@grafana/data';
import { Button, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { arrangeTiles, SortHint } from '../data/arrangeTiles';
import { buildModel, MODEL_OPTION_KEYS, ModelOptions } from '../data/buildModel';
import { PanelModel } from '../data/types';
import { t } from '../../i18n/t';
import { HEADER_ROW_UNITS, panelLayout } from '../layout/panelLayout';
import { Options } from '../options/defaultOptions';
import { normalizeOptions } from '../options/migrateOptions';
import { durationRange } from './durationRange';
import { EmptyKind, EmptyState } from './EmptyState';
import { groupByChoices, labelNamesKey } from './groupChoices';
import { SCREEN_READER_ONLY } from './screenReaderOnly';
import { TileDisplay } from './StatusTile';
import { SummaryBar } from './SummaryBar';
import { TileGrid } from './TileGrid';
import { useArrangement } from './useArrangement';
import { firstViewTileCount } from './useVirtualRows';
import { ViewControls } from './ViewControls';
import { useWaitingClock } from './useWaitingClock';
import { WarningsNotice } from './WarningsNotice';

/**
 * The time ages and times in state are measured to: the range's end, or the clock when the queries
 * ran where that is earlier. "Today" and "This week" end at midnight; measured to their end, every
 * fresh sample would be hours old and every tile stale. Guarded by "a range that ends ahead of the
 * clock" in PortStatusPanel.test.tsx.
 */
function measuredTo(data: PanelData): number {
  const to = data.timeRange.to.valueOf();
  const queriedAt = data.request?.endTime ?? data.request?.startTime;
  return queriedAt !== undefined && queriedAt < to ? queriedAt : to;
}

export function PortStatusPanel(props: PanelProps<Options>): React.JSX.Element {
  const { data, options: saved, width, height, timeZone, replaceVariables } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const answeredAt = measuredTo(data);
  const waiting = useWaitingClock(data, answeredAt);
  const now = waiting?.now ?? answeredAt;
  const rangeFrom = data.timeRange.from.valueOf();
  const options = useResolvedOptions(saved, replaceVariables);
  const modelOptions = useModelOptions(options);
  const model = useMemo(
    () => buildModel(data.series, modelOptions, { from: rangeFrom, to: now }),
    [data.series, modelOptions, rangeFrom, now]
  );

  const viewer = useArrangement(options);
  // The order of names the last arrangement made, which a refresh takes over (see SortHint).
  // arrangeTiles writes it during render; it checks the order against the tiles before using it,
  // so what a render React throws away leaves behind can cost a sort, never a wrong order.
  const [sortHint] = useState<SortHint>(() => ({}));
  const layout = panelLayout({
    width,
    height,
    showSummary: options.showSummary,
    showControls: options.showFilter,
    hasWarnings: model.warnings.length > 0 || waiting !== undefined,
    unit: theme.spacing.gridSize,
  });
  // The first render of many tiles orders only those it can show; the rest are ordered once they
  // are on screen, or as soon as the grid needs them (useOrderAll, TileGrid's onOrderNeeded).
  const [orderAll, onOrderNeeded] = useOrderAll();
  const firstCount =
    orderAll || model.tiles.length < FIRST_VIEW_MIN_TILES
      ? undefined
      : firstViewTileCount({
          width: layout.gridWidth,
          height: layout.gridHeight,
          size: options.tileSize,
          minTileWidth: options.minTileWidth,
          showSparkline: options.showSparkline,
          showUptime: options.showUptime,
          unit: theme.spacing.gridSize,
          // A scrollbar only takes columns away.
          scrollbarWidth: 0,
        });
  const groups = useMemo(
    () => arrangeTiles(model.tiles, viewer.arrange, sortHint, firstCount),
    [model.tiles, viewer.arrange, sortHint, firstCount]
  );
  const partlyOrdered = groups.some((group) => group.orderedCount !== undefined);
  useEffect(() => (partlyOrdered ? whenIdle(onOrderNeeded) : undefined), [partlyOrdered, onOrderNeeded]);
  const shownCount = useMemo(() => groups.reduce((sum, group) => sum + group.tiles.length, 0), [groups]);
  // Keyed by the names themselves: a refresh with the same labels keeps the choices, and the
  // memoised view controls (two Comboboxes) skip their render.
  const labelNames = useMemo(() => labelNamesKey(model.tiles), [model.tiles]);
  const groupChoices = useMemo(() => groupByChoices(labelNames, viewer.groupBy), [labelNames, viewer.groupBy]);
  const range = useMemo(() => durationRange(model.tiles), [model.tiles]);
  const display = useMemo<TileDisplay>(
    () => ({
      size: options.tileSize,
      showTimeInState: options.showTimeInState,
      now,
      rangeFrom,
      durationRange: range,
    }),
    [options.tileSize, options.showTimeInState, now, rangeFrom, range]
  );

  const { panelRef, clearFilters } = useClearFilters(viewer.clearFilters);
  // What acts, not what was chosen: a choice in controls the editor has hidden does not (useArrangement).
  const { arrange } = viewer;
  const filtered = arrange.text.trim() !== '' || arrange.states.length > 0 || arrange.firing === true;

  const empty = emptyKind(data, model);
  if (empty === 'nothing') {
    return <div className={styles.panel} />;
  }
  if (empty) {
    return <EmptyState kind={empty} options={options} warnings={model.warnings} />;
  }

  const summary = options.showSummary && (
    <SummaryBar
      summary={model.summary}
      selected={viewer.states}
      onToggle={viewer.toggleState}
      firingSelected={viewer.firing}
      onToggleFiring={viewer.toggleFiring}
    />
  );
  const controls = options.showFilter && (
    <ViewControls
      text={viewer.text}
      onTextChange={viewer.setText}
      sortBy={viewer.sortBy}
      onSortByChange={viewer.setSortBy}
      groupBy={viewer.groupBy}
      groupChoices={groupChoices}
      onGroupByChange={viewer.setGroupBy}
    />
  );

  return (
    <div className={styles.panel} ref={panelRef}>
      {layout.oneRowHeader ? (
        <div className={cx(styles.headerRow, styles.split)}>
          <div className={styles.summarySide}>{summary}</div>
          <div className={styles.controlsSide}>{controls}</div>
        </div>
      ) : (
        <>
          {summary && <div className={styles.headerRow}>{summary}</div>}
          {controls && <div className={styles.headerRow}>{controls}</div>}
        </>
      )}
      {(model.warnings.length > 0 || waiting) && (
        <WarningsNotice
          warnings={
            waiting ? [{ code: 'no-answer', ms: waiting.now - waiting.since }, ...model.warnings] : model.warnings
          }
        />
      )}
      {/* What a filter leaves, said as it changes: the summary above counts every target. */}
      <div role="status" data-testid={TEST_IDS.filterStatus} className={styles.screenReaderOnly}>
        {filtered && filterStatusText(shownCount, model.tiles.length)}
      </div>
      {shownCount === 0 ? (
        <div data-testid={TEST_IDS.empty} data-kind="no-match" className={styles.noMatch}>
          {t('panel.no-match', 'No targets match the filter.')}
          <Button size="sm" variant="secondary" fill="text" onClick={clearFilters}>
            {t('panel.clear-filter', 'Clear filter')}
          </Button>
        </div>
      ) : (
        <TileGrid
          groups={groups}
          groupBy={viewer.arrange.groupBy}
          width={layout.gridWidth}
          height={layout.gridHeight}
          minTileWidth={options.minTileWidth}
          showSparkline={options.showSparkline}
          showUptime={options.showUptime}
          display={display}
          timeZone={timeZone}
          replaceVariables={replaceVariables}
          onOrderNeeded={partlyOrdered ? onOrderNeeded : undefined}
        />
      )}
    </div>
  );
}

/** "3 of 120 targets shown", or that none match: what a filter leaves, for the status region. */
function filterStatusText(shown: number, total: number): string {
  return shown === 0
    ? t('panel.no-match', 'No targets match the filter.')
    : t('panel.filter-status', '', {
        count: total,
        shown,
        defaultValue_one: '{{shown, number}} of {{count, number}} target shown',
        defaultValue_other: '{{shown, number}} of {{count, number}} targets shown',
      });
}

/**
 * "Clear filter" goes with the message it sits in. Focus then moves to the filter box, or to the
 * grid that takes the message's place, rather than to the page ("clears the filter on request" in
 * PortStatusPanel.test.tsx).
 */
function useClearFilters(clear: () => void): {
  panelRef: React.RefObject<HTMLDivElement>;
  clearFilters: () => void;
} {
  const panelRef = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  const clearFilters = useCallback(() => {
    refocus.current = true;
    clear();
  }, [clear]);
  useEffect(() => {
    if (!refocus.current) {
      return;
    }
    refocus.current = false;
    const panel = panelRef.current;
    const target =
      panel?.querySelector<HTMLElement>(`[data-testid="${TEST_IDS.filter}"]`) ??
      panel?.querySelector<HTMLElement>(`[data-testid="${TEST_IDS.grid}"] [tabindex="0"]`);
    target?.focus();
  });
  return { panelRef, clearFilters };
}

/**
 * Whether the tiles are to be ordered in full, and what asks for it. False until the first render
 * with tiles left out of order is on screen; true from then on, for the panel's life: later
 * arrangements take the order of names over from the first full one (SortHint), so only the
 * first render gains from ordering less. Guarded by "orders the rest of the tiles" in
 * PortStatusPanel.test.tsx and, for the time it saves, by the first paint of `npm run bench`.
 */
function useOrderAll(): [boolean, () => void] {
  const [orderAll, setOrderAll] = useState(false);
  const onOrderNeeded = useCallback(() => setOrderAll(true), []);
  return [orderAll, onOrderNeeded];
}

/** Calls `callback` when the browser is next idle (soon after the frame it is painting); returns the cancel. */
function whenIdle(callback: () => void): () => void {
  if (typeof window.requestIdleCallback === 'function') {
    const handle = window.requestIdleCallback(callback, { timeout: IDLE_TIMEOUT_MS });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(callback, 0);
  return () => window.clearTimeout(handle);
}

/** A page that is never idle still gets its tiles ordered within this long. */
const IDLE_TIMEOUT_MS = 500;

/**
 * Fewer tiles are ordered in full at once. Ordering part of them first only paid off with many, in
 * fresh pages of each build taking turns (`npm run bench:compare`; the figures are in
 * docs/performance.md, "A first render orders only the tiles it shows").
 */
const FIRST_VIEW_MIN_TILES = 1000;

/**
 * The options with dashboard variables replaced in the text options, as Grafana users expect of any
 * text field ("$env" in the tile name or the key labels), and checked as the migration handler checks
 * them (normalizeOptions): Grafana runs that only for panels saved by another version, so options
 * edited as JSON reach the panel unchecked. A multi-value variable in the key labels is written
 * comma-separated, the list the option takes, not as Grafana's default `{a,b}`. The object stays the
 * same while the texts do, so the model is not rebuilt on every render.
 */
function useResolvedOptions(options: Options, replaceVariables: InterpolateFunction): Options {
  const keyLabels = replaceVariables(options.keyLabels ?? '', undefined, 'csv');
  const nameTemplate = replaceVariables(options.nameTemplate ?? '');
  const staleAfter = replaceVariables(options.staleAfter ?? '');
  const groupBy = replaceVariables(options.groupBy ?? '');
  return useMemo(
    () => normalizeOptions({ ...options, keyLabels, nameTemplate, staleAfter, groupBy }),
    [options, keyLabels, nameTemplate, staleAfter, groupBy]
  );
}

/**
 * The options the model is built from, as one object that stays the same while their values do:
 * a display option (tile size, sparkline, sort) redraws the tiles without rebuilding the model
 * (the panel test "keeps the model when only a display option changes" fails otherwise).
 */
function useModelOptions(options: Options): ModelOptions {
  // The values as one text: the object holds while they stay the same, whatever display option changed.
  const key = JSON.stringify(MODEL_OPTION_KEYS.map((name) => options[name]));
  return useMemo(
    () => Object.fromEntries(MODEL_OPTION_KEYS.map((name) => [name, options[name]])) as ModelOptions,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is all of `options` the model reads
    [key]
  );
}

/**
 * Why there are no tiles to show. A failed query is drawn in the panel header by Grafana, and
 * loading is shown there too, so neither gets a message here, nor anything that could read as a
 * target state. Tiles judged from no series (durations alone) say nothing about the targets; a prober
 * that is down counts as a probe, as its exporter has left no status behind.
 */
function emptyKind(data: PanelData, model: PanelModel): EmptyKind | 'nothing' | undefined {
  // Tiles known from the uptime alone count: their targets have no sample at the range's steps yet.
  const usable = model.hasStatus || model.tiles.some((tile) => tile.seriesCount > 0 || tile.uptimeExact);
  if (usable && model.tiles.length > 0) {
    return undefined;
  }
  const waiting = data.state === LoadingState.Loading || data.state === LoadingState.NotStarted;
  if (data.state === LoadingState.Error || (waiting && data.series.length === 0)) {
    return 'nothing';
  }
  if (data.series.length === 0) {
    return 'no-queries';
  }
  if (data.series.every((frame) => frame.fields.length === 0 || frame.length === 0)) {
    return 'no-data';
  }
  return model.hasStatus ? 'no-data' : 'no-status';
}

export const getStyles = (theme: GrafanaTheme2) => ({
  panel: css({
    display: 'flex',
    flexDirection: 'column',
    width: '100%',
    height: '100%',
    overflow: 'hidden',
  }),
  headerRow: css({
    display: 'flex',
    alignItems: 'center',
    flexShrink: 0,
    height: theme.spacing(HEADER_ROW_UNITS),
    marginBottom: theme.spacing(1),
    minWidth: 0,
    '& > *': { flex: 1 },
  }),
  split: css({
    gap: theme.spacing(2),
  }),
  summarySide: css({
    display: 'flex',
    minWidth: 0,
  }),
  controlsSide: css({
    display: 'flex',
    justifyContent: 'flex-end',
    minWidth: 0,
    '& > *': { flex: 1 },
  }),
  screenReaderOnly: css(SCREEN_READER_ONLY),
  noMatch: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.colors.text.secondary,
  }),
});
