import { css } from '@emotion/css';
import React, { useMemo } from 'react';
import { AppRootProps, GrafanaTheme2, locationUtil, NavModelItem } from '@grafana/data';
import { locationService, PluginPage } from '@grafana/runtime';
import { LoadingPlaceholder, Tab, TabsBar, useStyles2 } from '@grafana/ui';

import { APP_DASHBOARDS, APP_PAGES, APP_TEST_IDS, AppPage } from '../constants';
import { t } from '../i18n/t';
import { AppSettings } from './settings';
import { SetupCheckPage } from './SetupCheckPage';
import { TargetBuilderPage } from './TargetBuilderPage';
import { pageOf, useAppLocation } from './useAppLocation';
import { useTranslations } from './useTranslations';

function pageTitle(page: AppPage): string {
  return page === APP_PAGES.targets ? t('nav.targets', 'Target builder') : t('nav.setup', 'Setup check');
}

/** The app's pages: the setup check (also at the app's own address) and the target builder. */
export function AppRoot(props: AppRootProps<AppSettings>): React.JSX.Element {
  const styles = useStyles2(getStyles);
  const ready = useTranslations();
  const path = useAppLocation();
  // The app's own address rather than props.basename, which some Grafana lines set to the current path.
  const basename = `/a/${props.meta.id}`;
  const page: AppPage = pageOf(path, basename) === APP_PAGES.targets ? APP_PAGES.targets : APP_PAGES.setup;
  // Grafana titles the page from plugin.json's English include names unless pageNav names it; one
  // object per page and language, not per render.
  const pageNav = useMemo<NavModelItem>(() => ({ text: ready ? pageTitle(page) : '' }), [page, ready]);
  if (!ready) {
    return <LoadingPlaceholder text="" />;
  }
  const go = (to: AppPage) => () => locationService.push(`${basename}/${to}`);
  return (
    <PluginPage pageNav={pageNav}>
      <div data-testid={APP_TEST_IDS.root} data-page={page} className={styles.root}>
        <TabsBar data-testid={APP_TEST_IDS.nav}>
          {[APP_PAGES.setup, APP_PAGES.targets].map((id) => (
            <Tab key={id} label={pageTitle(id)} active={page === id} onChangeTab={go(id)} />
          ))}
          <Tab
            label={t('nav.dashboard', 'Port Status dashboard')}
            // Under Grafana's sub-path, where it is served from one (/grafana/d/...).
            href={locationUtil.assureBaseUrl(`/d/${APP_DASHBOARDS.portStatus}`)}
            icon="apps"
          />
        </TabsBar>
        <div className={styles.page}>
          {page === APP_PAGES.targets ? <TargetBuilderPage /> : <SetupCheckPage meta={props.meta} />}
        </div>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  // Korean words stay whole at a line's end (the browser breaks Hangul between any two syllables).
  root: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
    wordBreak: 'keep-all',
    overflowWrap: 'break-word',
  }),
  page: css({ minWidth: 0 }),
});
