import { formatSpan } from './formatSpan';

describe('formatSpan', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [999, '0s'],
    [-5_000, '0s'],
    [NaN, '0s'],
    [1_000, '1s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [252_000, '4m 12s'],
    [252_900, '4m 12s'],
    [3_599_000, '59m 59s'],
    [3_600_000, '1h'],
    [7_500_000, '2h 5m'],
    [86_399_000, '23h 59m'],
    [86_400_000, '1d'],
    [273_600_000, '3d 4h'],
    [400 * 86_400_000, '400d'],
  ])('%d ms -> %s', (ms, text) => {
    expect(formatSpan(ms)).toBe(text);
  });
});
