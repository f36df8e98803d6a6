import { SpanParts, spanParts } from './spanParts';

describe('spanParts', () => {
  it.each<[number, SpanParts]>([
    [0, { seconds: 0 }],
    [999, { seconds: 0 }],
    [-5_000, { seconds: 0 }],
    [NaN, { seconds: 0 }],
    [1_000, { seconds: 1 }],
    [59_999, { seconds: 59 }],
    [60_000, { minutes: 1 }],
    [252_000, { minutes: 4, seconds: 12 }],
    [252_900, { minutes: 4, seconds: 12 }],
    [3_599_000, { minutes: 59, seconds: 59 }],
    [3_600_000, { hours: 1 }],
    [7_500_000, { hours: 2, minutes: 5 }],
    [86_399_000, { hours: 23, minutes: 59 }],
    [86_400_000, { days: 1 }],
    [273_600_000, { days: 3, hours: 4 }],
    [400 * 86_400_000, { days: 400 }],
  ])('%d ms -> %j', (ms, parts) => {
    expect(spanParts(ms)).toEqual(parts);
  });
});
