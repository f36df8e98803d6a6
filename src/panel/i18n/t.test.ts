import { initPluginTranslations } from '@grafana/i18n';
import i18nextModule, { i18n } from 'i18next';

import { spanText } from '../components/spanText';
import { PLUGIN_ID } from '../constants';
import { loadResources } from './loadResources';
import { t } from './t';

// The instance @grafana/i18n uses: the module's default export, under CommonJS one level down.
const i18next: i18n = (i18nextModule as unknown as { default?: i18n }).default ?? i18nextModule;

/** The words t() remembers must follow i18next: a new language or new resources are never answered from the cache. */
describe('t', () => {
  beforeAll(async () => {
    await initPluginTranslations(PLUGIN_ID, []);
  });

  afterEach(async () => {
    i18next.removeResourceBundle('ko-KR', PLUGIN_ID);
    i18next.removeResourceBundle('en-US', PLUGIN_ID);
    await i18next.changeLanguage('en-US');
  });

  it('fills in each call its own values', () => {
    expect(t('tile.partial-count', '{{up}}/{{total}} up', { up: 1, total: 3 })).toBe('1/3 up');
    expect(t('tile.partial-count', '{{up}}/{{total}} up', { up: 2, total: 3 })).toBe('2/3 up');
    expect(t('tile.partial-count', '{{up}}/{{total}} up', { up: 1, total: 3 })).toBe('1/3 up');
  });

  it('speaks the new language after a change of language', async () => {
    expect(t('state.up', 'up')).toBe('up');
    expect(spanText(252_000)).toBe('4m 12s');
    i18next.addResourceBundle('ko-KR', PLUGIN_ID, await loadResources('ko-KR'));
    await i18next.changeLanguage('ko-KR');
    expect(t('state.up', 'up')).toBe('업');
    expect(t('tile.partial-count', '{{up}}/{{total}} up', { up: 1, total: 3 })).toBe('3개 중 1개 업');
    // @grafana/i18n's formatDuration remembers its last call whatever the language (Grafana reloads
    // on a change of language): another span first, so that only this cache could answer in English.
    expect(spanText(1_000)).toBe('1초');
    expect(spanText(252_000)).toBe('4분 12초');
    await i18next.changeLanguage('en-US');
    expect(t('state.up', 'up')).toBe('up');
    expect(spanText(1_000)).toBe('1s');
    expect(spanText(252_000)).toBe('4m 12s');
  });

  it('uses translations added after a word was made', async () => {
    await i18next.changeLanguage('ko-KR');
    expect(t('state.down', 'down')).toBe('down');
    i18next.addResourceBundle('ko-KR', PLUGIN_ID, { state: { down: '다운' } });
    expect(t('state.down', 'down')).toBe('다운');
    i18next.removeResourceBundle('ko-KR', PLUGIN_ID);
    expect(t('state.down', 'down')).toBe('down');
  });

  it('leaves values that are not text or numbers to i18next each time', () => {
    const values = { name: { toString: () => 'api-1' } };
    expect(t('badge.alert-firing', 'alert firing: {{name}}', values)).toBe('alert firing: api-1');
    values.name = { toString: () => 'api-2' };
    expect(t('badge.alert-firing', 'alert firing: {{name}}', values)).toBe('alert firing: api-2');
  });
});
