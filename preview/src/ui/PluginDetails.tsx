/**
 * The app's plugin details page, /plugins/<app id>: what Grafana's PluginDetailsPage shows an admin for
 * an installed app (features/plugins/admin: usePluginDetailsTabs, PluginDetailsBody), kept to the app's
 * configuration pages. It loads the app as `loadPlugin` does (its settings, then importAppPlugin; an app
 * that is not enabled too), shows its name and one tab per `plugin.configPages` entry, the first selected
 * unless `?page=<id>` names another, and renders that page's body with `plugin` and `query` inside
 * `PluginContextProvider`, the theme and an error boundary (tests/e2e/app-host.test.ts).
 */
import { css } from '@emotion/css';
import React, { useMemo } from 'react';

import { GrafanaTheme2, PluginContextProvider } from '@grafana/data';
import { locationService } from '@grafana/runtime';
import { Alert, LinkButton, Tab, TabContent, TabsBar, useStyles2 } from '@grafana/ui';

import type { PreviewConfig } from './App';
import {
  AppErrorBoundary,
  AppToolbar,
  getAppPageStyles,
  previewHref,
  useAppPlugin,
  useLocation,
  useReportedPath,
} from './AppHost';
import { HostPageProps, HostRoot } from './HostRoot';

export function PluginDetailsHost({ config }: { config: PreviewConfig }) {
  return <HostRoot config={config} Page={PluginDetailsPage} />;
}

function PluginDetailsPage({ config, mode, onModeChange }: HostPageProps) {
  const styles = useStyles2(getAppPageStyles);
  const own = useStyles2(getStyles);
  const appId = config.appMeta!.id;
  const location = useLocation();
  const { plugin, failure } = useAppPlugin(appId, { requireEnabled: false });
  // Grafana's PluginDetailsPage hands the body the query as strings: Object.fromEntries(queryParams).
  const query = useMemo(() => Object.fromEntries(new URLSearchParams(location.search)), [location.search]);
  useReportedPath(location.pathname);

  const pages = plugin?.configPages ?? [];
  const activeId = query.page ?? pages[0]?.id;
  const active = pages.find((page) => page.id === activeId);
  const meta = plugin?.meta ?? config.appMeta!;
  const logo = meta.info?.logos?.small;
  return (
    <div className={styles.page}>
      <AppToolbar config={config} mode={mode} onModeChange={onModeChange}>
        <LinkButton
          href={previewHref(`/a/${appId}`)}
          variant="secondary"
          fill="text"
          size="sm"
          data-testid="preview-app-link"
        >
          {config.appMeta!.name}
        </LinkButton>
      </AppToolbar>
      <main className={styles.container} data-testid="preview-plugin-details">
        <div className={own.details}>
          <div className={own.header}>
            {logo && <img className={own.logo} src={logo} alt="" />}
            <h1 className={own.name}>{meta.name}</h1>
          </div>
          {failure && (
            <Alert severity="error" title={`Error loading: ${appId}`}>
              {failure}
            </Alert>
          )}
          {plugin && (
            <>
              <TabsBar>
                {pages.map((page) => {
                  const href = previewHref(location.pathname, { page: page.id });
                  return (
                    <Tab
                      key={page.id}
                      label={page.title}
                      icon={page.icon}
                      href={href}
                      active={page.id === activeId}
                      // Grafana's links change page in place, through locationService.
                      onChangeTab={(event) => {
                        event.preventDefault();
                        locationService.push(href);
                      }}
                    />
                  );
                })}
              </TabsBar>
              <TabContent className={own.content}>
                {active ? (
                  <PluginContextProvider meta={plugin.meta}>
                    <AppErrorBoundary>
                      <active.body plugin={plugin} query={query} />
                    </AppErrorBoundary>
                  </PluginContextProvider>
                ) : (
                  <p>Page not found.</p>
                )}
              </TabContent>
            </>
          )}
        </div>
      </main>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  details: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2), padding: theme.spacing(2, 3) }),
  header: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(2) }),
  logo: css({ width: theme.spacing(4), height: theme.spacing(4) }),
  name: css({ margin: 0, fontSize: theme.typography.h2.fontSize }),
  content: css({ paddingTop: theme.spacing(1) }),
});
