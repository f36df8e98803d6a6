import { css } from '@emotion/css';
import React, { memo } from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, Tooltip, useStyles2 } from '@grafana/ui';

import { Warning } from '../data/types';
import { t } from '../../i18n/t';
import { NOTICE_UNITS } from '../layout/panelLayout';
import { warningText } from './warningText';

interface Props {
  warnings: Warning[];
}

/** One quiet line so problems with the data are visible without pushing the tiles away; the full list is in the tooltip. */
export const WarningsNotice = memo(function WarningsNotice(props: Props) {
  const styles = useStyles2(getStyles);
  const warnings = props.warnings.map(warningText);
  const more = warnings.length - 1;
  return (
    <Tooltip
      content={
        <ul className={styles.list}>
          {warnings.map((warning, i) => (
            <li key={i}>{warning}</li>
          ))}
        </ul>
      }
      placement="bottom-start"
    >
      <div
        role="note"
        aria-label={t('warnings.label', '', {
          count: warnings.length,
          defaultValue_one: '{{count}} data warning',
          defaultValue_other: '{{count}} data warnings',
        })}
        className={styles.notice}
      >
        <Icon name="exclamation-triangle" className={styles.icon} />
        <span className={styles.text}>{warnings[0]}</span>
        {more > 0 && <span className={styles.more}>{t('warnings.more', 'and {{n}} more', { n: more })}</span>}
      </div>
    </Tooltip>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  notice: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    height: theme.spacing(NOTICE_UNITS),
    marginBottom: theme.spacing(1),
    minWidth: 0,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
    whiteSpace: 'nowrap',
  }),
  icon: css({
    color: theme.colors.warning.text,
    flexShrink: 0,
  }),
  text: css({
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  }),
  more: css({
    flexShrink: 0,
  }),
  list: css({
    margin: 0,
    paddingLeft: theme.spacing(2),
  }),
});
