import { intersectRanges } from './intersectRanges';

type Ranges = Array<[number, number]>;

describe('intersectRanges', () => {
  it.each<[string, Ranges[], Ranges]>([
    ['no lists', [], []],
    ['one list', [[[1, 5]]], [[1, 5]]],
    [
      'overlaps',
      [
        [
          [0, 10],
          [20, 30],
        ],
        [
          [5, 25],
          [28, 40],
        ],
      ],
      [
        [5, 10],
        [20, 25],
        [28, 30],
      ],
    ],
    ['touching ends meet in a point', [[[0, 10]], [[10, 20]]], [[10, 10]]],
    ['disjoint', [[[0, 5]], [[6, 9]]], []],
    ['one list empty', [[[0, 5]], []], []],
    ['three lists', [[[0, 100]], [[10, 50]], [[40, 60]]], [[40, 50]]],
  ])('%s', (_name, lists, expected) => {
    expect(intersectRanges(lists)).toEqual(expected);
  });
});
