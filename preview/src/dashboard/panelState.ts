/**
 * Options and field config as a dashboard hands them to a panel: the plugin's migration handler when the
 * saved pluginVersion differs, then option defaults from the plugin's builder merged with the saved
 * options, and field config defaults from the plugin's field config registry
 * (Grafana: getPanelOptionsWithDefaults, run by VizPanel when the plugin loads).
 */
import { FieldConfigSource, getPanelOptionsWithDefaults, PanelModel, PanelPlugin } from '@grafana/data';

import type { PanelJSON } from './dashboardModel';

export interface PanelState {
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  /** The pluginVersion now recorded for the panel. */
  pluginVersion?: string;
}

export async function loadPanelState(plugin: PanelPlugin, panel: PanelJSON): Promise<PanelState> {
  let options = panel.options ?? {};
  const fieldConfig: FieldConfigSource = panel.fieldConfig ?? { defaults: {}, overrides: [] };
  const pluginVersion = plugin.meta?.info?.version;

  const model = { ...panel, options, fieldConfig } as unknown as PanelModel;
  const versionChanged = panel.pluginVersion !== pluginVersion;
  // Grafana calls shouldMigrate with the panel model (its 12.0 typings name the component instead).
  const shouldMigrate = plugin.shouldMigrate as ((panel: PanelModel) => boolean) | undefined;
  if (plugin.onPanelMigration && (versionChanged || shouldMigrate?.(model))) {
    options = (await plugin.onPanelMigration(model)) as Record<string, unknown>;
  }

  const withDefaults = getPanelOptionsWithDefaults({
    plugin,
    currentOptions: options,
    currentFieldConfig: { defaults: { ...fieldConfig.defaults }, overrides: [...(fieldConfig.overrides ?? [])] },
    isAfterPluginChange: false,
  });
  return { options: withDefaults.options, fieldConfig: withDefaults.fieldConfig, pluginVersion };
}
