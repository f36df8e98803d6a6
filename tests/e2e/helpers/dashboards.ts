/**
 * Dashboards for the end-to-end tests, derived from the project's dashboard so that they keep its
 * queries and options: the Port Status panel as it ships, plus copies with data links and with the
 * service_name label in the tile titles, and one with small tiles.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ROOT } from './preview';

interface PanelJSON {
  id: number;
  type: string;
  title?: string;
  options?: Record<string, unknown>;
  fieldConfig?: { defaults?: Record<string, unknown>; overrides?: unknown[] };
}

export const PROJECT_PANEL_ID = 1;
/** Tiles titled by service_name, grouped by team, with a safe and an unsafe data link. */
export const LINKS_PANEL_ID = 11;
/** Only a `javascript:` data link. */
export const UNSAFE_LINK_PANEL_ID = 12;
/** The project's panel with small tiles, where badges share the state's line. */
export const SMALL_TILES_PANEL_ID = 13;

/** Where the first data link points; tests answer it themselves, nothing leaves the machine. */
export const LINK_BASE = 'https://status.example.com/probe';
export const UNSAFE_LINK = 'javascript:window.__portwatchLinkRan=true;alert(document.domain)';

export interface FixtureDashboard {
  path: string;
  remove(): void;
}

export function writeFixtureDashboard(): FixtureDashboard {
  const dashboard = JSON.parse(readFileSync(join(ROOT, 'dashboards', 'port-status.json'), 'utf8'));
  const project: PanelJSON = dashboard.panels.find(
    (p: PanelJSON) => p.type === 'portwatch-status-panel' && p.id === PROJECT_PANEL_ID
  );
  const copy = (id: number, title: string, options: Record<string, unknown>, links: unknown[]): PanelJSON => ({
    ...structuredClone(project),
    id,
    title,
    options: { ...project.options, ...options },
    fieldConfig: {
      ...project.fieldConfig,
      defaults: { ...project.fieldConfig?.defaults, links },
    },
  });
  dashboard.panels = [
    project,
    copy(LINKS_PANEL_ID, 'Services', { nameTemplate: '{{service_name}}', groupBy: 'team' }, [
      {
        title: 'Probe ${__field.labels.instance}',
        url: `${LINK_BASE}?instance=\${__field.labels.instance}`,
        targetBlank: true,
      },
      { title: 'Unsafe', url: UNSAFE_LINK },
    ]),
    copy(UNSAFE_LINK_PANEL_ID, 'Unsafe link', {}, [{ title: 'Unsafe', url: UNSAFE_LINK }]),
    copy(SMALL_TILES_PANEL_ID, 'Small tiles', { tileSize: 'small' }, project.fieldConfig?.defaults?.links as unknown[]),
  ];
  const dir = mkdtempSync(join(tmpdir(), 'portwatch-e2e-'));
  const path = join(dir, 'dashboard.json');
  writeFileSync(path, JSON.stringify(dashboard, null, 2));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
