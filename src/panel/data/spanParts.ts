const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time as the view words it (`Intl.DurationFormat` input); units left out are zero. */
export type SpanParts = Partial<Record<'days' | 'hours' | 'minutes' | 'seconds', number>>;

function twoUnits<A extends keyof SpanParts, B extends keyof SpanParts>(
  major: A,
  majorValue: number,
  minor: B,
  minorValue: number
): SpanParts {
  return minorValue > 0 ? { [major]: majorValue, [minor]: minorValue } : { [major]: majorValue };
}

/**
 * A span of time in its two largest units, rounded down: 42s, 4m 12s, 2h 5m, 3d 4h. A negative span
 * (a sample stamped after the end of the range) is zero seconds.
 */
export function spanParts(ms: number): SpanParts {
  if (!Number.isFinite(ms) || ms < SECOND) {
    return { seconds: 0 };
  }
  if (ms < MINUTE) {
    return { seconds: Math.floor(ms / SECOND) };
  }
  if (ms < HOUR) {
    return twoUnits('minutes', Math.floor(ms / MINUTE), 'seconds', Math.floor((ms % MINUTE) / SECOND));
  }
  if (ms < DAY) {
    return twoUnits('hours', Math.floor(ms / HOUR), 'minutes', Math.floor((ms % HOUR) / MINUTE));
  }
  return twoUnits('days', Math.floor(ms / DAY), 'hours', Math.floor((ms % DAY) / HOUR));
}
