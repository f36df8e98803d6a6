import { PROBE_JOB } from './checkQueries';
import type { CheckId, CheckResult, PromSample } from './types';

/**
 * A result of check `Id` before the runner adds the id. A check's failed query throws, and the runner
 * makes that result itself (runSetupChecks' failed), so a check never returns one.
 */
export type Verdict<Id extends CheckId> = Omit<Extract<CheckResult, { id: Id }>, 'id'>;

/** The numeric value of a vector sample; NaN for text Prometheus would not send. */
export function valueOf(sample: PromSample): number {
  return Number(sample.value[1]);
}

/** Sums a vector's values by one label (missing label: ''). */
export function sumBy(samples: PromSample[], label: string): Map<string, number> {
  const sums = new Map<string, number>();
  for (const sample of samples) {
    const key = sample.metric[label] ?? '';
    sums.set(key, (sums.get(key) ?? 0) + valueOf(sample));
  }
  return sums;
}

/** Sorted, without repeats: params read the same whatever order the data source answered in. */
export function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/**
 * The jobs scraped now (`upTotal`, count by job of up) that probe: named probe_* or with probe
 * results in the last hour (`recent`, CHECK_QUERIES.recentProbeJobs). A job whose exporter died has
 * no results now and must not drop out ("exporter died under a job not named probe_*" in
 * checkExporter.test.ts and checkProbes.test.ts); one with results in the hour but no `up` now was
 * taken out of the configuration.
 */
export function scrapedProbeJobs(upTotal: PromSample[], recent: PromSample[]): string[] {
  const recentJobs = new Set(sumBy(recent, 'job').keys());
  return [...sumBy(upTotal, 'job').keys()].filter((job) => PROBE_JOB.test(job) || recentJobs.has(job));
}
