import { useEffect, useState } from 'react';
import { LoadingState, PanelData } from '@grafana/data';

import { LOOKBACK_MS, WAIT_GRACE_MS } from '../constants';

/** How often ages are counted again while the data source does not answer. */
const TICK_MS = 1000;

/**
 * Whether the range asked for reaches the present, so that its answer ages while nothing new comes:
 * a range that ends ahead of the request (dates picked up to tomorrow), or a relative one that ends
 * at most a lookback before it ("now", "now-1m"). A range in the past ("Yesterday", `now-1d/d`,
 * dates picked last week) keeps its answer however long the next one takes. Judged on the newest
 * request's own range and time, as the range shown during a wait is the answered one. Guarded by
 * "a data source that stops answering" in PortStatusPanel.test.tsx.
 */
function isLive(data: PanelData, sentAt: number): boolean {
  const range = data.request?.range ?? data.timeRange;
  const to = range.to.valueOf();
  if (to >= sentAt) {
    return true;
  }
  const rawTo: unknown = range.raw?.to;
  return typeof rawTo === 'string' && rawTo.startsWith('now') && to >= sentAt - LOOKBACK_MS;
}

/**
 * When the first request that has gone unanswered since the last answer was sent (wall clock), or
 * undefined while nothing waits. Grafana keeps showing the last answer while a query runs: the
 * state is Loading, with the newest request beside the old frames and the old time range.
 */
function useWaitingSince(data: PanelData, answeredAt: number): number | undefined {
  const started = data.request?.startTime;
  const waiting =
    data.state === LoadingState.Loading && started !== undefined && data.series.length > 0 && isLive(data, started);
  const [first, setFirst] = useState<{ answeredAt: number; since: number }>();
  if (!waiting) {
    return undefined;
  }
  if (first?.answeredAt !== answeredAt) {
    setFirst({ answeredAt, since: started });
    return started;
  }
  return first.since;
}

/**
 * The time to count ages to while the data source does not answer, or undefined while it does.
 * When the refresh interval is shorter than the query timeout, Grafana cancels a query that has not
 * answered and sends it again at every refresh, so no error ever arrives, and the panel keeps the
 * last answer: counted to that answer, every tile would stay UP or DOWN for as long as Prometheus
 * hangs. Once the first unanswered query of a live range has waited WAIT_GRACE_MS, this is the
 * clock, every second, so that ages run on and tiles turn STALE as their samples pass the staleness
 * limit. Guarded by "a data source that stops answering" in PortStatusPanel.test.tsx and
 * "while Prometheus does not answer" in tests/e2e/live-states.test.ts.
 */
export function useWaitingClock(data: PanelData, answeredAt: number): { now: number; since: number } | undefined {
  const since = useWaitingSince(data, answeredAt);
  const [clock, setClock] = useState<number>();
  useEffect(() => {
    if (since === undefined) {
      return undefined;
    }
    const timer = setInterval(() => {
      const now = Date.now();
      if (now - since >= WAIT_GRACE_MS) {
        setClock(now);
      }
    }, TICK_MS);
    return () => clearInterval(timer);
  }, [since]);
  return since !== undefined && clock !== undefined && clock - since >= WAIT_GRACE_MS
    ? { now: clock, since }
    : undefined;
}
