/**
 * Grafana's data source service as `getDataSourceSrv()` hands it to plugins, for the one data source
 * the preview has: the stack's Prometheus behind the server's data source proxy. @grafana/runtime's
 * DataSourcePicker lists data sources with `getList(filters)` and finds the current one with
 * `getInstanceSettings(uid or name)` (tests/e2e/app-host.test.ts).
 */
import { Observable, throwError } from 'rxjs';

import {
  DataQuery,
  DataQueryRequest,
  DataQueryResponse,
  DataSourceApi,
  DataSourceInstanceSettings,
  DataSourceJsonData,
  DataSourcePluginMeta,
  DataSourceRef,
  PluginType,
} from '@grafana/data';
import { config, DataSourceSrv, getBackendSrv, GetDataSourceListFilters, setDataSourceSrv } from '@grafana/runtime';

/** The data source as `/api/datasources` lists it (preview/server.mjs datasourceListEntry). */
export interface DataSourceListEntry {
  id: number;
  uid: string;
  name: string;
  type: string;
  typeLogoUrl?: string;
  access: 'proxy' | 'direct';
  url: string;
  isDefault: boolean;
  readOnly: boolean;
  jsonData: DataSourceJsonData & { timeInterval?: string; httpMethod?: string };
}

/** Grafana's plugin meta of its core Prometheus data source, as the frontend settings give it. */
function prometheusMeta(logo: string | undefined): DataSourcePluginMeta {
  return {
    id: 'prometheus',
    type: PluginType.datasource,
    name: 'Prometheus',
    module: 'core:plugin/prometheus',
    baseUrl: 'public/app/plugins/datasource/prometheus',
    info: {
      author: { name: 'Grafana Labs' },
      description: 'Open source time series database & alerting',
      links: [],
      logos: { small: logo ?? '', large: logo ?? '' },
      screenshots: [],
      updated: '',
      version: config.buildInfo?.version ?? '',
    },
    metrics: true,
    alerting: true,
    annotations: true,
    backend: true,
    builtIn: false,
    category: 'tsdb',
  } as DataSourcePluginMeta;
}

export function instanceSettingsOf(entry: DataSourceListEntry): DataSourceInstanceSettings {
  return {
    id: entry.id,
    uid: entry.uid,
    type: entry.type,
    name: entry.name,
    url: entry.url,
    access: entry.access,
    isDefault: entry.isDefault,
    readOnly: entry.readOnly,
    jsonData: entry.jsonData,
    meta: prometheusMeta(entry.typeLogoUrl),
  };
}

/**
 * What `get()` resolves to: the data source's settings and its HTTP API through the proxy. Panels of
 * the preview query through the host's own Prometheus path (datasource/), not through this.
 */
class PreviewPrometheusDataSource extends DataSourceApi<DataQuery, DataSourceJsonData> {
  constructor(private readonly settings: DataSourceInstanceSettings) {
    super(settings);
  }

  query(_request: DataQueryRequest<DataQuery>): Observable<DataQueryResponse> {
    return throwError(() => new Error('The preview runs queries of its dashboard panel only'));
  }

  /** GET on the Prometheus API through the data source proxy, like the Prometheus data source's. */
  metadataRequest(url: string, params?: Record<string, string>): Promise<unknown> {
    return getBackendSrv().get(`${this.settings.url}${url}`, params);
  }

  async testDatasource() {
    await this.metadataRequest('/api/v1/status/buildinfo');
    return { status: 'success', message: 'Successfully queried the Prometheus API.' };
  }
}

export class PreviewDataSourceSrv implements DataSourceSrv {
  private readonly settings: DataSourceInstanceSettings[];
  private readonly instances = new Map<string, DataSourceApi>();

  constructor(entries: DataSourceListEntry[]) {
    this.settings = entries.map(instanceSettingsOf);
  }

  getInstanceSettings(ref?: DataSourceRef | string | null): DataSourceInstanceSettings | undefined {
    if (ref === undefined || ref === null || ref === 'default' || (typeof ref === 'object' && !ref.uid)) {
      return this.settings.find((s) => s.isDefault) ?? this.settings[0];
    }
    const key = typeof ref === 'string' ? ref : ref.uid;
    return this.settings.find((s) => s.uid === key || s.name === key);
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    return this.settings
      .filter((s) => {
        if (filters.type && (Array.isArray(filters.type) ? !filters.type.includes(s.type) : filters.type !== s.type)) {
          return false;
        }
        if (filters.pluginId && filters.pluginId !== s.meta.id) {
          return false;
        }
        if (filters.metrics && !s.meta.metrics) {
          return false;
        }
        if (filters.tracing && !s.meta.tracing) {
          return false;
        }
        if (filters.logs && !s.meta.logs) {
          return false;
        }
        if (filters.annotations && !s.meta.annotations) {
          return false;
        }
        if (filters.alerting && !s.meta.alerting) {
          return false;
        }
        return filters.filter ? filters.filter(s) : true;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  async get(ref?: DataSourceRef | string | null): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref);
    if (!settings) {
      throw new Error(`Datasource ${JSON.stringify(ref)} was not found`);
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      instance = new PreviewPrometheusDataSource(settings);
      this.instances.set(settings.uid, instance);
    }
    return instance;
  }

  reload(): void {}

  registerRuntimeDataSource(): void {
    throw new Error('The preview has no runtime data sources');
  }
}

/** Sets the service and Grafana's frontend settings for data sources (`config.datasources`). */
export function startDataSourceSrv(entries: DataSourceListEntry[]): PreviewDataSourceSrv {
  const srv = new PreviewDataSourceSrv(entries);
  setDataSourceSrv(srv);
  config.datasources = Object.fromEntries(entries.map((entry) => [entry.name, srv.getInstanceSettings(entry.uid)!]));
  const fallback = entries.find((entry) => entry.isDefault) ?? entries[0];
  if (fallback) {
    config.defaultDatasource = fallback.name;
  }
  return srv;
}
