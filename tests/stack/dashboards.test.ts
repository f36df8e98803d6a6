// The provisioned dashboards and their importable variants: same panels, the Port Status panel set up
// with the plugin's options and the queries it reads, its tiles linked to the Port detail dashboard.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fromImportable, readMeta, render, renderApp, toImportable, withRevision } from '../../scripts/dashboards.mjs';
import { defaultOptions } from '../../src/panel/options/defaultOptions';
import { ROOT } from './tools';

type Target = {
  refId: string;
  expr: string;
  datasource: { uid: string };
  editorMode?: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
  format?: string;
};
type Threshold = { color: string; value: number | null };
type Panel = {
  id: number;
  type: string;
  title: string;
  gridPos: { x: number; y: number; w: number; h: number };
  targets: Target[];
  maxDataPoints?: number;
  options: Record<string, unknown>;
  fieldConfig: {
    defaults: Record<string, unknown> & {
      links?: Array<{ title: string; url: string }>;
      mappings?: Array<{ type: string; options: Record<string, { text: string; color?: string }> }>;
      thresholds?: { mode: string; steps: Threshold[] };
    };
  };
  transformations?: Array<{ id: string; options: { excludeByName?: Record<string, boolean> } }>;
};
type Variable = {
  name: string;
  type: string;
  definition?: string;
  query?: { query: string };
  multi?: boolean;
  includeAll?: boolean;
  allValue?: string;
};

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const provisioned = readJson('dashboards/port-status.json');
const importable = readJson('dashboards/import/port-status.json');
const plugin = readJson('src/panel/plugin.json');
const panels: Panel[] = provisioned.panels;
/** Every dashboard Grafana is given: the provisioned ones and their importable twins. */
const dashboardFiles = [
  ...readdirSync(join(ROOT, 'dashboards'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `dashboards/${name}`),
  ...readdirSync(join(ROOT, 'dashboards/import'))
    .filter((name) => name.endsWith('.json'))
    .map((name) => `dashboards/import/${name}`),
];
const statusPanel = panels.find((p) => p.type === plugin.id)!;
const detail = readJson('dashboards/port-detail.json');
const detailImportable = readJson('dashboards/import/port-detail.json');
const detailPanels: Panel[] = detail.panels;
const DAY_SECONDS = 86400;

/** Pairs of panels of a dashboard whose grid rectangles overlap, by id. */
function overlaps(list: Panel[]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  list.forEach((a, i) =>
    list.slice(i + 1).forEach((b) => {
      const apart =
        a.gridPos.x + a.gridPos.w <= b.gridPos.x ||
        b.gridPos.x + b.gridPos.w <= a.gridPos.x ||
        a.gridPos.y + a.gridPos.h <= b.gridPos.y ||
        b.gridPos.y + b.gridPos.h <= a.gridPos.y;
      if (!apart) {
        out.push([a.id, b.id]);
      }
    })
  );
  return out;
}

describe('dashboards/port-status.json', () => {
  it('has a Port Status panel of the plugin type', () => {
    expect(plugin.id).toBe('portwatch-status-panel');
    expect(panels.filter((p) => p.type === plugin.id)).toHaveLength(1);
  });

  it('queries status, duration and prober health of the probe jobs, by refId', () => {
    const byRef = Object.fromEntries(statusPanel.targets.map((t) => [t.refId, t.expr]));
    const selector = '{job=~"$job", instance=~"$instance"}';
    expect(byRef).toEqual({
      A: `probe_success${selector}`,
      B: `probe_duration_seconds${selector}`,
      // All is every job, so the prober query keeps to probe jobs by their name, as the alert rules do.
      C: 'up{job=~"$job", job=~"probe_.*", instance=~"$instance"}',
      D: `probe_http_status_code${selector}`,
      E: `probe_ssl_earliest_cert_expiry${selector}`,
      F: `probe_failed_due_to_regex${selector}`,
      G: `probe_dns_lookup_time_seconds${selector}`,
      H: `probe_http_duration_seconds${selector}`,
      // Hosts are not port targets: their tiles join them by the `host` label, whatever $instance is.
      I: 'probe_success{job="probe_icmp"}',
      J: 'ALERTS{alertstate=~"firing|pending", alertname=~"Portwatch.*", instance!=""}',
      U: 'avg_over_time(probe_success{job=~"$job", instance=~"$instance"}[$__range])',
    });
  });

  it.each([
    ['statusRefId', 'A'],
    ['durationRefId', 'B'],
    ['proberRefId', 'C'],
    ['httpStatusRefId', 'D'],
    ['certExpiryRefId', 'E'],
    ['contentCheckRefId', 'F'],
    ['dnsLookupRefId', 'G'],
    ['httpPhaseRefId', 'H'],
    ['hostRefId', 'I'],
    ['alertsRefId', 'J'],
    ['uptimeRefId', 'U'],
  ])('maps the option %s to the query %s', (option, refId) => {
    expect(statusPanel.options[option]).toBe(refId);
    expect(statusPanel.targets.map((t) => t.refId)).toContain(refId);
  });

  it('asks for the uptime over the whole range once, as an instant query, and for everything else as time series', () => {
    const kinds = Object.fromEntries(statusPanel.targets.map((t) => [t.refId, [t.range, t.instant]]));
    expect(kinds).toEqual({
      A: [true, false],
      B: [true, false],
      C: [true, false],
      D: [true, false],
      E: [true, false],
      F: [true, false],
      G: [true, false],
      H: [true, false],
      I: [true, false],
      J: [true, false],
      U: [false, true],
    });
  });

  it('writes every query alike: the provisioned data source, the code editor, the instance as legend', () => {
    const shapes = new Set(
      statusPanel.targets.map((t) => JSON.stringify([t.datasource, t.editorMode, t.legendFormat, t.format]))
    );
    expect([...shapes]).toEqual([
      JSON.stringify([{ type: 'prometheus', uid: 'portwatch-prometheus' }, 'code', '{{instance}}', undefined]),
    ]);
  });

  it('sets the certificate and uptime limits the tiles warn at', () => {
    expect(statusPanel.options).toMatchObject({ certWarningDays: 14, certCriticalDays: 3, uptimeTarget: 99.9 });
  });

  it("links every tile to the Port detail dashboard, with the tile's instance and the time range", () => {
    const links = statusPanel.fieldConfig.defaults.links ?? [];
    expect(links.map((l) => l.title)).toEqual(['Port detail']);
    const [path, query] = links[0].url.split('?');
    expect(path).toBe(`/d/${detail.uid}/port-detail`);
    // Grafana puts `from=...&to=...` (no '?') for ${__url_time_range}; the label's value is
    // percent-encoded whole, since an http_2xx target is a URL with its own `&`, `#` and `+`.
    expect(query.split('&')).toEqual(['var-instance=${__field.labels.instance:percentencode}', '${__url_time_range}']);
    const variable = detail.templating.list.find((v: Variable) => `var-${v.name}` === query.split('=')[0]);
    expect(variable?.name).toBe('instance');
  });

  it('never hides a target: All of $job and $instance is every value, not the list of jobs with probe results', () => {
    // A job whose exporter was down for the whole range has no probe_success, so it is not in the
    // list; with All as that list, its up == 0 would be left out and its targets would vanish.
    const job = provisioned.templating.list.find((v: { name: string }) => v.name === 'job');
    expect(job.definition).toBe('label_values(probe_success, job)');
    expect(job.query.query).toBe(job.definition);
    expect(job).toMatchObject({ multi: true, includeAll: true, type: 'query', allValue: '.*' });
    const instance = provisioned.templating.list.find((v: { name: string }) => v.name === 'instance');
    expect(instance).toMatchObject({ multi: true, includeAll: true, type: 'query', allValue: '.*' });
    expect(instance.definition).toBe('label_values(probe_success{job=~"$job"}, instance)');
  });

  it.each(dashboardFiles)('%s: every multi-value variable with All has an All value', (file) => {
    const variables: Variable[] = readJson(file).templating?.list ?? [];
    const missing = variables.filter((v) => (v.multi || v.includeAll) && !v.allValue).map((v) => v.name);
    expect(missing).toEqual([]);
  });

  it('sizes the query for sparklines, not the panel width, and gives durations in seconds', () => {
    expect(statusPanel.maxDataPoints).toBeGreaterThanOrEqual(60);
    expect(statusPanel.maxDataPoints).toBeLessThanOrEqual(120);
    expect(statusPanel.fieldConfig.defaults.unit).toBe('s');
  });

  it("sets every one of the plugin's options, with the right types", () => {
    expect(Object.keys(statusPanel.options).sort()).toEqual(Object.keys(defaultOptions).sort());
    for (const [key, value] of Object.entries(defaultOptions)) {
      expect([key, typeof statusPanel.options[key]]).toEqual([key, typeof value]);
    }
  });

  it('also has a time series of probe durations and a state timeline of probe_success for every target', () => {
    const timeseries = panels.find((p) => p.type === 'timeseries')!;
    expect(timeseries.targets.map((t) => t.expr)).toEqual([
      'probe_duration_seconds{job=~"$job", instance=~"$instance"}',
    ]);
    expect(timeseries.fieldConfig.defaults.unit).toBe('s');
    const timeline = panels.find((p) => p.type === 'state-timeline')!;
    expect(timeline.targets.map((t) => t.expr)).toEqual(['probe_success{job=~"$job", instance=~"$instance"}']);
  });

  it('has unique panel ids and a fixed uid', () => {
    expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    expect(provisioned.uid).toBe('portwatch-port-status');
    expect(provisioned.id).toBeNull();
  });
});

describe.each(['dashboards/port-status.json', 'dashboards/port-detail.json'])('%s: layout', (file) => {
  const list: Panel[] = readJson(file).panels;

  it('places its panels within the 24 columns without overlap', () => {
    expect(list.filter((p) => p.gridPos.x < 0 || p.gridPos.x + p.gridPos.w > 24).map((p) => p.id)).toEqual([]);
    expect(overlaps(list)).toEqual([]);
  });

  it('catches overlapping panels', () => {
    const moved = list.map((p, i) => (i === 1 ? { ...p, gridPos: { ...list[0].gridPos } } : p));
    expect(overlaps(moved)).toEqual([[list[0].id, list[1].id]]);
  });
});

describe('dashboards/port-detail.json', () => {
  const byExpr = (expr: string) => detailPanels.filter((p) => p.targets.some((t) => t.expr === expr));
  const variable = (name: string): Variable => detail.templating.list.find((v: Variable) => v.name === name);

  it('has a fixed uid, unique panel ids and the tags and data source of the Port Status dashboard', () => {
    expect(detail).toMatchObject({ uid: 'portwatch-port-detail', title: 'Port detail', id: null });
    expect(detail.tags).toEqual(provisioned.tags);
    expect(detail.schemaVersion).toBe(provisioned.schemaVersion);
    expect(new Set(detailPanels.map((p) => p.id)).size).toBe(detailPanels.length);
    const uids = new Set(detailPanels.flatMap((p) => p.targets.map((t) => t.datasource.uid)));
    expect([...uids]).toEqual(['portwatch-prometheus']);
  });

  it('shows one target at a time, chosen by the instance variable', () => {
    const instance = variable('instance');
    expect(instance).toMatchObject({ type: 'query', multi: false, includeAll: false });
    expect(instance.definition).toBe('label_values(probe_success{job=~"$job"}, instance)');
    expect(instance.query?.query).toBe(instance.definition);
    // Every query selects exactly that instance, never a pattern that could match others.
    const unselected = detailPanels.flatMap((p) => p.targets).filter((t) => !t.expr.includes('{instance="$instance"}'));
    expect(unselected).toEqual([]);
  });

  it.each([
    ['state-timeline', 'probe_success{instance="$instance"}'],
    ['timeseries', 'probe_http_duration_seconds{instance="$instance"}'],
    ['timeseries', 'probe_duration_seconds{instance="$instance"}'],
    ['stat', 'probe_http_status_code{instance="$instance"}'],
    ['stat', 'probe_ssl_earliest_cert_expiry{instance="$instance"} - time()'],
    ['timeseries', 'probe_dns_lookup_time_seconds{instance="$instance"}'],
    ['table', 'ALERTS{instance="$instance"}'],
    ['table', 'probe_success{instance="$instance"}'],
  ])('has a %s panel of %s', (type, expr) => {
    expect(byExpr(expr).map((p) => p.type)).toContain(type);
  });

  it('draws probe_success as UP and DOWN', () => {
    const timeline = detailPanels.find((p) => p.type === 'state-timeline')!;
    const options = timeline.fieldConfig.defaults.mappings?.[0].options ?? {};
    expect(options['1']).toMatchObject({ text: 'UP', color: 'green' });
    expect(options['0']).toMatchObject({ text: 'DOWN', color: 'red' });
  });

  it('stacks the HTTP phases, one series per phase, in seconds', () => {
    const [phases] = byExpr('probe_http_duration_seconds{instance="$instance"}');
    const target = phases.targets.find((t) => t.expr.startsWith('probe_http_duration_seconds'))!;
    expect(target.legendFormat).toBe('{{phase}}');
    expect(phases.fieldConfig.defaults).toMatchObject({ unit: 's', custom: { stacking: { mode: 'normal' } } });
  });

  it('colours the certificate expiry at the days the Port Status tiles warn at', () => {
    const [expiry] = byExpr('probe_ssl_earliest_cert_expiry{instance="$instance"} - time()');
    expect(expiry.fieldConfig.defaults.unit).toBe('dtdurations');
    expect(expiry.fieldConfig.defaults.thresholds?.steps).toEqual([
      { color: 'red', value: null },
      { color: 'orange', value: (statusPanel.options.certCriticalDays as number) * DAY_SECONDS },
      { color: 'green', value: (statusPanel.options.certWarningDays as number) * DAY_SECONDS },
    ]);
  });

  it.each([
    ['Alerts', 'ALERTS{instance="$instance"}'],
    ['Labels', 'probe_success{instance="$instance"}'],
  ])('lists the %s as a table of the newest values, without the time and value columns', (_, expr) => {
    const table = byExpr(expr).find((p) => p.type === 'table')!;
    expect(table.targets).toEqual([expect.objectContaining({ instant: true, range: false, format: 'table' })]);
    const organize = table.transformations?.find((t) => t.id === 'organize');
    expect(organize?.options.excludeByName).toMatchObject({ Time: true, Value: true });
  });
});

describe('dashboards/import/port-detail.json', () => {
  it('is what `npm run dashboards` generates, and the provisioned dashboard once imported', () => {
    expect(detailImportable).toEqual(JSON.parse(render(readMeta())['port-detail.json']));
    expect(fromImportable(detailImportable)).toEqual(detail);
    expect(JSON.stringify(detailImportable)).not.toContain('portwatch-prometheus');
  });

  it("names each of Grafana's panels it requires", () => {
    const panelsRequired = detailImportable.__requires.filter((r: { type: string }) => r.type === 'panel');
    expect(panelsRequired.map((r: { id: string }) => r.id)).toEqual(['stat', 'state-timeline', 'table', 'timeseries']);
    // A core panel missing from BUILT_IN in scripts/dashboards.mjs would be named by its id.
    expect(panelsRequired.filter((r: { id: string; name: string }) => r.id === r.name)).toEqual([]);
  });
});

describe('dashboards/import/port-status.json', () => {
  it('holds the same panels and variables as the provisioned dashboard', () => {
    const back = fromImportable(importable);
    expect(back.panels).toEqual(provisioned.panels);
    expect(back.templating).toEqual(provisioned.templating);
    expect(back).toEqual(provisioned);
  });

  it('asks for the data source on import and names what it requires', () => {
    expect(importable.__inputs).toEqual([
      expect.objectContaining({ name: 'DS_PROMETHEUS', type: 'datasource', pluginId: 'prometheus' }),
    ]);
    expect(JSON.stringify(importable)).not.toContain('portwatch-prometheus');
    const requires = importable.__requires.map((r: { type: string; id: string }) => `${r.type}:${r.id}`);
    expect(requires).toEqual(
      expect.arrayContaining([
        'grafana:grafana',
        'datasource:prometheus',
        `panel:${plugin.id}`,
        'panel:timeseries',
        'panel:state-timeline',
      ])
    );
    const grafana = importable.__requires.find((r: { id: string }) => r.id === 'grafana');
    expect(grafana.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('is what `npm run dashboards` generates (versions aside, which follow plugin.json and package.json)', () => {
    const withoutVersions = (d: { __requires: Array<{ version: string }> }) => ({
      ...d,
      __requires: d.__requires.map((r) => ({ ...r, version: '' })),
    });
    const generated = JSON.parse(render(readMeta())['port-status.json']);
    expect(withoutVersions(importable)).toEqual(withoutVersions(generated));
  });

  it('turns every reference to the provisioned data source into the input', () => {
    const made = toImportable(
      {
        id: 7,
        panels: [
          {
            type: 'x',
            datasource: { type: 'prometheus', uid: 'portwatch-prometheus' },
            targets: [{ datasource: { uid: 'portwatch-prometheus' } }],
          },
        ],
      },
      { plugin: { id: 'x', name: 'X', dependencies: { grafanaDependency: '>=12.1.0' } }, version: '2.0.0' }
    );
    expect(made.id).toBeNull();
    expect(made.panels[0].datasource.uid).toBe('${DS_PROMETHEUS}');
    expect(made.panels[0].targets[0].datasource.uid).toBe('${DS_PROMETHEUS}');
    expect(made.__requires).toEqual(
      expect.arrayContaining([
        { type: 'grafana', id: 'grafana', name: 'Grafana', version: '12.1.0' },
        { type: 'panel', id: 'x', name: 'X', version: '2.0.0' },
      ])
    );
  });
});

describe('src/dashboards: the ones the app brings', () => {
  it.each(['port-status.json', 'port-detail.json'])('%s is what `npm run dashboards` generates', (name) => {
    expect(readFileSync(join(ROOT, 'src', 'dashboards', name), 'utf8')).toBe(renderApp()[name]);
  });

  // Grafana re-imports an app's dashboards on an update only when their revision changed.
  it('takes the next revision when its content changes, and keeps its revision otherwise', () => {
    const dashboard = { uid: 'portwatch-port-status', title: 'Port Status', panels: [{ id: 1 }] };
    expect(withRevision(dashboard, undefined).revision).toBe(1);
    expect(withRevision(dashboard, { ...dashboard }).revision).toBe(1);
    expect(withRevision(dashboard, { ...dashboard, revision: 4 }).revision).toBe(4);
    expect(withRevision(dashboard, { ...dashboard, title: 'Ports', revision: 4 }).revision).toBe(5);
    expect(withRevision(dashboard, { ...dashboard, revision: 'x' }).revision).toBe(1);
    expect(readJson('src/dashboards/port-status.json').revision).toBeGreaterThanOrEqual(1);
  });

  const urls = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(urls)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, v]) => (key === 'url' && typeof v === 'string' ? [v] : urls(v)))
        : [];

  it.each(['port-status.json', 'port-detail.json'])(
    '%s carries the data source chosen in every link to the other dashboard',
    (name) => {
      const dashboard = readJson(`src/dashboards/${name}`);
      expect(dashboard.templating.list.map((v: Variable) => v.name)).toContain('datasource');
      const links = urls(dashboard).filter((url) => url.startsWith('/d/portwatch-'));
      expect(links.length).toBeGreaterThan(0);
      for (const url of links) {
        expect(url.split(/[?&]/)).toContain('${datasource:queryparam}');
      }
    }
  );
});
