/**
 * The Port Status dashboard as it opens: its default time range and its Port Status panel's max data
 * points, which set the panel's query step (src/dashboards/port-status.json; queryStep.test.ts holds
 * the two together). Read from here rather than from the JSON, which the app would otherwise bundle
 * whole for two numbers.
 */
export const PORT_STATUS_DASHBOARD = { rangeMs: 30 * 60 * 1000, maxDataPoints: 100 } as const;

/** promlib's safe resolution: Prometheus refuses more than 11,000 points a series. */
const SAFE_RESOLUTION = 11_000;

/**
 * Grafana's rangeUtil.roundInterval as [below this many ms, the step]: copied, since the checks also
 * run where @grafana/data's ES modules do not load (tests/stack/setupCheck.test.ts); queryStep.test.ts
 * holds the copy to the original.
 */
const ROUNDED_STEPS: ReadonlyArray<[number, number]> = [
  [10, 1],
  [15, 10],
  [35, 20],
  [75, 50],
  [150, 100],
  [350, 200],
  [750, 500],
  [1500, 1000],
  [3500, 2000],
  [7500, 5000],
  [12_500, 10_000],
  [17_500, 15_000],
  [25_000, 20_000],
  [45_000, 30_000],
  [90_000, 60_000],
  [210_000, 120_000],
  [450_000, 300_000],
  [750_000, 600_000],
  [1_050_000, 900_000],
  [1_500_000, 1_200_000],
  [2_700_000, 1_800_000],
  [5_400_000, 3_600_000],
  [9_000_000, 7_200_000],
  [16_200_000, 10_800_000],
  [32_400_000, 21_600_000],
  [86_400_000, 43_200_000],
  [604_800_000, 86_400_000],
  [1_814_400_000, 604_800_000],
  [3_628_800_000, 2_592_000_000],
];
const LONGEST_STEP = 31_536_000_000;

/** An interval in ms rounded to a step Grafana would choose, as rangeUtil.roundInterval does. */
export function roundInterval(intervalMs: number): number {
  return ROUNDED_STEPS.find(([below]) => intervalMs < below)?.[1] ?? LONGEST_STEP;
}

/**
 * The step Grafana's Prometheus data source asks for over a time range, for a panel without a min
 * interval of its own. The dashboard first takes range / max data points, rounded, and at least the
 * data source's scrape interval (rangeUtil.calculateInterval); Grafana's Prometheus backend
 * (calculatePrometheusInterval) keeps that as the least step, divides the range again, and keeps at
 * least range / 11,000. The preview host does the same (preview/src/datasource/interval.ts).
 */
export function queryStepMs(rangeMs: number, maxDataPoints: number, shortestStepMs: number): number {
  const rawMs = rangeMs / maxDataPoints;
  const intervalMs = Math.max(roundInterval(rawMs), shortestStepMs);
  const calculatedMs = rawMs < intervalMs ? intervalMs : roundInterval(rawMs);
  return Math.max(calculatedMs, roundInterval(rangeMs / SAFE_RESOLUTION));
}
