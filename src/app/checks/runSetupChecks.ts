import { checkExporter } from './checkExporter';
import { checkInterval } from './checkInterval';
import { checkModules } from './checkModules';
import { checkProbes } from './checkProbes';
import { checkRules } from './checkRules';
import { checkVersion } from './checkVersion';
import { makeCheckContext, QueryError, type CheckContext } from './queryContext';
import type { CheckId, CheckResult, PromApi, QueryErrorResult, SetupSettings } from './types';
import type { Verdict } from './verdict';

/** Longest wait for one query; a data source that hangs leaves its checks unknown after this. */
export const QUERY_TIMEOUT_MS = 15_000;

/** Each check, by the id its result carries, in the order the page shows them. */
const CHECKS: { [Id in CheckId]: (ctx: CheckContext) => Promise<Verdict<Id>> } = {
  probes: checkProbes,
  exporter: checkExporter,
  interval: checkInterval,
  version: checkVersion,
  modules: checkModules,
  rules: checkRules,
};

// A mapped type makes every check id a key; their written order is the page's.
const CHECK_ORDER = Object.keys(CHECKS) as CheckId[];

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
  return Promise.all(CHECK_ORDER.map((id) => runCheck(id, ctx)));
}

async function runCheck<Id extends CheckId>(id: Id, ctx: CheckContext): Promise<CheckResult> {
  let verdict: Verdict<Id>;
  try {
    verdict = await CHECKS[id](ctx);
  } catch (error) {
    return failed(id, error);
  }
  // The verdict is one of check Id's own results (CHECKS' type says so); TypeScript cannot put the
  // id back into the union by itself.
  return { id, ...verdict } as CheckResult;
}

function failed(id: CheckId, error: unknown): QueryErrorResult {
  if (error instanceof QueryError && error.timeoutMs !== undefined) {
    return {
      id,
      status: 'unknown',
      code: 'query_timed_out',
      params: { query: error.query, timeoutMs: error.timeoutMs },
    };
  }
  if (error instanceof QueryError) {
    return { id, status: 'unknown', code: 'query_failed', params: { query: error.query, error: error.reason } };
  }
  return { id, status: 'unknown', code: 'query_failed', params: { query: '', error: String(error) } };
}
