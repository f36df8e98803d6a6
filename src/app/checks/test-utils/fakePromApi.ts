import type { PromAlertmanagers, PromApi, PromRuleGroup, PromSample, PromSeries } from '../types';

/** What the fake answers per expression: a result, an Error to throw, or 'hang' to never answer. */
export type Answer<T> = T | Error | 'hang';

export interface FakeAnswers {
  instant?: Record<string, Answer<PromSample[]>>;
  matrix?: Record<string, Answer<PromSeries[]>>;
  /** Left out: the data source has no rules API. */
  rules?: Answer<PromRuleGroup[]>;
  /** Left out: the data source has no Alertmanagers API. */
  alertmanagers?: Answer<PromAlertmanagers>;
}

/** Time of every fake sample: 2025-01-15 12:00:00 UTC, in seconds. */
export const FAKE_TIME = Date.UTC(2025, 0, 15, 12, 0, 0) / 1000;

/** A vector sample at FAKE_TIME. */
export function sample(metric: Record<string, string>, value: number | string): PromSample {
  return { metric, value: [FAKE_TIME, String(value)] };
}

/** A series of `count` samples `gapSeconds` apart, ending at FAKE_TIME. */
export function series(metric: Record<string, string>, gapSeconds: number, count: number): PromSeries {
  const values: Array<[number, string]> = [];
  for (let k = count - 1; k >= 0; k--) {
    values.push([FAKE_TIME - k * gapSeconds, '1']);
  }
  return { metric, values };
}

function answer<T>(value: Answer<T> | undefined, empty: T): Promise<T> {
  if (value === 'hang') {
    return new Promise<T>(() => {});
  }
  if (value instanceof Error) {
    return Promise.reject(value);
  }
  return Promise.resolve(value ?? empty);
}

/**
 * A data source that answers only the expressions it is given (anything else is an empty result)
 * and records every expression asked, with the time it was asked at.
 */
export function fakePromApi(answers: FakeAnswers): PromApi & { asked: Array<[string, number | undefined]> } {
  const asked: Array<[string, number | undefined]> = [];
  const api: PromApi & { asked: Array<[string, number | undefined]> } = {
    asked,
    instantQuery: (expr, time) => {
      asked.push([expr, time]);
      return answer(answers.instant?.[expr], []);
    },
    matrixQuery: (expr, time) => {
      asked.push([expr, time]);
      return answer(answers.matrix?.[expr], []);
    },
  };
  if (answers.rules !== undefined) {
    const rules = answers.rules;
    api.rules = () => answer(rules, []);
  }
  if (answers.alertmanagers !== undefined) {
    const alertmanagers = answers.alertmanagers;
    api.alertmanagers = () => answer(alertmanagers, { activeAlertmanagers: [] });
  }
  return api;
}
