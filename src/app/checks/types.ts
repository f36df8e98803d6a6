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

/** Every code a check may give; the view words each one, and its fix, through i18n. */
export type CheckCode =
  // Any check
  | 'query_failed'
  | 'query_timed_out'
  // probes
  | 'probes_found'
  | 'no_probes'
  | 'no_probe_results'
  | 'jobs_without_results'
  | 'jobs_not_named_probe'
  | 'icmp_outside_probe_icmp'
  | 'targets_share_instance'
  // exporter
  | 'exporter_reachable'
  | 'exporter_unreachable'
  | 'exporter_failing_some'
  | 'no_up_series'
  | 'no_probe_jobs'
  // interval
  | 'interval_matches'
  | 'time_interval_below_scrape'
  | 'time_interval_above_scrape'
  | 'time_interval_invalid'
  | 'scrape_interval_unmeasured'
  | 'scrape_interval_no_results'
  | 'query_latency_offset'
  // version
  | 'version_found'
  | 'versions_differ'
  | 'exporter_metrics_down'
  | 'exporter_metrics_not_scraped'
  | 'exporter_metrics_unseen'
  // modules
  | 'modules_ok'
  | 'modules_always_fail'
  | 'modules_no_results'
  // rules
  | 'alert_rules_loaded'
  | 'alert_rules_missing'
  | 'alert_rules_partly_missing'
  | 'alert_rules_failing'
  | 'watchdog_firing'
  | 'alerts_go_nowhere'
  | 'alerts_not_delivered'
  | 'rules_not_seen';

export type CheckParam = string | number | string[];

/** A row of a check's table (per job, per module): plain values the view lays out. */
export type CheckRow = Record<string, CheckParam>;

/** A check's verdict as codes and numbers; no sentences. */
export interface CheckResult {
  id: CheckId;
  status: CheckStatus;
  code: CheckCode;
  params: Record<string, CheckParam>;
  details?: CheckRow[];
}
