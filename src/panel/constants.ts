/** Test ids and data attributes shared by the panel and every test that reads it. */
export const TEST_IDS = {
  tile: 'portwatch-tile',
  summary: 'portwatch-summary',
  grid: 'portwatch-grid',
  filter: 'portwatch-filter',
  filterStatus: 'portwatch-filter-status',
  empty: 'portwatch-empty',
  details: 'portwatch-details',
  groupHeader: 'portwatch-group',
  sparkline: 'portwatch-sparkline',
  badge: 'portwatch-badge',
  history: 'portwatch-history',
} as const;

export const PLUGIN_ID = 'portwatch-status-panel';

/** Metric names written by blackbox_exporter and by Prometheus for the scrape of the exporter. */
export const METRIC_STATUS = 'probe_success';
export const METRIC_DURATION = 'probe_duration_seconds';
export const METRIC_PROBER = 'up';
export const METRIC_HTTP_STATUS = 'probe_http_status_code';
export const METRIC_CERT_EXPIRY = 'probe_ssl_earliest_cert_expiry';
export const METRIC_CONTENT_CHECK = 'probe_failed_due_to_regex';
export const METRIC_DNS_LOOKUP = 'probe_dns_lookup_time_seconds';
export const METRIC_HTTP_PHASE = 'probe_http_duration_seconds';
/** Prometheus' own series of active alerts, one per alert and state. */
export const METRIC_ALERTS = 'ALERTS';

/** Prometheus' default lookback: a sample older than this is never returned for "now". */
export const LOOKBACK_MS = 5 * 60 * 1000;

/** A day in ms: certificates' days left, and under a day the hours. */
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * How long a query may go unanswered before the tiles' ages run on (useWaitingClock): longer than a
 * healthy query takes, so that an ordinary refresh never redraws the tiles while it waits.
 */
export const WAIT_GRACE_MS = 15_000;
