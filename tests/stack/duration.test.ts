// stack/stack.mjs's durations: the probe jobs' scrape interval as `npm start -- --interval` gives it.
import { parseDuration } from '../../stack/stack.mjs';

describe('the scrape interval', () => {
  it.each([
    ['5s', 5],
    ['1000ms', 1],
    ['1s', 1],
    ['1m', 60],
    ['5m', 300],
  ])('reads %s as %d s', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  // Under a second blackbox_exporter's timeout (the interval less half a second) is nothing, and every
  // probe fails; over 5 minutes Prometheus' lookback loses the series between scrapes.
  it.each(['0s', '0ms', '00m', '', '5', '5h', '-1s', '1.5s', 'abc', '500ms', '999ms', '6m', '301s'])(
    'refuses %j',
    (text) => {
      expect(() => parseDuration(text)).toThrow(/scrapeInterval must be a duration from 1s to 5m/);
    }
  );
});
