const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor > 0 ? `${major}${majorUnit} ${minor}${minorUnit}` : `${major}${majorUnit}`;
}

/**
 * A span of time in its two largest units, rounded down: "42s", "4m 12s", "2h 5m", "3d 4h".
 * A negative span (a sample stamped after the end of the range) reads as "0s".
 */
export function formatSpan(ms: number): string {
  if (!Number.isFinite(ms) || ms < SECOND) {
    return '0s';
  }
  if (ms < MINUTE) {
    return `${Math.floor(ms / SECOND)}s`;
  }
  if (ms < HOUR) {
    return twoUnits(Math.floor(ms / MINUTE), 'm', Math.floor((ms % MINUTE) / SECOND), 's');
  }
  if (ms < DAY) {
    return twoUnits(Math.floor(ms / HOUR), 'h', Math.floor((ms % HOUR) / MINUTE), 'm');
  }
  return twoUnits(Math.floor(ms / DAY), 'd', Math.floor((ms % DAY) / HOUR), 'h');
}
