/**
 * Uptimes come from floating-point sums: Prometheus' avg_over_time of 1 up in 20 samples answers
 * 0.049999999999999996, and in JavaScript 0.57 * 10000 is 5699.999999999999. Cut to hundredths of a
 * percent as they are, such uptimes would read a hundredth low ("4.99%") and sit under an uptime
 * target they meet. So they are first rounded to 10^-12, coarser than the noise of an average and
 * finer than the gap between a hundredth of a percent and any share of up to 10^8 samples, and only
 * then cut, never rounded up: 99.996% stays 99.99%, so a short outage is never shown as 100%.
 * Guarded by uptimeFigures.test.ts.
 */
const PARTS = 1e12;
const PARTS_PER_HUNDREDTH_PERCENT = PARTS / 10000;

/** The uptime in whole hundredths of a percent, cut, not rounded: 0.99996 is 9999. */
export function uptimeHundredths(uptime: number): number {
  return Math.floor(Math.round(uptime * PARTS) / PARTS_PER_HUNDREDTH_PERCENT);
}

/** Whether an uptime (0..1) is under a target (0..1), its floating-point noise aside. */
export function isUnderUptimeTarget(uptime: number, target: number): boolean {
  return Math.round(uptime * PARTS) < Math.round(target * PARTS);
}
