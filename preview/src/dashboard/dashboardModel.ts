/**
 * The parts of a Grafana dashboard JSON (classic model, as provisioned from a file) that the preview uses.
 */
import type { DataTransformerConfig, FieldConfigSource } from '@grafana/data';

import type { PromTarget } from '../datasource/promBackend';

export interface DataSourceRef {
  type?: string;
  uid?: string;
}

export interface PanelJSON {
  id: number;
  type: string;
  title?: string;
  description?: string;
  datasource?: DataSourceRef | string | null;
  targets?: PromTarget[];
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
  maxDataPoints?: number | null;
  interval?: string | null;
  pluginVersion?: string;
  transformations?: DataTransformerConfig[];
  panels?: PanelJSON[];
  transparent?: boolean;
}

export interface VariableJSON {
  name: string;
  type: string;
  label?: string;
  query?: unknown;
  definition?: string;
  current?: { text?: string | string[]; value?: string | string[] };
  options?: Array<{ text: string; value: string; selected?: boolean }>;
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string | null;
  regex?: string;
  sort?: number;
  hide?: number;
  /** 1: on dashboard load, 2: on time range change (auto-refresh included). */
  refresh?: number;
}

export interface DashboardJSON {
  uid?: string;
  title?: string;
  timezone?: string;
  time?: { from: string; to: string };
  /** Grafana's auto-refresh: "10s", or "" or false for none. */
  refresh?: string | false;
  panels?: PanelJSON[];
  templating?: { list?: VariableJSON[] };
}

/** Every panel, including those inside collapsed rows. */
export function allPanels(dashboard: DashboardJSON): PanelJSON[] {
  return (dashboard.panels ?? []).flatMap((panel) => [panel, ...(panel.panels ?? [])]);
}

/** The panel to preview: the one with `panelId`, else the first of the plugin's type. */
export function findPanel(dashboard: DashboardJSON, pluginId: string, panelId?: number): PanelJSON {
  const panels = allPanels(dashboard);
  const panel = panelId !== undefined ? panels.find((p) => p.id === panelId) : panels.find((p) => p.type === pluginId);
  if (!panel) {
    throw new Error(
      panelId !== undefined ? `dashboard has no panel with id ${panelId}` : `dashboard has no panel of type ${pluginId}`
    );
  }
  return panel;
}
