import { CHECK_QUERIES, PROBE_JOB } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { CheckRow } from './types';
import { sortedUnique, sumBy, valueOf, type Verdict } from './verdict';

/**
 * Whether probe results exist, from which jobs and modules, and how many targets: counted as the
 * panel counts tiles (CHECK_QUERIES.targets), so an address two jobs probe is one target, in all and
 * per job. A probe job scraped (it has `up`) but without results is named: its exporter does not
 * answer. Jobs with results but not named probe_* are named too: the dashboards and rules do not see
 * them.
 */
export async function checkProbes(ctx: CheckContext): Promise<Verdict> {
  const [groups, targets, jobTargets, upTotal] = await Promise.all([
    ctx.instant(CHECK_QUERIES.probeGroups),
    ctx.instant(CHECK_QUERIES.targets),
    ctx.instant(CHECK_QUERIES.jobTargets),
    ctx.instant(CHECK_QUERIES.upTotal),
  ]);
  const modulesByJob = new Map<string, string[]>();
  for (const sample of groups) {
    const job = sample.metric.job ?? '';
    modulesByJob.set(job, [...(modulesByJob.get(job) ?? []), sample.metric.module ?? '']);
  }
  const targetsByJob = sumBy(jobTargets, 'job');
  const jobs = sortedUnique(modulesByJob.keys());
  const silentJobs = sortedUnique(
    [...sumBy(upTotal, 'job').keys()].filter((job) => PROBE_JOB.test(job) && !modulesByJob.has(job))
  );
  const unnamedJobs = jobs.filter((job) => !PROBE_JOB.test(job));
  const details: CheckRow[] = jobs.map((job) => ({
    job,
    targets: targetsByJob.get(job) ?? 0,
    modules: sortedUnique(modulesByJob.get(job)!),
  }));
  const params = {
    jobs,
    // '' stands for targets without a `module` label, probed with the job's own `params.module`.
    modules: sortedUnique(groups.map((s) => s.metric.module ?? '')),
    targets: targets.length > 0 ? valueOf(targets[0]) : 0,
    silentJobs,
    unnamedJobs,
  };
  if (jobs.length === 0) {
    return silentJobs.length > 0
      ? { status: 'error', code: 'no_probe_results', params, details }
      : { status: 'error', code: 'no_probes', params, details };
  }
  if (silentJobs.length > 0) {
    return { status: 'warning', code: 'jobs_without_results', params, details };
  }
  if (unnamedJobs.length > 0) {
    return { status: 'warning', code: 'jobs_not_named_probe', params, details };
  }
  return { status: 'ok', code: 'probes_found', params, details };
}
