import { css } from '@emotion/css';
import type { CSSObject } from '@emotion/css/create-instance';
import React, { memo } from 'react';
import { colorManipulator, GrafanaTheme2, NumericRange } from '@grafana/data';
import { styleMixins, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { answersItself, tileFacts } from '../data/facts';
import { Badge, TargetState, Tile } from '../data/types';
import { t } from '../../i18n/t';
import { TileLayout } from '../layout/gridLayout';
import { TileSize } from '../options/defaultOptions';
import { rangedField } from './durationRange';
import { HistoryStrip } from './HistoryStrip';
import { Sparkline } from './Sparkline';
import { ICON_SIZES, iconMaskStyles } from './StateIcon';
import { byState, stateColor } from './stateLooks';
import { badgeText, durationDisplay, stateText, tileAccessibleName, timeInStateText, uptimeText } from './tileText';
import { shownText } from './shownText';

/** What every tile shares; one object per panel render so memoised tiles stay put. */
export interface TileDisplay {
  size: TileSize;
  showTimeInState: boolean;
  /**
   * The time ages and times in state are measured to, and where sparklines end: the range's end, or
   * when the queries ran where that is earlier, or the clock while an answer is awaited
   * (PortStatusPanel's measuredTo and useWaitingClock).
   */
  now: number;
  rangeFrom: number;
  /** What duration colours are measured against, when their scheme is by value (durationRange). */
  durationRange?: NumericRange;
}

interface Props {
  tile: Tile;
  /** Position among all tiles in display order; the grid finds tiles by it. */
  index: number;
  posInSet: number;
  setSize: number;
  tabbable: boolean;
  left: number;
  top: number;
  layout: TileLayout;
  display: TileDisplay;
  describedBy?: string;
}

export const StatusTile = memo(function StatusTile(props: Props) {
  const { tile, index, posInSet, setSize, tabbable, left, top, layout, display, describedBy } = props;
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { duration: newest, durationField, durationRun } = tile.durations.figures();
  const duration = durationDisplay(rangedField(durationField, display.durationRange, theme), newest);
  // A threshold colour rates how fast a target answers. A failed probe's duration (a refused
  // connection in microseconds, a timeout) rates nothing, and green beside DOWN would read as
  // healthy. Guarded by "colours durations" in PortStatusPanel.facts.test.tsx.
  const durationColor = answersItself(tile.state) ? duration?.color : undefined;
  // The accessible name always says the time in state, also when the tile shows only the state.
  const timeInState = timeInStateText(tile, display.now);
  const stateLine = display.showTimeInState ? timeInState : stateText(tile);
  const uptime = uptimeText(tile.uptime, tile.uptimeExact);
  const config = durationField?.config;
  const large = display.size === 'large';
  const { badges } = tileFacts(tile);
  // Facts take the sparkline's place on medium tiles and the top of it on large ones: a down
  // target's cause matters more than its durations, which the details still draw. Tiles without a
  // sparkline put them on the state line, in the duration's place.
  const badgeRow = badges.length > 0 && layout.sparklineHeight > 0;
  const belowBadges = badgeRow ? layout.sparklineHeight - layout.lineHeight - layout.gap : layout.sparklineHeight;
  // What is left under the badges goes to their row when it is too low for a line to read.
  const sparklineHeight = belowBadges >= MIN_SPARKLINE_HEIGHT ? belowBadges : 0;
  // The whole slot when no sparkline fits under the row: the tile's blocks always add up to its height.
  const badgeRowHeight = sparklineHeight > 0 ? layout.lineHeight : layout.sparklineHeight;
  const shownBadges = badges.length > 0 && badgeList(badges, styles, badgeRow ? badgeRowHeight : undefined);
  // The state line keeps its room for the time in state; the duration joins the uptime when there is an uptime line.
  // The colour swatch is drawn by the span's ::before, one element less in each of hundreds of tiles.
  const durationText = duration && (
    <span
      className={durationColor ? styles.durationWithSwatch : styles.duration}
      style={durationColor ? ({ [SWATCH_COLOR]: durationColor } as React.CSSProperties) : undefined}
    >
      {duration.text}
    </span>
  );
  const sparklineWidth = Math.max(0, layout.width - 2 * layout.padding - ACCENT_WIDTH - BORDER_WIDTH);
  // The borders sit inside the tile's box, so they come off the vertical padding to keep the rows' sum exact.
  const padding = `${Math.max(0, layout.padding - BORDER_WIDTH)}px ${layout.padding}px`;

  return (
    <div
      role="listitem"
      data-testid={TEST_IDS.tile}
      data-state={tile.state}
      data-key={tile.key}
      data-index={index}
      aria-posinset={posInSet}
      aria-setsize={setSize}
      aria-label={tileAccessibleName(tile, timeInState, duration, badges)}
      aria-describedby={describedBy}
      tabIndex={tabbable ? 0 : -1}
      className={styles.tiles[display.size][tile.state]}
      style={{ left, top, width: layout.width, height: layout.height, padding }}
    >
      <div
        className={(large ? styles.nameLinesLarge : styles.nameLines)[tile.state]}
        style={{ height: layout.nameHeight }}
      >
        <span className={styles.name}>{shownText(tile.name)}</span>
        {tile.flapping && (
          <span
            role="img"
            aria-label={t('tile.flapping-icon', 'Flapping')}
            title={t('tile.flapping-icon', 'Flapping')}
            className={styles.flapping}
          />
        )}
      </div>
      {layout.uptimeLine && (badgeRow || !shownBadges) ? (
        // Alone on its line, the state is the line's own text: one element, not a line and a span.
        <div className={styles.stateLine} style={{ height: layout.lineHeight, lineHeight: `${layout.lineHeight}px` }}>
          {stateLine}
        </div>
      ) : (
        // Without an uptime line the duration shares the state's line, unless facts need the room.
        <div className={styles.line} style={{ height: layout.lineHeight }}>
          <span className={!badgeRow && shownBadges ? styles.stateBeforeBadges : styles.stateText}>{stateLine}</span>
          {(!badgeRow && shownBadges) || durationText}
        </div>
      )}
      {badgeRow && shownBadges}
      {sparklineHeight > 0 &&
        (durationRun ? (
          <Sparkline
            run={durationRun}
            downRanges={tile.downRanges}
            from={display.rangeFrom}
            to={display.now}
            width={sparklineWidth}
            height={sparklineHeight}
            lineColor={durationColor ?? theme.colors.text.secondary}
            downColor={stateColor(theme, 'down')}
            min={config?.min ?? undefined}
            max={config?.max ?? undefined}
          />
        ) : (
          <div className={styles.sparklineSpace} style={{ height: sparklineHeight }} />
        ))}
      {layout.historyHeight > 0 &&
        (tile.statusRuns && tile.statusRuns.length > 0 ? (
          <HistoryStrip
            runs={tile.statusRuns}
            from={display.rangeFrom}
            to={display.now}
            width={sparklineWidth}
            height={layout.historyHeight}
            maxCells={HISTORY_CELLS}
          />
        ) : (
          <div className={styles.sparklineSpace} style={{ height: layout.historyHeight }} />
        ))}
      {layout.uptimeLine && (
        <div className={styles.bottomLine} style={{ height: layout.lineHeight }}>
          {/* "uptime" wraps onto a clipped second line when the duration needs the room, instead of being cut. */}
          <span
            className={tile.belowUptimeTarget ? styles.uptimeBelowTarget : styles.uptime}
            style={{ lineHeight: `${layout.lineHeight}px` }}
            title={tile.belowUptimeTarget ? t('tile.below-uptime-target-title', 'Under the uptime target') : undefined}
          >
            {uptime === undefined
              ? t('tile.no-samples', 'no samples')
              : t('tile.uptime', '{{uptime}} uptime', { uptime })}
          </span>
          {durationText}
        </div>
      )}
    </div>
  );
});

/**
 * Badges on a tile: two on a row of their own, one where they share the state's line (its words come
 * first there, and two badges would both be cut to a letter); the details list them all.
 */
const MAX_BADGES = 2;
const MAX_INLINE_BADGES = 1;

/** The first badges and a count of the rest: on a row of `rowHeight` of their own, or inline without one. */
function badgeList(badges: Badge[], styles: ReturnType<typeof getStyles>, rowHeight?: number): React.JSX.Element {
  const shown = rowHeight !== undefined ? MAX_BADGES : MAX_INLINE_BADGES;
  return (
    <span
      className={rowHeight !== undefined ? styles.badgeRow : styles.badges}
      style={rowHeight !== undefined ? { height: rowHeight } : undefined}
    >
      {badges.slice(0, shown).map((badge, i) => {
        const look = badgeLook(badge);
        const text = badgeText(badge);
        return (
          <span key={i} data-testid={TEST_IDS.badge} data-kind={badge.kind} title={text} className={styles.badge[look]}>
            {look === 'firing' || look === 'pending' ? <span className={styles.alertName}>{text}</span> : text}
          </span>
        );
      })}
      {badges.length > shown && <span className={styles.more}>+{badges.length - shown}</span>}
    </span>
  );
}
const HISTORY_CELLS = 60;
const MIN_SPARKLINE_HEIGHT = 12;

type BadgeLook = 'critical' | 'warning' | 'firing' | 'pending';

function badgeLook(badge: Badge): BadgeLook {
  switch (badge.kind) {
    case 'alert-firing':
      return 'firing';
    case 'alert-pending':
      return 'pending';
    case 'cert-expiry':
      return badge.severity;
    default:
      return 'critical';
  }
}

const BORDER_WIDTH = 1;
const SWATCH_COLOR = '--portwatch-swatch';
const ACCENT_WIDTH = 4;
const FOCUS_RING_WIDTH = 2;
/** A badge's border in px and its padding either side in grid units; the bell's size and its gap to the words. */
const BADGE_BORDER_WIDTH = 1;
const BADGE_PADDING_UNITS = 0.5;
const BELL_SIZE = 'sm';
const BELL_GAP_UNITS = 0.25;
const BADGE_LINE_HEIGHT = 1.4;
/** The least room for an alert's name: a letter and the ellipsis. */
const ALERT_NAME_MIN_EM = 2;

/**
 * A DOWN tile's background. The light theme's own error tint leaves its red and orange words (badges,
 * an uptime under target) under WCAG AA's 4.5:1, so the light theme tints less; the dark theme's
 * tint keeps them above it. Guarded by "a DOWN tile's words" in StatusTile.test.ts.
 */
export function downTileBackground(theme: GrafanaTheme2): string {
  return theme.isLight
    ? colorManipulator.alpha(theme.colors.error.main, LIGHT_DOWN_TINT)
    : theme.colors.error.transparent;
}

const LIGHT_DOWN_TINT = 0.06;

export const getStyles = (theme: GrafanaTheme2) => {
  const tile: CSSObject = {
    position: 'absolute',
    // Each tile's box is fixed, so the browser lays out and paints it on its own, not with the grid.
    contain: 'size layout style',
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    overflow: 'hidden',
    background: theme.colors.background.secondary,
    border: `${BORDER_WIDTH}px solid ${theme.colors.border.weak}`,
    borderLeftWidth: ACCENT_WIDTH,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.primary,
    fontSize: theme.typography.bodySmall.fontSize,
    cursor: 'default',
    '&:hover': {
      borderColor: theme.colors.border.strong,
    },
    // Grafana's ring, drawn inside the tile: the tiles at the grid's edges touch its scrolling box,
    // which clips anything outside them (panel-ui.test.ts, "takes Tab into the grid").
    '&:focus-visible': {
      ...styleMixins.getFocusStyles(theme),
      outlineOffset: -FOCUS_RING_WIDTH,
      boxShadow: `inset 0 0 0 ${FOCUS_RING_WIDTH}px ${theme.colors.primary.main}`,
    },
  };
  const accent = (state: TargetState): CSSObject => ({
    borderLeftColor: stateColor(theme, state),
    '&:hover': { borderColor: theme.colors.border.strong, borderLeftColor: stateColor(theme, state) },
    // A tinted background makes problems stand out in a wall of healthy tiles; the word and icon still say which.
    ...(state === 'down' ? { background: downTileBackground(theme) } : {}),
  });
  const stateMark = (state: TargetState): CSSObject => ({
    content: '""',
    ...iconMaskStyles(state, stateColor(theme, state)),
  });
  const nameLine: CSSObject = {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minWidth: 0,
    flexShrink: 0,
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  };
  const line: CSSObject = {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: theme.spacing(1),
    flexShrink: 0,
    minWidth: 0,
    whiteSpace: 'nowrap',
  };

  // The word says what it is; the colour and the bell only add to it.
  const badge: CSSObject = {
    display: 'block',
    flexShrink: 1,
    minWidth: 0,
    maxWidth: '100%',
    padding: theme.spacing(0, BADGE_PADDING_UNITS),
    border: `${BADGE_BORDER_WIDTH}px solid`,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.bodySmall.fontSize,
    lineHeight: BADGE_LINE_HEIGHT,
  };
  const bell = (icon: 'bell' | 'bell-filled', color: string): CSSObject => ({
    content: '""',
    ...iconMaskStyles(icon, color, BELL_SIZE),
    marginRight: theme.spacing(BELL_GAP_UNITS),
  });
  // Where badges do not all fit, an alert's name gives way before the cause beside it ("HTTP 503",
  // "host unreachable"), down to its bell: the bell says enough on the tile, and the name is in the
  // badge's title, the tile's accessible name and the details. So an alert badge starts from its
  // bell (the icon and its gap, the padding and the border) and grows into the room the others
  // leave, up to its words. Its name shows only where at least a letter and the ellipsis fit
  // (ALERT_NAME_MIN_EM); with less room it wraps onto a second line that the badge's height cuts
  // off, so the bell stands alone rather than beside a stray dot of a cut ellipsis. Guarded by
  // "shows a firing PortwatchTargetDown" in tests/e2e/facts.test.ts.
  const alertBadge: CSSObject = {
    flex: '1 1 0',
    minWidth:
      ICON_SIZES[BELL_SIZE] +
      theme.spacing.gridSize * (BELL_GAP_UNITS + 2 * BADGE_PADDING_UNITS) +
      2 * BADGE_BORDER_WIDTH,
    maxWidth: 'max-content',
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    alignContent: 'flex-start',
    justifyContent: 'center',
    height: `calc(${BADGE_LINE_HEIGHT}em + ${2 * BADGE_BORDER_WIDTH}px)`,
  };
  const duration: CSSObject = {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flexShrink: 0,
    fontVariantNumeric: 'tabular-nums',
  };

  // Every combination is a class of its own, built once per theme: composing classes while
  // rendering would serialise styles again for each tile that scrolls into view.
  return {
    tiles: {
      small: byState((state) => css(tile, accent(state))),
      medium: byState((state) => css(tile, accent(state))),
      large: byState((state) => css(tile, accent(state), { fontSize: theme.typography.body.fontSize })),
    },
    // The state icon is the name line's ::before (see iconMaskStyles), so a tile has two elements fewer.
    nameLines: byState((state) => css(nameLine, { '&::before': stateMark(state) })),
    nameLinesLarge: byState((state) =>
      css(nameLine, {
        fontSize: theme.typography.h5.fontSize,
        '&::before': stateMark(state),
      })
    ),
    name: css({
      flex: 1,
      minWidth: 0,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    }),
    // One masked element, not an SVG with a path and a title: the mark and its tooltip.
    flapping: css(iconMaskStyles('flapping', theme.colors.warning.text)),
    line: css(line),
    // Uptime and duration share one line; at the large size's body font they would not fit a narrow tile.
    bottomLine: css(line, { gap: theme.spacing(0.5), fontSize: theme.typography.bodySmall.fontSize }),
    stateText: css({
      minWidth: 0,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
    // Beside badges the state and its time keep their width and the badges give way: the tile's
    // colour and icon say DOWN, but only these words say since when, and the details list every
    // fact. Guarded by "small tiles" in tests/e2e/facts.test.ts.
    stateBeforeBadges: css({
      flexShrink: 0,
      maxWidth: '100%',
      overflow: 'hidden',
      textOverflow: 'ellipsis',
    }),
    stateLine: css({
      flexShrink: 0,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    }),
    uptime: css({
      height: '100%',
      minWidth: 0,
      overflow: 'hidden',
      whiteSpace: 'normal',
      color: theme.colors.text.secondary,
    }),
    duration: css(duration),
    durationWithSwatch: css(duration, {
      '&::before': {
        content: '""',
        width: theme.spacing(1),
        height: theme.spacing(1),
        borderRadius: theme.shape.radius.circle,
        background: `var(${SWATCH_COLOR})`,
      },
    }),
    sparklineSpace: css({
      flexShrink: 0,
    }),
    uptimeBelowTarget: css({
      height: '100%',
      minWidth: 0,
      overflow: 'hidden',
      whiteSpace: 'normal',
      color: theme.colors.warning.text,
      fontWeight: theme.typography.fontWeightMedium,
    }),
    badges: css({
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(0.5),
      minWidth: 0,
      flexShrink: 1,
      maxWidth: '65%',
      overflow: 'hidden',
    }),
    // Badges share the row, each cut short when they do not fit; the details list every fact.
    badgeRow: css({
      display: 'flex',
      alignItems: 'flex-start',
      gap: theme.spacing(0.5),
      minWidth: 0,
      flexShrink: 0,
      overflow: 'hidden',
    }),
    badge: {
      critical: css(badge, { color: theme.colors.error.text, borderColor: theme.colors.error.border }),
      warning: css(badge, { color: theme.colors.warning.text, borderColor: theme.colors.warning.border }),
      firing: css(badge, alertBadge, {
        color: theme.colors.error.text,
        borderColor: theme.colors.error.border,
        '&::before': bell('bell-filled', theme.colors.error.text),
      }),
      pending: css(badge, alertBadge, {
        color: theme.colors.warning.text,
        borderColor: theme.colors.warning.border,
        '&::before': bell('bell', theme.colors.warning.text),
      }),
    } satisfies Record<BadgeLook, string>,
    alertName: css({
      flex: `1 1 ${ALERT_NAME_MIN_EM}em`,
      minWidth: `${ALERT_NAME_MIN_EM}em`,
      overflow: 'hidden',
      textOverflow: 'ellipsis',
      whiteSpace: 'nowrap',
    }),
    more: css({
      flexShrink: 0,
      color: theme.colors.text.secondary,
    }),
  };
};
