import {
  METRIC_ALERTS,
  METRIC_CERT_EXPIRY,
  METRIC_CONTENT_CHECK,
  METRIC_DNS_LOOKUP,
  METRIC_DURATION,
  METRIC_HTTP_PHASE,
  METRIC_HTTP_STATUS,
  METRIC_PROBER,
  METRIC_STATUS,
} from '../constants';
import { Options } from '../options/defaultOptions';

import type { SeriesRun } from './collectSeries';
import { Role } from './types';

const ROLE_OF_METRIC: ReadonlyMap<string, Role> = new Map<string, Role>([
  [METRIC_STATUS, 'status'],
  [METRIC_DURATION, 'duration'],
  [METRIC_PROBER, 'prober'],
  [METRIC_HTTP_STATUS, 'httpStatus'],
  [METRIC_CERT_EXPIRY, 'certExpiry'],
  [METRIC_CONTENT_CHECK, 'contentCheck'],
  [METRIC_DNS_LOOKUP, 'dnsLookup'],
  [METRIC_HTTP_PHASE, 'httpPhase'],
  [METRIC_ALERTS, 'alerts'],
]);

/** The option naming each role's refId, in the order a refId is matched. */
const REF_ID_OPTIONS = [
  ['statusRefId', 'status'],
  ['durationRefId', 'duration'],
  ['proberRefId', 'prober'],
  ['httpStatusRefId', 'httpStatus'],
  ['certExpiryRefId', 'certExpiry'],
  ['contentCheckRefId', 'contentCheck'],
  ['dnsLookupRefId', 'dnsLookup'],
  ['httpPhaseRefId', 'httpPhase'],
  ['hostRefId', 'host'],
  ['alertsRefId', 'alerts'],
  ['uptimeRefId', 'uptime'],
] as const satisfies ReadonlyArray<readonly [keyof Options, Role]>;

/** The refId options, one per role a query can be mapped to. */
export const REF_ID_OPTION_KEYS = REF_ID_OPTIONS.map(([option]) => option);

export type RefIdRoles = Pick<Options, (typeof REF_ID_OPTION_KEYS)[number]>;

/**
 * Roles whose series only join targets (probers, facts, hosts, alerts, uptime): without a key they
 * match none. Status and duration series make targets, and fall back to their display names.
 */
export function joinsOnly(role: Role): role is Exclude<Role, 'status' | 'duration'> {
  return role !== 'status' && role !== 'duration';
}

/** The role a metric name gives, if it is one the panel reads. */
export function roleOfMetric(name: string | undefined): Role | undefined {
  return name === undefined ? undefined : ROLE_OF_METRIC.get(name);
}

/** The role of each refId the options name; the first option naming a refId wins. */
export function refIdRoles(refIds: RefIdRoles): Map<string, Role> {
  const roles = new Map<string, Role>();
  for (const [option, role] of REF_ID_OPTIONS) {
    // Saved options from before a field existed may lack it until migrations fill it in.
    const refId = (refIds[option] ?? '').trim();
    if (refId !== '' && !roles.has(refId)) {
      roles.set(refId, role);
    }
  }
  return roles;
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
 * Two refIds decide before the name: the host query, whose metric is probe_success too, and the
 * uptime query. The field name counts only when it is one of ours, since transformations rename
 * fields freely. A series none of these place may still be status by its values (guessesStatus).
 */
export function seriesRole(run: SeriesRun, roles: ReadonlyMap<string, Role>): Role | undefined {
  const byRefId = roles.get(run.refId);
  if (byRefId === 'host' || byRefId === 'uptime') {
    return byRefId;
  }
  if (run.metric !== undefined) {
    return roleOfMetric(run.metric);
  }
  return roleOfMetric(run.fieldName) ?? byRefId;
}

/**
 * Whether a series seriesRole does not place looks like status: no metric name (another metric is
 * never ours) and only 0 and 1 values. buildModel decides whether such a series is taken as status.
 */
export function guessesStatus(run: SeriesRun): boolean {
  return run.metric === undefined && looksLikeStatus(run);
}
