import { staleAtMs } from '../../panel/data/decideState';
import { derivedStaleAfterMs } from '../../panel/data/derivedStaleAfter';
import { PORT_STATUS_DASHBOARD, queryStepMs } from './queryStep';

export interface PanelStaleness {
  /** The panel's limit at this step when its "stale after" option is empty (derivedStaleAfterMs). */
  staleAfterMs: number;
  /** One step: the newest point of a range query lies up to a step before now. */
  slackMs: number;
  /**
   * How old the newest sample is when the tile turns STALE: the limit and the slack, the panel's
   * staleAtMs (data/decideState.ts). This is what an operator sees after a target stops answering.
   */
  staleAtMs: number;
}

/**
 * The staleness the Port Status panel derives when its "stale after" option is empty, at a query
 * step, by the panel's own rule. Guarded by the "the panel goes stale after 10 s" and "lookback"
 * rows of checkInterval.test.ts.
 */
export function panelStaleness(stepMs: number): PanelStaleness {
  const staleAfterMs = derivedStaleAfterMs(stepMs);
  return { staleAfterMs, slackMs: stepMs, staleAtMs: staleAtMs({ limitMs: staleAfterMs, slackMs: stepMs }) };
}

/**
 * The panel's staleness on the Port Status dashboard as it opens. The step grows with the time range
 * (queryStepMs), so the data source's shortest step alone would promise an earlier STALE than the
 * dashboard shows.
 */
export function dashboardStaleness(shortestStepMs: number): PanelStaleness & { rangeMs: number; stepMs: number } {
  const { rangeMs, maxDataPoints } = PORT_STATUS_DASHBOARD;
  const stepMs = queryStepMs(rangeMs, maxDataPoints, shortestStepMs);
  return { rangeMs, stepMs, ...panelStaleness(stepMs) };
}
