/** One series of an instant query's vector result, as the Prometheus HTTP API sends it. */
export interface PromSample {
  metric: Record<string, string>;
  /** [Unix seconds, value as text]. */
  value: [number, string];
}

/** One series of a matrix result: raw samples, oldest first. */
export interface PromSeries {
  metric: Record<string, string>;
  values: Array<[number, string]>;
}

/** One rule of `/api/v1/rules`, with the fields the checks read. */
export interface PromRule {
  type: 'alerting' | 'recording';
  name: string;
  /** 'ok' | 'err' | 'unknown'; absent on backends that do not report it. */
  health?: string;
  lastError?: string;
}

/**
 * The error of an answer that is not Prometheus' (a data source URL pointing at another server that
 * answers 200): a code, which checkText words in the user's language.
 */
export const NOT_PROMETHEUS_ANSWER = 'not-a-prometheus-answer';

/** What `/api/v1/alertmanagers` lists, with the field the checks read. */
export interface PromAlertmanagers {
  activeAlertmanagers: Array<{ url: string }>;
}

export interface PromRuleGroup {
  name: string;
  file?: string;
  rules: PromRule[];
}

/**
 * What the setup check needs of a Prometheus-compatible data source. The app implements it over
 * Grafana's data source proxy, the stack test over the Prometheus HTTP API. Times are Unix seconds,
 * as in that API; without one the server takes its own now.
 */
export interface PromApi {
  /** `/api/v1/query` of an expression whose result is a vector. */
  instantQuery(expr: string, time?: number): Promise<PromSample[]>;
  /** `/api/v1/query` of a range selector such as `probe_success{job="x"}[10m]`: raw samples. */
  matrixQuery(expr: string, time?: number): Promise<PromSeries[]>;
  /** `/api/v1/rules`; left out where the data source has no rules API (VictoriaMetrics without vmalert). */
  rules?(): Promise<PromRuleGroup[]>;
  /**
   * `/api/v1/alertmanagers`: the Alertmanagers the data source itself sends its alerts to. Prometheus
   * has it; VictoriaMetrics, Thanos and Mimir answer it with an error, and then nothing is judged.
   */
  alertmanagers?(): Promise<PromAlertmanagers>;
}

/** The app's settings the checks read: the data source's `jsonData.timeInterval`. */
export interface SetupSettings {
  timeInterval?: string;
}

export type CheckId = 'probes' | 'exporter' | 'interval' | 'version' | 'modules' | 'rules';

export type CheckStatus = 'ok' | 'warning' | 'error' | 'unknown';

/** The codes of a query that failed, which any check may give instead of its own. */
export type QueryErrorCode = 'query_failed' | 'query_timed_out';
export type ProbesCode =
  | 'probes_found'
  | 'no_probes'
  | 'no_probe_results'
  | 'jobs_without_results'
  | 'jobs_not_named_probe'
  | 'icmp_outside_probe_icmp'
  | 'targets_share_instance';
export type ExporterCode =
  'exporter_reachable' | 'exporter_unreachable' | 'exporter_failing_some' | 'no_up_series' | 'no_probe_jobs';
export type IntervalCode =
  | 'interval_matches'
  | 'time_interval_below_scrape'
  | 'time_interval_above_scrape'
  | 'time_interval_invalid'
  | 'scrape_interval_unmeasured'
  | 'scrape_interval_no_results'
  | 'query_latency_offset';
export type VersionCode =
  | 'version_found'
  | 'versions_differ'
  | 'exporter_metrics_down'
  | 'exporter_metrics_not_scraped'
  | 'exporter_metrics_unseen';
export type ModulesCode = 'modules_ok' | 'modules_always_fail' | 'modules_no_results';
export type RulesCode =
  | 'alert_rules_loaded'
  | 'alert_rules_missing'
  | 'alert_rules_partly_missing'
  | 'alert_rules_failing'
  | 'watchdog_firing'
  | 'alerts_go_nowhere'
  | 'alerts_not_delivered'
  | 'rules_not_seen';

/** Every code a check may give; the view words each one, and its fix, through i18n. */
export type CheckCode =
  QueryErrorCode | ProbesCode | ExporterCode | IntervalCode | VersionCode | ModulesCode | RulesCode;

/** Probe results: from which jobs and modules, and what the panel would make of them. */
export interface ProbesParams {
  /** Jobs with probe results. */
  jobs: string[];
  /** '' stands for targets without a `module` label, probed with the job's own `params.module`. */
  modules: string[];
  targets: number;
  /** Probe jobs scraped now without results now. */
  silentJobs: string[];
  /** Jobs with results not named probe_*. */
  unnamedJobs: string[];
  /** Jobs whose targets the panel merges into one tile, and the labels that tell those targets apart. */
  sharedJobs: string[];
  sharedLabels: string[];
  /** Jobs that ping, other than probe_icmp. */
  icmpJobs: string[];
}
export interface ProbesRow {
  job: string;
  targets: number;
  modules: string[];
}

export interface ExporterParams {
  /** The jobs the verdict's code is about. */
  jobs: string[];
  probeJobs: string[];
  targets: number;
  downTargets: number;
  /** Targets of the jobs whose exporter is unreachable: none of them is probed. */
  unprobedTargets: number;
}
export interface ExporterRow {
  job: string;
  /** Targets scraped (`up` series), and those whose scrape failed (`up` is 0). */
  targets: number;
  down: number;
}

export interface IntervalParams {
  timeInterval: string;
  timeIntervalMs: number;
  /** 'default': no timeInterval set, Grafana's own 15 s applies. */
  timeIntervalSource: 'default' | 'setting';
  scrapeIntervalMs: number;
  staleAfterMs: number;
  slackMs: number;
  staleAtMs: number;
  /** The Port Status dashboard as it opens: its range may ask for a longer step, and its panel then waits longer. */
  dashboardRangeMs: number;
  dashboardStepMs: number;
  dashboardStaleAtMs: number;
  /** The jobs the verdict's code is about. */
  jobs: string[];
  unmeasuredJobs: string[];
  shortestScrapeIntervalMs: number;
  slowerJobs: string[];
  /** What to change: timeInterval unless it is the shortest already, and Stale after where jobs are slower. */
  advice: Array<'time-interval' | 'stale-after'>;
  /** The panel's own rule applied to the slowest job: a Stale after this long keeps its tiles fresh. */
  slowerStaleAfterMs: number;
  /** How far back the data source answers "now" from (VictoriaMetrics' latency offset). */
  latencyMs: number;
}
export interface IntervalRow {
  job: string;
  intervalMs: number;
}

/** Never seen (`exporter_metrics_unseen`, `_not_scraped`): only the failing jobs, if any. */
export interface VersionParams {
  versions?: string[];
  jobs?: string[];
  downJobs?: string[];
  failingJobs?: string[];
}
export interface VersionRow {
  job: string;
  instance: string;
  version: string;
}

export interface ModulesParams {
  /** '' stands for the module a job sets itself (targets without a `module` label). */
  modules: string[];
  jobs: string[];
  /** Modules of one target that failed every probe, named apart without a warning. */
  loneModules: string[];
  loneJobs: string[];
  groups: number;
}
export interface ModulesRow {
  job: string;
  module: string;
  targets: number;
}

/** From the rules API, or from ALERTS where it has none; with the Alertmanagers where it can tell. */
export interface RulesParams {
  loaded?: string[];
  missing?: string[];
  failing?: string[];
  groups?: number;
  /** Alerts pending or firing, read where the rules API failed or was empty. */
  alerts?: string[];
  rulesApi?: 'absent' | 'failed' | 'empty';
  rulesError?: string;
  alertmanagers?: number;
  notificationErrors?: number;
}
export interface RulesRow {
  group: string;
  rule: string;
  error: string;
}

interface Report<Id extends CheckId, Code extends CheckCode, Params, Row> {
  id: Id;
  status: CheckStatus;
  code: Code;
  params: Params;
  /** One row per job, module or rule, which the page shows as a table. */
  details?: Row[];
}

/** A check whose query failed or timed out: `unknown`, never a verdict about the probes. */
export type QueryErrorResult =
  | Report<CheckId, 'query_failed', { query: string; error: string }, never>
  | Report<CheckId, 'query_timed_out', { query: string; timeoutMs: number }, never>;

export type ProbesResult = Report<'probes', ProbesCode, ProbesParams, ProbesRow>;
export type ExporterResult = Report<'exporter', ExporterCode, ExporterParams, ExporterRow>;
export type IntervalResult = Report<'interval', IntervalCode, IntervalParams, IntervalRow>;
export type VersionResult = Report<'version', VersionCode, VersionParams, VersionRow>;
export type ModulesResult = Report<'modules', ModulesCode, ModulesParams, ModulesRow>;
export type RulesResult = Report<'rules', RulesCode, RulesParams, RulesRow>;

/** A check's verdict as codes and numbers; no sentences. */
export type CheckResult =
  QueryErrorResult | ProbesResult | ExporterResult | IntervalResult | VersionResult | ModulesResult | RulesResult;
