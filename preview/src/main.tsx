/**
 * Entry of the preview host. Order matters: the shared modules are evaluated first, then SystemJS
 * and its AMD extra (see host/sharedDependencies.ts).
 */
import './host/sharedDependencies';
import { initSystemJS } from './host/systemjs';

import React from 'react';
import { createRoot } from 'react-dom/client';

import { startAppRuntime } from './host/appRuntime';
import { leaveForPathsNotHandled } from './host/navigation';
import { fillStandardRegistries } from './host/registries';
import { startRuntime } from './host/runtimeSetup';
import { initHostI18n } from '@preview/host-specific';
import { LANGUAGES, previewLanguage } from './ui/languages';
import { App, PreviewConfig } from './ui/App';
import { AppHost, isAppPath, isPluginDetailsPath } from './ui/AppHost';
import { PluginDetailsHost } from './ui/PluginDetails';

async function start(): Promise<void> {
  const response = await fetch('/preview/config.json');
  const config = (await response.json()) as PreviewConfig;
  // Grafana serves plugin assets under public/; plugins derive their public path from it.
  window.__grafana_public_path__ = '/public/';
  // Grafana starts i18next in the user's language before anything draws or any plugin loads.
  const language = previewLanguage(config);
  await initHostI18n(
    language,
    LANGUAGES.map((l) => l.value)
  );
  fillStandardRegistries();
  initSystemJS();
  startRuntime(config.hostVersion, language);
  startAppRuntime([config.datasourceSettings], config.appMeta);
  // One page for all, like Grafana's single-page app: /a/<app id>/... shows the app, /plugins/<app id> its
  // configuration pages, / the dashboard.
  const appId = config.appMeta?.id;
  const pagePath = window.location.pathname;
  const showApp = isAppPath(pagePath, appId);
  const showDetails = isPluginDetailsPath(pagePath, appId);
  // The app routes its own paths in place, the details page its tabs (its query); the dashboard page has
  // no path but its own.
  leaveForPathsNotHandled(
    showApp
      ? (path) => isAppPath(path, appId)
      : showDetails
        ? (path) => isPluginDetailsPath(path, appId)
        : (path) => path === pagePath
  );
  createRoot(document.getElementById('root')!).render(
    showApp ? (
      <AppHost config={config} />
    ) : showDetails ? (
      <PluginDetailsHost config={config} />
    ) : (
      <App config={config} />
    )
  );
}

start().catch((e) => {
  console.error('Preview failed to start', e);
});
