#!/usr/bin/env node
/**
 * `npm run dashboards`: writes the importable variant of each dashboard.
 *
 * dashboards/*.json are the sources, for Grafana's file provisioning, with the data source of
 * provisioning/datasources/ (fixed uid); the preview host reads the panel from them. dashboards/import/*.json are generated from them for
 * Dashboards > Import: the data source becomes an input (`__inputs`), and `__requires` names the
 * plugins and Grafana version they need. src/dashboards/*.json are the ones the app brings: there the
 * data source is a dashboard variable, since an app's dashboards are imported without inputs.
 * `--check` exits 1 when a generated file is out of date.
 */
import { readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const DASHBOARDS_DIR = join(ROOT, 'dashboards');
export const IMPORT_DIR = join(DASHBOARDS_DIR, 'import');
export const APP_DIR = join(ROOT, 'src', 'dashboards');
const DATASOURCE_VARIABLE = 'datasource';
export const DATASOURCE_UID = 'portwatch-prometheus';
const INPUT = 'DS_PROMETHEUS';

/** Grafana's own panels and data sources, with the names __requires gives them. */
const BUILT_IN = {
  timeseries: 'Time series',
  'state-timeline': 'State timeline',
  stat: 'Stat',
  table: 'Table',
  text: 'Text',
};

function walk(value, visit) {
  if (Array.isArray(value)) {
    return value.map((v) => walk(v, visit));
  }
  if (value && typeof value === 'object') {
    return visit(Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, visit)])));
  }
  return value;
}

/** The lowest Grafana version in a plugin.json `grafanaDependency` such as ">=12.0.2". */
function minGrafanaVersion(range) {
  return /(\d+\.\d+\.\d+)/.exec(range ?? '')?.[1] ?? '12.0.0';
}

/**
 * The importable variant of a dashboard of dashboards/.
 * @param {object} dashboard the dashboard, with the provisioned data source's uid
 * @param {{plugin: {id: string, name: string, info?: {version?: string}, dependencies?: {grafanaDependency?: string}}, version: string}} meta
 *   the panel plugin's plugin.json and the package version
 */
export function toImportable(dashboard, { plugin, version }) {
  const body = walk(dashboard, (node) =>
    node.uid === DATASOURCE_UID && (node.type === 'prometheus' || node.type === undefined)
      ? { ...node, uid: `\${${INPUT}}` }
      : node
  );
  const panelTypes = [...new Set(dashboard.panels.map((p) => p.type))].sort();
  const requires = [
    {
      type: 'grafana',
      id: 'grafana',
      name: 'Grafana',
      version: minGrafanaVersion(plugin.dependencies?.grafanaDependency),
    },
    { type: 'datasource', id: 'prometheus', name: 'Prometheus', version: '1.0.0' },
    ...panelTypes.map((type) =>
      type === plugin.id
        ? { type: 'panel', id: type, name: plugin.name, version }
        : { type: 'panel', id: type, name: BUILT_IN[type] ?? type, version: '' }
    ),
  ];
  const { id: _id, ...rest } = body;
  return {
    __inputs: [
      {
        name: INPUT,
        label: 'Prometheus',
        description: 'Prometheus-compatible data source with blackbox_exporter probe metrics',
        type: 'datasource',
        pluginId: 'prometheus',
        pluginName: 'Prometheus',
      },
    ],
    __elements: {},
    __requires: requires,
    id: null,
    ...rest,
  };
}

/** Links from one of the project's dashboards to another: `/d/portwatch-...`. */
const PROJECT_DASHBOARD_LINK = /^\/d\/portwatch-/;

/**
 * The app's variant: every Prometheus reference through a `datasource` variable of the dashboard,
 * and every link to the other dashboard (a tile's data link, the dashboard link back) carrying the
 * data source chosen, so that a user on another Prometheus than the default lands on the same data.
 */
export function toAppDashboard(dashboard) {
  const carried = `\${${DATASOURCE_VARIABLE}:queryparam}`;
  const body = walk(dashboard, (node) => {
    if (node.uid === DATASOURCE_UID && (node.type === 'prometheus' || node.type === undefined)) {
      return { ...node, uid: `\${${DATASOURCE_VARIABLE}}` };
    }
    if (typeof node.url === 'string' && PROJECT_DASHBOARD_LINK.test(node.url)) {
      return { ...node, url: `${node.url}${node.url.includes('?') ? '&' : '?'}${carried}` };
    }
    return node;
  });
  const variable = {
    name: DATASOURCE_VARIABLE,
    label: 'Data source',
    type: 'datasource',
    query: 'prometheus',
    current: {},
    hide: 0,
    refresh: 1,
    options: [],
    regex: '',
    skipUrlSync: false,
  };
  const { id: _id, ...rest } = body;
  return {
    ...rest,
    id: null,
    templating: { ...rest.templating, list: [variable, ...(rest.templating?.list ?? [])] },
  };
}

/** The provisioned data source uid put back: what the importable variant holds once imported. */
export function fromImportable(importable) {
  const { __inputs, __elements, __requires, ...rest } = importable;
  return walk(rest, (node) => (node.uid === `\${${INPUT}}` ? { ...node, uid: DATASOURCE_UID } : node));
}

export function readMeta() {
  const plugin = JSON.parse(readFileSync(join(ROOT, 'src', 'panel', 'plugin.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  return { plugin, version };
}

export function sources() {
  return readdirSync(DASHBOARDS_DIR).filter((f) => f.endsWith('.json'));
}

/** The generated files, by name, as text. */
export function render(meta = readMeta()) {
  return Object.fromEntries(
    sources().map((name) => {
      const dashboard = JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8'));
      return [name, `${JSON.stringify(toImportable(dashboard, meta), null, 2)}\n`];
    })
  );
}

/**
 * The dashboard with its `revision`: Grafana re-imports an app's dashboard when the app is updated
 * only if the revision in the plugin differs from the one it imported (syncPluginDashboards), so
 * every change of content takes the next revision, and an unchanged dashboard keeps its own.
 * `previous` is the generated file as it stands.
 */
export function withRevision(dashboard, previous) {
  const { revision: before, ...previousBody } = previous ?? {};
  const revision = Number.isInteger(before) && before > 0 ? before : 0;
  const same = previous !== undefined && JSON.stringify(previousBody) === JSON.stringify(dashboard);
  return { ...dashboard, revision: same ? Math.max(1, revision) : revision + 1 };
}

function readJsonIfAny(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The app's dashboards, by name, as text. */
export function renderApp() {
  return Object.fromEntries(
    sources().map((name) => {
      const dashboard = JSON.parse(readFileSync(join(DASHBOARDS_DIR, name), 'utf8'));
      const app = withRevision(toAppDashboard(dashboard), readJsonIfAny(join(APP_DIR, name)));
      return [name, `${JSON.stringify(app, null, 2)}\n`];
    })
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const check = process.argv.includes('--check');
  let stale = 0;
  mkdirSync(IMPORT_DIR, { recursive: true });
  mkdirSync(APP_DIR, { recursive: true });
  const outputs = [
    ...Object.entries(render()).map(([name, text]) => [join(IMPORT_DIR, name), text]),
    ...Object.entries(renderApp()).map(([name, text]) => [join(APP_DIR, name), text]),
  ];
  for (const [path, text] of outputs) {
    const shown = path.slice(ROOT.length + 1);
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // not generated yet
    }
    if (current === text) {
      continue;
    }
    if (check) {
      console.error(`${shown} is out of date: run npm run dashboards`);
      stale++;
    } else {
      writeFileSync(path, text);
      console.log(`wrote ${shown}`);
    }
  }
  process.exitCode = stale > 0 ? 1 : 0;
}
