import type { PromAlertmanagers, PromApi, PromRuleGroup, PromSample, PromSeries, SetupSettings } from './types';

/** A query that threw or took too long; the check that ran it reads `unknown`. */
export class QueryError extends Error {
  constructor(
    readonly query: string,
    readonly reason: string,
    readonly timeoutMs?: number
  ) {
    super(`${query}: ${reason}`);
  }
}

/** What a check may ask: the data source at one evaluation time, and the app's settings. */
export interface CheckContext {
  instant(expr: string): Promise<PromSample[]>;
  matrix(expr: string): Promise<PromSeries[]>;
  /** Undefined where the data source has no rules API. */
  rules: (() => Promise<PromRuleGroup[]>) | undefined;
  /** Undefined where the implementation has no Alertmanagers API. */
  alertmanagers: (() => Promise<PromAlertmanagers>) | undefined;
  settings: SetupSettings;
}

/** The name `rules()` failures carry as their query. */
export const RULES_API = '/api/v1/rules';
export const ALERTMANAGERS_API = '/api/v1/alertmanagers';

/**
 * Wraps the data source for the checks: one evaluation time for all, each expression asked once
 * (several checks read the same counts), and a time limit per query so that one hung query leaves
 * its check unknown instead of the page waiting forever.
 */
export function makeCheckContext(
  api: PromApi,
  settings: SetupSettings,
  timeSeconds: number | undefined,
  timeoutMs: number
): CheckContext {
  const asked = new Map<string, Promise<unknown>>();
  function once<T>(key: string, query: string, run: () => Promise<T>): Promise<T> {
    let result = asked.get(key) as Promise<T> | undefined;
    if (result === undefined) {
      result = limited(query, run, timeoutMs);
      asked.set(key, result);
    }
    return result;
  }
  const rulesApi = api.rules?.bind(api);
  const alertmanagersApi = api.alertmanagers?.bind(api);
  return {
    instant: (expr) => once(`v:${expr}`, expr, () => api.instantQuery(expr, timeSeconds)),
    matrix: (expr) => once(`m:${expr}`, expr, () => api.matrixQuery(expr, timeSeconds)),
    rules: rulesApi && (() => once('rules', RULES_API, rulesApi)),
    alertmanagers: alertmanagersApi && (() => once('alertmanagers', ALERTMANAGERS_API, alertmanagersApi)),
    settings,
  };
}

function limited<T>(query: string, run: () => Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new QueryError(query, 'timeout', timeoutMs)), timeoutMs);
    // A synchronous throw of the implementation counts as a failed query too.
    Promise.resolve()
      .then(run)
      .then(
        (value) => {
          clearTimeout(timer);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(new QueryError(query, error instanceof Error ? error.message : String(error)));
        }
      );
  });
}
