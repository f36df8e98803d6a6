import React from 'react';
import * as ReactDOM from 'react-dom';
import {
  DataFrame,
  dateTime,
  EventBusSrv,
  FieldType,
  GrafanaTheme2,
  LoadingState,
  PanelProps,
  TimeRange,
} from '@grafana/data';
import { ThemeContext } from '@grafana/ui';

import { PortStatusPanel } from './components/PortStatusPanel';
import { defaultOptions, Options } from './options/defaultOptions';

const STEP_MS = 15_000;
const POINTS = 60;

/** The part of React 18's react-dom that makes a root; React 19 keeps it in react-dom/client. */
interface RootMaker {
  createRoot?: (container: Element) => { render(children: React.ReactNode): void; unmount(): void };
}

/**
 * A handful of targets in the shape Grafana's Prometheus data source delivers a range query
 * (one frame per series, the metric's name on the number field and in `__name__`, the step on the
 * time field): one up, one down, one flapping, so that every kind of tile is drawn once.
 */
export function rehearsalFrames(now: number): DataFrame[] {
  const frames: DataFrame[] = [];
  const times = Array.from({ length: POINTS }, (_, k) => now - (POINTS - 1 - k) * STEP_MS);
  const patterns: Array<(k: number) => number> = [() => 1, (k) => (k < POINTS - 4 ? 1 : 0), (k) => (k % 8 < 4 ? 1 : 0)];
  patterns.forEach((status, i) => {
    const labels = { instance: `192.0.2.${i + 1}:443`, job: 'blackbox' };
    const series: Array<[string, string, number[]]> = [
      ['A', 'probe_success', times.map((_, k) => status(k))],
      ['B', 'probe_duration_seconds', times.map((_, k) => 0.01 + ((k * 7 + i) % 11) / 1000)],
    ];
    for (const [refId, metric, values] of series) {
      frames.push({
        refId,
        length: POINTS,
        fields: [
          { name: 'Time', type: FieldType.time, config: { interval: STEP_MS }, values: times },
          { name: metric, type: FieldType.number, config: {}, labels: { __name__: metric, ...labels }, values },
        ],
      });
    }
  });
  return frames;
}

function rehearsalProps(now: number): PanelProps<Options> {
  const timeRange: TimeRange = {
    from: dateTime(now - POINTS * STEP_MS),
    to: dateTime(now),
    raw: { from: 'now-15m', to: 'now' },
  };
  const ignore = () => {};
  return {
    id: 0,
    data: { state: LoadingState.Done, series: rehearsalFrames(now), timeRange },
    timeRange,
    timeZone: 'browser',
    options: defaultOptions,
    transparent: false,
    width: 800,
    height: 400,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: '',
    eventBus: new EventBusSrv(),
    onOptionsChange: ignore,
    onFieldConfigChange: ignore,
    replaceVariables: (text: string) => text,
    onChangeTimeRange: ignore,
  };
}

/**
 * Draws the panel once, with a few made-up targets, into an element that is never in the page, and
 * takes it down again; whether it did. Done when the module loads, which in Grafana is while the
 * dashboard's queries are still out, so that the panel's first real render finds its code and
 * @grafana/ui's compiled, their style rules in the page and the icons on their way: most of the
 * fixed cost of a first paint on a fresh page, which `npm run bench`'s floor comparison measures
 * (docs/performance.md has the figures with and without it). An element outside the page is never
 * laid out or painted, and nothing of the rehearsal stays but caches. It needs a root of its own:
 * React 18's react-dom makes one; React 19's (Grafana 13) leaves that to react-dom/client, which
 * Grafana 12.0 does not share with plugins, so there the first render goes without it. A rehearsal
 * that fails is skipped, never the plugin's failure (rehearseFirstRender.test.tsx).
 */
export function rehearseFirstRender(theme: GrafanaTheme2 | undefined): boolean {
  const createRoot = (ReactDOM as RootMaker).createRoot;
  if (theme === undefined || typeof createRoot !== 'function' || typeof document === 'undefined') {
    return false;
  }
  try {
    const root = createRoot(document.createElement('div'));
    try {
      ReactDOM.flushSync(() =>
        root.render(
          <ThemeContext.Provider value={theme}>
            <PortStatusPanel {...rehearsalProps(Date.now())} />
          </ThemeContext.Provider>
        )
      );
    } finally {
      root.unmount();
    }
    return true;
  } catch {
    return false;
  }
}
