import { css, cx } from '@emotion/css';
import React, { memo } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { styleMixins, useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Summary, TargetState } from '../data/types';
import { t } from '../../i18n/t';
import { FORCED_COLORS, StateIcon } from './StateIcon';
import { byState, COUNTED_STATES, stateColor, stateCountText, stateWord, targetCountText } from './stateLooks';

interface Props {
  /** Counts of all targets, whatever the filters show. */
  summary: Summary;
  selected: TargetState[];
  onToggle: (state: TargetState) => void;
  /** Whether only targets with a firing alert are shown. */
  firingSelected: boolean;
  onToggleFiring: () => void;
}

export const SummaryBar = memo(function SummaryBar(props: Props) {
  const { summary, selected, onToggle, firingSelected, onToggleFiring } = props;
  const styles = useStyles2(getStyles);
  const shown = COUNTED_STATES.filter((state) => summary[state] > 0 || selected.includes(state));
  // Problems first, then the alerts firing, then UP: on a narrow panel the one cut is UP's count.
  const countButton = (state: TargetState): React.JSX.Element => {
    const pressed = selected.includes(state);
    const word = stateWord(state);
    return (
      <button
        key={state}
        type="button"
        aria-pressed={pressed}
        title={
          pressed
            ? t('summary.stop-filter-state', 'Stop filtering by {{state}}', { state: word })
            : t('summary.filter-state', 'Filter by {{state}}', { state: word })
        }
        className={cx(styles.count, pressed && styles.pressed)}
        onClick={() => onToggle(state)}
      >
        <StateIcon icon={state} className={styles.icons[state]} />
        {stateCountText(state, summary[state])}
        {state === 'partial' && (
          <span className={styles.secondary}>
            {t('summary.partial-healthy', '({{n, number}} healthy)', { n: summary.partialHealthy })}
          </span>
        )}
      </button>
    );
  };
  return (
    <div
      data-testid={TEST_IDS.summary}
      data-up={summary.up}
      data-down={summary.down}
      data-stale={summary.stale}
      data-unknown={summary.unknown}
      data-partial={summary.partial}
      data-partial-healthy={summary.partialHealthy}
      data-firing={summary.firing}
      aria-live="polite"
      role="group"
      aria-label={t('summary.label', 'Targets by state')}
      className={styles.summary}
    >
      <span className={styles.total}>{targetCountText(summary.total)}</span>
      {shown.filter((state) => state !== 'up').map(countButton)}
      {(summary.firing > 0 || firingSelected) && (
        <button
          type="button"
          aria-pressed={firingSelected}
          title={
            firingSelected
              ? t('summary.stop-filter-firing', 'Stop filtering by firing alerts')
              : t('summary.filter-firing', 'Filter by firing alerts')
          }
          className={cx(styles.count, firingSelected && styles.pressed)}
          onClick={onToggleFiring}
        >
          <StateIcon icon="bell-filled" className={styles.firing} />
          {t('summary.firing', '{{n, number}} firing', { n: summary.firing })}
        </button>
      )}
      {shown.includes('up') && countButton('up')}
    </div>
  );
});

const PRESSED_BORDER_WIDTH = 2;

/**
 * The ring that marks a pressed filter. Its background alone is too faint to see (about 1.2:1), so
 * the ring must stand out from the panel by 3:1 (WCAG 1.4.11), in both themes; border.strong did
 * not (about 2.7:1). Guarded by "marks a pressed filter" in SummaryBar.test.ts.
 */
export function pressedRingColor(theme: GrafanaTheme2): string {
  return theme.colors.text.secondary;
}

export const getStyles = (theme: GrafanaTheme2) => ({
  summary: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minWidth: 0,
    overflowX: 'auto',
    overflowY: 'hidden',
    whiteSpace: 'nowrap',
  }),
  total: css({
    color: theme.colors.text.secondary,
    marginRight: theme.spacing(1),
  }),
  count: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flexShrink: 0,
    height: theme.spacing(3),
    padding: theme.spacing(0, 1),
    border: 'none',
    borderRadius: theme.shape.radius.pill,
    background: 'none',
    color: theme.colors.text.primary,
    fontFamily: theme.typography.fontFamily,
    fontSize: theme.typography.body.fontSize,
    fontVariantNumeric: 'tabular-nums',
    cursor: 'pointer',
    '&:hover': {
      background: theme.colors.action.hover,
    },
    '&:focus-visible': styleMixins.getFocusStyles(theme),
  }),
  pressed: css({
    background: theme.colors.action.selected,
    boxShadow: `inset 0 0 0 1px ${pressedRingColor(theme)}`,
    // Forced colours drop the background and the shadow: a border in the selection's colour says
    // which filters are on. Guarded by "forced colours" in tests/e2e/panel-ui.test.ts.
    [FORCED_COLORS]: { border: `${PRESSED_BORDER_WIDTH}px solid Highlight` },
  }),
  icons: byState((state) => css({ color: stateColor(theme, state) })),
  firing: css({ color: theme.colors.error.text }),
  secondary: css({ color: theme.colors.text.secondary }),
});
