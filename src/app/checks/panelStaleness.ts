import { derivedStaleAfterMs } from '../../panel/data/derivedStaleAfter';

/**
 * The staleness the Port Status panel derives when its "stale after" option is empty, at a query
 * step: twice the step, at most Prometheus' lookback, plus one step of slack for the gap before the
 * newest sample, by the panel's own rule (derivedStaleAfterMs); the setup check
 * reports it for Grafana's shortest step, the data source's timeInterval.
 * Guarded by the "the panel goes stale after 10 s" and "lookback" rows of checkInterval.test.ts.
 */
export function panelStaleness(stepMs: number): { staleAfterMs: number; slackMs: number } {
  return { staleAfterMs: derivedStaleAfterMs(stepMs), slackMs: stepMs };
}
