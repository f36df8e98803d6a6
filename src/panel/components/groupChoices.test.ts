import { groupByChoices, labelNamesKey } from './groupChoices';
import { makeTile } from '../test-utils/makeTile';

describe('labelNamesKey', () => {
  it('is the same string for new tiles with the same label names, in any order', () => {
    const before = [
      makeTile('a', { labels: { instance: 'a', job: 'tcp' } }),
      makeTile('b', { labels: { env: 'prod' } }),
    ];
    const after = [
      makeTile('b', { labels: { env: 'prod' } }),
      makeTile('a', { labels: { job: 'http', instance: 'a' } }),
    ];
    expect(labelNamesKey(after)).toBe(labelNamesKey(before));
  });

  it('changes when a label name comes or goes', () => {
    const one = [makeTile('a', { labels: { instance: 'a' } })];
    const two = [makeTile('a', { labels: { instance: 'a', zone: 'eu' } })];
    expect(labelNamesKey(two)).not.toBe(labelNamesKey(one));
    expect(labelNamesKey([])).toBe('[]');
  });
});

describe('groupByChoices', () => {
  const key = labelNamesKey([makeTile('a', { labels: { job: 'tcp', instance: 'a', env: 'prod' } })]);

  it('offers no grouping first, then every label name in order', () => {
    expect(groupByChoices(key, '').map((choice) => choice.value)).toEqual(['', 'env', 'instance', 'job']);
    expect(groupByChoices(key, '')[0].label).toBe('No grouping');
  });

  it('keeps a chosen label that no tile has any more, in its place in the order', () => {
    expect(groupByChoices(key, 'host').map((choice) => choice.value)).toEqual(['', 'env', 'host', 'instance', 'job']);
    expect(groupByChoices(key, 'job').map((choice) => choice.value)).toEqual(['', 'env', 'instance', 'job']);
  });
});
