import { AppPlugin } from '@grafana/data';

import { AppConfig } from './app/AppConfig';
import { AppRoot } from './app/AppRoot';
import { AppSettings } from './app/settings';
import { appTranslations } from './i18n/appTranslations';
import { t } from './i18n/t';

// Loading starts with the module; the pages wait for it (app/useTranslations.ts).
void appTranslations;

/**
 * Grafana's loader calls init() on this object, so it is the plugin itself, not a promise of it (the
 * panel's module waits instead). The configuration page's title is read when Grafana draws the tab,
 * once the translations are in.
 */
export const plugin = new AppPlugin<AppSettings>().setRootPage(AppRoot).addConfigPage({
  get title() {
    return t('config.title', 'Configuration');
  },
  icon: 'cog',
  body: AppConfig,
  id: 'configuration',
});
