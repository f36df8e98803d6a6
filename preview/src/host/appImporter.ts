/**
 * Loads an app plugin the way Grafana's importAppPlugin does (features/plugins/importer): the meta's
 * translations first (12.1 and later), `SystemJS.import(<module path>)`, `plugin = exports.plugin ??
 * new AppPlugin()`, `plugin.init(meta)`, `plugin.meta = meta`. On any failure it logs a warning and
 * returns a stand-in app whose root page draws "Error loading: <id>", like the panel importer.
 */
import { createElement } from 'react';

import { AppPlugin, AppPluginMeta } from '@grafana/data';
import { Alert } from '@grafana/ui';

import { resolveModulePath } from './pluginImporter';
import { LoadingStrategy, registerPluginInCache, SystemJS } from './systemjs';
import { addTranslationsToI18n } from './translations';

export interface AppPluginLoad {
  plugin: AppPlugin;
  /** Why the app could not be used, when it could not. */
  error?: Error;
}

function loadErrorApp(meta: AppPluginMeta, error: Error): AppPlugin {
  const LoadError = () =>
    createElement(Alert, { severity: 'error', title: `Error loading: ${meta.id}` }, error.message);
  const plugin = new AppPlugin().setRootPage(LoadError);
  plugin.meta = meta;
  plugin.loadError = true;
  return plugin;
}

export async function importAppPlugin(meta: AppPluginMeta): Promise<AppPluginLoad> {
  registerPluginInCache(meta.module, {
    version: meta.info.version,
    loadingStrategy: (meta.loadingStrategy as LoadingStrategy | undefined) ?? 'fetch',
  });
  const { translations } = meta as AppPluginMeta & { translations?: Record<string, string> };
  if (translations) {
    await addTranslationsToI18n(meta.id, translations);
  }
  try {
    const exports = await SystemJS.import(resolveModulePath(meta.module));
    const plugin = (exports.plugin as AppPlugin | undefined) ?? new AppPlugin();
    if (typeof (plugin as Partial<AppPlugin>).init !== 'function') {
      throw new Error("export 'plugin' is not an AppPlugin");
    }
    plugin.init(meta);
    plugin.meta = meta;
    return { plugin };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    console.warn('Error loading app plugin: ' + meta.id, error);
    return { plugin: loadErrorApp(meta, error), error };
  }
}
