/** Down periods common to all series, each list sorted and non-overlapping. */
export function intersectRanges(lists: Array<Array<[number, number]>>): Array<[number, number]> {
  let result = lists[0] ?? [];
  for (let l = 1; l < lists.length && result.length > 0; l++) {
    const other = lists[l];
    const next: Array<[number, number]> = [];
    let i = 0;
    let j = 0;
    while (i < result.length && j < other.length) {
      const from = Math.max(result[i][0], other[j][0]);
      const to = Math.min(result[i][1], other[j][1]);
      if (from <= to) {
        next.push([from, to]);
      }
      if (result[i][1] < other[j][1]) {
        i++;
      } else {
        j++;
      }
    }
    result = next;
  }
  return result;
}
