import { CHECK_QUERIES } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { ExporterParams, ExporterRow } from './types';
import { scrapedProbeJobs, sortedUnique, sumBy, type Verdict } from './verdict';

/**
 * Whether each probe job's scrape of blackbox_exporter works. A probe job is one named probe_* or
 * one with probe results in the last hour: a job whose exporter died has none now, and must not
 * drop out of the check ("exporter died under a job not named probe_*", checkExporter.test.ts).
 * All its targets at up == 0: no target of the job is probed (exporter stopped or at a wrong
 * address, or a module name it does not know); some: the exporter rejects those probes (an unknown
 * module, a probe slower than the scrape timeout) or one of several exporters is unreachable. A job
 * with results but no `up` is not scraped by this data source (federated, remote-written), so a
 * stopped exporter would not show here nor in the panel.
 */
export async function checkExporter(ctx: CheckContext): Promise<Verdict<'exporter'>> {
  const [groups, recent, upTotal, upDown] = await Promise.all([
    ctx.instant(CHECK_QUERIES.probeGroups),
    ctx.instant(CHECK_QUERIES.recentProbeJobs),
    ctx.instant(CHECK_QUERIES.upTotal),
    ctx.instant(CHECK_QUERIES.upDown),
  ]);
  const totals = sumBy(upTotal, 'job');
  const downs = sumBy(upDown, 'job');
  const withResults = new Set(sumBy(groups, 'job').keys());
  const jobs = sortedUnique([...scrapedProbeJobs(upTotal, recent), ...withResults]);
  const rows = jobs.map((job) => ({ job, targets: totals.get(job) ?? 0, down: downs.get(job) ?? 0 }));
  const details: ExporterRow[] = rows;
  const unreachable = rows.filter((row) => row.targets > 0 && row.down === row.targets).map((row) => row.job);
  const failingSome = rows.filter((row) => row.down > 0 && row.down < row.targets).map((row) => row.job);
  const noUp = jobs.filter((job) => !totals.has(job));
  const params: ExporterParams = {
    // The jobs the verdict's code is about.
    jobs: unreachable.length > 0 ? unreachable : failingSome.length > 0 ? failingSome : noUp,
    probeJobs: jobs,
    targets: rows.reduce((sum, row) => sum + row.targets, 0),
    downTargets: rows.reduce((sum, row) => sum + row.down, 0),
    // Targets of the unreachable jobs: none of them is probed.
    unprobedTargets: rows.filter((row) => unreachable.includes(row.job)).reduce((sum, row) => sum + row.targets, 0),
  };
  if (jobs.length === 0) {
    return { status: 'unknown', code: 'no_probe_jobs', params, details };
  }
  if (unreachable.length > 0) {
    return { status: 'error', code: 'exporter_unreachable', params, details };
  }
  if (failingSome.length > 0) {
    return { status: 'warning', code: 'exporter_failing_some', params, details };
  }
  if (noUp.length > 0) {
    return { status: 'warning', code: 'no_up_series', params, details };
  }
  return { status: 'ok', code: 'exporter_reachable', params, details };
}
