import { FieldColorModeId, FieldConfigProperty, SetFieldConfigOptionsArgs, ThresholdsMode } from '@grafana/data';

/**
 * Grafana's standard field options, read through `field.display` for the probe duration: unit,
 * decimals, thresholds and colour for the duration text and sparkline, min/max for the sparkline
 * scale, links for each tile, mappings and "no value" for the duration text.
 */
export const FIELD_CONFIG: SetFieldConfigOptionsArgs = {
  standardOptions: {
    [FieldConfigProperty.Unit]: { defaultValue: 's' },
    [FieldConfigProperty.Min]: { defaultValue: 0 },
    [FieldConfigProperty.Thresholds]: {
      defaultValue: {
        mode: ThresholdsMode.Absolute,
        steps: [
          { value: -Infinity, color: 'green' },
          { value: 0.5, color: 'orange' },
          { value: 1, color: 'red' },
        ],
      },
    },
    [FieldConfigProperty.Color]: {
      defaultValue: { mode: FieldColorModeId.Thresholds },
    },
  },
  // Tile names come from the name template, and the panel has no table or actions to drive.
  disableStandardOptions: [
    FieldConfigProperty.DisplayName,
    FieldConfigProperty.Actions,
    FieldConfigProperty.Filterable,
    FieldConfigProperty.FieldMinMax,
  ],
};
