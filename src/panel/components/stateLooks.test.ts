import { initPluginTranslations } from '@grafana/i18n';
import i18nextModule, { i18n } from 'i18next';

import { PLUGIN_ID } from '../constants';
import { loadResources } from '../i18n/loadResources';
import { stateCountText, targetCountText } from './stateLooks';
import { warningText } from './warningText';

// The instance @grafana/i18n uses: the module's default export, under CommonJS one level down.
const i18next: i18n = (i18nextModule as unknown as { default?: i18n }).default ?? i18nextModule;

/** Counts reach tens of thousands at the scale the panel is built for: they read with the language's digit groups. */
describe('counts', () => {
  beforeAll(async () => {
    await initPluginTranslations(PLUGIN_ID, []);
    i18next.addResourceBundle('ko-KR', PLUGIN_ID, await loadResources('ko-KR'));
  });

  afterAll(async () => {
    i18next.removeResourceBundle('ko-KR', PLUGIN_ID);
    await i18next.changeLanguage('en-US');
  });

  it.each([
    ['en-US', '12,345 targets', '1 target', '1,204 down', '2,000 duplicate series'],
    ['ko-KR', '대상 12,345개', '대상 1개', '다운 1,204', '중복 시리즈(같은 레이블이 두 번) 2,000개'],
  ])('groups digits in %s', async (language, total, one, down, duplicates) => {
    await i18next.changeLanguage(language);
    expect(targetCountText(12345)).toBe(total);
    expect(targetCountText(1)).toBe(one);
    expect(stateCountText('down', 1204)).toBe(down);
    expect(warningText({ code: 'duplicates', count: 2000 })).toContain(duplicates);
  });
});
