import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { createDataFrame, DataFrame, FieldType, PanelPlugin } from '@grafana/data';

import { withSuggestions } from './suggestions';

const HOST_13 = join(__dirname, '..', '..', 'preview', 'hosts', '13');

/** The part of Grafana 13's @grafana/data this test drives. */
interface Grafana13Data {
  PanelPlugin: new (panel: unknown) => Grafana13Plugin;
  getPanelDataSummary: (frames: DataFrame[]) => unknown;
}

interface Grafana13Plugin {
  meta: { id: string; name: string };
  getSuggestions: (summary: unknown) => Array<{ name: string; pluginId: string; score?: number }> | void;
}

function grafana13(): Grafana13Data {
  // The preview host's Grafana 13 packages, installed the way its build installs them on first use.
  if (!existsSync(join(HOST_13, 'node_modules', '@grafana', 'data'))) {
    execFileSync('npm', ['ci', '--prefix', HOST_13, '--no-audit', '--no-fund'], { stdio: 'ignore' });
  }
  return createRequire(join(HOST_13, 'package.json'))('@grafana/data');
}

function series(metric: string): DataFrame {
  return createDataFrame({
    fields: [
      { name: 'Time', type: FieldType.time, values: [0, 15_000] },
      { name: 'Value', type: FieldType.number, values: [1, 1], labels: { __name__: metric, instance: 'db:5432' } },
    ],
  });
}

// Grafana 13's PanelPlugin drops a supplier that is not a function and asks the one it keeps with a
// data summary: the same registration as in Grafana 12 must work there.
describe("Grafana 13's PanelPlugin with the panel's suggestions", () => {
  const data = grafana13();
  const plugin = new data.PanelPlugin(() => null);
  plugin.meta = { id: 'portwatch-status-panel', name: 'Port Status' };
  withSuggestions(plugin as unknown as PanelPlugin);

  it('suggests Port Status for probe_success', () => {
    expect(plugin.getSuggestions(data.getPanelDataSummary([series('up'), series('probe_success')]))).toEqual([
      expect.objectContaining({ name: 'Port Status', pluginId: 'portwatch-status-panel', score: 70 }),
    ]);
  });

  it('suggests nothing for other data', () => {
    expect(plugin.getSuggestions(data.getPanelDataSummary([series('up')]))).toBeUndefined();
    expect(plugin.getSuggestions(data.getPanelDataSummary([]))).toBeUndefined();
  });
});
