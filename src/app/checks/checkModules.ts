import { CHECK_QUERIES } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { ModulesParams } from './types';
import { sortedUnique, valueOf, type Verdict } from './verdict';

/**
 * A module needs this many targets before "all of them always failed" reads as a misconfigured
 * module rather than one down target, which is PortwatchTargetDown's business. The demo's
 * http_content module has one target that fails by design; the "one target" row of
 * checkModules.test.ts guards this.
 */
export const MIN_TARGETS_PER_MODULE = 2;

/**
 * Modules whose every probe failed over the last hour, per job since the job may set the module
 * itself (an empty `module` label). A wrong module (a regular expression that never matches, a
 * wrong protocol) looks on the panel like every one of its targets down. A module with one target
 * that always failed is named apart (`lone`) without a warning: a down target and a wrong module
 * look alike there, and the all-clear must not claim that no module fails every probe.
 */
export async function checkModules(ctx: CheckContext): Promise<Verdict<'modules'>> {
  const [series, neverUp] = await Promise.all([
    ctx.instant(CHECK_QUERIES.moduleSeries),
    ctx.instant(CHECK_QUERIES.moduleNeverUp),
  ]);
  const key = (metric: Record<string, string>): string => JSON.stringify([metric.job ?? '', metric.module ?? '']);
  const failing = new Map(neverUp.map((sample) => [key(sample.metric), valueOf(sample)]));
  const alwaysFailing = series
    .filter((sample) => valueOf(sample) > 0 && failing.get(key(sample.metric)) === valueOf(sample))
    .map((sample) => ({ job: sample.metric.job ?? '', module: sample.metric.module ?? '', targets: valueOf(sample) }))
    .sort((a, b) => a.job.localeCompare(b.job) || a.module.localeCompare(b.module));
  const details = alwaysFailing.filter((row) => row.targets >= MIN_TARGETS_PER_MODULE);
  const lone = alwaysFailing.filter((row) => row.targets < MIN_TARGETS_PER_MODULE);
  const params: ModulesParams = {
    // '' stands for the module a job sets itself (targets without a `module` label).
    modules: sortedUnique(details.map((row) => row.module)),
    jobs: sortedUnique(details.map((row) => row.job)),
    loneModules: sortedUnique(lone.map((row) => row.module)),
    loneJobs: sortedUnique(lone.map((row) => row.job)),
    groups: series.length,
  };
  if (series.length === 0) {
    // Its own words: the probes check's "jobs scraped but no results" named no job here and pointed
    // at "the next check" ("no probe results in the hour" in checkModules.test.ts).
    return { status: 'unknown', code: 'modules_no_results', params, details };
  }
  if (details.length > 0) {
    return { status: 'warning', code: 'modules_always_fail', params, details };
  }
  return { status: 'ok', code: 'modules_ok', params, details };
}
