import { initPluginTranslations, ResourceLoader, Resources } from '@grafana/i18n';
import { config } from '@grafana/runtime';

/** The first Grafana line that loads a plugin's `locales/<language>/<plugin id>.json` itself (plugin.json `languages`). */
const LOADS_PLUGIN_LOCALES = [12, 1];

/**
 * Whether Grafana of this version loads the plugin's translations itself; an unknown version is
 * treated as older, since loading them twice does no harm and not at all shows English.
 */
export function hostLoadsTranslations(version: string | undefined): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) {
    return false;
  }
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > LOADS_PLUGIN_LOCALES[0] || (major === LOADS_PLUGIN_LOCALES[0] && minor >= LOADS_PLUGIN_LOCALES[1]);
}

/**
 * The plugin's own translations by language, for Grafana lines that do not load them. English needs
 * none: every `t()` call carries its English text, plural forms included.
 */
export function bundledResources(byLanguage: Record<string, Resources>): ResourceLoader {
  return async (language: string) => byLanguage[language] ?? {};
}

/**
 * Ties `t()` to Grafana's i18next instance under the plugin's namespace, in the user's language.
 * Before Grafana 12.1 the plugin adds its own translations (bundled: the panel also ships inside the
 * app, where Grafana serves it from another folder than its chunks); tests/e2e/language.test.ts
 * proves both lines.
 */
export function initTranslations(pluginId: string, own: ResourceLoader): Promise<unknown> {
  const loaders: ResourceLoader[] = hostLoadsTranslations(config.buildInfo?.version) ? [] : [own];
  return initPluginTranslations(pluginId, loaders);
}
