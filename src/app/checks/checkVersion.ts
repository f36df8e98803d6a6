import { CHECK_QUERIES, upOfJob } from './checkQueries';
import type { CheckContext } from './queryContext';
import type { VersionParams } from './types';
import { sortedUnique, valueOf, type Verdict } from './verdict';

/**
 * blackbox_exporter's version, from its own /metrics. These are scraped by a job of their own
 * (`blackbox_exporter` in stack/prometheus/prometheus.yml), not by the probe jobs, so without that
 * job the version cannot be known: `unknown`, and the fix is to add it. Looking back an hour keeps
 * the version of an exporter that stopped answering, which then reads as a warning.
 */
export async function checkVersion(ctx: CheckContext): Promise<Verdict<'version'>> {
  const info = await ctx.instant(CHECK_QUERIES.buildInfo);
  if (info.length === 0) {
    // Never seen: no job scrapes the exporter's /metrics, or one does and has failed all along (the
    // exporter down since Prometheus started). Failing jobs are named rather than "add a job", which
    // would make a second one ("an exporter down since the start" in checkVersion.test.ts).
    const failing = sortedUnique(
      (await ctx.instant(CHECK_QUERIES.otherJobsDown)).map((sample) => sample.metric.job ?? '')
    );
    return failing.length > 0
      ? { status: 'unknown', code: 'exporter_metrics_unseen', params: { failingJobs: failing } }
      : { status: 'unknown', code: 'exporter_metrics_not_scraped', params: {} };
  }
  const jobs = sortedUnique(info.map((sample) => sample.metric.job ?? ''));
  const ups = await Promise.all(jobs.map((job) => ctx.instant(upOfJob(job))));
  const details = info
    .map((sample) => ({
      job: sample.metric.job ?? '',
      instance: sample.metric.instance ?? '',
      version: sample.metric.version ?? '',
    }))
    .sort((a, b) => `${a.job} ${a.instance}`.localeCompare(`${b.job} ${b.instance}`));
  const versions = sortedUnique(details.map((row) => row.version));
  const downJobs = jobs.filter((_, k) => ups[k].some((sample) => valueOf(sample) === 0) || ups[k].length === 0);
  const params: VersionParams = { versions, jobs, downJobs };
  if (downJobs.length > 0) {
    return { status: 'warning', code: 'exporter_metrics_down', params, details };
  }
  if (versions.length > 1) {
    return { status: 'warning', code: 'versions_differ', params, details };
  }
  return { status: 'ok', code: 'version_found', params, details };
}
