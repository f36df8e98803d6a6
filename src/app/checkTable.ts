import { t } from '../i18n/t';
import { spanText } from '../panel/components/spanText';
import type { CheckResult } from './checks/types';
import { moduleName, nameList } from './checkText';

/** A check's rows (per job, module or rule) as words: column headings, then one line of cells per row. */
export interface CheckTable {
  columns: string[];
  rows: string[][];
}

/** A number as the sentences write it, in the user's language (10,000 in English). */
function count(value: number): string {
  return t('checks.table.number', '{{value, number}}', { value });
}

/**
 * The rows behind a check's sentence: which job has how many targets, which exporter answers, each
 * job's scrape interval, each exporter's version, the modules that always fail and the error of each
 * failing rule. Undefined when the check has no rows, or its query failed.
 */
export function checkTable(result: CheckResult): CheckTable | undefined {
  if (result.code === 'query_failed' || result.code === 'query_timed_out') {
    return undefined;
  }
  const job = t('checks.table.job', 'Job');
  const targets = t('checks.table.targets', 'Targets');
  let table: CheckTable;
  switch (result.id) {
    case 'probes':
      table = {
        columns: [job, targets, t('checks.table.modules', 'Modules')],
        rows: (result.details ?? []).map((row) => [row.job, count(row.targets), nameList(row.modules)]),
      };
      break;
    case 'exporter':
      table = {
        columns: [job, targets, t('checks.table.scrapes-failing', 'Scrapes failing (up is 0)')],
        rows: (result.details ?? []).map((row) => [row.job, count(row.targets), count(row.down)]),
      };
      break;
    case 'interval':
      table = {
        columns: [job, t('checks.table.scrape-interval', 'Scrape interval')],
        rows: (result.details ?? []).map((row) => [row.job, spanText(row.intervalMs)]),
      };
      break;
    case 'version':
      table = {
        columns: [job, t('checks.table.instance', 'Instance'), t('checks.table.version', 'Version')],
        rows: (result.details ?? []).map((row) => [row.job, row.instance, row.version]),
      };
      break;
    case 'modules':
      table = {
        columns: [job, t('checks.table.module', 'Module'), t('checks.table.failing-targets', 'Targets, all failing')],
        rows: (result.details ?? []).map((row) => [row.job, moduleName(row.module), count(row.targets)]),
      };
      break;
    case 'rules':
      table = {
        columns: [
          t('checks.table.group', 'Rule group'),
          t('checks.table.rule', 'Rule'),
          t('checks.table.error', 'Error'),
        ],
        rows: (result.details ?? []).map((row) => [row.group, row.rule, row.error]),
      };
      break;
  }
  return table.rows.length > 0 ? table : undefined;
}
