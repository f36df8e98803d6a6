/** Shared modules and start-up steps whose form is particular to the Grafana 12.0 line. */
import * as i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { hostTranslationsBackend } from '../hostTranslations';

export const hostSpecificDependencies: Record<string, Record<string, unknown>> = {
  i18next,
};

/**
 * Grafana 12.0's start-up (app/core/internationalization): the shared i18next instance in the user's
 * language, with Grafana's own namespace loaded by a backend. Grafana 12.0 loads no plugin translations.
 */
export async function initHostI18n(language: string, supported: string[]): Promise<void> {
  await i18next.default
    .use(hostTranslationsBackend)
    .use(initReactI18next)
    .init({
      // Resources given (none yet) and more loaded by the backend, as Grafana does.
      resources: {},
      partialBundledLanguages: true,
      returnEmptyString: false,
      lng: language,
      fallbackLng: 'en-US',
      ns: ['grafana'],
      supportedLngs: supported,
    });
}

export function resolvedLanguage(): string {
  return i18next.default.resolvedLanguage ?? 'en-US';
}

export function addResourceBundle(language: string, namespace: string, resources: Record<string, unknown>): void {
  i18next.default.addResourceBundle(language, namespace, resources, true, false);
}
