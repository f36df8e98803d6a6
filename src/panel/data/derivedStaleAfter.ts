import { LOOKBACK_MS } from '../constants';

/**
 * How long a target may go without a sample before it is stale, when the "stale after" option is
 * empty: twice the query step, at most Prometheus' lookback (without a step, the lookback). The app's
 * setup check reports the same figure (app/checks/panelStaleness.ts).
 */
export function derivedStaleAfterMs(stepMs: number | undefined): number {
  return stepMs === undefined ? LOOKBACK_MS : Math.min(2 * stepMs, LOOKBACK_MS);
}
