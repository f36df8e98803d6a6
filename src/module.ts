import { PanelPlugin } from '@grafana/data';

import { PortStatusPanel } from './components/PortStatusPanel';
import { buildOptions } from './options/buildOptions';
import { Options } from './options/defaultOptions';
import { FIELD_CONFIG } from './options/fieldConfig';
import { migrateOptions } from './options/migrateOptions';
import { withSuggestions } from './suggestions';

export const plugin = withSuggestions(
  new PanelPlugin<Options>(PortStatusPanel)
    .useFieldConfig(FIELD_CONFIG)
    .setPanelOptions(buildOptions)
    .setMigrationHandler(migrateOptions)
);
