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
 * exporterAddressProblems), so the page never shows a half-made file. The job and the two discovery
 * files carry the job's name (in the job, and as the files' names); the module does not.
 */
export function buildOutputs(
  targets: readonly TargetSpec[],
  job: ScrapeJobOptions,
  dns: DnsModuleOptions
): Record<OutputKind, Output> {
  const none = (fileName: string, note: Output['note'] = 'no-targets'): Output => ({ fileName, note });
  const empty = targets.length === 0;
  // The page shows the job name's and the address's problems beside their fields.
  const badJobName = jobNameProblems(job.jobName).length > 0;
  const named = (fileName: string, write: () => string): Output =>
    badJobName ? none(fileName, 'job-name') : empty ? none(fileName) : { fileName, text: write() };
  const jobOutput = (): Output =>
    !badJobName && !empty && exporterAddressProblems(job.exporterAddress).length > 0
      ? none('prometheus-job.yml', 'exporter-address')
      : named('prometheus-job.yml', () => scrapeJobYaml(targets, job));
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
    file_sd: named(`${job.jobName}.yml`, () => fileSdYaml(targets)),
    http_sd: named(`${job.jobName}.json`, () => httpSdJson(targets)),
    module: moduleOutput(),
  };
}
