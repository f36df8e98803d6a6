import { blackboxModuleYaml, DnsModuleOptions } from './targets/blackboxModuleYaml';
import { exporterAddressProblems, jobNameProblems, ScrapeJobOptions, scrapeJobYaml } from './targets/scrapeJobYaml';
import { fileSdYaml, httpSdJson } from './targets/targetGroups';
import { TargetSpec } from './targets/types';

export const OUTPUT_KINDS = ['job', 'file_sd', 'http_sd', 'module'] as const;

export type OutputKind = (typeof OUTPUT_KINDS)[number];

/** A text to copy or download, or why there is none (a code the page words). */
export interface Output {
  text?: string;
  fileName: string;
  note?: 'no-targets' | 'standard-module' | 'dns-query-name' | 'exporter-address' | 'job-name';
}

/**
 * Everything the target builder writes for the valid targets. What a generator would refuse becomes a
 * note instead of a text, judged by the generator's own checks (jobNameProblems and
 * exporterAddressProblems), so the page never shows a half-made file.
 */
export function buildOutputs(
  targets: readonly TargetSpec[],
  job: ScrapeJobOptions,
  dns: DnsModuleOptions
): Record<OutputKind, Output> {
  const none = (fileName: string, note: Output['note'] = 'no-targets'): Output => ({ fileName, note });
  const empty = targets.length === 0;
  const jobOutput = (): Output => {
    if (empty) {
      return none('prometheus-job.yml');
    }
    if (jobNameProblems(job.jobName).length > 0) {
      // The page shows the job name's problems beside its field.
      return none('prometheus-job.yml', 'job-name');
    }
    if (exporterAddressProblems(job.exporterAddress).length > 0) {
      // The page shows the address's problems beside its field.
      return none('prometheus-job.yml', 'exporter-address');
    }
    return { fileName: 'prometheus-job.yml', text: scrapeJobYaml(targets, job) };
  };
  const moduleOutput = (): Output => {
    try {
      const text = blackboxModuleYaml(job.module, dns);
      return text === null ? none('blackbox.yml', 'standard-module') : { fileName: 'blackbox.yml', text };
    } catch {
      return none('blackbox.yml', 'dns-query-name');
    }
  };
  return {
    job: jobOutput(),
    file_sd: empty ? none(`${job.jobName}.yml`) : { fileName: `${job.jobName}.yml`, text: fileSdYaml(targets) },
    http_sd: empty ? none(`${job.jobName}.json`) : { fileName: `${job.jobName}.json`, text: httpSdJson(targets) },
    module: moduleOutput(),
  };
}
