import { Labels, TargetSpec } from './types';
import { yamlKey, yamlString } from './yamlString';

/** A Prometheus target group: addresses sharing one label set. */
export interface TargetGroup {
  readonly targets: readonly string[];
  readonly labels: Labels;
}

/**
 * Targets grouped by identical label sets, in the order each set first appears (the order of the
 * input, so a diff of two outputs follows the edits). `withModule` adds each target's module as the
 * `module` label, which the shared relabelling turns into the blackbox module: a discovery file
 * lands in a job whose own module may be another (probe_file_sd and probe_http_sd default to
 * tcp_connect).
 */
export function targetGroups(targets: readonly TargetSpec[], withModule: boolean): TargetGroup[] {
  const groups = new Map<string, { targets: string[]; labels: Labels }>();
  for (const target of targets) {
    const labels: Labels = withModule ? { ...target.labels, module: target.module } : target.labels;
    const key = JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const group = groups.get(key);
    if (group) {
      group.targets.push(target.address);
    } else {
      groups.set(key, { targets: [target.address], labels });
    }
  }
  return [...groups.values()];
}

/** Label lines of a mapping at `indent` spaces. */
export function labelLines(labels: Labels, indent: number): string[] {
  const pad = ' '.repeat(indent);
  return Object.entries(labels).map(([name, value]) => `${pad}${yamlKey(name)}: ${yamlString(value)}`);
}

/**
 * A file for Prometheus file_sd_configs, e.g. for stack/prometheus/file_sd/. Each group carries the
 * module label (see targetGroups).
 */
export function fileSdYaml(targets: readonly TargetSpec[]): string {
  const groups = targetGroups(targets, true);
  if (groups.length === 0) {
    return '[]\n';
  }
  const lines: string[] = [];
  for (const group of groups) {
    lines.push('- targets:', ...group.targets.map((t) => `    - ${yamlString(t)}`));
    if (Object.keys(group.labels).length > 0) {
      lines.push('  labels:', ...labelLines(group.labels, 4));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The body an http_sd_configs endpoint answers with; each group carries the module label. */
export function httpSdJson(targets: readonly TargetSpec[]): string {
  const groups = targetGroups(targets, true).map((g) => ({ targets: g.targets, labels: g.labels }));
  return `${JSON.stringify(groups, null, 2)}\n`;
}
