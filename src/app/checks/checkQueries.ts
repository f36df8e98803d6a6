import { defaultOptions } from '../../panel/options/defaultOptions';

/**
 * The labels the Port Status panel tells targets apart by, unless its options say otherwise: one
 * address probed by two jobs (or two modules) is one tile, so the check counts it once too.
 */
const PANEL_KEY = defaultOptions.keyLabels;

/**
 * Every PromQL expression the setup check runs, in one place so that the page can show them and the
 * tests can answer them.
 */
export const CHECK_QUERIES = {
  /** Probe series per job and blackbox module; `module` is empty where the job sets the module. */
  probeGroups: 'count by (job, module) (probe_success)',
  /** Targets as the panel counts its tiles: in all, and per job. */
  targets: `count(count by (${PANEL_KEY}) (probe_success))`,
  jobTargets: `count by (job) (count by (job, ${PANEL_KEY}) (probe_success))`,
  /**
   * Jobs with probe results in the last hour. A job whose exporter died has no current probe_success
   * (its series went stale), so the current ones alone would lose it; guarded by the "exporter died
   * under a job not named probe_*" rows of checkExporter.test.ts and checkProbes.test.ts.
   */
  recentProbeJobs: 'count by (job) (last_over_time(probe_success[1h]))',
  /**
   * The probe series of every (job, instance, module) that holds more than one: targets the job's
   * relabelling left under one instance, which the panel draws as one tile.
   */
  sharedInstances:
    'probe_success and on (job, instance, module) (count by (job, instance, module) (probe_success) > 1)',
  /** Probe series whose instance is blackbox_exporter's own address: the target was never copied to it. */
  exporterInstances:
    'count by (job, instance) (probe_success and on (instance) last_over_time(blackbox_exporter_build_info[1h]))',
  /**
   * Jobs that ping (only the icmp prober writes probe_icmp_duration_seconds) other than probe_icmp:
   * the dashboards' host query and PortwatchHostDown read probe_icmp alone.
   */
  icmpElsewhere: 'count by (job) (last_over_time(probe_icmp_duration_seconds{job!="probe_icmp"}[1h]))',
  /** Scraped targets per job, and those whose last scrape failed. */
  upTotal: 'count by (job) (up)',
  upDown: 'count by (job) (up == 0)',
  /** Jobs other than probe jobs whose scrapes fail: where blackbox_exporter's own job may be, down. */
  otherJobsDown: 'count by (job) (up{job!~"probe_.*"} == 0)',
  /**
   * The time the data source evaluates "now" at, against the time it answers for: VictoriaMetrics
   * evaluates a query without a time 30 s back by default (-search.latencyOffset), Prometheus at now.
   */
  clock: 'vector(time())',
  /** One probe series per job, whose raw samples measure the job's scrape interval. */
  probeSample: 'topk by (job) (1, probe_success)',
  /** The exporter's own metrics, seen in the last hour, so that one down just now is not "never scraped". */
  buildInfo: 'last_over_time(blackbox_exporter_build_info[1h])',
  /** Per job and module over the hour: probe series, and those that never once succeeded. */
  moduleSeries: 'count by (job, module) (max_over_time(probe_success[1h]))',
  moduleNeverUp: 'count by (job, module) (max_over_time(probe_success[1h]) == 0)',
  /** Portwatch alerts pending or firing, for data sources without a rules API. */
  alerts: 'count by (alertname) (ALERTS{alertname=~"Portwatch.*"})',
} as const;

/**
 * Notifications that failed to reach one of these Alertmanagers in the last 10 minutes, from
 * Prometheus' own metrics where it scrapes itself: the `alertmanager` label is each one's URL, so
 * another Prometheus' failures to reach its own Alertmanager are not counted.
 */
export function notificationErrorsTo(urls: string[]): string {
  const alternatives = urls.map((url) => url.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  return `sum(increase(prometheus_notifications_errors_total{alertmanager=~${JSON.stringify(alternatives)}}[10m]))`;
}

/** Probe jobs are named probe_*: the dashboards and the alert rules select them by that name. */
export const PROBE_JOB = /^probe_/;

/** Raw samples read per job to measure its scrape interval: two samples of a 5-minute interval fit. */
export const SAMPLE_WINDOW = '10m';

/** The alert rules of stack/prometheus/rules/portwatch.yml. */
export const PORTWATCH_ALERTS = [
  'PortwatchTargetDown',
  'PortwatchHostDown',
  'PortwatchTargetFlapping',
  'PortwatchCertificateExpiring',
  'PortwatchSlowProbe',
  'PortwatchProberDown',
  'PortwatchTargetsMissing',
  'PortwatchDiscoveryFailing',
  'PortwatchWatchdog',
];

/** The shipped rule that always fires: seeing it in ALERTS shows the rules are loaded and evaluated. */
export const WATCHDOG_ALERT = 'PortwatchWatchdog';

/** The raw selector of one series' samples over SAMPLE_WINDOW, matching all of its labels. */
export function samplesOf(metric: Record<string, string>): string {
  const matchers = Object.keys(metric)
    .filter((name) => name !== '__name__')
    .sort()
    // JSON's escapes (\" \\ \n \uXXXX) are PromQL's for double-quoted strings.
    .map((name) => `${name}=${JSON.stringify(metric[name])}`);
  return `probe_success{${matchers.join(', ')}}[${SAMPLE_WINDOW}]`;
}

/** `up` of one job, for the version check's view of the exporter's own scrape. */
export function upOfJob(job: string): string {
  return `up{job=${JSON.stringify(job)}}`;
}
