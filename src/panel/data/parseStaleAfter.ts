const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1000,
  m: 60 * 1000,
  h: 60 * 60 * 1000,
  d: 24 * 60 * 60 * 1000,
  w: 7 * 24 * 60 * 60 * 1000,
  y: 365 * 24 * 60 * 60 * 1000,
};

const WHOLE = /^(?:\d+(?:\.\d+)?(?:ms|s|m|h|d|w|y))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g;
const BARE_SECONDS = /^\d+(?:\.\d+)?$/;

/**
 * The "stale after" option in ms: a Grafana duration such as `30s`, `2m` or `1m30s`; a bare number
 * counts as seconds, as in Grafana's interval fields. Undefined when empty or not a duration, so
 * the caller falls back to the query step.
 */
export function parseStaleAfter(text: string): number | undefined {
  // rangeutil.intervalToMs is not used: it accepts "5mfoo" as 5m and truncates "1.5m" to 1m.
  const compact = text.replace(/\s+/g, '');
  if (compact === '') {
    return undefined;
  }
  if (BARE_SECONDS.test(compact)) {
    return finite(Number(compact) * UNIT_MS.s);
  }
  if (!WHOLE.test(compact)) {
    return undefined;
  }
  let total = 0;
  for (const match of compact.matchAll(PART)) {
    total += Number(match[1]) * UNIT_MS[match[2]];
  }
  return finite(total);
}

/** A duration of 400 digits is Infinity as a number, and every sample would be fresh forever. */
function finite(ms: number): number | undefined {
  return Number.isFinite(ms) ? ms : undefined;
}
