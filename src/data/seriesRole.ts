import { METRIC_DURATION, METRIC_PROBER, METRIC_STATUS } from '../constants';
import { Options } from '../options/defaultOptions';

import type { SeriesRun } from './collectSeries';
import { Role } from './types';

export type RefIdRoles = Pick<Options, 'statusRefId' | 'durationRefId' | 'proberRefId'>;

/** The role a metric name gives, if it is one of the three the panel reads. */
export function roleOfMetric(name: string | undefined): Role | undefined {
  switch (name) {
    case METRIC_STATUS:
      return 'status';
    case METRIC_DURATION:
      return 'duration';
    case METRIC_PROBER:
      return 'prober';
    default:
      return undefined;
  }
}

function roleOfRefId(refId: string, refIds: RefIdRoles): Role | undefined {
  if (refId === '') {
    return undefined;
  }
  // Saved options from before a field existed may lack it until migrations fill it in.
  if (refId === (refIds.statusRefId ?? '').trim()) {
    return 'status';
  }
  if (refId === (refIds.durationRefId ?? '').trim()) {
    return 'duration';
  }
  if (refId === (refIds.proberRefId ?? '').trim()) {
    return 'prober';
  }
  return undefined;
}

/** Whether every finite value is 0 or 1, and there is at least one: what probe_success looks like. */
export function looksLikeStatus(run: SeriesRun): boolean {
  const { values, rows } = run;
  let finite = 0;
  for (let k = run.start; k < run.end; k++) {
    const value = values[rows === undefined ? k : rows[k]];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      continue;
    }
    if (value !== 0 && value !== 1) {
      return false;
    }
    finite++;
  }
  return finite > 0;
}

/**
 * Which of the panel's inputs a series is. A `__name__` decides on its own: the refId mapping is
 * for series that lost their name to a function or aggregation, not for other blackbox metrics.
 * The field name counts only when it is one of ours, since transformations rename fields freely.
 */
export function seriesRole(run: SeriesRun, refIds: RefIdRoles): Role | undefined {
  if (run.metric !== undefined) {
    return roleOfMetric(run.metric);
  }
  return roleOfMetric(run.fieldName) ?? roleOfRefId(run.refId, refIds) ?? (looksLikeStatus(run) ? 'status' : undefined);
}
