import { PanelOptionsEditorBuilder, standardEditorsRegistry, StandardEditorsRegistryItem } from '@grafana/data';

import { rangeFrames, tableFrame, target } from '../test-utils/testFixtures';
import { buildOptions } from './buildOptions';
import { defaultOptions, Options } from './defaultOptions';

// Grafana fills this registry with its real editors at start-up; the builder only needs ids to exist.
standardEditorsRegistry.setInit(() =>
  ['text', 'number', 'boolean', 'radio', 'select'].map((id): StandardEditorsRegistryItem => ({
    id,
    name: id,
    editor: () => null,
  }))
);

function build() {
  const builder = new PanelOptionsEditorBuilder<Options>();
  buildOptions(builder);
  return builder.getItems();
}

const CATEGORIES: Record<keyof Options, string> = {
  keyLabels: 'Data',
  nameTemplate: 'Data',
  statusRefId: 'Data',
  durationRefId: 'Data',
  proberRefId: 'Data',
  httpStatusRefId: 'Data',
  certExpiryRefId: 'Data',
  contentCheckRefId: 'Data',
  dnsLookupRefId: 'Data',
  httpPhaseRefId: 'Data',
  hostRefId: 'Data',
  alertsRefId: 'Data',
  uptimeRefId: 'Data',
  certWarningDays: 'States',
  certCriticalDays: 'States',
  uptimeTarget: 'States',
  staleAfter: 'States',
  quorum: 'States',
  flappingThreshold: 'States',
  tileSize: 'Display',
  minTileWidth: 'Display',
  showSparkline: 'Display',
  showUptime: 'Display',
  showTimeInState: 'Display',
  showSummary: 'Display',
  showFilter: 'Display',
  sortBy: 'Display',
  groupBy: 'Display',
};

describe('buildOptions', () => {
  it('registers every option exactly once', () => {
    expect(
      build()
        .map((item) => item.path)
        .sort()
    ).toEqual(Object.keys(defaultOptions).sort());
  });

  it.each(Object.entries(CATEGORIES))('puts %s under %s with the shared default', (path, category) => {
    const item = build().find((candidate) => candidate.path === path);
    expect(item?.category).toEqual([category]);
    expect(item?.defaultValue).toEqual(defaultOptions[path as keyof Options]);
    expect(item?.name).not.toBe('');
  });

  it('keeps the categories in the order Data, States, Display', () => {
    const order = [...new Set(build().map((item) => item.category?.[0]))];
    expect(order).toEqual(['Data', 'States', 'Display']);
  });

  it('offers the label names of the data for grouping, from series and from tables', async () => {
    const groupBy = build().find((item) => item.path === 'groupBy');
    const data = [
      ...rangeFrames([target('a', [1], { env: 'prod' })], { metric: 'probe_success' }),
      tableFrame([target('b', [1], { region: 'eu' })], { metric: 'probe_success' }),
    ];
    const choices = await groupBy?.settings?.getOptions({ data });
    expect(choices?.map((choice: { value: string }) => choice.value)).toEqual(['', 'env', 'instance', 'job', 'region']);
  });
});
