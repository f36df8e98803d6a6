/**
 * Shared modules and start-up steps whose form is particular to the Grafana 13 line: `i18next` is the
 * instance @grafana/i18n uses (Grafana shares `getI18nInstance()` so that bundled @grafana/ui copies
 * translate), and Grafana starts it with `initializeI18n`.
 */
// Resolved by preview/build.mjs to @grafana/i18n's own module, which its package exports do not expose.
import {
  addResourceBundle as addBundle,
  getI18nInstance,
  getResolvedLanguage,
  initializeI18n,
} from '@preview/grafana-i18n';

import * as reactDomClient from 'react-dom/client';
import * as reactDomServer from 'react-dom/server';

import { hostTranslationsBackend } from '../hostTranslations';

// Grafana shares react-dom's two entry points since 12.4 (grafana/grafana#118852); 12.0 does not.
export const hostSpecificDependencies: Record<string, Record<string, unknown>> = {
  i18next: getI18nInstance(),
  'react-dom/client': reactDomClient,
  'react-dom/server': reactDomServer,
};

export async function initHostI18n(language: string): Promise<void> {
  await initializeI18n({ language, ns: ['grafana'], module: hostTranslationsBackend });
}

export function resolvedLanguage(): string {
  return getResolvedLanguage();
}

export function addResourceBundle(language: string, namespace: string, resources: Record<string, unknown>): void {
  addBundle(language, namespace, resources);
}
