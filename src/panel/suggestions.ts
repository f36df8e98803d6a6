import {
  DataFrame,
  FieldType,
  PanelPlugin,
  VisualizationSuggestionScore,
  VisualizationSuggestionsBuilder,
} from '@grafana/data';

import { METRIC_STATUS, PLUGIN_ID } from './constants';
import { METRIC_NAME_LABEL } from './data/labelValue';
import { t } from '../i18n/t';

/** What the panel offers in the visualization picker, in the shape both Grafana 12 and 13 accept. */
export interface PortStatusSuggestion {
  name: string;
  description: string;
  score: VisualizationSuggestionScore;
}

/** The part of Grafana 13's data summary the supplier reads. */
export interface SummaryFrames {
  rawFrames?: DataFrame[];
}

/**
 * A supplier both Grafana versions can call: Grafana 13 calls the function with a data summary, and
 * its setSuggestionsSupplier drops anything that is not a function; Grafana 12.0 calls
 * `getSuggestionsForData(builder)` on what it was given.
 */
export type DualSupplier = ((summary: SummaryFrames) => PortStatusSuggestion[] | void) & {
  getSuggestionsForData: (builder: VisualizationSuggestionsBuilder) => void;
};

function suggestion(): PortStatusSuggestion {
  return {
    name: t('suggestion.name', 'Port Status'),
    description: t('suggestion.description', 'One tile per probe target: up, down, stale, unknown or partial'),
    // Good rather than Best: Grafana's own panels can draw the same series too, only not as tiles per target.
    score: VisualizationSuggestionScore.Good,
  };
}

/** Whether a series of probe_success is among the frames: time series labels or a table's `__name__` column. */
export function holdsProbeSuccess(frames: readonly DataFrame[] | undefined): boolean {
  return (frames ?? []).some((frame) =>
    frame.fields.some(
      (field) =>
        field.labels?.[METRIC_NAME_LABEL] === METRIC_STATUS ||
        (field.name === METRIC_NAME_LABEL &&
          field.type === FieldType.string &&
          Array.prototype.some.call(field.values, (value) => value === METRIC_STATUS))
    )
  );
}

/** The Port Status suggestion for data that holds probe_success, none for other data. */
export function suggestPortStatus(frames: readonly DataFrame[] | undefined): PortStatusSuggestion[] | void {
  return holdsProbeSuccess(frames) ? [suggestion()] : undefined;
}

export const suggestionsSupplier: DualSupplier = Object.assign(
  (summary: SummaryFrames) => suggestPortStatus(summary.rawFrames),
  {
    getSuggestionsForData: (builder: VisualizationSuggestionsBuilder): void => {
      const suggestions = suggestPortStatus(builder.data?.series);
      if (suggestions) {
        const list = builder.getListAppender({ name: suggestion().name, pluginId: PLUGIN_ID });
        suggestions.forEach((suggestion) => list.append(suggestion));
      }
    },
  }
);

/**
 * Offers the panel in the visualization picker where the running Grafana can ask for it. A Grafana
 * whose PanelPlugin has no setSuggestionsSupplier still loads the plugin, without suggestions
 * (suggestions.test.ts: "loads without suggestions where Grafana has no supplier").
 */
export function withSuggestions<P extends PanelPlugin>(plugin: P): P {
  if (typeof plugin.setSuggestionsSupplier === 'function') {
    plugin.setSuggestionsSupplier(suggestionsSupplier);
  }
  return plugin;
}
