import { css } from '@emotion/css';
import React, { memo } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { Summary } from '../data/types';
import { withoutLabelName } from '../options/groupingWords';
import { StateIcon } from './StateIcon';
import { byState, COUNTED_STATES, stateColor, stateCountText, targetCountText } from './stateLooks';
import { shownText } from './shownText';

interface Props {
  name: string;
  groupBy: string;
  summary: Summary;
  top: number;
  height: number;
}

export const GroupHeader = memo(function GroupHeader({ name, groupBy, summary, top, height }: Props) {
  const styles = useStyles2(getStyles);
  const counts = COUNTED_STATES.filter((state) => summary[state] > 0);
  return (
    <div
      role="heading"
      aria-level={3}
      data-testid={TEST_IDS.groupHeader}
      data-group={name}
      className={styles.header}
      style={{ top, height }}
    >
      <span className={styles.name}>{name === '' ? withoutLabelName(groupBy) : shownText(name)}</span>
      <span className={styles.total}>{targetCountText(summary.total)}</span>
      {counts.map((state) => (
        <span key={state} className={styles.count}>
          <StateIcon icon={state} size="sm" className={styles.icons[state]} />
          {stateCountText(state, summary[state])}
        </span>
      ))}
    </div>
  );
});

export const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    position: 'absolute',
    left: 0,
    right: 0,
    boxSizing: 'border-box',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    margin: 0,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightRegular,
    color: theme.colors.text.secondary,
  }),
  name: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
  }),
  total: css({
    flexShrink: 0,
  }),
  count: css({
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    flexShrink: 0,
  }),
  icons: byState((state) => css({ color: stateColor(theme, state) })),
});
