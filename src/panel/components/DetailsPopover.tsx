import { css } from '@emotion/css';
import React from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { Portal, styleMixins, useStyles2, useTheme2 } from '@grafana/ui';

/** Where the tile is on screen, read once when the details open. */
export interface AnchorRect {
  top: number;
  bottom: number;
  left: number;
}

interface Props {
  anchor: AnchorRect;
  children: React.ReactNode;
  onMouseEnter: () => void;
  onMouseLeave: () => void;
}

const MAX_WIDTH_UNITS = 60;

/**
 * A plain fixed-position box next to the tile. @grafana/ui's Tooltip makes its trigger a tab stop
 * (which would break the grid's single tab stop) and its floating-ui positioning re-measures on
 * every move; here the tile's rectangle is read once and the box opens on the side with more room,
 * anchored by its near edge so its own size never needs measuring.
 */
export function DetailsPopover({ anchor, children, onMouseEnter, onMouseLeave }: Props): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const gap = theme.spacing.gridSize;
  const viewportWidth = window.innerWidth;
  const viewportHeight = window.innerHeight;
  const maxWidth = Math.max(0, Math.min(theme.spacing.gridSize * MAX_WIDTH_UNITS, viewportWidth - 2 * gap));
  const left = Math.max(gap, Math.min(anchor.left, viewportWidth - maxWidth - gap));
  const below = viewportHeight - anchor.bottom;
  const above = anchor.top;
  const vertical =
    below >= above
      ? { top: anchor.bottom + gap, maxHeight: Math.max(0, below - 2 * gap) }
      : { bottom: viewportHeight - anchor.top + gap, maxHeight: Math.max(0, above - 2 * gap) };

  return (
    <Portal>
      <div
        className={styles.popover}
        style={{ left, maxWidth, ...vertical }}
        onMouseEnter={onMouseEnter}
        onMouseLeave={onMouseLeave}
      >
        {children}
      </div>
    </Portal>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  popover: css({
    ...styleMixins.getTooltipContainerStyles(theme),
    position: 'fixed',
    overflow: 'auto',
    color: theme.colors.text.primary,
    border: `1px solid ${theme.colors.border.weak}`,
  }),
});
