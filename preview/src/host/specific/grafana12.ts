/** Shared modules whose form is particular to the Grafana 12.0 line. */
import * as i18next from 'i18next';

export const hostSpecificDependencies: Record<string, Record<string, unknown>> = {
  i18next,
};
