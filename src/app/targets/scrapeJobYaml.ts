import { parseAddress } from './parseAddress';
import { labelLines, targetGroups } from './targetGroups';
import { ModuleName, Problem, TargetSpec } from './types';
import { yamlString } from './yamlString';

export interface ScrapeJobOptions {
  jobName: string;
  /** The job's `module` parameter; every static target must be for this module. */
  module: ModuleName;
  /** blackbox_exporter as Prometheus reaches it, host:port. */
  exporterAddress: string;
  /** A Prometheus duration (5s, 1m); the global interval when left out. */
  scrapeInterval?: string;
}

/** Where a job finds its targets when they are not listed in it: a fileSdYaml file or an httpSdJson endpoint. */
export type Discovery =
  | { kind: 'file_sd'; files: readonly string[]; refreshInterval?: string }
  | { kind: 'http_sd'; url: string; refreshInterval?: string };

export type JobSpec =
  { targets: readonly TargetSpec[]; options: ScrapeJobOptions } | { discovery: Discovery; options: ScrapeJobOptions };

const DURATION = /^(?:\d+y)?(?:\d+w)?(?:\d+d)?(?:\d+h)?(?:\d+m)?(?:\d+s)?(?:\d+ms)?$/;
const CONTROL_OR_LONE_SURROGATE =
  /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

// The relabelling every probe job of stack/prometheus/prometheus.yml shares (&probe_relabel), regular
// expressions copied as they are; scrapeJobYaml.test.ts compares the two.
const PROBE_RELABEL = [
  '      - source_labels: [module]',
  '        regex: (.+)',
  '        target_label: __param_module',
  '      - source_labels: [__address__]',
  '        target_label: __param_target',
  '      - source_labels: [__address__]',
  "        regex: '(?:[a-zA-Z][a-zA-Z0-9+.-]*://)?(?:[^/?#@]*@)?(?:\\[([^\\]]+)\\]|([^:/?#\\[\\]@]+))(?::\\d*)?(?:[/?#].*)?'",
  "        replacement: '${1}${2}'",
  '        target_label: host',
  '      - source_labels: [__address__]',
  "        regex: '([0-9a-fA-F]*:[0-9a-fA-F]*:[0-9a-fA-F:.]*)'",
  '        target_label: host',
  '      - source_labels: [host]',
  '        target_label: host',
  '        action: lowercase',
  '      - source_labels: [host]',
  "        regex: '(.+)\\.'",
  '        target_label: host',
  '      - source_labels: [__param_target]',
  '        target_label: instance',
  '      - target_label: __address__',
];

/** Problems of a job name; the generators throw on any. */
export function jobNameProblems(name: string): Problem[] {
  if (name === '') {
    return [{ code: 'empty-job-name' }];
  }
  if (name.trim() !== name || CONTROL_OR_LONE_SURROGATE.test(name)) {
    return [{ code: 'invalid-job-name', params: { name } }];
  }
  return [];
}

/**
 * Problems of blackbox_exporter's address, host:port as Prometheus reaches it; the generators throw
 * on any. Read as tcp_connect reads a target, whose words (a module, a URL to rewrite) would not fit
 * this field, so only the port's and the brackets' problems pass as they are.
 */
export function exporterAddressProblems(address: string): Problem[] {
  if (address.trim() === '') {
    return [{ code: 'empty-exporter-address' }];
  }
  const parsed = parseAddress(address, 'tcp_connect');
  if (!('problems' in parsed)) {
    return [];
  }
  return parsed.problems.map((problem): Problem => {
    switch (problem.code) {
      case 'invalid-port':
      case 'ipv6-without-brackets':
        return problem;
      case 'unexpected-url':
        return {
          code: 'invalid-exporter-address',
          params: { address, suggestion: String(problem.params?.suggestion) },
        };
      case 'missing-port':
        // blackbox_exporter's own default port.
        return {
          code: 'invalid-exporter-address',
          params: { address, suggestion: `${problem.params?.address ?? address}:9115` },
        };
      default:
        return { code: 'invalid-exporter-address', params: { address } };
    }
  });
}

function checkDuration(what: string, text: string | undefined): void {
  if (text !== undefined && (!DURATION.test(text) || !/[1-9]/.test(text))) {
    throw new Error(`${what} must be a Prometheus duration above zero such as 5s, not ${JSON.stringify(text)}`);
  }
}

function canParseUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

function checkOptions(options: ScrapeJobOptions): void {
  if (jobNameProblems(options.jobName).length > 0) {
    throw new Error(`invalid job name ${JSON.stringify(options.jobName)}`);
  }
  if (exporterAddressProblems(options.exporterAddress).length > 0) {
    throw new Error(`exporterAddress must be host:port, not ${JSON.stringify(options.exporterAddress)}`);
  }
  checkDuration('scrapeInterval', options.scrapeInterval);
}

function job(options: ScrapeJobOptions, discoveryLines: string[]): string {
  checkOptions(options);
  return [
    `  - job_name: ${yamlString(options.jobName)}`,
    ...(options.scrapeInterval ? [`    scrape_interval: ${options.scrapeInterval}`] : []),
    '    metrics_path: /probe',
    '    params:',
    `      module: [${options.module}]`,
    ...discoveryLines,
    '    relabel_configs:',
    ...PROBE_RELABEL,
    `        replacement: ${yamlString(options.exporterAddress)}`,
  ].join('\n');
}

/**
 * One entry of `scrape_configs`, indented to paste under that key of a prometheus.yml written like
 * the stack's: the targets in static_configs, grouped by label set, probed through blackbox_exporter
 * with the stack's relabelling (so `host` and `instance` come out as for the stack's own jobs).
 */
export function scrapeJobYaml(targets: readonly TargetSpec[], options: ScrapeJobOptions): string {
  const other = targets.find((t) => t.module !== options.module);
  if (other) {
    throw new Error(`target on line ${other.line} is for ${other.module}, the job probes with ${options.module}`);
  }
  const groups = targetGroups(targets, false);
  const lines = groups.length === 0 ? ['    static_configs: []'] : ['    static_configs:'];
  for (const group of groups) {
    lines.push('      - targets:', ...group.targets.map((t) => `          - ${yamlString(t)}`));
    if (Object.keys(group.labels).length > 0) {
      lines.push('        labels:', ...labelLines(group.labels, 10));
    }
  }
  return `${job(options, lines)}\n`;
}

/**
 * A `scrape_configs` entry that reads its targets from fileSdYaml files or an httpSdJson endpoint.
 * Their `module` label picks each target's blackbox module; options.module is for targets without one.
 */
export function discoveryJobYaml(discovery: Discovery, options: ScrapeJobOptions): string {
  checkDuration('refreshInterval', discovery.refreshInterval);
  const refresh = discovery.refreshInterval ? [`        refresh_interval: ${discovery.refreshInterval}`] : [];
  let lines: string[];
  if (discovery.kind === 'file_sd') {
    const bad = discovery.files.find((f) => !/\.(?:json|ya?ml)$/.test(f) || CONTROL_OR_LONE_SURROGATE.test(f));
    if (discovery.files.length === 0 || bad !== undefined) {
      // Prometheus reads only these extensions in file_sd_configs.
      throw new Error(`file_sd needs files ending in .json, .yml or .yaml, not ${JSON.stringify(bad)}`);
    }
    lines = ['    file_sd_configs:', `      - files: [${discovery.files.map(yamlString).join(', ')}]`, ...refresh];
  } else {
    if (!/^https?:\/\/[^\s]+$/.test(discovery.url) || !canParseUrl(discovery.url)) {
      throw new Error(`http_sd needs an http or https URL, not ${JSON.stringify(discovery.url)}`);
    }
    lines = ['    http_sd_configs:', `      - url: ${yamlString(discovery.url)}`, ...refresh];
  }
  return `${job(options, lines)}\n`;
}

/**
 * A complete prometheus.yml with the given jobs: what to save when there is no configuration yet, and
 * what tests/stack/targetBuilder.test.ts gives promtool and Prometheus.
 */
export function prometheusConfig(jobs: readonly JobSpec[], global: { scrapeInterval?: string } = {}): string {
  checkDuration('scrapeInterval', global.scrapeInterval);
  const names = jobs.map((j) => j.options.jobName);
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) {
    // Prometheus refuses a configuration with two jobs of one name.
    throw new Error(`job name ${JSON.stringify(twice)} is used twice`);
  }
  const entries = jobs.map((j) =>
    'targets' in j ? scrapeJobYaml(j.targets, j.options) : discoveryJobYaml(j.discovery, j.options)
  );
  return [
    'global:',
    `  scrape_interval: ${global.scrapeInterval ?? '15s'}`,
    '',
    entries.length === 0 ? 'scrape_configs: []' : 'scrape_configs:',
    entries.join('\n'),
  ].join('\n');
}
