import { css } from '@emotion/css';
import React from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { Icon, useStyles2 } from '@grafana/ui';

import { METRIC_DURATION, METRIC_PROBER, METRIC_STATUS, TEST_IDS } from '../constants';
import { t } from '../../i18n/t';
import { Warning } from '../data/types';
import { Options } from '../options/defaultOptions';
import { warningText } from './warningText';

export type EmptyKind = 'no-queries' | 'no-data' | 'no-status';

interface Props {
  kind: EmptyKind;
  options: Options;
  /** The model's warnings, which often say why nothing was recognised ("Series to rows", refIds). */
  warnings?: Warning[];
}

function title(kind: EmptyKind): string {
  switch (kind) {
    case 'no-queries':
      return t('empty.no-queries.title', 'Add the probe queries');
    case 'no-data':
      return t('empty.no-data.title', 'The queries returned no data');
    case 'no-status':
      return t('empty.no-status.title', 'No {{metric}} series found', { metric: METRIC_STATUS });
  }
}

function intro(kind: EmptyKind): string {
  switch (kind) {
    case 'no-queries':
      return t(
        'empty.no-queries.intro',
        'This panel shows one tile per blackbox_exporter target. Add these Prometheus queries:'
      );
    case 'no-data':
      return t(
        'empty.no-data.intro',
        'Check the time range and that the selectors match your probe job. The panel expects:'
      );
    case 'no-status':
      return t(
        'empty.no-status.intro',
        'Each tile needs a status series ({{metric}}, 1 or 0). None of the returned series was recognised as one. The panel expects:',
        { metric: METRIC_STATUS }
      );
  }
}

/** Says what to add or change, instead of an empty panel. */
export function EmptyState({ kind, options, warnings = [] }: Props): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const queries = [
    {
      refId: options.statusRefId,
      expr: METRIC_STATUS,
      note: t('empty.query.status', 'required: 1 when a probe succeeds, 0 when it fails'),
    },
    {
      refId: options.durationRefId,
      expr: METRIC_DURATION,
      note: t('empty.query.duration', 'optional: the duration and its sparkline'),
    },
    {
      refId: options.proberRefId,
      // The probe jobs' own scrapes, as query C of the Port Status dashboard: an `up` of the exporter's own
      // scrape job carries the exporter's address, which matches no target.
      expr: `${METRIC_PROBER}{job=~"probe_.*"}`,
      note: t(
        'empty.query.prober',
        'optional: the job scraping the exporter, to tell an unreachable prober from a down target'
      ),
    },
  ];
  return (
    <div data-testid={TEST_IDS.empty} data-kind={kind} className={styles.empty}>
      <div className={styles.title}>
        <Icon name="info-circle" />
        {title(kind)}
      </div>
      {warnings.length > 0 && (
        // The note wraps the list: a list given the role of a note leaves its items without a list.
        <div role="note">
          <ul className={styles.warnings}>
            {warnings.map((warning, i) => (
              <li key={i}>
                <Icon name="exclamation-triangle" className={styles.warningIcon} /> {warningText(warning)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className={styles.text}>{intro(kind)}</p>
      <ul className={styles.queries}>
        {queries.map((query) => (
          <li key={query.expr}>
            <span className={styles.refId}>{query.refId}</span> <code className={styles.code}>{query.expr}</code>{' '}
            <span className={styles.note}>{query.note}</span>
          </li>
        ))}
      </ul>
      <p className={styles.text}>
        {t(
          'empty.ref-ids',
          'When series lose their metric name (for example after max_over_time()), the refIds tell them apart: set them in Options > Data (Status query, Duration query, Prober query).'
        )}
      </p>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  empty: css({
    height: '100%',
    overflow: 'auto',
    // Korean words stay whole at a line's end (the browser breaks Hangul between any two syllables).
    wordBreak: 'keep-all',
    overflowWrap: 'break-word',
    padding: theme.spacing(1),
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  title: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
    color: theme.colors.text.primary,
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  text: css({
    margin: theme.spacing(0, 0, 1),
  }),
  warnings: css({
    listStyle: 'none',
    margin: theme.spacing(0, 0, 1),
    padding: 0,
    color: theme.colors.text.primary,
  }),
  warningIcon: css({
    color: theme.colors.warning.text,
  }),
  queries: css({
    listStyle: 'none',
    margin: theme.spacing(0, 0, 1),
    padding: 0,
    li: { marginBottom: theme.spacing(0.5) },
  }),
  refId: css({
    display: 'inline-block',
    minWidth: theme.spacing(3),
    color: theme.colors.text.primary,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  code: css({
    fontFamily: theme.typography.fontFamilyMonospace,
    color: theme.colors.text.primary,
  }),
  note: css({
    color: theme.colors.text.secondary,
  }),
});
