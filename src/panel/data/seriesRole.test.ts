import { FieldType } from '@grafana/data';

import { SeriesRun } from './collectSeries';
import { guessesStatus, looksLikeStatus, refIdRoles, seriesRole } from './seriesRole';
import { testOptions } from '../test-utils/testFixtures';
import { Role } from './types';

function run(overrides: Partial<SeriesRun>): SeriesRun {
  const values = overrides.values ?? [1, 0];
  return {
    refId: 'A',
    fieldName: 'Value',
    labels: {},
    field: { name: 'Value', type: FieldType.number, values: [], config: {} },
    times: [1, 2],
    values,
    start: 0,
    end: values.length,
    ...overrides,
  };
}

describe('seriesRole', () => {
  it.each<[string, Partial<SeriesRun>, Role | undefined]>([
    ['__name__ probe_success', { metric: 'probe_success', refId: 'Z', values: [5] }, 'status'],
    ['__name__ probe_duration_seconds', { metric: 'probe_duration_seconds', refId: 'A' }, 'duration'],
    ['__name__ up', { metric: 'up', refId: 'A' }, 'prober'],
    ['another metric, even on a mapped refId', { metric: 'probe_ip_protocol', refId: 'A' }, undefined],
    ['__name__ probe_http_status_code', { metric: 'probe_http_status_code', refId: 'A' }, 'httpStatus'],
    ['__name__ probe_ssl_earliest_cert_expiry', { metric: 'probe_ssl_earliest_cert_expiry' }, 'certExpiry'],
    ['__name__ probe_failed_due_to_regex', { metric: 'probe_failed_due_to_regex' }, 'contentCheck'],
    ['__name__ probe_dns_lookup_time_seconds', { metric: 'probe_dns_lookup_time_seconds' }, 'dnsLookup'],
    ['__name__ probe_http_duration_seconds', { metric: 'probe_http_duration_seconds' }, 'httpPhase'],
    ['__name__ ALERTS', { metric: 'ALERTS' }, 'alerts'],
    ['probe_success of the host query (refId I) is a host probe', { metric: 'probe_success', refId: 'I' }, 'host'],
    ['the uptime query (refId U), fractional values', { refId: 'U', values: [0.25] }, 'uptime'],
    ['the uptime query keeps its role whatever its name', { metric: 'probe_success', refId: 'U' }, 'uptime'],
    ['refId D without a name', { refId: 'D', values: [503] }, 'httpStatus'],
    ['refId J without a name', { refId: 'J', values: [1] }, 'alerts'],
    ['field named probe_success', { fieldName: 'probe_success', refId: 'Z', values: [0.3] }, 'status'],
    ['field named up', { fieldName: 'up', refId: 'A' }, 'prober'],
    ['refId A', { refId: 'A', values: [0.3] }, 'status'],
    ['refId B', { refId: 'B', values: [1] }, 'duration'],
    ['refId C', { refId: 'C', values: [1] }, 'prober'],
    ['unmapped refId, 0/1 values', { refId: 'Q', values: [0, 1, null, NaN] }, 'status'],
    ['unmapped refId, other values', { refId: 'Q', values: [0, 1, 2] }, undefined],
    ['unmapped refId, no finite values', { refId: 'Q', values: [null, NaN] }, undefined],
    ['no refId, 0/1 values', { refId: '', values: [1] }, 'status'],
  ])('%s', (_name, overrides, role) => {
    // Placed as buildModel places it: by seriesRole, else as status by its values.
    const placed = (series: SeriesRun) =>
      seriesRole(series, refIdRoles(testOptions())) ?? (guessesStatus(series) ? 'status' : undefined);
    expect(placed(run(overrides))).toBe(role);
  });

  it('follows refIds set in the options, trimmed', () => {
    const refIds = refIdRoles(testOptions({ statusRefId: 'S', durationRefId: ' D ', proberRefId: '' }));
    expect(seriesRole(run({ refId: 'D', values: [0.5] }), refIds)).toBe('duration');
    expect(seriesRole(run({ refId: 'A', values: [0.5] }), refIds)).toBeUndefined();
    expect(seriesRole(run({ refId: 'C', values: [0.5] }), refIds)).toBeUndefined();
  });

  it('looks only at the run, not at the rest of the shared column', () => {
    expect(looksLikeStatus(run({ values: [7, 1, 0, 7], start: 1, end: 3 }))).toBe(true);
    expect(looksLikeStatus(run({ values: [7, 1, 0, 7], rows: [0, 1], start: 0, end: 2 }))).toBe(false);
  });
});
