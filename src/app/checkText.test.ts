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

  it('words spans of time and the job’s own module', () => {
    expect(checkText(result('interval_matches', { scrapeIntervalMs: 15_000, staleAfterMs: 30_000 })).found).toBe(
      'The probe jobs are scraped every 15s, as the data source expects. The panel calls a target stale after 30s without a sample.'
    );
    expect(checkText(result('probes_found', { targets: 3, jobs: ['probe_tcp'], modules: ['', 'icmp'] })).found).toBe(
      '3 targets from the jobs probe_tcp, modules (the job’s own), icmp.'
    );
  });

  it.each<CheckId>(['probes', 'exporter', 'interval', 'version', 'modules', 'rules'])('titles %s', (id) => {
    expect(checkTitle(id)).not.toBe('');
  });

  it.each(['ok', 'warning', 'error', 'unknown'] as const)('has a word for %s', (status) => {
    expect(statusWord(status)).not.toBe('');
  });
});
