import { hostLoadsTranslations } from './initTranslations';
import { loadResources } from '../panel/i18n/loadResources';

describe('hostLoadsTranslations', () => {
  it.each<[string | undefined, boolean]>([
    ['12.0.2', false],
    ['12.0.10', false],
    ['11.6.0', false],
    ['12.1.0', true],
    ['12.1.0-pre', true],
    ['12.4.3', true],
    ['13.2.2', true],
    ['', false],
    [undefined, false],
    ['dev', false],
  ])('Grafana %p loads them itself: %p', (version, expected) => {
    expect(hostLoadsTranslations(version)).toBe(expected);
  });
});

describe('loadResources', () => {
  it('gives the Korean messages for ko-KR', async () => {
    const resources = await loadResources('ko-KR');
    expect(resources).toMatchObject({ state: { up: '업', down: '다운' } });
  });

  it.each(['en-US', 'fr-FR', 'pseudo'])(
    'gives nothing for %s, which the code speaks or the panel lacks',
    async (language) => {
      await expect(loadResources(language)).resolves.toEqual({});
    }
  );
});
