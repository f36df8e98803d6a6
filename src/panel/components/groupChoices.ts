import type { ComboboxOption } from '@grafana/ui';

import { noGroupingLabel } from '../options/groupingWords';
import type { Tile } from '../data/types';

/** The tiles' label names, sorted, as one string (a JSON array) that compares by value. */
export function labelNamesKey(tiles: Tile[]): string {
  const names = new Set<string>();
  for (const tile of tiles) {
    for (const name of Object.keys(tile.labels)) {
      names.add(name);
    }
  }
  return JSON.stringify([...names].sort());
}

/** The "Group by" choices: no grouping, then every label name, with the current choice kept. */
export function groupByChoices(labelNames: string, current: string): Array<ComboboxOption<string>> {
  const names: string[] = JSON.parse(labelNames);
  if (current !== '' && !names.includes(current)) {
    names.push(current);
    names.sort();
  }
  return [{ value: '', label: noGroupingLabel() }, ...names.map((name) => ({ value: name, label: name }))];
}
