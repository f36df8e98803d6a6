import { checkText, checkTitle, statusWord } from './checkText';
import { CheckCode, CheckId, CheckResult, NOT_PROMETHEUS_ANSWER, QueryErrorCode } from './checks/types';

/**
 * The check of every code of checks/types.ts (a Record, so a code left out fails to compile): a code
 * the view cannot word would show an empty row.
 */
const CHECK_OF: Record<Exclude<CheckCode, QueryErrorCode>, CheckId> = {
  probes_found: 'probes',
  no_probes: 'probes',
  no_probe_results: 'probes',
  jobs_without_results: 'probes',
  jobs_not_named_probe: 'probes',
  icmp_outside_probe_icmp: 'probes',
  targets_share_instance: 'probes',
  exporter_reachable: 'exporter',
  exporter_unreachable: 'exporter',
  exporter_failing_some: 'exporter',
  no_up_series: 'exporter',
  no_probe_jobs: 'exporter',
  interval_matches: 'interval',
  time_interval_below_scrape: 'interval',
  time_interval_above_scrape: 'interval',
  time_interval_invalid: 'interval',
  scrape_interval_unmeasured: 'interval',
  scrape_interval_no_results: 'interval',
  query_latency_offset: 'interval',
  version_found: 'version',
  versions_differ: 'version',
  exporter_metrics_down: 'version',
  exporter_metrics_not_scraped: 'version',
  exporter_metrics_unseen: 'version',
  modules_ok: 'modules',
  modules_always_fail: 'modules',
  modules_no_results: 'modules',
  alert_rules_loaded: 'rules',
  alert_rules_missing: 'rules',
  alert_rules_partly_missing: 'rules',
  alert_rules_failing: 'rules',
  watchdog_firing: 'rules',
  alerts_go_nowhere: 'rules',
  alerts_not_delivered: 'rules',
  rules_not_seen: 'rules',
};
const CODES: CheckCode[] = ['query_failed', 'query_timed_out', ...(Object.keys(CHECK_OF) as CheckCode[])];

/** Each check's params with nothing found, for a test to fill in what it words. */
const EMPTY_PARAMS: { [Id in CheckId]: Extract<CheckResult, { id: Id }>['params'] } = {
  probes: {
    jobs: [],
    modules: [],
    targets: 0,
    silentJobs: [],
    unnamedJobs: [],
    sharedJobs: [],
    sharedLabels: [],
    icmpJobs: [],
  },
  exporter: { jobs: [], probeJobs: [], targets: 0, downTargets: 0, unprobedTargets: 0 },
  interval: {
    timeInterval: '',
    timeIntervalMs: 15_000,
    timeIntervalSource: 'default',
    scrapeIntervalMs: 15_000,
    staleAfterMs: 30_000,
    slackMs: 15_000,
    staleAtMs: 45_000,
    dashboardRangeMs: 3_600_000,
    dashboardStepMs: 15_000,
    dashboardStaleAtMs: 45_000,
    jobs: [],
    unmeasuredJobs: [],
    shortestScrapeIntervalMs: 15_000,
    slowerJobs: [],
    advice: [],
    slowerStaleAfterMs: 0,
    latencyMs: 0,
  },
  version: {},
  modules: { modules: [], jobs: [], loneModules: [], loneJobs: [], groups: 0 },
  rules: {},
};

function result(code: CheckCode, params: Record<string, unknown> = {}): CheckResult {
  if (code === 'query_failed' || code === 'query_timed_out') {
    const base = { query: 'up', error: 'bad_data', timeoutMs: 15_000 };
    return { id: 'probes', status: 'unknown', code, params: { ...base, ...params } } as CheckResult;
  }
  const id = CHECK_OF[code];
  // The code's own check and its params: the union's pairing, which a generic builder cannot prove.
  return { id, status: 'ok', code, params: { ...EMPTY_PARAMS[id], ...params } } as CheckResult;
}

describe('checkText', () => {
  it.each(CODES)('words %s', (code) => {
    expect(checkText(result(code)).found.length).toBeGreaterThan(10);
  });

  it('words the answer of a server that is not Prometheus in the user’s language, not as a code', () => {
    const text = checkText(result('query_failed', { query: 'up', error: NOT_PROMETHEUS_ANSWER })).found;
    expect(text).toContain('not from a Prometheus API');
    expect(text).not.toContain(NOT_PROMETHEUS_ANSWER);
  });

  it('names the jobs whose exporter is unreachable, counts their targets, and gives every cause of up == 0', () => {
    const text = checkText(result('exporter_unreachable', { jobs: ['probe_http', 'probe_tcp'], unprobedTargets: 3 }));
    expect(text.found).toBe(
      'blackbox_exporter cannot be reached for probe_http, probe_tcp: 3 targets are not probed (up is 0).'
    );
    expect(checkText(result('exporter_unreachable', { jobs: ['blackbox'], unprobedTargets: 1 })).found).toBe(
      'blackbox_exporter cannot be reached for blackbox: 1 target is not probed (up is 0).'
    );
    // blackbox_exporter answers 400 to an unknown module, which Prometheus counts as up == 0 too.
    expect(text.fix).toMatch(/^up is 0: the exporter is down or at a wrong address .*, or the module name is unknown/);
  });

  it('says what an empty rules list may mean, and what to do on Prometheus and on VictoriaMetrics', () => {
    const empty = checkText(result('rules_not_seen', { rulesApi: 'empty', alerts: [] }));
    expect(empty.found).toContain('Prometheus has no rule files loaded, or this is VictoriaMetrics without vmalert');
    expect(empty.fix).toContain('rule_files in prometheus.yml');
    expect(empty.fix).toContain('vmalert');
    expect(checkText(result('rules_not_seen', { rulesApi: 'failed', alerts: [] })).found).not.toContain('vmalert');
  });

  it('says what jobs not named probe_* miss: the prober query and the alert rules', () => {
    const text = checkText(result('jobs_not_named_probe', { unnamedJobs: ['blackbox'] }));
    expect(text.found).toContain('blackbox');
    expect(text.fix).toContain('no Portwatch alert fires');
    expect(text.fix).toContain('Rename the jobs (probe_<module>)');
  });

  it('names an unreachable exporter among the causes of some refused probes', () => {
    expect(checkText(result('exporter_failing_some', { jobs: ['probe_http'] })).fix).toContain(
      'one of them being unreachable'
    );
  });

  it('says how to tell apart targets that share one instance', () => {
    const text = checkText(result('targets_share_instance', { sharedJobs: ['probe_web'], sharedLabels: ['target'] }));
    expect(text.found).toContain('In probe_web, several targets share one instance label');
    expect(text.fix).toContain('set instance from __param_target');
    expect(text.fix).toContain('"instance, target"');
    // Only the exporter's address as instance: no label to name, target is the usual one.
    expect(checkText(result('targets_share_instance', { sharedJobs: ['probe_web'], sharedLabels: [] })).fix).toContain(
      '"instance, target"'
    );
  });

  it.each<[string, Record<string, unknown>, string]>([
    [
      'timeInterval longer than the only interval: set it',
      { shortestScrapeIntervalMs: 5000, advice: ['time-interval'], slowerJobs: [] },
      'Set the data source’s Scrape interval (Connections > Data sources > Prometheus) to 5s, the shortest scrape interval of the probe jobs.',
    ],
    [
      // mixed intervals: no one timeInterval suits both, so the shortest and Stale after for the slower job.
      'mixed intervals, timeInterval at the shortest already',
      {
        shortestScrapeIntervalMs: 15000,
        advice: ['stale-after'],
        slowerJobs: ['probe_slow'],
        slowerStaleAfterMs: 120000,
      },
      'The jobs probe_slow are scraped less often: set the Port Status panel’s Stale after option to 2m or more, or their targets read stale between samples.',
    ],
    [
      'mixed intervals, timeInterval at neither',
      {
        shortestScrapeIntervalMs: 15000,
        advice: ['time-interval', 'stale-after'],
        slowerJobs: ['probe_slow'],
        slowerStaleAfterMs: 120000,
      },
      'Set the data source’s Scrape interval (Connections > Data sources > Prometheus) to 15s, the shortest scrape interval of the probe jobs. The jobs probe_slow are scraped less often: set the Port Status panel’s Stale after option to 2m or more, or their targets read stale between samples.',
    ],
  ])('advises on the scrape interval: %s', (_, params, fix) => {
    expect(checkText(result('time_interval_below_scrape', params)).fix).toBe(fix);
  });

  it('names the jobs whose scrape interval could not be measured', () => {
    expect(checkText(result('scrape_interval_unmeasured', { unmeasuredJobs: ['probe_new'] })).found).toBe(
      'Fewer than two samples in the last 10 minutes from probe_new: their scrape interval cannot be measured yet.'
    );
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
