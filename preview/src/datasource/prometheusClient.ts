/**
 * Talks to Prometheus' HTTP API through the preview server's datasource proxy
 * (`/api/datasources/proxy/uid/<uid>/...`, Grafana's own proxy path), with the parameters promlib sends:
 * POST form bodies, times in seconds with decimals, the step in seconds.
 */
export interface PromHttpAnswer {
  status: number;
  body: string;
}

/** Raised when Prometheus could not be reached; the message reads like Grafana's. */
export class PromTransportError extends Error {}

/** promlib's formatTime / step formatting: seconds, as many decimals as needed. */
export function formatSeconds(ms: number): string {
  return String(ms / 1000);
}

export class PrometheusClient {
  constructor(
    private readonly proxyBase: string,
    /** The Prometheus URL as configured, only used in error messages. */
    private readonly displayUrl: string
  ) {}

  private async post(path: string, params: Record<string, string>, signal?: AbortSignal): Promise<PromHttpAnswer> {
    let response: Response;
    try {
      response = await fetch(`${this.proxyBase}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(params).toString(),
        signal,
      });
    } catch (e) {
      throw new PromTransportError(`Post "${this.displayUrl}${path}": ${e instanceof Error ? e.message : String(e)}`);
    }
    const body = await response.text();
    if (response.headers.get('x-preview-proxy-error')) {
      throw new PromTransportError(`Post "${this.displayUrl}${path}": ${body}`);
    }
    return { status: response.status, body };
  }

  queryRange(
    expr: string,
    startMs: number,
    endMs: number,
    stepMs: number,
    signal?: AbortSignal
  ): Promise<PromHttpAnswer> {
    return this.post(
      '/api/v1/query_range',
      { query: expr, start: formatSeconds(startMs), end: formatSeconds(endMs), step: formatSeconds(stepMs) },
      signal
    );
  }

  queryInstant(expr: string, timeMs: number, signal?: AbortSignal): Promise<PromHttpAnswer> {
    return this.post('/api/v1/query', { query: expr, time: formatSeconds(timeMs) }, signal);
  }

  /** Label names present in the range (for label_names()). */
  async labelNames(startMs: number, endMs: number): Promise<string[]> {
    const query = new URLSearchParams({ start: formatSeconds(startMs), end: formatSeconds(endMs) }).toString();
    return this.getList(`/api/v1/labels?${query}`);
  }

  private async getList(path: string): Promise<string[]> {
    const response = await fetch(`${this.proxyBase}${path}`);
    const body = (await response.json()) as { status: string; data?: string[]; error?: string };
    if (body.status !== 'success') {
      throw new Error(body.error ?? `${path} failed`);
    }
    return body.data ?? [];
  }

  /** Values of a label, optionally restricted to the series a selector matches (for label_values()). */
  async labelValues(label: string, match: string | undefined, startMs: number, endMs: number): Promise<string[]> {
    const params: Record<string, string> = { start: formatSeconds(startMs), end: formatSeconds(endMs) };
    if (match) {
      params['match[]'] = match;
    }
    const query = new URLSearchParams(params).toString();
    return this.getList(`/api/v1/label/${encodeURIComponent(label)}/values?${query}`);
  }
}
