/**
 * The app page, /a/<app id>/...: what Grafana's AppRootPage does for the app. It reads the app's
 * settings from /api/plugins/<id>/settings (getPluginSettings), imports the app through SystemJS
 * (importAppPlugin) and renders its root page with the props Grafana gives, inside the theme, the
 * plugin's context and the preview's PluginPage nav. The page follows @grafana/runtime's
 * locationService, so `locationService.push` changes page without a reload
 * (tests/e2e/app-host.test.ts).
 */
import { css } from '@emotion/css';
import React, { Component, ErrorInfo, ReactNode, useEffect, useMemo, useState } from 'react';

import { AppPlugin, AppPluginMeta, GrafanaTheme2, NavModel, PluginContextProvider, PluginType } from '@grafana/data';
import { getBackendSrv, locationSearchToObject, locationService } from '@grafana/runtime';
import { Alert, LinkButton, useStyles2 } from '@grafana/ui';

import { importAppPlugin } from '../host/appImporter';
import { PluginPageNavContext } from '../host/pluginPage';
import type { PreviewConfig } from './App';
import { HostPageProps, HostRoot } from './HostRoot';
import { getToolbarStyles, PageSettings } from './PageSettings';

/** What tests read from the app page (window.__portwatchApp). */
export interface AppHostHandle {
  status: 'loading' | 'ready' | 'failed';
  error?: string;
  plugin?: { id: string; isAppPlugin: boolean; hasRoot: boolean };
  /** The path the root page was last given. */
  path?: string;
}

declare global {
  interface Window {
    __portwatchApp?: AppHostHandle;
  }
}

const handle: AppHostHandle = { status: 'loading' };

/** Whether the page's path is one of the app's, `/a/<id>` or below. */
export function isAppPath(pathname: string, appId: string | undefined): boolean {
  return Boolean(appId) && (pathname === `/a/${appId}` || pathname.startsWith(`/a/${appId}/`));
}

/** A link to another page of the preview that keeps the language and theme chosen. */
export function previewHref(path: string): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const key of ['lang', 'theme']) {
    const value = current.get(key);
    if (value) {
      kept.set(key, value);
    }
  }
  const search = kept.toString();
  return search ? `${path}?${search}` : path;
}

/** Grafana's getAppPluginPageError. */
function appPageError(meta: AppPluginMeta | undefined): string | undefined {
  if (!meta) {
    return 'Unknown Plugin';
  }
  if (meta.type !== PluginType.app) {
    return 'Plugin must be an app';
  }
  if (!meta.enabled) {
    return 'Application Not Enabled';
  }
  return undefined;
}

class AppErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
  state: { error?: Error } = {};

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.warn('App render error', error, info.componentStack);
    handle.status = 'failed';
    handle.error = `render: ${error.message}`;
  }

  render() {
    return this.state.error ? (
      <Alert severity="error" title="Plugin failed to load">
        {this.state.error.message}
      </Alert>
    ) : (
      this.props.children
    );
  }
}

function useLocation() {
  const [location, setLocation] = useState(() => locationService.getLocation());
  useEffect(() => locationService.getHistory().listen(() => setLocation(locationService.getLocation())), []);
  return location;
}

export function AppHost({ config }: { config: PreviewConfig }) {
  useEffect(() => {
    window.__portwatchApp = handle;
  }, []);
  return <HostRoot config={config} Page={AppPage} />;
}

function AppPage({ config, mode, onModeChange }: HostPageProps) {
  const styles = useStyles2(getStyles);
  const appId = config.appMeta!.id;
  const location = useLocation();
  const [plugin, setPlugin] = useState<AppPlugin>();
  const [pluginNav, setPluginNav] = useState<NavModel | null>(null);
  const [failure, setFailure] = useState<string>();
  const query = useMemo(() => locationSearchToObject(location.search), [location.search]);

  // Like Grafana's loadAppPlugin: the settings from the server, then the import.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const meta = await getBackendSrv().get<AppPluginMeta>(`/api/plugins/${appId}/settings`);
      const error = appPageError(meta);
      if (error) {
        throw new Error(error);
      }
      const load = await importAppPlugin(meta);
      if (cancelled) {
        return;
      }
      handle.plugin = {
        id: meta.id,
        isAppPlugin: !load.error && load.plugin instanceof AppPlugin,
        hasRoot: Boolean(load.plugin.root),
      };
      if (load.error) {
        handle.status = 'failed';
        handle.error = load.error.message;
      } else {
        handle.status = 'ready';
      }
      setPlugin(load.plugin);
    })().catch((e: unknown) => {
      const message =
        e instanceof Error ? e.message : String((e as { data?: { message?: string } })?.data?.message ?? e);
      console.warn('App failed to load', e);
      handle.status = 'failed';
      handle.error = message;
      setFailure(message);
    });
    return () => {
      cancelled = true;
    };
  }, [appId]);

  useEffect(() => {
    handle.path = location.pathname;
  }, [location.pathname]);
  const Root = plugin?.root;
  return (
    <div className={styles.page}>
      <header className={styles.toolbar} data-testid="preview-toolbar">
        <span className={styles.title}>
          {config.appMeta!.name} · Grafana {config.hostVersion} · React {config.reactVersion}
        </span>
        <LinkButton
          href={previewHref('/')}
          variant="secondary"
          fill="text"
          size="sm"
          data-testid="preview-dashboard-link"
        >
          {config.dashboard.title ?? 'Dashboard'}
        </LinkButton>
        <PageSettings config={config} mode={mode} onModeChange={onModeChange} />
      </header>
      <main className={styles.container} data-testid="preview-app">
        {failure && (
          <Alert severity="error" title={`Error loading: ${appId}`}>
            {failure}
          </Alert>
        )}
        {plugin && !Root && <Alert severity="warning" title="No root app page component found" />}
        {plugin && Root && (
          <PluginPageNavContext.Provider value={{ meta: plugin.meta, pluginNav, path: location.pathname }}>
            <PluginContextProvider meta={plugin.meta}>
              <AppErrorBoundary>
                <Root
                  meta={plugin.meta}
                  basename={`/a/${appId}`}
                  path={location.pathname}
                  query={query}
                  onNavChanged={setPluginNav}
                />
              </AppErrorBoundary>
            </PluginContextProvider>
          </PluginPageNavContext.Provider>
        )}
      </main>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    background: theme.colors.background.canvas,
  }),
  ...getToolbarStyles(theme),
  container: css({
    flexGrow: 1,
    minHeight: 0,
  }),
});
