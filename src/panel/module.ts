import { PanelPlugin } from '@grafana/data';
import { config } from '@grafana/runtime';

import { PortStatusPanel } from './components/PortStatusPanel';
import { PLUGIN_ID } from './constants';
import { initTranslations } from '../i18n/initTranslations';
import { loadResources } from './i18n/loadResources';
import { buildOptions } from './options/buildOptions';
import { Options } from './options/defaultOptions';
import { FIELD_CONFIG } from './options/fieldConfig';
import { migrateOptions } from './options/migrateOptions';
import { rehearseFirstRender } from './rehearseFirstRender';
import { withSuggestions } from './suggestions';
import { warmUp } from './warmUp';

/**
 * A promise of the plugin, as Grafana accepts (its loader resolves the `plugin` export), so that the
 * translations are in place before the options editor or the panel says a word. The annotation keeps
 * Terser from turning the one call into a function called in place (tests/tools/build.test.ts).
 */
export const plugin: Promise<PanelPlugin<Options>> = /*#__NOINLINE__*/ initTranslations(PLUGIN_ID, loadResources).then(
  () => {
    warmUp();
    // React's development build (tests, `npm run dev`) warns about a root made from react-dom.
    if (process.env.NODE_ENV === 'production') {
      rehearseFirstRender(config.theme2);
    }
    return withSuggestions(
      new PanelPlugin<Options>(PortStatusPanel)
        .useFieldConfig(FIELD_CONFIG)
        .setPanelOptions(buildOptions)
        .setMigrationHandler(migrateOptions)
    );
  }
);
