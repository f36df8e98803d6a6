/**
 * The benchmark page. It loads dist/module.js exactly as the preview host does (the preview's shared
 * modules, SystemJS set-up, registries, plugin importer with its PanelPlugin check, option and field
 * config defaults from the dashboard JSON), draws the panel in PanelChrome with full PanelProps, and
 * lets bench/run.mjs drive it through `window.__portwatchBench`.
 *
 * Order matters: the preview's entry module comes first, as it evaluates the shared modules before
 * SystemJS and its AMD extra.
 */
import {
  DashboardJSON,
  fillStandardRegistries,
  findPanel,
  importPanelPlugin,
  initSystemJS,
  loadPanelState,
  PanelJSON,
  initHostI18n,
  setRuntimeTheme,
  startRuntime,
} from '../../preview/src/entry';

import React, { ComponentType, useEffect, useLayoutEffect, useMemo, useState } from 'react';
import { createRoot } from 'react-dom/client';

import {
  applyFieldOverrides,
  CoreApp,
  createTheme,
  DataFrame,
  dateTime,
  EventBusSrv,
  FieldConfigSource,
  getPanelOptionsWithDefaults,
  LoadingState,
  PanelData,
  PanelPlugin,
  PanelPluginMeta,
  PanelProps,
  PluginContextProvider,
  ThemeContext,
  TimeRange,
} from '@grafana/data';
import { GlobalStyles, PanelChrome, PanelContextProvider } from '@grafana/ui';

import { Floor } from './Floor';
import { generateFrames, GeneratedFrames, POINTS, STEP_MS } from './frames';
import { STAT_BASELINE_OPTIONS, StatBaseline } from './StatBaseline';

/** What bench/server.mjs tells the page. */
interface BenchConfig {
  dashboard: DashboardJSON;
  pluginMeta: PanelPluginMeta;
  hostVersion: string;
  reactVersion: string;
}

/**
 * `portwatch-basic` is the panel on status and duration frames alone, to weigh what the other roles cost;
 * `floor` the plain-DOM floor on the same frames (Floor.tsx).
 */
export type Kind = 'portwatch' | 'portwatch-basic' | 'stat' | 'floor';

interface Runner {
  plugin: PanelPlugin;
  options: Record<string, unknown>;
  fieldConfig: FieldConfigSource;
  /** The frames of a generated set this panel is given. */
  pick: (frames: GeneratedFrames) => DataFrame[];
}

/** A variation of the panel for finding out what costs the time: other options, another height. */
export interface Variant {
  options?: Record<string, unknown>;
  height?: number;
}

interface View {
  kind: Kind;
  data: PanelData;
  renderCounter: number;
  variant?: Variant;
}

/** When the handed-in props reached the screen, in performance.now() ms. */
interface Painted {
  /** React committed the panel's DOM (layout effects after it ran). */
  commit: number;
  /** Passive effects flushed (the Stat baseline draws its uPlot canvases in effects). */
  effects: number;
  /** requestAnimationFrame after the effects, then setTimeout(0): the frame with them has been rendered. */
  painted: number;
  /** The second requestAnimationFrame after the effects: the frame with the render has been drawn. */
  secondFrame: number;
}

export interface RunResult {
  /** From handing the props to the painted frame. */
  paintMs: number;
  /** From handing the props to the second animation frame after the render (the floor comparison's end point). */
  secondFrameMs: number;
  /**
   * To the frame painted after the last change of the panel's DOM that followed (icons of @grafana/ui
   * fill in with a render of their own); `paintMs` when nothing changed after the first frame.
   */
  settledMs: number;
  commitMs: number;
  effectsMs: number;
  /** applyFieldOverrides on the frames, before the panel gets them (what the dashboard does). */
  fieldConfigMs: number;
  heapBefore: number;
  heapAfter: number;
  domNodes: number;
  /** Elements of the tile type (Port Status) or BigValue cells (Stat) in the DOM. */
  items: number;
  canvases: number;
  /** Size of one Stat cell, to show that every BigValue got its sparkline. */
  cell?: { width: number; height: number };
}

export interface ScrollResult {
  steps: number;
  stepPx: number;
  scrollHeight: number;
  frameMs: number[];
  longTasks: number;
  longTaskMs: number;
  /** Whether the last tile was in the DOM at the bottom: the grid really reached the end. */
  reachedEnd: boolean;
}

declare global {
  interface Window {
    __portwatchBench?: BenchHandle;
    gc?: () => void;
  }
  interface Performance {
    memory?: { usedJSHeapSize: number; totalJSHeapSize: number };
  }
}

interface BenchHandle {
  status: 'loading' | 'ready' | 'failed';
  error?: string;
  info?: Record<string, unknown>;
  generate(
    targets: number,
    seed: number,
    refresh?: number,
    /** Status and duration frames only (A and B), kept for later refreshes until said otherwise. */
    basicOnly?: boolean
  ): { ms: number; frames: number; mix: Record<string, number> };
  /** Fresh mount: unmount, prepare the frames for `kind` (field config), then show them and measure. */
  mount(kind: Kind, variant?: Variant): Promise<RunResult>;
  /** The two halves of `mount`, so that a profile can cover the second alone. */
  stage(kind: Kind, variant?: Variant): Promise<void>;
  /** `withHeap` false leaves out the forced garbage collections around the render. */
  showStaged(withHeap?: boolean): Promise<RunResult>;
  refresh(kind: Kind, targets: number, seed: number, refresh: number): Promise<RunResult & { generateMs: number }>;
  /** The two halves of `refresh`, so that a trace or profile can cover the second alone. */
  stageRefresh(kind: Kind, targets: number, seed: number, refresh: number): Promise<void>;
  showStagedRefresh(): Promise<RunResult & { generateMs: number }>;
  unmount(): Promise<void>;
  heap(): Promise<number>;
  /**
   * Scrolls the Port Status grid from the top, one step per frame: half a view per step, or larger so that
   * `maxSteps` reach the bottom; with `halfViews` always half a view, stopping after `maxSteps`.
   */
  scroll(maxSteps: number, halfViews?: boolean): Promise<ScrollResult>;
  /** The harness alone: an empty render to its painted frame, the floor under every figure. */
  floor(): Promise<number[]>;
  errors: string[];
}

const handle: BenchHandle = {
  status: 'loading',
  errors: [],
  generate: notReady,
  mount: notReady,
  stage: notReady,
  showStaged: notReady,
  refresh: notReady,
  stageRefresh: notReady,
  showStagedRefresh: notReady,
  unmount: notReady,
  heap: notReady,
  scroll: notReady,
  floor: notReady,
};
window.__portwatchBench = handle;

function notReady(): never {
  throw new Error(`bench page is ${handle.status}${handle.error ? `: ${handle.error}` : ''}`);
}

const PANEL_SELECTOR = '[data-bench="panel"]';
const GRID_SELECTOR = '[data-testid="portwatch-grid"]';
const TILE_SELECTOR = '[data-testid="portwatch-tile"]';

const theme = createTheme({ colors: { mode: 'dark' } });
const eventBus = new EventBusSrv();
const panelContext = { eventsScope: 'global', eventBus, app: CoreApp.Dashboard };
const replaceVariables = (value: string) => value;
const noop = () => undefined;

let setView: (view: View | null, token: number) => void = noop;
let harnessMounted: () => void = noop;
const harnessReady = new Promise<void>((resolve) => (harnessMounted = resolve));
const waiting = new Map<number, (painted: Painted) => void>();
let nextToken = 1;

/** Calls back once the render with this token has been committed, its effects run and its frame drawn. */
function Probe({ token }: { token: number }) {
  const [commitAt] = useState(() => new Map<number, number>());
  useLayoutEffect(() => {
    commitAt.set(token, performance.now());
  }, [token, commitAt]);
  useEffect(() => {
    const effects = performance.now();
    const commit = commitAt.get(token) ?? effects;
    commitAt.delete(token);
    let painted = NaN;
    requestAnimationFrame(() => {
      setTimeout(() => (painted = performance.now()), 0);
      requestAnimationFrame(() => {
        const secondFrame = performance.now();
        waiting.get(token)?.({ commit, effects, painted: Number.isNaN(painted) ? secondFrame : painted, secondFrame });
        waiting.delete(token);
      });
    });
  }, [token, commitAt]);
  return null;
}

/** Grafana's app root: theme and global styles, rendered once; the panel's changes stay below it. */
function App({ runners, title }: { runners: Record<Kind, Runner>; title: string }) {
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <Harness runners={runners} title={title} />
    </ThemeContext.Provider>
  );
}

function Harness({ runners, title }: { runners: Record<Kind, Runner>; title: string }) {
  const [state, setState] = useState<{ view: View | null; token: number }>({ view: null, token: 0 });
  useLayoutEffect(() => {
    setView = (view, token) => setState({ view, token });
    harnessMounted();
  }, []);
  const { view, token } = state;
  const runner = view ? runners[view.kind] : undefined;
  const Panel = runner?.plugin.panel as ComponentType<PanelProps<Record<string, unknown>>> | undefined;
  const variant = view?.variant;
  // One options object per panel, as a dashboard keeps it, so the bench renders what a dashboard does.
  const options = useMemo(
    () => (variant?.options ? { ...runner?.options, ...variant.options } : runner?.options) ?? {},
    [runner, variant]
  );

  return (
    <div style={{ position: 'absolute', inset: theme.spacing(1), background: theme.colors.background.canvas }}>
      <PanelChrome
        title={title}
        width={window.innerWidth - 16}
        height={view?.variant?.height ?? window.innerHeight - 16}
        padding="md"
      >
        {(innerWidth, innerHeight) => (
          <div data-bench="panel" style={{ width: innerWidth, height: innerHeight }}>
            {view && runner && Panel && (
              <PluginContextProvider meta={runner.plugin.meta}>
                <PanelContextProvider value={panelContext}>
                  <Panel
                    id={1}
                    data={view.data}
                    title={title}
                    timeRange={view.data.timeRange}
                    timeZone="browser"
                    options={options}
                    fieldConfig={runner.fieldConfig}
                    transparent={false}
                    width={innerWidth}
                    height={innerHeight}
                    renderCounter={view.renderCounter}
                    replaceVariables={replaceVariables}
                    onOptionsChange={noop}
                    onFieldConfigChange={noop}
                    onChangeTimeRange={noop}
                    eventBus={eventBus}
                  />
                </PanelContextProvider>
              </PluginContextProvider>
            )}
            <Probe token={token} />
          </div>
        )}
      </PanelChrome>
    </div>
  );
}

/** Sets the view and resolves once its frame is on screen. */
function show(view: View | null): { started: number; done: Promise<Painted> } {
  const token = nextToken++;
  const done = new Promise<Painted>((resolve) => waiting.set(token, resolve));
  const started = performance.now();
  setView(view, token);
  return { started, done };
}

/** Nothing changed in the panel for this long: it has settled. */
const SETTLE_QUIET_MS = 150;
const SETTLE_LIMIT_MS = 3000;

/**
 * Watches the panel's DOM from before a render: `until(painted)` resolves with the time of the frame
 * painted after the last mutation, waiting until nothing has changed for SETTLE_QUIET_MS.
 */
function watchSettling(root: Element | null) {
  let lastMutation = -1;
  let lastPainted = -1;
  const observer = new MutationObserver(() => {
    const at = performance.now();
    lastMutation = at;
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (lastMutation === at) {
          lastPainted = performance.now();
        }
      }, 0)
    );
  });
  if (root) {
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
  }
  return {
    async until(painted: number): Promise<number> {
      const limit = performance.now() + SETTLE_LIMIT_MS;
      while (performance.now() < limit) {
        await new Promise((resolve) => setTimeout(resolve, SETTLE_QUIET_MS / 3));
        const quiet = lastMutation < 0 || performance.now() - lastMutation > SETTLE_QUIET_MS;
        if (quiet && (lastMutation < painted || lastPainted >= lastMutation)) {
          break;
        }
      }
      observer.disconnect();
      return lastMutation > painted && lastPainted > painted ? lastPainted : painted;
    },
  };
}

async function collectGarbage(): Promise<number> {
  if (!window.gc) {
    throw new Error('window.gc is missing: start Chromium with --js-flags=--expose-gc');
  }
  window.gc();
  await new Promise((resolve) => setTimeout(resolve, 0));
  window.gc();
  return performance.memory?.usedJSHeapSize ?? NaN;
}

function timeRangeEndingAt(end: number): TimeRange {
  const from = dateTime(end - POINTS * STEP_MS);
  const to = dateTime(end);
  return { from, to, raw: { from: 'now-1h', to: 'now' } };
}

function countIn(root: Element | null, selector: string): number {
  return root ? root.querySelectorAll(selector).length : 0;
}

async function start(): Promise<void> {
  const response = await fetch('/bench/config.json');
  const config = (await response.json()) as BenchConfig;
  window.__grafana_public_path__ = '/public/';
  fillStandardRegistries();
  initSystemJS();
  await initHostI18n('en-US', ['en-US']);
  startRuntime(config.hostVersion, 'en-US');
  setRuntimeTheme(theme);

  const panel: PanelJSON = findPanel(config.dashboard, config.pluginMeta.id);
  const { plugin, error } = await importPanelPlugin(config.pluginMeta);
  if (error) {
    throw error;
  }
  const state = await loadPanelState(plugin, panel);

  const stat = new PanelPlugin(StatBaseline).useFieldConfig();
  stat.meta = { ...config.pluginMeta, id: 'stat', name: 'Stat (baseline)', module: 'core:plugin/stat' };
  const statState = getPanelOptionsWithDefaults({
    plugin: stat,
    currentOptions: { ...STAT_BASELINE_OPTIONS },
    currentFieldConfig: structuredClone(panel.fieldConfig ?? { defaults: {}, overrides: [] }),
    isAfterPluginChange: false,
  });

  const floorPlugin = new PanelPlugin(Floor).useFieldConfig();
  floorPlugin.meta = { ...config.pluginMeta, id: 'bench-floor', name: 'Floor', module: 'core:plugin/floor' };

  const runners: Record<Kind, Runner> = {
    portwatch: { plugin, options: state.options, fieldConfig: state.fieldConfig, pick: (f) => f.series },
    'portwatch-basic': { plugin, options: state.options, fieldConfig: state.fieldConfig, pick: (f) => f.basic },
    stat: {
      plugin: stat as unknown as PanelPlugin,
      options: statState.options,
      fieldConfig: statState.fieldConfig,
      pick: (f) => f.durations,
    },
    floor: {
      plugin: floorPlugin as unknown as PanelPlugin,
      options: {},
      fieldConfig: state.fieldConfig,
      pick: (f) => f.basic,
    },
  };

  const baseEnd = Math.floor(Date.now() / STEP_MS) * STEP_MS;
  let frames: GeneratedFrames | undefined;
  let current: View | null = null;
  const countTiles = () => (frames ? frames.targets : 0);

  const prepare = (kind: Kind): { data: PanelData; fieldConfigMs: number } => {
    if (!frames) {
      throw new Error('generate frames first');
    }
    const runner = runners[kind];
    const started = performance.now();
    const series = applyFieldOverrides({
      data: runner.pick(frames),
      fieldConfig: runner.fieldConfig,
      fieldConfigRegistry: runner.plugin.fieldConfigRegistry,
      replaceVariables,
      theme,
      timeZone: 'browser',
    });
    const fieldConfigMs = performance.now() - started;
    return { data: { state: LoadingState.Done, series, timeRange: timeRangeEndingAt(frames.end) }, fieldConfigMs };
  };

  const measure = async (kind: Kind, view: View, fieldConfigMs: number, withHeap = true): Promise<RunResult> => {
    const heapBefore = withHeap ? await collectGarbage() : NaN;
    const root = document.querySelector(PANEL_SELECTOR);
    const settling = watchSettling(root);
    const { started, done } = show(view);
    const painted = await done;
    const settled = await settling.until(painted.painted);
    current = view;
    const heapAfter = withHeap ? await collectGarbage() : NaN;
    let cell: RunResult['cell'];
    const firstCell = root?.querySelector('[data-testid="stat-baseline"] > div > div > div');
    if (firstCell instanceof HTMLElement) {
      cell = { width: firstCell.offsetWidth, height: firstCell.offsetHeight };
    }
    return {
      paintMs: painted.painted - started,
      secondFrameMs: painted.secondFrame - started,
      settledMs: settled - started,
      commitMs: painted.commit - started,
      effectsMs: painted.effects - started,
      fieldConfigMs,
      heapBefore,
      heapAfter,
      domNodes: root ? root.getElementsByTagName('*').length : 0,
      items:
        kind === 'portwatch' || kind === 'portwatch-basic'
          ? countIn(root, TILE_SELECTOR)
          : kind === 'floor'
            ? countIn(root, '.bf-tile')
            : cell
              ? (firstCell?.parentElement?.childElementCount ?? 0)
              : 0,
      canvases: countIn(root, 'canvas'),
      cell,
    };
  };

  handle.unmount = async () => {
    current = null;
    await show(null).done;
  };

  let basicFrames = false;
  handle.generate = (targets, seed, refresh = 0, basicOnly = basicFrames) => {
    basicFrames = basicOnly;
    const started = performance.now();
    frames = undefined;
    frames = generateFrames(panel, targets, seed, baseEnd + refresh * STEP_MS, basicOnly);
    return { ms: performance.now() - started, frames: frames.series.length, mix: frames.mix };
  };

  let staged: { kind: Kind; variant?: Variant; data: PanelData; fieldConfigMs: number } | undefined;

  handle.stage = async (kind, variant) => {
    await handle.unmount();
    staged = { kind, variant, ...prepare(kind) };
    await collectGarbage();
  };

  handle.showStaged = async (withHeap = true) => {
    if (!staged) {
      throw new Error('stage a panel first');
    }
    const { kind, variant, data, fieldConfigMs } = staged;
    staged = undefined;
    return measure(kind, { kind, data, renderCounter: 1, variant }, fieldConfigMs, withHeap);
  };

  handle.mount = async (kind, variant) => {
    await handle.stage(kind, variant);
    return handle.showStaged();
  };

  let stagedRefresh: { kind: Kind; data: PanelData; fieldConfigMs: number; generateMs: number } | undefined;

  handle.stageRefresh = async (kind, targets, seed, refresh) => {
    if (!current || current.kind !== kind) {
      throw new Error(`mount ${kind} before refreshing it`);
    }
    const generateMs = handle.generate(targets, seed, refresh).ms;
    stagedRefresh = { kind, generateMs, ...prepare(kind) };
  };

  handle.showStagedRefresh = async () => {
    if (!stagedRefresh || !current || current.kind !== stagedRefresh.kind) {
      throw new Error('stage a refresh of the mounted panel first');
    }
    const { kind, data, fieldConfigMs, generateMs } = stagedRefresh;
    stagedRefresh = undefined;
    const result = await measure(kind, { kind, data, renderCounter: current.renderCounter + 1 }, fieldConfigMs);
    return { ...result, generateMs };
  };

  handle.refresh = async (kind, targets, seed, refresh) => {
    await handle.stageRefresh(kind, targets, seed, refresh);
    return handle.showStagedRefresh();
  };

  handle.heap = collectGarbage;

  handle.floor = async () => {
    await handle.unmount();
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { started, done } = show(null);
      samples.push((await done).painted - started);
    }
    return samples;
  };

  handle.scroll = (maxSteps, halfViews = false) => {
    const grid = document.querySelector<HTMLElement>(`${PANEL_SELECTOR} ${GRID_SELECTOR}`);
    if (!grid) {
      return Promise.reject(new Error('no Port Status grid to scroll'));
    }
    const total = grid.scrollHeight - grid.clientHeight;
    const stepPx = halfViews ? grid.clientHeight / 2 : Math.max(grid.clientHeight / 2, total / maxSteps);
    const frameMs: number[] = [];
    let longTasks = 0;
    let longTaskMs = 0;
    const observer =
      typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('longtask')
        ? new PerformanceObserver((list) => {
            for (const entry of list.getEntries()) {
              longTasks++;
              longTaskMs += entry.duration;
            }
          })
        : undefined;
    observer?.observe({ entryTypes: ['longtask'] });
    grid.scrollTop = 0;
    return new Promise<ScrollResult>((resolve) => {
      let last: number | undefined;
      let position = 0;
      let steps = 0;
      let settleFrames = 2;
      const frame = (time: number) => {
        if (last !== undefined) {
          frameMs.push(time - last);
        }
        last = time;
        if (position >= total || steps >= maxSteps) {
          // Two more frames so the last step's render is counted, then stop.
          if (settleFrames-- > 0) {
            requestAnimationFrame(frame);
            return;
          }
          observer?.disconnect();
          const lastTile = grid.querySelector(`[data-index="${countTiles() - 1}"]`);
          resolve({
            steps,
            stepPx,
            scrollHeight: grid.scrollHeight,
            frameMs,
            longTasks,
            longTaskMs,
            reachedEnd: Boolean(lastTile),
          });
          return;
        }
        position = Math.min(total, position + stepPx);
        steps++;
        grid.scrollTop = position;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    });
  };

  const container = document.getElementById('root')!;
  createRoot(container).render(<App runners={runners} title={panel.title ?? 'Port status'} />);
  await harnessReady;
  await show(null).done;

  const panelElement = document.querySelector(PANEL_SELECTOR);
  const box = panelElement?.getBoundingClientRect();
  handle.info = {
    grafana: config.hostVersion,
    react: config.reactVersion,
    plugin: {
      id: config.pluginMeta.id,
      version: config.pluginMeta.info.version,
      isPanelPlugin: plugin instanceof PanelPlugin,
    },
    panel: { width: Math.round(box?.width ?? 0), height: Math.round(box?.height ?? 0) },
    viewport: { width: window.innerWidth, height: window.innerHeight, devicePixelRatio: window.devicePixelRatio },
    options: state.options,
    gc: typeof window.gc === 'function',
    preciseMemory: Boolean(performance.memory),
    userAgent: navigator.userAgent,
  };
  handle.status = 'ready';
}

window.addEventListener('error', (event) => handle.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => handle.errors.push(String(event.reason)));

start().catch((e: unknown) => {
  handle.status = 'failed';
  handle.error = e instanceof Error ? e.message : String(e);
  console.error('Bench page failed to start', e);
});
