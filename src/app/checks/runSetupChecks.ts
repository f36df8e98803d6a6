import { checkExporter } from './checkExporter';
import { checkInterval } from './checkInterval';
import { checkModules } from './checkModules';
import { checkProbes } from './checkProbes';
import { checkRules } from './checkRules';
import { checkVersion } from './checkVersion';
import { makeCheckContext, QueryError, type CheckContext } from './queryContext';
import type { CheckId, CheckResult, PromApi, SetupSettings } from './types';
import type { Verdict } from './verdict';

/** Longest wait for one query; a data source that hangs leaves its checks unknown after this. */
export const QUERY_TIMEOUT_MS = 15_000;

/** The checks in the order the page shows them. */
export const CHECKS: ReadonlyArray<[CheckId, (ctx: CheckContext) => Promise<Verdict>]> = [
  ['probes', checkProbes],
  ['exporter', checkExporter],
  ['interval', checkInterval],
  ['version', checkVersion],
  ['modules', checkModules],
  ['rules', checkRules],
];

export interface SetupCheckOptions {
  timeoutMs?: number;
}

/**
 * Runs every setup check against the data source, all at the time `now` (ms; the data source's
 * own now when left out). A check whose query fails reads `unknown` with `query_failed` or
 * `query_timed_out`, never a verdict about the probes; the other checks still run.
 */
export async function runSetupChecks(
  api: PromApi,
  settings: SetupSettings,
  now?: number,
  options: SetupCheckOptions = {}
): Promise<CheckResult[]> {
  const ctx = makeCheckContext(
    api,
    settings,
    now === undefined ? undefined : now / 1000,
    options.timeoutMs ?? QUERY_TIMEOUT_MS
  );
  return Promise.all(
    CHECKS.map(async ([id, check]): Promise<CheckResult> => {
      try {
        return { id, ...(await check(ctx)) };
      } catch (error) {
        return { id, ...failed(error) };
      }
    })
  );
}

function failed(error: unknown): Verdict {
  if (error instanceof QueryError && error.timeoutMs !== undefined) {
    return { status: 'unknown', code: 'query_timed_out', params: { query: error.query, timeoutMs: error.timeoutMs } };
  }
  if (error instanceof QueryError) {
    return { status: 'unknown', code: 'query_failed', params: { query: error.query, error: error.reason } };
  }
  return { status: 'unknown', code: 'query_failed', params: { query: '', error: String(error) } };
}
