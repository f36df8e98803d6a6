// stack/stack.mjs's durations: the probe jobs' scrape interval as `npm start -- --interval` gives it.
import { parseDuration } from '../../stack/stack.mjs';

describe('the scrape interval', () => {
  it.each([
    ['5s', 5],
    ['500ms', 0.5],
    ['1m', 60],
  ])('reads %s as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['0s', '0ms', '00m', '', '5', '5h', '-1s', '1.5s', 'abc'])('refuses %j', (text) => {
    expect(() => parseDuration(text)).toThrow(/scrapeInterval must be a duration above zero/);
  });
});
