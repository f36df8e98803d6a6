import { mergeLabels } from './mergeLabels';
import { runOf } from '../test-utils/runFixture';
import { Labels } from './types';

const run = (labels: Labels) => runOf([], [], { labels });

describe('mergeLabels', () => {
  it.each<[string, Labels[], Labels[], Labels]>([
    ['one status series', [{ instance: 'a', job: 'bb' }], [], { instance: 'a', job: 'bb' }],
    [
      'duration adds what status lacks, never overrides',
      [{ instance: 'a', job: 'bb' }],
      [{ instance: 'a', job: 'other', module: 'http' }],
      { instance: 'a', job: 'bb', module: 'http' },
    ],
    [
      'differing status values are listed once each',
      [
        { instance: 'a', module: 'http' },
        { instance: 'a', module: 'tcp' },
        { instance: 'a', module: 'http', region: 'eu' },
      ],
      [],
      { instance: 'a', module: 'http, tcp', region: 'eu' },
    ],
    ['no series', [], [{ instance: 'a' }], { instance: 'a' }],
  ])('%s', (_name, status, duration, expected) => {
    expect(mergeLabels(status.map(run), duration.map(run))).toEqual(expected);
  });

  it('returns the series labels themselves when there is nothing to add', () => {
    const labels = { instance: 'a' };
    expect(mergeLabels([run(labels)], [run({ instance: 'a' })])).toBe(labels);
  });
});
