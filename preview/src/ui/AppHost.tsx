/**
 * The app page, /a/<app id>/...: what Grafana's AppRootPage does for the app. It reads the app's
 * settings from /api/plugins/<id>/settings (getPluginSettings), imports the app through SystemJS
 * (importAppPlugin) and renders its root page with the props Grafana gives, inside the theme, the
 * plugin's context and the preview's PluginPage nav. The page follows @grafana/runtime's
 * locationService, so `locationService.push` changes page without a reload
 * (tests/e2e/app-host.test.ts). The app's configuration pages are on its plugin details page
 * (PluginDetails.tsx), which loads the app the same way (useAppPlugin).
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
  plugin?: { id: string; isAppPlugin: boolean; hasRoot: boolean; configPages: string[] };
  /** The path the page (the root page, or the details page) was last given. */
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

/** Whether the page's path is the app's plugin details page, Grafana's `/plugins/<id>` (or `/plugins/<id>/`). */
export function isPluginDetailsPath(pathname: string, appId: string | undefined): boolean {
  return Boolean(appId) && (pathname === `/plugins/${appId}` || pathname === `/plugins/${appId}/`);
}

/** A link to another page of the preview that keeps the language and theme chosen, with `params` added. */
export function previewHref(path: string, params: Record<string, string> = {}): string {
  const current = new URLSearchParams(window.location.search);
  const kept = new URLSearchParams();
  for (const key of ['lang', 'theme']) {
    const value = current.get(key);
    if (value) {
      kept.set(key, value);
    }
  }
  for (const [key, value] of Object.entries(params)) {
    kept.set(key, value);
  }
  const search = kept.toString();
  return search ? `${path}?${search}` : path;
}

/** Grafana's getAppPluginPageError; the details page takes an app that is not enabled. */
function appPageError(meta: AppPluginMeta | undefined, requireEnabled: boolean): string | undefined {
  if (!meta) {
    return 'Unknown Plugin';
  }
  if (meta.type !== PluginType.app) {
    return 'Plugin must be an app';
  }
  if (requireEnabled && !meta.enabled) {
    return 'Application Not Enabled';
  }
  return undefined;
}

export class AppErrorBoundary extends Component<{ children: ReactNode }, { error?: Error }> {
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

/** @grafana/runtime's locationService's current location, followed as it changes. */
export function useLocation() {
  const [location, setLocation] = useState(() => locationService.getLocation());
  useEffect(() => locationService.getHistory().listen(() => setLocation(locationService.getLocation())), []);
  return location;
}

export function AppHost({ config }: { config: PreviewConfig }) {
  return <HostRoot config={config} Page={AppPage} />;
}

/**
 * The app as Grafana's loaders get it: its settings from the server (getPluginSettings), then the
 * import (importAppPlugin). The app's root page (`loadAppPlugin`) wants it enabled; the plugin details
 * page (`loadPlugin`) does not, since that is where an app is enabled. Reports on window.__portwatchApp.
 */
export function useAppPlugin(
  appId: string,
  { requireEnabled }: { requireEnabled: boolean }
): { plugin?: AppPlugin; failure?: string } {
  const [plugin, setPlugin] = useState<AppPlugin>();
  const [failure, setFailure] = useState<string>();
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const meta = await getBackendSrv().get<AppPluginMeta>(`/api/plugins/${appId}/settings`);
      const error = appPageError(meta, requireEnabled);
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
        configPages: (load.plugin.configPages ?? []).map((page) => page.id),
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
  }, [appId, requireEnabled]);
  useEffect(() => {
    window.__portwatchApp = handle;
  }, []);
  return { plugin, failure };
}

/** Reports the path the page was last given (window.__portwatchApp.path). */
export function useReportedPath(path: string): void {
  useEffect(() => {
    handle.path = path;
  }, [path]);
}

function AppPage({ config, mode, onModeChange }: HostPageProps) {
  const styles = useStyles2(getAppPageStyles);
  const appId = config.appMeta!.id;
  const location = useLocation();
  const { plugin, failure } = useAppPlugin(appId, { requireEnabled: true });
  const [pluginNav, setPluginNav] = useState<NavModel | null>(null);
  const query = useMemo(() => locationSearchToObject(location.search), [location.search]);

  useReportedPath(location.pathname);
  const Root = plugin?.root;
  return (
    <div className={styles.page}>
      <AppToolbar config={config} mode={mode} onModeChange={onModeChange}>
        <LinkButton
          href={previewHref(`/plugins/${appId}`)}
          variant="secondary"
          fill="text"
          size="sm"
          icon="cog"
          data-testid="preview-config-link"
        >
          Configuration
        </LinkButton>
      </AppToolbar>
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

/**
 * The toolbar of the app's pages: what is shown, on which host; a link to the dashboard and `children`
 * (the link to the app's other page); the page settings.
 */
export function AppToolbar({ config, mode, onModeChange, children }: HostPageProps & { children: ReactNode }) {
  const styles = useStyles2(getAppPageStyles);
  return (
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
      {children}
      <PageSettings config={config} mode={mode} onModeChange={onModeChange} />
    </header>
  );
}

/** The app page's layout and toolbar, which the plugin details page shares. */
export const getAppPageStyles = (theme: GrafanaTheme2) => ({
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
