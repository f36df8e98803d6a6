/**
 * The preview page: loads the plugin through SystemJS, resolves the dashboard's variables, runs the
 * panel's queries on an interval and renders the panel in Grafana's theme and chrome.
 */
import { css } from '@emotion/css';
import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import {
  AbsoluteTimeRange,
  DataFrame,
  DataFrameJSON,
  dataFrameFromJSON,
  dateMath,
  DataQueryRequest,
  dateTime,
  EventBusSrv,
  FieldConfigSource,
  GrafanaTheme2,
  LoadingState,
  PanelData,
  PanelPlugin,
  AppPluginMeta,
  PanelPluginMeta,
  ScopedVars,
  TimeRange,
  toDataFrame,
} from '@grafana/data';
import { InlineField, LinkButton, RadioButtonGroup, Select, useStyles2 } from '@grafana/ui';

import { DashboardJSON, findPanel, PanelJSON } from '../dashboard/dashboardModel';
import { loadPanelState, PanelState } from '../dashboard/panelState';
import { TemplateVariables } from '../dashboard/templating';
import { resolveVariables } from '../dashboard/variables';
import { PrometheusClient } from '../datasource/prometheusClient';
import { DataSourceSettings, runPanelQueries } from '../datasource/runPanelQueries';
import type { DataSourceListEntry } from '../host/dataSourceSrv';
import { importPanelPlugin } from '../host/pluginImporter';
import { setRuntimeTemplateSrv } from '../host/runtimeSetup';
import { HostPageProps, HostRoot } from './HostRoot';
import { getToolbarStyles, PageSettings } from './PageSettings';
import { previewHref } from './AppHost';
import { PanelView } from './PanelView';
import { initialRefreshMs } from './refresh';

/** What the preview server tells the page. */
export interface PreviewConfig {
  dashboard: DashboardJSON;
  panelId?: number;
  pluginMeta: PanelPluginMeta;
  /** The app whose nested plugin the panel is, when dist/ is an app: shown at /a/<id>. */
  appMeta?: AppPluginMeta;
  datasource: DataSourceSettings & { url: string };
  /** The data source as /api/datasources lists it, for getDataSourceSrv(). */
  datasourceSettings: DataSourceListEntry;
  hostVersion: string;
  reactVersion: string;
  theme?: 'dark' | 'light';
  /** The user's language (`--language`); `?lang=` on the page wins. */
  language?: string;
  range?: string;
  refresh?: string;
}

/** What tests and benchmarks read from and hand to the page. */
export interface PreviewHandle {
  status: 'loading' | 'ready' | 'failed';
  error?: string;
  plugin?: { id: string; isPanelPlugin: boolean };
  dataState?: string;
  seriesCount: number;
  errors: string[];
  queries: number;
  renders: number;
  /** Stops querying and hands these frames (DataFrame or DataFrameJSON) to the panel. */
  setFrames(frames: unknown[]): void;
  /** Goes back to querying Prometheus. */
  resume(): void;
}

declare global {
  interface Window {
    __portwatchPreview?: PreviewHandle;
  }
}

/** Grafana's runRequest: a query without an answer after this long shows as Loading. */
const LOADING_AFTER_MS = 200;

const RANGES = ['now-5m', 'now-15m', 'now-1h', 'now-6h'].map((value) => ({ value, label: `Last ${value.slice(4)}` }));
const REFRESHES = [
  { value: 0, label: 'Off' },
  { value: 5000, label: '5s' },
  { value: 10000, label: '10s' },
  { value: 30000, label: '30s' },
  { value: 60000, label: '1m' },
];

function timeRangeOf(from: string): TimeRange {
  const to = 'now';
  return { from: dateMath.parse(from)!, to: dateMath.parse(to, true)!, raw: { from, to } };
}

function emptyData(range: TimeRange): PanelData {
  return { state: LoadingState.NotStarted, series: [], timeRange: range };
}

function toFrames(frames: unknown[]): DataFrame[] {
  return frames.map((frame) =>
    frame && typeof frame === 'object' && 'schema' in frame
      ? dataFrameFromJSON(frame as DataFrameJSON)
      : toDataFrame(frame)
  );
}

const handle: PreviewHandle = {
  status: 'loading',
  seriesCount: 0,
  errors: [],
  queries: 0,
  renders: 0,
  setFrames: () => undefined,
  resume: () => undefined,
};
window.__portwatchPreview = handle;

interface Loaded {
  plugin: PanelPlugin;
  panel: PanelJSON;
  state: PanelState;
}

/** Grafana's app root around the dashboard page. */
export function App({ config }: { config: PreviewConfig }) {
  return <HostRoot config={config} Page={Page} />;
}

function Page({ config, mode, onModeChange }: HostPageProps) {
  const params = useMemo(() => new URLSearchParams(window.location.search), []);
  const [rangeKey, setRangeKey] = useState(
    params.get('range') ?? config.range ?? config.dashboard.time?.from ?? 'now-1h'
  );
  const [absoluteRange, setAbsoluteRange] = useState<AbsoluteTimeRange>();
  const [refreshMs, setRefreshMs] = useState(() =>
    initialRefreshMs(params.get('refresh'), config.refresh, config.dashboard.refresh)
  );
  const [loaded, setLoaded] = useState<Loaded>();
  const [loadError, setLoadError] = useState<string>();
  const [variables, setVariables] = useState<TemplateVariables>();
  const [variableErrors, setVariableErrors] = useState<string[]>([]);
  const [data, setData] = useState<PanelData>(() => emptyData(timeRangeOf(rangeKey)));
  const [manual, setManual] = useState(false);
  const [renderCounter, setRenderCounter] = useState(0);
  const [size, setSize] = useState({ width: 0, height: 0 });
  const containerRef = useRef<HTMLDivElement>(null);
  const widthRef = useRef(0);
  const eventBus = useMemo(() => new EventBusSrv(), []);
  const timeZone = config.dashboard.timezone || 'browser';

  const styles = useStyles2(getStyles);

  const client = useMemo(
    () =>
      new PrometheusClient(
        `/api/datasources/proxy/uid/${encodeURIComponent(config.datasource.uid)}`,
        config.datasource.url
      ),
    [config.datasource]
  );

  const currentRange = useCallback(
    (): TimeRange =>
      absoluteRange
        ? {
            from: dateTime(absoluteRange.from),
            to: dateTime(absoluteRange.to),
            raw: { from: dateTime(absoluteRange.from), to: dateTime(absoluteRange.to) },
          }
        : timeRangeOf(rangeKey),
    [absoluteRange, rangeKey]
  );

  // Load the plugin once, like Grafana does the first time a dashboard shows it.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const panelParam = new URLSearchParams(window.location.search).get('panelId');
      const panel = findPanel(config.dashboard, config.pluginMeta.id, panelParam ? Number(panelParam) : config.panelId);
      const { plugin, error } = await importPanelPlugin(config.pluginMeta);
      const state = await loadPanelState(plugin, panel);
      if (cancelled) {
        return;
      }
      handle.plugin = { id: config.pluginMeta.id, isPanelPlugin: !error && plugin instanceof PanelPlugin };
      if (error) {
        setLoadError(error.message);
        handle.status = 'failed';
        handle.error = error.message;
      }
      setLoaded({ plugin, panel, state });
    })().catch((e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      console.error('Preview failed to start', e);
      handle.status = 'failed';
      handle.error = message;
      setLoadError(message);
    });
    return () => {
      cancelled = true;
    };
  }, [config]);

  // Query on load and then on the refresh interval. Variables are resolved on load and, for those set to
  // refresh on time range change, before every refresh: auto-refresh moves the time range, as in Grafana.
  // As Grafana's query runner does, a refresh cancels a query that has not answered yet and sends it
  // again, and a query without an answer after LOADING_AFTER_MS shows as Loading with the last answer's
  // frames and range beside the new request (runRequest and preProcessPanelData): what the panel sees
  // while the data source hangs ("while Prometheus does not answer" in tests/e2e/live-states.test.ts).
  useEffect(() => {
    if (!loaded || manual) {
      return;
    }
    const controller = new AbortController();
    const variableList = config.dashboard.templating?.list ?? [];
    const followsTime = variableList.some((v) => v.refresh === 2);
    let templateVariables: TemplateVariables | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let run = 0;
    let running: AbortController | undefined;
    const tick = async () => {
      run++;
      running?.abort();
      const query = new AbortController();
      running = query;
      const signal = AbortSignal.any([controller.signal, query.signal]);
      if (refreshMs > 0) {
        timer = setTimeout(tick, refreshMs);
      }
      const range = currentRange();
      const request = { requestId: `Q${loaded.panel.id}-${run}`, range, startTime: Date.now() } as DataQueryRequest;
      const loading = setTimeout(
        () => setData((previous) => ({ ...previous, state: LoadingState.Loading, request })),
        LOADING_AFTER_MS
      );
      try {
        if (!templateVariables || followsTime) {
          const resolved = await resolveVariables(variableList, client, range, timeZone);
          resolved.errors.forEach((e) => console.warn(e));
          templateVariables = new TemplateVariables(resolved.variables, range, timeZone);
          setRuntimeTemplateSrv(templateVariables);
          setVariables(templateVariables);
          setVariableErrors(resolved.errors);
        }
        templateVariables.updateTimeRange(range);
        const next = await runPanelQueries({
          panel: loaded.panel,
          range,
          width: widthRef.current,
          variables: templateVariables,
          datasource: config.datasource,
          client,
          timeZone,
          requestId: request.requestId,
          signal,
        });
        if (signal.aborted) {
          return;
        }
        handle.queries++;
        setData(next);
        setRenderCounter((n) => n + 1);
      } catch (e) {
        if (signal.aborted) {
          return;
        }
        const message = e instanceof Error ? e.message : String(e);
        setData((previous) => ({ ...previous, state: LoadingState.Error, error: { message }, errors: [{ message }] }));
      } finally {
        clearTimeout(loading);
      }
    };
    tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [loaded, manual, currentRange, refreshMs, client, config.dashboard, config.datasource, timeZone]);

  // Frames handed in by a test or benchmark replace the query results until resume().
  useEffect(() => {
    handle.setFrames = (frames) => {
      setManual(true);
      setData({ state: LoadingState.Done, series: toFrames(frames), timeRange: currentRange() });
      setRenderCounter((n) => n + 1);
    };
    handle.resume = () => setManual(false);
  }, [currentRange]);

  // The panel follows its container, like a dashboard grid item.
  useEffect(() => {
    const element = containerRef.current;
    if (!element) {
      return;
    }
    const observer = new ResizeObserver(([entry]) => {
      const { width, height } = entry.contentRect;
      widthRef.current = width;
      setSize({ width: Math.floor(width), height: Math.floor(height) });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    handle.dataState = data.state;
    handle.seriesCount = data.series.length;
    handle.errors = (data.errors ?? []).map((e) => e.message ?? '');
    if (loaded && !loadError && data.state !== LoadingState.NotStarted && data.state !== LoadingState.Loading) {
      handle.status = 'ready';
    }
  }, [data, loaded, loadError]);

  const replaceVariables = useCallback(
    (value: string, scopedVars?: ScopedVars, format?: string | Function) =>
      variables ? variables.replace(value, scopedVars, format as never) : value,
    [variables]
  );

  const onOptionsChange = useCallback(
    (options: Record<string, unknown>) => setLoaded((l) => (l ? { ...l, state: { ...l.state, options } } : l)),
    []
  );
  const onFieldConfigChange = useCallback(
    (fieldConfig: FieldConfigSource) => setLoaded((l) => (l ? { ...l, state: { ...l.state, fieldConfig } } : l)),
    []
  );
  const onRenderError = useCallback((error: Error | undefined) => {
    if (error) {
      handle.errors = [...handle.errors, `render: ${error.message}`];
    }
  }, []);

  useEffect(() => {
    handle.renders++;
  });

  return (
    <div className={styles.page}>
      <header className={styles.toolbar} data-testid="preview-toolbar">
        <span className={styles.title}>
          {config.dashboard.title ?? 'Dashboard'} · Grafana {config.hostVersion} · React {config.reactVersion}
        </span>
        {config.appMeta && (
          <LinkButton
            href={previewHref(`/a/${config.appMeta.id}`)}
            variant="secondary"
            fill="text"
            size="sm"
            data-testid="preview-app-link"
          >
            {config.appMeta.name}
          </LinkButton>
        )}
        <InlineField label="Range" data-testid="preview-range">
          <RadioButtonGroup
            options={RANGES}
            value={absoluteRange ? undefined : rangeKey}
            onChange={(value) => {
              setAbsoluteRange(undefined);
              setRangeKey(value);
            }}
          />
        </InlineField>
        <InlineField label="Refresh" data-testid="preview-refresh">
          <Select
            width={12}
            options={
              REFRESHES.some((o) => o.value === refreshMs)
                ? REFRESHES
                : [...REFRESHES, { value: refreshMs, label: `${refreshMs / 1000}s` }]
            }
            value={refreshMs}
            onChange={(option) => setRefreshMs(option.value ?? 0)}
            aria-label="Refresh interval"
          />
        </InlineField>
        <PageSettings config={config} mode={mode} onModeChange={onModeChange} />
      </header>
      {variableErrors.length > 0 && (
        <div className={styles.notice} role="status">
          {variableErrors.join('; ')}
        </div>
      )}
      <main className={styles.container} ref={containerRef} data-testid="preview-container">
        {loaded && variables && size.width > 0 && size.height > 0 && (
          <PanelView
            plugin={loaded.plugin}
            panelId={loaded.panel.id}
            title={variables.replace(loaded.panel.title ?? '')}
            description={loaded.panel.description}
            transparent={Boolean(loaded.panel.transparent)}
            data={data}
            options={loaded.state.options}
            fieldConfig={loaded.state.fieldConfig}
            width={size.width}
            height={size.height}
            timeZone={timeZone}
            renderCounter={renderCounter}
            replaceVariables={replaceVariables}
            eventBus={eventBus}
            onOptionsChange={onOptionsChange}
            onFieldConfigChange={onFieldConfigChange}
            onChangeTimeRange={setAbsoluteRange}
            onRenderError={onRenderError}
          />
        )}
      </main>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    background: theme.colors.background.canvas,
  }),
  ...getToolbarStyles(theme),
  notice: css({
    padding: theme.spacing(0.5, 2),
    color: theme.colors.warning.text,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  container: css({
    position: 'relative',
    flexGrow: 1,
    margin: theme.spacing(1),
    minHeight: 0,
  }),
});
