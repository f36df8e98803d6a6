/**
 * Shared modules whose form is particular to the Grafana 13 line: `i18next` is the instance
 * @grafana/i18n uses (Grafana shares `getI18nInstance()` so that bundled @grafana/ui copies translate).
 */
// Resolved by preview/build.mjs to @grafana/i18n's own module, which its package exports do not expose.
import { getI18nInstance } from '@preview/grafana-i18n';

export const hostSpecificDependencies: Record<string, Record<string, unknown>> = {
  i18next: getI18nInstance(),
};
