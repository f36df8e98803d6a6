import { css } from '@emotion/css';
import React, { useEffect, useState } from 'react';
import { AppPluginMeta, GrafanaTheme2 } from '@grafana/data';
import { DataSourcePicker, getDataSourceSrv } from '@grafana/runtime';
import { Button, Field, Icon, IconName, useStyles2 } from '@grafana/ui';

import { APP_TEST_IDS } from '../constants';
import { t } from '../i18n/t';
import { checkTable } from './checkTable';
import { checkText, checkTitle, statusWord } from './checkText';
import { runSetupChecks } from './checks/runSetupChecks';
import { CheckResult, CheckStatus } from './checks/types';
import { proxyPromApi } from './proxyPromApi';
import { AppSettings, saveAppSettings } from './settings';

const STATUS_ICONS: Record<CheckStatus, IconName> = {
  ok: 'check-circle',
  warning: 'exclamation-triangle',
  error: 'times-circle',
  unknown: 'question-circle',
};

interface Props {
  meta: AppPluginMeta<AppSettings>;
}

/** The default Prometheus data source, for a set-up that has not picked one yet. */
function defaultDatasourceUid(): string | undefined {
  const list = getDataSourceSrv().getList({ type: 'prometheus' });
  return (list.find((ds) => ds.isDefault) ?? list[0])?.uid;
}

/**
 * Checks the probes' set-up in the chosen data source and says, per check, what it found and what
 * to do. The data source is the app's setting; anyone may try another, admins may keep it.
 */
export function SetupCheckPage({ meta }: Props): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const [datasourceUid, setDatasourceUid] = useState(() => meta.jsonData?.datasourceUid ?? defaultDatasourceUid());
  const [attempt, setAttempt] = useState(0);
  const [checked, setChecked] = useState<{ key: string; results: CheckResult[] }>();
  const [saved, setSaved] = useState<'saved' | 'failed'>();
  const key = `${datasourceUid}#${attempt}`;
  const running = datasourceUid !== undefined && checked?.key !== key;
  const results = checked?.results;

  // Runs on opening, on another data source and on "Check again"; a slower earlier run never wins.
  useEffect(() => {
    if (!datasourceUid) {
      return;
    }
    let live = true;
    const settings = getDataSourceSrv().getInstanceSettings(datasourceUid);
    const timeInterval = (settings?.jsonData as { timeInterval?: string } | undefined)?.timeInterval;
    void runSetupChecks(proxyPromApi(datasourceUid), { timeInterval }).then((found) => {
      if (live) {
        setChecked({ key: `${datasourceUid}#${attempt}`, results: found });
      }
    });
    return () => {
      live = false;
    };
  }, [datasourceUid, attempt]);

  const keep = async () => {
    try {
      await saveAppSettings(meta, { ...meta.jsonData, datasourceUid });
      setSaved('saved');
    } catch {
      setSaved('failed');
    }
  };

  return (
    <div data-testid={APP_TEST_IDS.setupCheck} data-datasource={datasourceUid ?? ''} className={styles.page}>
      <div className={styles.row}>
        <Field
          className={styles.field}
          // The picker's own input id, so that the label names it and a click on it focuses it.
          htmlFor="data-source-picker"
          label={t('setup.datasource', 'Data source')}
          description={t(
            'setup.datasource-description',
            'The Prometheus-compatible data source that holds the probe results'
          )}
        >
          <DataSourcePicker
            inputId="data-source-picker"
            type="prometheus"
            current={datasourceUid ?? null}
            noDefault
            width={40}
            onChange={(ds) => {
              setDatasourceUid(ds.uid);
              setSaved(undefined);
            }}
          />
        </Field>
        {/* Not disabled while the checks run: a disabled button drops the keyboard focus to the page. */}
        <Button
          icon="sync"
          variant="secondary"
          onClick={() => !running && setAttempt((n) => n + 1)}
          aria-disabled={running}
          disabled={!datasourceUid}
        >
          {t('setup.run', 'Check again')}
        </Button>
        {datasourceUid && datasourceUid !== meta.jsonData?.datasourceUid && (
          <Button variant="primary" onClick={() => void keep()}>
            {t('setup.keep', 'Keep as the app’s data source')}
          </Button>
        )}
        {saved && (
          <span role="status" className={styles.secondary}>
            {saved === 'saved'
              ? t('setup.saved', 'Saved.')
              : t('setup.save-failed', 'Could not save: only an administrator can change the app’s settings.')}
          </span>
        )}
      </div>
      {!datasourceUid && (
        <p className={styles.secondary}>
          {t('setup.no-datasource', 'Add a Prometheus data source first, then pick it here.')}
        </p>
      )}
      {datasourceUid && (
        // Read out when a run starts and ends, as the list below changes without moving the focus.
        <p role="status" className={styles.secondary}>
          {running || !results
            ? t('setup.status-running', 'Checking…')
            : t('setup.status-done', '{{ok}} of {{total}} checks pass.', {
                ok: results.filter((result) => result.status === 'ok').length,
                total: results.length,
              })}
        </p>
      )}
      {results && (
        <ul className={styles.checks} aria-busy={running}>
          {results.map((result) => {
            const { found, fix } = checkText(result);
            return (
              <li
                key={result.id}
                data-testid={APP_TEST_IDS.check}
                data-id={result.id}
                data-status={result.status}
                data-code={result.code}
                className={styles.check}
              >
                <Icon name={STATUS_ICONS[result.status]} size="lg" className={styles.icons[result.status]} />
                <div>
                  <div className={styles.title}>
                    {checkTitle(result.id)}{' '}
                    <span className={styles.icons[result.status]}>{statusWord(result.status)}</span>
                  </div>
                  <div>{found}</div>
                  {fix && <div className={styles.fix}>{fix}</div>}
                  <CheckRows result={result} />
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}

/**
 * The rows behind a check's sentence under a native disclosure, which keyboards and screen readers
 * know: folded while the check passes or warns, open when it fails, since then they say where ("names
 * the probe jobs ... while blackbox_exporter is stopped" in tests/e2e/app.test.ts). A plain table: a
 * few rows of text that need no sorting or paging, which @grafana/ui offers only as
 * InteractiveTable, an alpha API in Grafana 12.0.
 */
function CheckRows({ result }: { result: CheckResult }): React.JSX.Element | null {
  const styles = useStyles2(getStyles);
  const table = checkTable(result);
  if (table === undefined) {
    return null;
  }
  return (
    <details className={styles.rows} data-testid={APP_TEST_IDS.checkRows} open={result.status === 'error'}>
      <summary className={styles.summary}>
        {t('setup.rows', 'Details ({{rows, number}})', { rows: table.rows.length })}
      </summary>
      <table className={styles.table}>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, k) => (
            <tr key={k}>
              {row.map((cell, j) => (
                <td key={j}>{cell}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), maxWidth: theme.spacing(140) }),
  row: css({ display: 'flex', flexWrap: 'wrap', gap: theme.spacing(2), alignItems: 'flex-end' }),
  // Without Field's own margin below, the buttons line up with the picker rather than under it.
  field: css({ marginBottom: 0 }),
  secondary: css({ color: theme.colors.text.secondary, margin: 0 }),
  checks: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  }),
  check: css({
    display: 'grid',
    gridTemplateColumns: 'auto 1fr',
    gap: theme.spacing(1.5),
    padding: theme.spacing(1.5),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
  title: css({ fontWeight: theme.typography.fontWeightMedium }),
  fix: css({ color: theme.colors.text.secondary, marginTop: theme.spacing(0.5) }),
  rows: css({ marginTop: theme.spacing(1) }),
  summary: css({ cursor: 'pointer', color: theme.colors.text.link, width: 'fit-content' }),
  table: css({
    marginTop: theme.spacing(1),
    borderCollapse: 'collapse',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      textAlign: 'left',
      verticalAlign: 'top',
      padding: theme.spacing(0.5, 1.5, 0.5, 0),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      // Job names, modules and rule errors are long words: they wrap rather than widen the page.
      overflowWrap: 'anywhere',
    },
    th: { fontWeight: theme.typography.fontWeightMedium, color: theme.colors.text.secondary },
  }),
  icons: {
    ok: css({ color: theme.colors.success.text }),
    warning: css({ color: theme.colors.warning.text }),
    error: css({ color: theme.colors.error.text }),
    unknown: css({ color: theme.colors.text.secondary }),
  },
});
