import {
  createDataFrame,
  DataFrame,
  FieldType,
  getDefaultTimeRange,
  LoadingState,
  PanelPlugin,
  VisualizationSuggestionScore,
  VisualizationSuggestionsBuilder,
} from '@grafana/data';

import { plugin } from './module';
import { holdsProbeSuccess, suggestionsSupplier, withSuggestions } from './suggestions';

const T0 = Date.UTC(2026, 0, 1);

function timeSeries(metric: string, instance = 'db:5432'): DataFrame {
  return createDataFrame({
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: [T0, T0 + 15_000] },
      { name: 'Value', type: FieldType.number, values: [1, 0], labels: { __name__: metric, instance } },
    ],
  });
}

function table(metrics: string[]): DataFrame {
  return createDataFrame({
    refId: 'A',
    fields: [
      { name: 'Time', type: FieldType.time, values: metrics.map(() => T0) },
      { name: '__name__', type: FieldType.string, values: metrics },
      { name: 'instance', type: FieldType.string, values: metrics.map((_, i) => `db${i}:5432`) },
      { name: 'Value #A', type: FieldType.number, values: metrics.map(() => 1) },
    ],
  });
}

const WITH_PROBE_SUCCESS: Array<[string, DataFrame[]]> = [
  ['a probe_success time series', [timeSeries('probe_success')]],
  [
    'probe_success beside other metrics',
    [timeSeries('up'), timeSeries('probe_duration_seconds'), timeSeries('probe_success')],
  ],
  ['a table whose __name__ column holds probe_success', [table(['up', 'probe_success'])]],
];

const WITHOUT_PROBE_SUCCESS: Array<[string, DataFrame[] | undefined]> = [
  ['no frames', []],
  ['no data at all', undefined],
  ['other metrics', [timeSeries('up'), timeSeries('node_cpu_seconds_total')]],
  [
    'a series without a metric name',
    [createDataFrame({ fields: [{ name: 'Value', type: FieldType.number, values: [1] }] })],
  ],
  ['a label value that only looks like it', [timeSeries('up', 'probe_success')]],
  ['a table of other metrics', [table(['up', 'probe_duration_seconds'])]],
  [
    'a string field named probe_success',
    [createDataFrame({ fields: [{ name: 'probe_success', type: FieldType.string, values: ['probe_success'] }] })],
  ],
];

function builderFor(series: DataFrame[] | undefined): VisualizationSuggestionsBuilder {
  return new VisualizationSuggestionsBuilder(
    series === undefined ? undefined : { state: LoadingState.Done, series, timeRange: getDefaultTimeRange() }
  );
}

describe('holdsProbeSuccess', () => {
  it.each(WITH_PROBE_SUCCESS)('finds %s', (_, frames) => {
    expect(holdsProbeSuccess(frames)).toBe(true);
  });

  it.each(WITHOUT_PROBE_SUCCESS)('finds nothing in %s', (_, frames) => {
    expect(holdsProbeSuccess(frames)).toBe(false);
  });
});

describe('the suggestions supplier', () => {
  describe('called as Grafana 13 does, with a data summary', () => {
    it.each(WITH_PROBE_SUCCESS)('offers Port Status for %s', (_, frames) => {
      expect(suggestionsSupplier({ rawFrames: frames })).toEqual([
        expect.objectContaining({ name: 'Port Status', score: VisualizationSuggestionScore.Good }),
      ]);
    });

    it.each(WITHOUT_PROBE_SUCCESS)('offers nothing for %s', (_, frames) => {
      expect(suggestionsSupplier({ rawFrames: frames })).toBeUndefined();
    });
  });

  describe('called as Grafana 12 does, with a builder', () => {
    it.each(WITH_PROBE_SUCCESS)('adds Port Status for %s', (_, frames) => {
      const builder = builderFor(frames);
      suggestionsSupplier.getSuggestionsForData(builder);
      expect(builder.getList()).toEqual([
        expect.objectContaining({
          name: 'Port Status',
          pluginId: 'portwatch-status-panel',
          score: VisualizationSuggestionScore.Good,
        }),
      ]);
    });

    it.each(WITHOUT_PROBE_SUCCESS)('adds nothing for %s', (_, frames) => {
      const builder = builderFor(frames);
      suggestionsSupplier.getSuggestionsForData(builder);
      expect(builder.getList()).toEqual([]);
    });

    it('gives each call a suggestion of its own, as the builder fills in defaults in place', () => {
      const first = builderFor([timeSeries('probe_success')]);
      const second = builderFor([timeSeries('probe_success')]);
      suggestionsSupplier.getSuggestionsForData(first);
      suggestionsSupplier.getSuggestionsForData(second);
      expect(first.getList()[0]).not.toBe(second.getList()[0]);
    });
  });
});

describe('withSuggestions', () => {
  it('registers the supplier on the plugin', async () => {
    // A function, which Grafana 13 keeps, that also answers Grafana 12's getSuggestionsForData.
    const loaded = await plugin;
    expect(loaded.getSuggestionsSupplier()).toBe(suggestionsSupplier);
    expect(typeof loaded.getSuggestionsSupplier()).toBe('function');
  });

  it('loads without suggestions where Grafana has no supplier', () => {
    const older = Object.assign(Object.create(PanelPlugin.prototype), { setSuggestionsSupplier: undefined });
    expect(() => withSuggestions(older)).not.toThrow();
    expect(withSuggestions(older)).toBe(older);
  });
});
