import ko from '../locales/ko-KR/portwatch-app.json';

/** Every message of a catalogue, keyed by its dotted path. */
function messages(tree: object, prefix = ''): Array<[string, string]> {
  return Object.entries(tree).flatMap(([key, value]): Array<[string, string]> =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : messages(value, `${prefix}${key}.`)
  );
}

/**
 * A Korean particle fits the sound before it (15초가, 1분이): after a value only known at run time it
 * must be written both ways, 이(가), or the sentence worded so that none follows the value. "약
 * {{stale}}이 지나면" read "15초이 지나면".
 */
const FIXED_PARTICLE = /\}\}(?:이|가|은|는|을|를|과|와|로)(?=[\s,.:)]|$)/;

describe('the ko-KR catalogue of the app', () => {
  it.each(messages(ko))('%s has no fixed particle right after a value', (_, text) => {
    expect(text).not.toMatch(FIXED_PARTICLE);
  });

  it('would catch the particle the staleness message had', () => {
    expect('마지막 샘플 후 약 {{stale}}이 지나면').toMatch(FIXED_PARTICLE);
    expect('{{jobs}}이(가) {{step}}을(를) {{dashboardStep}}이고 {{setting}}입니다').not.toMatch(FIXED_PARTICLE);
  });
});
