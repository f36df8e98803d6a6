import { spanText } from './spanText';

describe('spanText', () => {
  it.each<[number, string]>([
    [0, '0s'],
    [-5_000, '0s'],
    [42_000, '42s'],
    [60_000, '1m'],
    [252_000, '4m 12s'],
    [7_500_000, '2h 5m'],
    [273_600_000, '3d 4h'],
  ])('%d ms reads "%s" in English', (ms, text) => {
    expect(spanText(ms)).toBe(text);
  });
});
