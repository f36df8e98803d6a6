/**
 * Loads a panel plugin the way Grafana's pluginImporter does: `SystemJS.import(<module path>)`,
 * take the `plugin` export (a PanelPlugin or a promise of one), attach the meta, and on any failure
 * log a warning and return a stand-in plugin that draws "Error loading: <id>".
 *
 * Unlike Grafana the preview also insists that `plugin` is an instance of the host's own PanelPlugin
 * class: a plugin that bundled its own @grafana/data would work in neither.
 */
import { createElement } from 'react';

import { PanelPlugin, PanelPluginMeta } from '@grafana/data';
import { Alert } from '@grafana/ui';

import { LoadingStrategy, registerPluginInCache, SystemJS } from './systemjs';
import { addTranslationsToI18n } from './translations';

export interface PanelPluginLoad {
  plugin: PanelPlugin;
  /** Why the plugin could not be used, when it could not. */
  error?: Error;
}

/** Grafana's resolveModulePath for plugins served by the Grafana server itself. */
export function resolveModulePath(path: string): string {
  return path.startsWith('http') || path.startsWith('/') ? path : `/${path}`;
}

function loadErrorPlugin(meta: PanelPluginMeta, error: Error): PanelPlugin {
  const LoadError = () =>
    createElement(
      'div',
      { style: { display: 'flex', alignItems: 'center', justifyContent: 'center', height: '100%' } },
      createElement(Alert, { severity: 'error', title: `Error loading: ${meta.id}` }, error.message)
    );
  const plugin = new PanelPlugin(LoadError);
  plugin.meta = meta;
  plugin.loadError = true;
  return plugin;
}

export async function importPanelPlugin(meta: PanelPluginMeta): Promise<PanelPluginLoad> {
  registerPluginInCache(meta.module, {
    version: meta.info.version,
    loadingStrategy: (meta.loadingStrategy as LoadingStrategy | undefined) ?? 'fetch',
  });
  // Grafana 12.1 and later give the meta a `translations` map and add them first; 12.0 has neither.
  const { translations } = meta as PanelPluginMeta & { translations?: Record<string, string> };
  if (translations) {
    await addTranslationsToI18n(meta.id, translations);
  }
  try {
    const exports = await SystemJS.import(resolveModulePath(meta.module));
    if (!exports.plugin) {
      throw new Error('missing export: plugin');
    }
    const plugin = await (exports.plugin as PanelPlugin | Promise<PanelPlugin>);
    if (!(plugin instanceof PanelPlugin)) {
      throw new Error("export 'plugin' is not a PanelPlugin of the host's @grafana/data");
    }
    plugin.meta = meta;
    return { plugin };
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    console.warn('Error loading panel plugin: ' + meta.id, error);
    return { plugin: loadErrorPlugin(meta, error), error };
  }
}
