import { ResourceLoader, Resources } from '@grafana/i18n';

import { PLUGIN_ID } from '../constants';

/**
 * The plugin's own translations, for Grafana lines that do not load them. English needs no file:
 * every `t()` call carries its English text, plural forms included.
 */
const LOCALES: Record<string, () => Promise<{ default: Resources }>> = {
  'ko-KR': () => import('../locales/ko-KR/portwatch-status-panel.json'),
};

export const loadResources: ResourceLoader = async (language: string) => {
  const load = LOCALES[language];
  if (!load) {
    return {};
  }
  try {
    return (await load()).default;
  } catch (error) {
    // A chunk that cannot be fetched leaves the panel in English rather than broken.
    console.error(`${PLUGIN_ID}: could not load the ${language} translations`, error);
    return {};
  }
};
