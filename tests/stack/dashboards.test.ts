// The provisioned dashboard and its importable variant: same panels, the Port Status panel set up
// with the plugin's options and the three queries it reads.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { fromImportable, readMeta, render, toImportable } from '../../scripts/dashboards.mjs';
import { defaultOptions } from '../../src/options/defaultOptions';
import { ROOT } from './tools';

type Target = { refId: string; expr: string; datasource: { uid: string } };
type Panel = {
  id: number;
  type: string;
  title: string;
  targets: Target[];
  maxDataPoints?: number;
  options: Record<string, unknown>;
  fieldConfig: { defaults: Record<string, unknown> };
};

const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const provisioned = readJson('dashboards/port-status.json');
const importable = readJson('dashboards/import/port-status.json');
const plugin = readJson('src/plugin.json');
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
    });
    expect(statusPanel.options.statusRefId).toBe('A');
    expect(statusPanel.options.durationRefId).toBe('B');
    expect(statusPanel.options.proberRefId).toBe('C');
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
    const variables: Array<{ name: string; multi?: boolean; includeAll?: boolean; allValue?: string }> =
      readJson(file).templating?.list ?? [];
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
