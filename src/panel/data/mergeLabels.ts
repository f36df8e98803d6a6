import type { SeriesRun } from './collectSeries';
import { setLabel } from './labelValue';
import { Labels } from './types';

/** Whether `labels` has a value for every name of `names` (no Object.prototype member is a string). */
function hasAllLabels(labels: Labels, names: Labels): boolean {
  for (const name in names) {
    if (typeof labels[name] !== 'string') {
      return false;
    }
  }
  return true;
}

/**
 * Labels of the status series; where several status series disagree on a label (module, probe
 * location), the distinct values are listed. Labels of the other series (durations, and probers
 * that belong to no status series) fill in what the status series lack.
 */
export function mergeLabels(status: SeriesRun[], others: SeriesRun[]): Labels {
  if (status.length === 1) {
    const labels = status[0].labels;
    let covered = true;
    for (let i = 0; covered && i < others.length; i++) {
      covered = hasAllLabels(labels, others[i].labels);
    }
    if (covered) {
      return labels;
    }
  }
  // A set per name beside the list keeps this linear when thousands of series share a key.
  const values = new Map<string, { list: string[]; seen: Set<string> }>();
  for (const run of status) {
    for (const name of Object.keys(run.labels)) {
      const value = run.labels[name];
      const entry = values.get(name);
      if (entry === undefined) {
        values.set(name, { list: [value], seen: new Set([value]) });
      } else if (!entry.seen.has(value)) {
        entry.seen.add(value);
        entry.list.push(value);
      }
    }
  }
  for (const run of others) {
    for (const name of Object.keys(run.labels)) {
      if (!values.has(name)) {
        values.set(name, { list: [run.labels[name]], seen: new Set() });
      }
    }
  }
  const labels: Labels = {};
  for (const [name, { list }] of values) {
    setLabel(labels, name, list.join(', '));
  }
  return labels;
}
