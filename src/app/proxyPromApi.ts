import { lastValueFrom } from 'rxjs';
import { getBackendSrv } from '@grafana/runtime';

import {
  NOT_PROMETHEUS_ANSWER,
  PromAlertmanagers,
  PromApi,
  PromRuleGroup,
  PromSample,
  PromSeries,
} from './checks/types';

interface PromAnswer<T> {
  status: 'success' | 'error';
  data: T;
  error?: string;
}

/**
 * The setup check's queries through Grafana's data source proxy, as Grafana's own Prometheus data
 * source sends them (POST, form-encoded): the app needs no backend of its own.
 */
export function proxyPromApi(datasourceUid: string): PromApi {
  const base = `/api/datasources/proxy/uid/${encodeURIComponent(datasourceUid)}/api/v1`;
  async function call<T>(path: string, params?: Record<string, string>): Promise<T> {
    const response = await lastValueFrom(
      getBackendSrv().fetch<PromAnswer<T>>({
        url: `${base}/${path}`,
        method: params ? 'POST' : 'GET',
        data: params ? new URLSearchParams(params).toString() : undefined,
        headers: params ? { 'Content-Type': 'application/x-www-form-urlencoded' } : undefined,
        showErrorAlert: false,
        showSuccessAlert: false,
      })
    ).catch((error: unknown) => {
      // Grafana's fetch rejects with the response (status, data), not an Error.
      const failed = error as { status?: number; statusText?: string; data?: { error?: string; message?: string } };
      throw new Error(failed.data?.error ?? failed.data?.message ?? failed.statusText ?? `HTTP ${failed.status}`);
    });
    if (response.data?.status !== 'success') {
      // An answer without Prometheus' status field is another server's: the URL points elsewhere
      // (blackbox_exporter's port, a web page), which "HTTP 200" alone would not say.
      const prometheusLike = typeof response.data === 'object' && response.data !== null && 'status' in response.data;
      throw new Error(response.data?.error ?? (prometheusLike ? `HTTP ${response.status}` : NOT_PROMETHEUS_ANSWER));
    }
    return response.data.data;
  }
  const query = (expr: string, time?: number) =>
    call<{ result: unknown }>('query', { query: expr, ...(time === undefined ? {} : { time: String(time) }) });
  return {
    instantQuery: async (expr, time) => (await query(expr, time)).result as PromSample[],
    matrixQuery: async (expr, time) => (await query(expr, time)).result as PromSeries[],
    // A backend that leaves `groups` out has none to show: checkRules then falls back to ALERTS
    // ("no groups field", proxyPromApi.test.ts).
    rules: async () => (await call<{ groups?: PromRuleGroup[] | null }>('rules')).groups ?? [],
    alertmanagers: async () => {
      const answer = await call<Partial<PromAlertmanagers>>('alertmanagers');
      return { activeAlertmanagers: answer.activeAlertmanagers ?? [] };
    },
  };
}
