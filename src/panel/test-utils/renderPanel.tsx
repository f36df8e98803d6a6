import { render, RenderResult } from '@testing-library/react';
import React from 'react';
import {
  createTheme,
  DataFrame,
  DataQueryRequest,
  dateTime,
  FieldConfig,
  FieldType,
  getDisplayProcessor,
  GrafanaTheme2,
  InterpolateFunction,
  LoadingState,
  PanelProps,
  ScopedVars,
  ThemeContext,
} from '@grafana/data';

import { NOW, RANGE } from './testFixtures';
import { defaultOptions, Options } from '../options/defaultOptions';
import { PortStatusPanel } from '../components/PortStatusPanel';

export type ThemeMode = 'light' | 'dark';

export const THEME_MODES: ThemeMode[] = ['light', 'dark'];

export interface PanelSetup {
  series: DataFrame[];
  options?: Partial<Options>;
  state?: LoadingState;
  width?: number;
  height?: number;
  theme?: ThemeMode;
  replaceVariables?: InterpolateFunction;
  /** The end of the dashboard's range; NOW unless given (a range ahead of the clock, as "Today" has). */
  rangeTo?: number;
  /** When the queries ran (the request's start time), as Grafana records it. */
  queriedAt?: number;
  /** An absolute range (dates picked), rather than one relative to now. */
  absolute?: boolean;
  /** The relative range's end as written (`now-1d/d` for "Yesterday"); `now`, or `now/d` with rangeTo. */
  rawTo?: string;
}

/**
 * Interpolates `${a.b.c}` from scoped variables the way Grafana's template service reads
 * `${__field.labels.instance}`: the first segment names the variable, the rest walk its value.
 */
export const interpolate: InterpolateFunction = (text, scopedVars?: ScopedVars, format?) =>
  text.replace(/\$\{([^}]+)\}/g, (whole, path: string) => {
    const [name, ...rest] = path.split('.');
    let value: unknown = scopedVars?.[name]?.value;
    for (const key of rest) {
      value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    if (value === undefined) {
      return whole;
    }
    return format === 'uriencode' ? encodeURIComponent(String(value)) : String(value);
  });

export function themeOf(mode: ThemeMode = 'dark'): GrafanaTheme2 {
  return createTheme({ colors: { mode } });
}

/** What Grafana does to every field before the panel sees it: merge the panel's field config and attach a display processor. */
export function withFieldConfig(
  frames: DataFrame[],
  config: FieldConfig,
  theme: GrafanaTheme2 = themeOf()
): DataFrame[] {
  return frames.map((frame) => ({
    ...frame,
    fields: frame.fields.map((field) => {
      if (field.type !== FieldType.number) {
        return field;
      }
      const merged = { ...field, config: { ...config, ...field.config } };
      return { ...merged, display: getDisplayProcessor({ field: merged, theme }) };
    }),
  }));
}

export function panelProps(setup: PanelSetup): PanelProps<Options> {
  const from = dateTime(RANGE.from);
  const to = dateTime(setup.rangeTo ?? NOW);
  const timeRange = {
    from,
    to,
    raw: setup.absolute
      ? { from, to }
      : { from: 'now-1h', to: setup.rawTo ?? (setup.rangeTo === undefined ? 'now' : 'now/d') },
  };
  return {
    id: 1,
    data: {
      state: setup.state ?? LoadingState.Done,
      series: setup.series,
      timeRange,
      request: setup.queriedAt === undefined ? undefined : ({ startTime: setup.queriedAt } as DataQueryRequest),
    },
    timeRange,
    timeZone: 'utc',
    options: { ...defaultOptions, ...setup.options },
    transparent: false,
    width: setup.width ?? 800,
    height: setup.height ?? 600,
    fieldConfig: { defaults: {}, overrides: [] },
    renderCounter: 0,
    title: 'Port Status',
    eventBus: {
      publish: jest.fn(),
      subscribe: jest.fn(),
      getStream: jest.fn(),
      removeAllListeners: jest.fn(),
      newScopedBus: jest.fn(),
    },
    onOptionsChange: jest.fn(),
    onFieldConfigChange: jest.fn(),
    replaceVariables: setup.replaceVariables ?? interpolate,
    onChangeTimeRange: jest.fn(),
  };
}

export function renderPanel(setup: PanelSetup): RenderResult {
  return render(
    <ThemeContext.Provider value={themeOf(setup.theme)}>
      <PortStatusPanel {...panelProps(setup)} />
    </ThemeContext.Provider>
  );
}

/**
 * jsdom lacks two browser APIs that @grafana/ui's Combobox uses: IntersectionObserver, and a 2D
 * canvas to measure option text (on a canvas outside the document). Canvases in the document keep
 * jsdom's missing context.
 */
export function stubComboboxEnvironment(): void {
  if (!('IntersectionObserver' in window)) {
    Object.assign(window, {
      IntersectionObserver: class {
        observe(): void {}
        unobserve(): void {}
        disconnect(): void {}
      },
    });
  }
  const measuring = { font: '', measureText: (text: string) => ({ width: text.length * 7 }) };
  jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
    return this.isConnected ? null : measuring;
  } as unknown as typeof HTMLCanvasElement.prototype.getContext);
}
