import { summarize } from './summarize';
import { tileFixture } from '../test-utils/testFixtures';
import { TargetState } from './types';

describe('summarize', () => {
  it.each<[Array<[TargetState, boolean]>, Record<string, number>]>([
    [[], { up: 0, down: 0, stale: 0, unknown: 0, partial: 0, total: 0, healthy: 0, partialHealthy: 0, firing: 0 }],
    [
      [
        ['up', true],
        ['up', true],
        ['down', false],
        ['partial', true],
        ['partial', false],
        ['stale', false],
        ['unknown', false],
      ],
      { up: 2, down: 1, stale: 1, unknown: 1, partial: 2, total: 7, healthy: 3, partialHealthy: 1, firing: 0 },
    ],
  ])('%j', (tiles, expected) => {
    expect(summarize(tiles.map(([state, healthy], i) => tileFixture({ key: `t${i}`, state, healthy })))).toEqual(
      expected
    );
  });
});
