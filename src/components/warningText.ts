import { joinsOnly } from '../data/buildModel';
import { Role, Warning } from '../data/types';

const OUR_METRICS =
  'a metric the panel reads (probe_success, probe_duration_seconds, up and the other blackbox metrics)';

const ROLE_NOUN: Record<Role, string> = {
  status: 'status',
  duration: 'duration',
  prober: 'up',
  httpStatus: 'HTTP status',
  certExpiry: 'certificate expiry',
  contentCheck: 'content check',
  dnsLookup: 'DNS lookup',
  httpPhase: 'HTTP phase',
  host: 'host',
  alerts: 'ALERTS',
  uptime: 'uptime',
};

function queryName(refId: string): string {
  return refId === '' ? 'query (no refId)' : `query ${refId}`;
}

function has(count: number): string {
  return count === 1 ? 'has' : 'have';
}

/** A data warning in words, with what to do about it where there is something to do. */
export function warningText(warning: Warning): string {
  switch (warning.code) {
    case 'bad-stale-after':
      return `Stale after "${warning.text}" is not a duration such as 30s or 2m; the query step is used instead.`;
    case 'ignored-metric':
      return `${warning.count} series of ${queryName(warning.refId)} ignored: ${warning.metric} is not ${OUR_METRICS}.`;
    case 'ignored-unmapped':
      return (
        `${warning.count} series of ${queryName(warning.refId)} ignored: not ${OUR_METRICS}. ` +
        "Map the query's refId under Options > Data."
      );
    case 'unkeyed': {
      const noun = `${ROLE_NOUN[warning.role]} series of ${queryName(warning.refId)}`;
      const outcome = joinsOnly(warning.role) ? ', so they match no target' : '; their display names are used instead';
      return `${warning.count} ${noun} ${has(warning.count)} none of the key labels (${warning.keyLabels.join(', ')})${outcome}.`;
    }
    case 'duplicates':
      return `${warning.count} duplicate series (same labels twice) were counted once.`;
    case 'undated':
      return (
        `${warning.count} series of ${queryName(warning.refId)} ${has(warning.count)} no time field, ` +
        'so their samples cannot be dated.'
      );
  }
}
