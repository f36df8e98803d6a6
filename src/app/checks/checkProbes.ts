import { CHECK_QUERIES, PROBE_JOB } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { CheckRow } from './types';
import { sortedUnique, sumBy, valueOf, type Verdict } from './verdict';

/**
 * Whether probe results exist, from which jobs and modules, and how many per job. A probe job
 * scraped (it has `up`) but without results is named: its exporter does not answer. Jobs with
 * results but not named probe_* are named too: the dashboards and rules do not see them.
 */
export async function checkProbes(ctx: CheckContext): Promise<Verdict> {
  const [groups, upTotal] = await Promise.all([
    ctx.instant(CHECK_QUERIES.probeGroups),
    ctx.instant(CHECK_QUERIES.upTotal),
  ]);
  const byJob = new Map<string, { targets: number; modules: string[] }>();
  for (const sample of groups) {
    const job = sample.metric.job ?? '';
    const entry = byJob.get(job) ?? { targets: 0, modules: [] };
    entry.targets += valueOf(sample);
    entry.modules.push(sample.metric.module ?? '');
    byJob.set(job, entry);
  }
  const jobs = sortedUnique(byJob.keys());
  const silentJobs = sortedUnique(
    [...sumBy(upTotal, 'job').keys()].filter((job) => PROBE_JOB.test(job) && !byJob.has(job))
  );
  const unnamedJobs = jobs.filter((job) => !PROBE_JOB.test(job));
  const rows = jobs.map((job) => {
    const { targets, modules } = byJob.get(job)!;
    return { job, targets, modules: sortedUnique(modules) };
  });
  const details: CheckRow[] = rows;
  const params = {
    jobs,
    // '' stands for targets without a `module` label, probed with the job's own `params.module`.
    modules: sortedUnique(groups.map((s) => s.metric.module ?? '')),
    targets: rows.reduce((sum, row) => sum + row.targets, 0),
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
