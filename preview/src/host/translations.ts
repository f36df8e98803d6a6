/**
 * Plugin translations the way Grafana 12.1 and later add them (features/plugins/importer/
 * addTranslationsToI18n): before the plugin's module is imported, the file for the user's resolved
 * language (else English) from the meta's `translations` map goes into i18next under the plugin's id.
 * For English only the plural forms are added: the singular texts are in the plugin's code.
 */
import { addResourceBundle, resolvedLanguage } from '@preview/host-specific';

export const DEFAULT_LANGUAGE = 'en-US';
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function pluralKeysOnly(resources: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(resources)) {
    if (value && typeof value === 'object') {
      const nested = pluralKeysOnly(value as Record<string, unknown>);
      if (Object.keys(nested).length > 0) {
        kept[key] = nested;
      }
    } else if (PLURAL_SUFFIX.test(key)) {
      kept[key] = value;
    }
  }
  return kept;
}

export async function addTranslationsToI18n(pluginId: string, translations: Record<string, string>): Promise<void> {
  const resolved = resolvedLanguage();
  const path = translations[resolved] ?? translations[DEFAULT_LANGUAGE];
  if (!path) {
    console.warn(`Could not find any translation for plugin ${pluginId}`, { resolved });
    return;
  }
  const language = translations[resolved] ? resolved : DEFAULT_LANGUAGE;
  try {
    const response = await fetch(path.startsWith('/') ? path : `/${path}`);
    if (!response.ok) {
      throw new Error(`HTTP ${response.status}`);
    }
    const resources = (await response.json()) as Record<string, unknown>;
    addResourceBundle(language, pluginId, language === DEFAULT_LANGUAGE ? pluralKeysOnly(resources) : resources);
  } catch (error) {
    console.warn(`Could not load translation for plugin ${pluginId}`, { language, path, error });
  }
}
