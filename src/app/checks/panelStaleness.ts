import { LOOKBACK_MS } from '../../panel/constants';

/**
 * The staleness the Port Status panel derives when its "stale after" option is empty, at a query
 * step: twice the step, at most Prometheus' lookback, plus one step of slack for the gap before the
 * newest sample. The same rule as SeriesScanner.ruleFor in src/panel/data/buildModel.ts; the setup check
 * reports it for Grafana's shortest step, the data source's timeInterval.
 * Guarded by the "the panel goes stale after 10 s" and "lookback" rows of checkInterval.test.ts.
 */
export function panelStaleness(stepMs: number): { staleAfterMs: number; slackMs: number } {
  return { staleAfterMs: Math.min(2 * stepMs, LOOKBACK_MS), slackMs: stepMs };
}
