import { t as translate } from '@grafana/i18n';

type Values = Record<string, unknown>;

/**
 * @grafana/i18n's `t()` with values left as they are: React escapes text itself, and i18next's own
 * escaping would show a URL's slashes or a label's quotes as entities ("http:&#x2F;&#x2F;").
 * tileText.test.ts guards it.
 */
export function t(key: string, defaultValue: string, values?: Values): string {
  return translate(key, defaultValue, { ...values, interpolation: { escapeValue: false } });
}
