import korean from '../locales/ko-KR/portwatch-app.json';
import { APP_ID } from '../constants';
import { bundledResources, initTranslations } from './initTranslations';

/**
 * Started when the module loads; the pages wait for it before they say a word (useTranslations).
 * Grafana calls init() on the app's `plugin` export itself, so unlike the panel's it cannot be a
 * promise that waits for this.
 */
export const appTranslations: Promise<unknown> = /*#__NOINLINE__*/ initTranslations(
  APP_ID,
  bundledResources({ 'ko-KR': korean })
);
