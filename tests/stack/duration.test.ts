// stack/stack.mjs's durations: the probe jobs' scrape interval as `npm start -- --interval` gives it.
import { parseDuration, probeLoadNote } from '../../stack/stack.mjs';

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

// One blackbox_exporter probes every target; past some hundreds of probes a second on a small machine
// its answers come after the scrape timeout, and those targets read UNKNOWN without a word why.
describe('the probe load of a large grid', () => {
  it.each([
    [0, 5],
    [2000, 5],
    [2499, 5],
    [20000, 60],
  ])('says nothing of %d generated targets at %d s', (targets, seconds) => {
    expect(probeLoadNote(targets, seconds)).toBeUndefined();
  });

  it('names the rate and an interval that fits', () => {
    const note = probeLoadNote(5000, 5);
    expect(note).toContain('5,000 generated targets at a 5s interval');
    expect(note).toContain('about 1,000 probes a second');
    expect(note).toContain('read UNKNOWN');
    expect(note).toContain('--interval 10s');
    // The interval it proposes is one the check above says nothing of.
    expect(probeLoadNote(5000, 10)).toBeUndefined();
  });
});
