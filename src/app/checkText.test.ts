import { checkText, checkTitle, statusWord } from './checkText';
import { CheckCode, CheckId, CheckResult } from './checks/types';

/** Every code of checks/types.ts: a code the view cannot word would show an empty row. */
const CODES: CheckCode[] = [
  'query_failed',
  'query_timed_out',
  'probes_found',
  'no_probes',
  'no_probe_results',
  'jobs_without_results',
  'jobs_not_named_probe',
  'exporter_reachable',
  'exporter_unreachable',
  'exporter_failing_some',
  'no_up_series',
  'no_probe_jobs',
  'interval_matches',
  'time_interval_below_scrape',
  'time_interval_above_scrape',
  'time_interval_invalid',
  'scrape_interval_unmeasured',
  'version_found',
  'versions_differ',
  'exporter_metrics_down',
  'exporter_metrics_not_scraped',
  'modules_ok',
  'modules_always_fail',
  'alert_rules_loaded',
  'alert_rules_missing',
  'alert_rules_partly_missing',
  'alert_rules_failing',
  'watchdog_firing',
  'rules_not_seen',
];

function result(code: CheckCode, params: CheckResult['params'] = {}): CheckResult {
  return { id: 'probes', status: 'ok', code, params };
}

describe('checkText', () => {
  it.each(CODES)('words %s', (code) => {
    expect(checkText(result(code)).found.length).toBeGreaterThan(10);
  });

  it('names the jobs whose exporter is unreachable and says what to do', () => {
    const text = checkText(result('exporter_unreachable', { jobs: ['probe_http', 'probe_tcp'] }));
    expect(text.found).toBe('Prometheus cannot reach blackbox_exporter for probe_http, probe_tcp (up is 0).');
    expect(text.fix).toMatch(/^Start blackbox_exporter/);
  });

  it('words the staleness at the shortest step and on the dashboard’s default range, where the step is longer', () => {
    const params = {
      scrapeIntervalMs: 5000,
      timeIntervalMs: 5000,
      staleAtMs: 15_000,
      dashboardRangeMs: 1_800_000,
      dashboardStepMs: 20_000,
      dashboardStaleAtMs: 60_000,
    };
    expect(checkText(result('interval_matches', params)).found).toBe(
      'The probe jobs are scraped every 5s, as the data source expects. At the data source’s shortest step, 5s, the panel marks a target stale about 15s after its last sample. Longer time ranges use longer steps: on the Port Status dashboard’s default range, the last 30m, the step is 20s and a target turns stale after about 1m.'
    );
    const sameStep = { ...params, timeIntervalMs: 60_000, staleAtMs: 180_000, dashboardStepMs: 60_000 };
    expect(checkText(result('time_interval_above_scrape', { ...sameStep, jobs: ['probe_tcp'] })).found).toBe(
      'The jobs probe_tcp are scraped every 5s, but the data source’s scrape interval is 1m. At the data source’s shortest step, 1m, which the Port Status dashboard’s default range (the last 30m) uses too, the panel marks a target stale about 3m after its last sample.'
    );
  });

  it('lists jobs and modules apart, and counts targets with the right plural', () => {
    expect(
      checkText(result('probes_found', { targets: 16, jobs: ['probe_http', 'probe_tcp'], modules: ['', 'http_2xx'] }))
        .found
    ).toBe('16 targets. Jobs: probe_http, probe_tcp. Modules: (the job’s own), http_2xx.');
    expect(checkText(result('probes_found', { targets: 1, jobs: ['probe_tcp'], modules: [''] })).found).toBe(
      '1 target. Jobs: probe_tcp. Modules: (the job’s own).'
    );
  });

  it('claims no module fails every probe only when none does, and names a one-target module that does', () => {
    expect(checkText(result('modules_ok', { loneModules: [], loneJobs: [] })).found).toBe(
      'No module fails every probe.'
    );
    const lone = checkText(result('modules_ok', { loneModules: ['http_content'], loneJobs: ['probe_http'] })).found;
    expect(lone).toBe(
      'No module with two or more targets fails every probe. The one target of the module http_content (probe_http) failed every probe in the last hour: that target may be down, or the module set up wrong.'
    );
    expect(lone).not.toContain('No module fails every probe');
  });

  it.each<CheckId>(['probes', 'exporter', 'interval', 'version', 'modules', 'rules'])('titles %s', (id) => {
    expect(checkTitle(id)).not.toBe('');
  });

  it.each(['ok', 'warning', 'error', 'unknown'] as const)('has a word for %s', (status) => {
    expect(statusWord(status)).not.toBe('');
  });
});
