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
 * location), the distinct values are listed. Duration labels fill in what the status series lack.
 */
export function mergeLabels(status: SeriesRun[], duration: SeriesRun[]): Labels {
  if (status.length === 1) {
    const labels = status[0].labels;
    let covered = true;
    for (let i = 0; covered && i < duration.length; i++) {
      covered = hasAllLabels(labels, duration[i].labels);
    }
    if (covered) {
      return labels;
    }
  }
  const values = new Map<string, string[]>();
  for (const run of status) {
    for (const name of Object.keys(run.labels)) {
      const seen = values.get(name);
      if (seen === undefined) {
        values.set(name, [run.labels[name]]);
      } else if (!seen.includes(run.labels[name])) {
        seen.push(run.labels[name]);
      }
    }
  }
  for (const run of duration) {
    for (const name of Object.keys(run.labels)) {
      if (!values.has(name)) {
        values.set(name, [run.labels[name]]);
      }
    }
  }
  const labels: Labels = {};
  for (const [name, list] of values) {
    setLabel(labels, name, list.join(', '));
  }
  return labels;
}
