import { CHECK_QUERIES, PROBE_JOB } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { ProbesParams, ProbesRow, PromSample } from './types';
import { scrapedProbeJobs, sortedUnique, sumBy, valueOf, type Verdict } from './verdict';

/**
 * Whether probe results exist, from which jobs and modules, and how many targets: counted as the
 * panel counts tiles (CHECK_QUERIES.targets), so an address two jobs probe is one target, in all and
 * per job. A probe job scraped (it has `up`) but without results is named: its exporter does not
 * answer. Targets that share one instance (a relabelling that copies __param_target to another
 * label, or leaves instance at the exporter's address) are named: the panel draws them as one tile,
 * where a down target hides in "2/3 up". Jobs that ping under another name than probe_icmp, and jobs
 * with results but not named probe_*, are named too: the dashboards and rules do not see them as such.
 */
export async function checkProbes(ctx: CheckContext): Promise<Verdict<'probes'>> {
  const [groups, targets, jobTargets, upTotal, recent, shared, exporterInstances, icmpElsewhere] = await Promise.all([
    ctx.instant(CHECK_QUERIES.probeGroups),
    ctx.instant(CHECK_QUERIES.targets),
    ctx.instant(CHECK_QUERIES.jobTargets),
    ctx.instant(CHECK_QUERIES.upTotal),
    ctx.instant(CHECK_QUERIES.recentProbeJobs),
    ctx.instant(CHECK_QUERIES.sharedInstances),
    ctx.instant(CHECK_QUERIES.exporterInstances),
    ctx.instant(CHECK_QUERIES.icmpElsewhere),
  ]);
  const modulesByJob = new Map<string, string[]>();
  for (const sample of groups) {
    const job = sample.metric.job ?? '';
    modulesByJob.set(job, [...(modulesByJob.get(job) ?? []), sample.metric.module ?? '']);
  }
  const targetsByJob = sumBy(jobTargets, 'job');
  const jobs = sortedUnique(modulesByJob.keys());
  // Probe jobs scraped now without results now: a job whose exporter died keeps its place here
  // whatever its name ("still names a job not named probe_*" in tests/stack/setupCheck.test.ts).
  const silentJobs = sortedUnique(scrapedProbeJobs(upTotal, recent).filter((job) => !modulesByJob.has(job)));
  const sharing = sharedInstances(shared);
  const exporterJobs = sortedUnique(exporterInstances.map((sample) => sample.metric.job ?? ''));
  const unnamedJobs = jobs.filter((job) => !PROBE_JOB.test(job));
  const details: ProbesRow[] = jobs.map((job) => ({
    job,
    targets: targetsByJob.get(job) ?? 0,
    modules: sortedUnique(modulesByJob.get(job)!),
  }));
  const params: ProbesParams = {
    jobs,
    // '' stands for targets without a `module` label, probed with the job's own `params.module`.
    modules: sortedUnique(groups.map((s) => s.metric.module ?? '')),
    targets: targets.length > 0 ? valueOf(targets[0]) : 0,
    silentJobs,
    unnamedJobs,
    // Jobs whose targets the panel merges into one tile, and the labels that tell those targets apart.
    sharedJobs: sortedUnique([...sharing.jobs, ...exporterJobs]),
    sharedLabels: sharing.labels,
    // Jobs that ping, other than probe_icmp: their hosts mark no port unreachable, and a dead one
    // pages as a target down rather than a host down.
    icmpJobs: sortedUnique(icmpElsewhere.map((sample) => sample.metric.job ?? '')),
  };
  if (jobs.length === 0) {
    return silentJobs.length > 0
      ? { status: 'error', code: 'no_probe_results', params, details }
      : { status: 'error', code: 'no_probes', params, details };
  }
  if (silentJobs.length > 0) {
    return { status: 'warning', code: 'jobs_without_results', params, details };
  }
  // Guarded by the "share one instance" rows here and "names targets merged under the exporter’s
  // address" in tests/stack/setupCheck.test.ts.
  if (params.sharedJobs.length > 0) {
    return { status: 'warning', code: 'targets_share_instance', params, details };
  }
  if (params.icmpJobs.length > 0) {
    return { status: 'warning', code: 'icmp_outside_probe_icmp', params, details };
  }
  if (unnamedJobs.length > 0) {
    return { status: 'warning', code: 'jobs_not_named_probe', params, details };
  }
  return { status: 'ok', code: 'probes_found', params, details };
}

/** A probe address: a URL, host:port, or a bare IP address. */
const ADDRESS =
  /^(?:[a-z][a-z0-9+.-]*:\/\/\S+|\S+:\d+|\d{1,3}(?:\.\d{1,3}){3}|\[?[0-9a-f]*:[0-9a-f:]*:[0-9a-f:]*\]?)$/i;

/**
 * The jobs among CHECK_QUERIES.sharedInstances' series whose series of one (job, instance, module)
 * differ in a label holding addresses, and those labels: targets the instance label does not tell
 * apart. Series that differ only in other labels (location="eu", region) are one target probed
 * from several places, which the panel shows on purpose as one tile ("2/3 up"): not flagged.
 * Guarded by the "share one instance" and "several locations" rows of checkProbes.test.ts.
 */
function sharedInstances(series: PromSample[]): { jobs: string[]; labels: string[] } {
  const groups = new Map<string, Array<Record<string, string>>>();
  for (const { metric } of series) {
    const key = JSON.stringify([metric.job ?? '', metric.instance ?? '', metric.module ?? '']);
    groups.set(key, [...(groups.get(key) ?? []), metric]);
  }
  const jobs: string[] = [];
  const labels: string[] = [];
  for (const metrics of groups.values()) {
    const names = new Set(metrics.flatMap((metric) => Object.keys(metric)));
    const apart = [...names].filter((name) => {
      const values = metrics.map((metric) => metric[name]);
      return name !== '__name__' && new Set(values).size > 1 && values.every((value) => ADDRESS.test(value ?? ''));
    });
    if (apart.length > 0) {
      jobs.push(metrics[0].job ?? '');
      labels.push(...apart);
    }
  }
  return { jobs: sortedUnique(jobs), labels: sortedUnique(labels) };
}
