import { Warning } from '../data/types';
import { warningText } from './warningText';

describe('warningText', () => {
  it.each<[Warning, string]>([
    [
      { code: 'bad-stale-after', text: 'soon' },
      'Stale after "soon" is not a duration such as 30s or 2m; the query step is used instead.',
    ],
    [
      { code: 'zero-stale-after', text: '0s' },
      'Stale after "0s" would make every tile stale at once; the query step is used instead.',
    ],
    [
      { code: 'ignored-metric', count: 1, refId: 'C', metric: 'probe_ip_protocol' },
      '1 series of query C ignored: probe_ip_protocol is not a metric the panel reads (probe_success, ' +
        'probe_duration_seconds, up and the other blackbox metrics).',
    ],
    [
      { code: 'ignored-unmapped', count: 2, refId: 'Q' },
      '2 series of query Q ignored: not a metric the panel reads (probe_success, probe_duration_seconds, up and the ' +
        "other blackbox metrics). Map the query's refId under Options > Data.",
    ],
    [
      { code: 'unkeyed', count: 1, role: 'status', refId: 'A', keyLabels: ['instance'] },
      '1 status series of query A has none of the key labels (instance); its display name is used instead.',
    ],
    [
      { code: 'unkeyed', count: 3, role: 'prober', refId: '', keyLabels: ['job', 'instance'] },
      '3 up series of query (no refId) have none of the key labels (job, instance), so they match no target.',
    ],
    [
      { code: 'duplicates', count: 1 },
      '1 duplicate series (same labels twice) was counted once: the one with the newest sample, and of two as new, the failing one.',
    ],
    [
      { code: 'undated', count: 2, refId: 'A' },
      '2 series of query A have no time field, so their samples cannot be dated.',
    ],
  ])('%j', (warning, text) => {
    expect(warningText(warning)).toBe(text);
  });
});
