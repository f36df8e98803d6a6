/**
 * Grafana's backend service (app/core/services/backend_srv), as @grafana/runtime's `getBackendSrv()`
 * hands it to plugins: requests to the Grafana server over window.fetch, as rxjs Observables of
 * `FetchResponse` (`fetch`) or promises of the body (`get`, `post`, ...). The preview server answers
 * the routes an app's pages use: the data source proxy, `/api/datasources`, `/api/plugins/<id>/settings`
 * (tests/e2e/app-host.test.ts).
 */
import { lastValueFrom, map, Observable } from 'rxjs';

import { BackendSrv, BackendSrvRequest, FetchError, FetchResponse, setBackendSrv } from '@grafana/runtime';

type Params = Record<string, unknown> | URLSearchParams | undefined;

/** Grafana's serializeParams: undefined and empty values left out, arrays as repeated keys. */
export function serializeParams(params: Params): string {
  if (!params) {
    return '';
  }
  if (params instanceof URLSearchParams) {
    return params.toString();
  }
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0) || value === '') {
      continue;
    }
    for (const item of Array.isArray(value) ? value : [value]) {
      search.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return search.toString();
}

/** The request's URL with its params, relative to the page's base (`/`, as Grafana's index.html sets). */
export function requestUrl(options: Pick<BackendSrvRequest, 'url' | 'params'>): string {
  const query = serializeParams(options.params as Params);
  const url = options.url.startsWith('/') || /^https?:/.test(options.url) ? options.url : `/${options.url}`;
  return query ? `${url}${url.includes('?') ? '&' : '?'}${query}` : url;
}

/** Body and headers the way Grafana's parseInitFromOptions makes them: objects as JSON, the rest as is. */
export function requestInit(options: BackendSrvRequest): RequestInit {
  const headers = new Headers({ Accept: 'application/json, text/plain, */*' });
  for (const [key, value] of Object.entries((options.headers ?? {}) as Record<string, string>)) {
    headers.set(key, value);
  }
  const method = (options.method ?? 'GET').toUpperCase();
  let body: BodyInit | undefined;
  const { data } = options;
  if (data !== undefined && data !== null && method !== 'GET' && method !== 'HEAD') {
    if (
      typeof data === 'string' ||
      data instanceof URLSearchParams ||
      data instanceof FormData ||
      data instanceof Blob
    ) {
      body = data;
    } else {
      body = JSON.stringify(data);
      if (!headers.has('Content-Type')) {
        headers.set('Content-Type', 'application/json');
      }
    }
  }
  return { method, headers, body, credentials: options.credentials ?? 'same-origin' };
}

async function parseBody(response: Response, responseType: BackendSrvRequest['responseType']): Promise<unknown> {
  if (responseType === 'blob') {
    return response.blob();
  }
  if (responseType === 'arraybuffer') {
    return response.arrayBuffer();
  }
  const text = await response.text();
  if (responseType === 'text') {
    return text;
  }
  if (text === '') {
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function send<T>(options: BackendSrvRequest, signal: AbortSignal): Promise<FetchResponse<T>> {
  const url = requestUrl(options);
  const response = await window.fetch(url, { ...requestInit(options), signal });
  const data = (await parseBody(response, options.responseType)) as T;
  const result: FetchResponse<T> = {
    data,
    status: response.status,
    statusText: response.statusText,
    ok: response.ok,
    headers: response.headers,
    redirected: response.redirected,
    type: response.type,
    url: response.url,
    config: options,
  };
  if (!response.ok) {
    const error: FetchError = {
      status: response.status,
      statusText: response.statusText,
      data: (data && typeof data === 'object'
        ? data
        : { message: String(data ?? response.statusText) }) as FetchError['data'],
      config: options,
    };
    throw error;
  }
  return result;
}

export class PreviewBackendSrv implements BackendSrv {
  fetch<T>(options: BackendSrvRequest): Observable<FetchResponse<T>> {
    return new Observable<FetchResponse<T>>((subscriber) => {
      const controller = new AbortController();
      send<T>(options, controller.signal).then(
        (response) => {
          subscriber.next(response);
          subscriber.complete();
        },
        (error: unknown) => subscriber.error(error)
      );
      // Unsubscribing cancels the request, as Grafana's does.
      return () => controller.abort();
    });
  }

  /** The body in one chunk: the preview's routes answer small JSON bodies. */
  chunked(options: BackendSrvRequest): Observable<FetchResponse<Uint8Array | undefined>> {
    return this.fetch<ArrayBuffer>({ ...options, responseType: 'arraybuffer' }).pipe(
      map((response) => ({ ...response, data: response.data ? new Uint8Array(response.data) : undefined }))
    );
  }

  async request<T = unknown>(options: BackendSrvRequest): Promise<T> {
    return (await lastValueFrom(this.fetch<T>(options))).data;
  }

  datasourceRequest<T = unknown>(options: BackendSrvRequest): Promise<FetchResponse<T>> {
    return lastValueFrom(this.fetch<T>(options));
  }

  get<T = unknown>(
    url: string,
    params?: unknown,
    requestId?: string,
    options?: Partial<BackendSrvRequest>
  ): Promise<T> {
    return this.request<T>({
      ...options,
      url,
      params: params as BackendSrvRequest['params'],
      requestId,
      method: 'GET',
    });
  }

  delete<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'DELETE' });
  }

  post<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'POST' });
  }

  patch<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PATCH' });
  }

  put<T = unknown>(url: string, data?: unknown, options?: Partial<BackendSrvRequest>): Promise<T> {
    return this.request<T>({ ...options, url, data, method: 'PUT' });
  }
}

export function startBackendSrv(): PreviewBackendSrv {
  const backendSrv = new PreviewBackendSrv();
  setBackendSrv(backendSrv);
  return backendSrv;
}
