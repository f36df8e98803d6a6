/** Test ids and data attributes shared by the panel and every test that reads it. */
export const TEST_IDS = {
  tile: 'portwatch-tile',
  summary: 'portwatch-summary',
  grid: 'portwatch-grid',
  filter: 'portwatch-filter',
  empty: 'portwatch-empty',
  details: 'portwatch-details',
  groupHeader: 'portwatch-group',
  sparkline: 'portwatch-sparkline',
} as const;

export const PLUGIN_ID = 'portwatch-status-panel';

/** Metric names written by blackbox_exporter and by Prometheus for the scrape of the exporter. */
export const METRIC_STATUS = 'probe_success';
export const METRIC_DURATION = 'probe_duration_seconds';
export const METRIC_PROBER = 'up';

/** Prometheus' default lookback: a sample older than this is never returned for "now". */
export const LOOKBACK_MS = 5 * 60 * 1000;
