import { initPluginTranslations, t as i18nT } from '@grafana/i18n';
import i18nextModule, { i18n } from 'i18next';

import { spanText } from '../panel/components/spanText';
import { PLUGIN_ID } from '../panel/constants';
import english from '../panel/locales/en-US/portwatch-status-panel.json';
import { loadResources } from '../panel/i18n/loadResources';
import { t } from './t';

type Messages = { [key: string]: string | Messages };

/** Every message of a locale file, by its full key. */
function messagesOf(messages: Messages, prefix = ''): Array<[string, string]> {
  return Object.entries(messages).flatMap(([name, value]) =>
    typeof value === 'string' ? [[prefix + name, value] as [string, string]] : messagesOf(value, `${prefix}${name}.`)
  );
}

/** Values a message could be given: text with the characters i18next or HTML could take for their own, and numbers. */
const SAMPLE_VALUES: unknown[][] = [
  ['api-1 10.0.0.5:8080', 3, 'http://example.com/a?b="c"&d=<e>', '{{nested}}', '$t(state.up)'],
  [0, '업 4분 12초', 1234.5, '', "it's"],
];

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

  it('words every message with its values as i18next does, in English and in Korean', async () => {
    const keys = new Map<string, string>();
    for (const [key, message] of messagesOf(english as Messages)) {
      // A plural form's key without its suffix, as the code calls it.
      keys.set(key.replace(/_(one|other)$/, ''), message);
    }
    i18next.addResourceBundle('ko-KR', PLUGIN_ID, await loadResources('ko-KR'));
    let compared = 0;
    for (const language of ['en-US', 'ko-KR']) {
      await i18next.changeLanguage(language);
      for (const [key, message] of keys) {
        const names = [...new Set([...message.matchAll(/{{\s*([\w-]+)\s*(?:,[^}]*)?}}/g)].map((match) => match[1]))];
        for (const sample of SAMPLE_VALUES) {
          // Twice each: the second call is answered by what the first one left behind.
          for (let round = 0; round < 2; round++) {
            const values = Object.fromEntries(names.map((name, index) => [name, sample[index % sample.length]]));
            if ('count' in values) {
              values.count = sample === SAMPLE_VALUES[0] ? 1 : 7;
            }
            const expected = i18nT(key, message, { ...values, interpolation: { escapeValue: false } });
            expect([key, language, t(key, message, values)]).toEqual([key, language, expected]);
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(400);
  });

  // The summary's counts ("{{n, number}} down") are asked for on every refresh and scroll.
  it('remembers a message that words its values', () => {
    i18next.addResourceBundle('en-US', PLUGIN_ID, { test: { counted: '{{n, number}} down' } });
    const asked = jest.spyOn(i18next, 't');
    try {
      expect(t('test.counted', '{{n, number}} down', { n: 1204 })).toBe('1,204 down');
      const first = asked.mock.calls.length;
      expect(first).toBeGreaterThan(0);
      expect(t('test.counted', '{{n, number}} down', { n: 1204 })).toBe('1,204 down');
      expect(asked.mock.calls.length).toBe(first);
      expect(t('test.counted', '{{n, number}} down', { n: 7 })).toBe('7 down');
    } finally {
      asked.mockRestore();
    }
  });

  it('leaves to i18next a message that words its values or nests another', () => {
    i18next.addResourceBundle('en-US', PLUGIN_ID, {
      test: { worded: 'a total of {{total, number}}', nested: '$t(state.up) for {{span}}', state: { up: 'UP' } },
    });
    for (const total of [3, 1234567]) {
      const values = { total };
      expect(t('test.worded', 'a total of {{total, number}}', values)).toBe(
        i18nT('test.worded', '', { ...values, interpolation: { escapeValue: false } })
      );
    }
    expect(t('test.worded', 'a total of {{total, number}}', { total: 1234567 })).toBe('a total of 1,234,567');
    expect(t('test.nested', '', { span: '4m' })).toBe(i18nT('test.nested', '', { span: '4m' }));
  });
});
