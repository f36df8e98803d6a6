import { checkTable } from './checkTable';
import { CheckResult } from './checks/types';

const PROBES: CheckResult = {
  id: 'probes',
  status: 'ok',
  code: 'probes_found',
  params: {
    jobs: ['probe_http', 'probe_tcp'],
    modules: ['', 'http_2xx'],
    targets: 10_003,
    silentJobs: [],
    unnamedJobs: [],
    sharedJobs: [],
    sharedLabels: [],
    icmpJobs: [],
  },
  details: [
    { job: 'probe_http', targets: 3, modules: ['http_2xx'] },
    { job: 'probe_tcp', targets: 10_000, modules: [''] },
  ],
};

describe('checkTable', () => {
  it('words each probe job’s row: its targets as the sentences count them, and the job’s own module', () => {
    expect(checkTable(PROBES)).toEqual({
      columns: ['Job', 'Targets', 'Modules'],
      rows: [
        ['probe_http', '3', 'http_2xx'],
        ['probe_tcp', '10,000', '(the job’s own)'],
      ],
    });
  });

  it('writes scrape intervals as spans, and a failing rule with its error', () => {
    const interval = checkTable({
      id: 'interval',
      status: 'ok',
      code: 'interval_matches',
      // Only the rows are read; the sentence's figures are checkText's.
      params: {} as never,
      details: [{ job: 'probe_tcp', intervalMs: 90_000 }],
    });
    expect(interval).toEqual({ columns: ['Job', 'Scrape interval'], rows: [['probe_tcp', '1m 30s']] });
    const rules = checkTable({
      id: 'rules',
      status: 'error',
      code: 'alert_rules_failing',
      params: { failing: ['PortwatchTargetDown'] },
      details: [
        { group: 'portwatch', rule: 'PortwatchTargetDown', error: 'vector contains metrics with the same labelset' },
      ],
    });
    expect(rules?.rows).toEqual([
      ['portwatch', 'PortwatchTargetDown', 'vector contains metrics with the same labelset'],
    ]);
    expect(rules?.columns).toEqual(['Rule group', 'Rule', 'Error']);
  });

  it('has no table without rows, nor for a failed query', () => {
    expect(checkTable({ ...PROBES, details: [] })).toBeUndefined();
    expect(
      checkTable({ id: 'version', status: 'unknown', code: 'exporter_metrics_not_scraped', params: {} })
    ).toBeUndefined();
    expect(
      checkTable({ id: 'probes', status: 'unknown', code: 'query_failed', params: { query: 'up', error: 'bad_data' } })
    ).toBeUndefined();
  });
});
