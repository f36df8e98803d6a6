import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import { dateTimeFormat, GrafanaTheme2, InterpolateFunction, NumericRange } from '@grafana/data';
import type { TimeZone } from '@grafana/schema';
import { Icon, useStyles2, useTheme2 } from '@grafana/ui';

import { TEST_IDS } from '../constants';
import { answersItself, tileFacts } from '../data/facts';
import { labelValue } from '../data/labelValue';
import { Tile } from '../data/types';
import { t } from '../../i18n/t';
import { rangedField } from './durationRange';
import { FactList } from './FactList';
import { HistoryStrip } from './HistoryStrip';
import { reasonText } from './reasonText';
import { StateIcon } from './StateIcon';
import { spanText } from './spanText';
import { byState, stateColor, stateWord } from './stateLooks';
import { tileLinks } from './tileLinks';
import { durationDisplay, timeInStateText, uptimeText } from './tileText';
import { shownText } from './shownText';

interface Props {
  id: string;
  tile: Tile;
  now: number;
  rangeFrom: number;
  timeZone: TimeZone;
  replaceVariables: InterpolateFunction;
  /** What duration colours are measured against (durationRange), as on the tile. */
  durationRange?: NumericRange;
}

/** Everything about one target; rendered only while it is shown, so its links are built for one tile at a time. */
export function TileDetails({
  id,
  tile,
  now,
  rangeFrom,
  timeZone,
  replaceVariables,
  durationRange,
}: Props): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const { links, blocked } = useMemo(
    () => tileLinks(tile, replaceVariables, timeZone),
    [tile, replaceVariables, timeZone]
  );
  const { facts } = tileFacts(tile);
  const { duration, durationField, durationStats: stats } = tile.durations.figures();
  const field = rangedField(durationField, durationRange, theme);
  const newest = durationDisplay(field, duration);
  const labels = Object.entries(tile.labels).sort(([a], [b]) => a.localeCompare(b));
  const probes = tile.probes && tile.probes.length > 1 ? tile.probes : [];
  const probeLabels = distinguishingLabels(probes.map((probe) => probe.labels));

  return (
    <div id={id} data-testid={TEST_IDS.details} className={styles.details}>
      <div className={styles.title}>
        <StateIcon icon={tile.state} className={styles.icons[tile.state]} />
        <span className={styles.name}>{shownText(tile.name)}</span>
      </div>
      <div>
        {timeInStateText(tile, now)}
        <span className={styles.secondary}> · {reasonText(tile.reason)}</span>
      </div>
      {tile.flapping && (
        <div className={styles.flapping}>
          <StateIcon icon="flapping" />{' '}
          {t('details.flapping', 'Flapping: {{n}} state changes in the time range', { n: tile.stateChanges })}
        </div>
      )}
      <dl className={styles.facts}>
        <dt>{t('details.newest-sample', 'Newest sample')}</dt>
        <dd>
          {tile.lastSampleTime === undefined
            ? t('details.no-sample-in-range', 'none in the time range')
            : t('details.sample-time', '{{time}} ({{span}} ago)', {
                time: dateTimeFormat(tile.lastSampleTime, { timeZone }),
                span: spanText(Math.max(0, tile.ageMs ?? now - tile.lastSampleTime)),
              })}
        </dd>
        <dt>{t('details.uptime', 'Uptime')}</dt>
        <dd>
          {uptimeText(tile.uptime, tile.uptimeExact) ?? t('details.no-samples', 'no samples')}
          {tile.uptime !== undefined && (
            <span className={styles.secondary}>
              {' '}
              {tile.uptimeExact
                ? t('details.uptime-exact', 'exact over the time range')
                : t('details.uptime-estimated', 'estimated from the samples')}
            </span>
          )}
          {tile.belowUptimeTarget && (
            <span className={styles.flapping}>
              {' · '}
              {t('tile.below-uptime-target', 'under the uptime target')}
            </span>
          )}
        </dd>
        <dt>{t('details.duration', 'Duration')}</dt>
        <dd>
          {newest?.text ?? t('details.no-samples', 'no samples')}
          {stats && (
            <span className={styles.secondary}>
              {' '}
              {t('details.duration-stats', '(min {{min}} · avg {{avg}} · max {{max}})', {
                min: durationDisplay(field, stats.min)?.text,
                avg: durationDisplay(field, stats.avg)?.text,
                max: durationDisplay(field, stats.max)?.text,
              })}
            </span>
          )}
        </dd>
        <dt>{t('details.state-changes', 'State changes')}</dt>
        <dd>{tile.stateChanges}</dd>
        {facts && (
          <FactList
            facts={facts}
            answers={answersItself(tile.state)}
            now={now}
            timeZone={timeZone}
            secondary={styles.secondary}
          />
        )}
      </dl>
      {tile.statusRuns && tile.statusRuns.length > 0 && (
        <HistoryStrip
          runs={tile.statusRuns}
          from={rangeFrom}
          to={now}
          width={HISTORY_WIDTH}
          height={12}
          maxCells={90}
        />
      )}
      {probes.length > 0 && (
        <ul className={styles.probes} aria-label={t('details.probes', 'Probes')}>
          {probes.map((probe, i) => (
            <li key={i}>
              <StateIcon icon={probe.state} className={styles.icons[probe.state]} />{' '}
              {t('details.probe-state', '{{probe}}: {{state}}', {
                probe:
                  probeLabels.map((name) => shownText(`${name}=${labelValue(probe.labels, name) ?? ''}`)).join(' ') ||
                  t('details.probe-number', 'probe {{n}}', { n: i + 1 }),
                state: stateWord(probe.state),
              })}
              <span className={styles.secondary}> · {reasonText(probe.reason)}</span>
            </li>
          ))}
        </ul>
      )}
      {labels.length > 0 && (
        <dl className={styles.labels} aria-label={t('details.labels', 'Labels')}>
          {labels.map(([name, value]) => (
            <React.Fragment key={name}>
              <dt>{shownText(name)}</dt>
              <dd>{shownText(value)}</dd>
            </React.Fragment>
          ))}
        </dl>
      )}
      {links.length > 0 && (
        <ul className={styles.links} aria-label={t('details.links', 'Links')}>
          {links.map((link, i) => (
            <li key={`${i}-${link.href}`}>
              <a
                href={link.href}
                target={link.target}
                rel={link.target === '_blank' ? 'noopener noreferrer' : undefined}
                className={styles.link}
              >
                <Icon name={link.target === '_blank' ? 'external-link-alt' : 'link'} /> {link.title}
              </a>
            </li>
          ))}
        </ul>
      )}
      {blocked > 0 && (
        <div className={styles.secondary}>
          {t('details.links-blocked', '', {
            count: blocked,
            defaultValue_one: 'One link was left out because the URL is not safe to open.',
            defaultValue_other: '{{count}} links were left out because the URL is not safe to open.',
          })}
        </div>
      )}
    </div>
  );
}

/** The strip's width in the details, which are at most 60 spacing units wide. */
const HISTORY_WIDTH = 360;

/** The label names whose values differ between a target's probes: what tells the probes apart. */
function distinguishingLabels(sets: Array<Record<string, string>>): string[] {
  const names = new Set(sets.flatMap((labels) => Object.keys(labels)));
  return [...names].filter((name) => new Set(sets.map((labels) => labelValue(labels, name))).size > 1).sort();
}

const getStyles = (theme: GrafanaTheme2) => ({
  details: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    maxWidth: theme.spacing(60),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  title: css({
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.body.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  name: css({
    overflowWrap: 'anywhere',
  }),
  icons: byState((state) => css({ color: stateColor(theme, state), flexShrink: 0 })),
  secondary: css({
    color: theme.colors.text.secondary,
  }),
  flapping: css({
    color: theme.colors.warning.text,
  }),
  facts: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.25),
    margin: 0,
    dt: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular },
    dd: { margin: 0, overflowWrap: 'anywhere' },
  }),
  labels: css({
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: theme.spacing(1.5),
    rowGap: theme.spacing(0.25),
    margin: 0,
    paddingTop: theme.spacing(1),
    borderTop: `1px solid ${theme.colors.border.weak}`,
    fontFamily: theme.typography.fontFamilyMonospace,
    dt: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular },
    dd: { margin: 0, overflowWrap: 'anywhere' },
  }),
  probes: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  links: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    paddingTop: theme.spacing(1),
    borderTop: `1px solid ${theme.colors.border.weak}`,
  }),
  link: css({
    color: theme.colors.text.link,
    '&:hover': { textDecoration: 'underline' },
  }),
});
