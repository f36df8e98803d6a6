import { shownText } from './shownText';

describe('shownText', () => {
  // Each read "db-1:5432" on a tile beside the real one.
  it.each([
    ['a right-to-left override', '\u202E2345:1-bd', '\uFFFD2345:1-bd'],
    ['a zero-width space', 'db-1:5432\u200B', 'db-1:5432\uFFFD'],
    ['a soft hyphen', 'db-1\u00AD:5432', 'db-1\uFFFD:5432'],
    ['an isolate pair', 'ops\u2067x\u2069', 'ops\uFFFDx\uFFFD'],
  ])('shows format characters: %s', (_, text, shown) => {
    expect(shownText(text)).toBe(shown);
  });

  it.each(['db-1:5432', 'http://예시.kr/상태?a=1', '[2001:db8::1]:443', 'שרת-1', ''])('leaves %j as it is', (text) => {
    expect(shownText(text)).toBe(text);
  });
});
