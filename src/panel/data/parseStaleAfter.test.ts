import { parseStaleAfter } from './parseStaleAfter';

describe('parseStaleAfter', () => {
  it.each<[string, number | undefined]>([
    ['', undefined],
    ['   ', undefined],
    ['30s', 30_000],
    ['2m', 120_000],
    [' 2m ', 120_000],
    ['1h', 3_600_000],
    ['1d', 86_400_000],
    ['1w', 604_800_000],
    ['500ms', 500],
    ['1m30s', 90_000],
    ['1.5m', 90_000],
    ['45', 45_000],
    ['0s', 0],
    ['soon', undefined],
    ['5mfoo', undefined],
    ['-30s', undefined],
    ['m', undefined],
    ['30 s', 30_000],
    // Overflow to Infinity: a number, but no duration.
    [`${'9'.repeat(400)}s`, undefined],
    ['9'.repeat(400), undefined],
    [`1y${'9'.repeat(320)}w`, undefined],
  ])('%j -> %s', (text, ms) => {
    expect(parseStaleAfter(text)).toBe(ms);
  });
});
