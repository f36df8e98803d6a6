import { FieldColorModeId, FieldConfigProperty, ThresholdsMode } from '@grafana/data';

import { FIELD_CONFIG } from './fieldConfig';

describe('FIELD_CONFIG', () => {
  const standard = FIELD_CONFIG.standardOptions ?? {};

  it('shows durations in seconds from zero by default', () => {
    expect(standard[FieldConfigProperty.Unit]?.defaultValue).toBe('s');
    expect(standard[FieldConfigProperty.Min]?.defaultValue).toBe(0);
  });

  it('colours durations green, orange from 0.5 s and red from 1 s', () => {
    expect(standard[FieldConfigProperty.Color]?.defaultValue).toEqual({ mode: FieldColorModeId.Thresholds });
    expect(standard[FieldConfigProperty.Thresholds]?.defaultValue).toEqual({
      mode: ThresholdsMode.Absolute,
      steps: [
        { value: -Infinity, color: 'green' },
        { value: 0.5, color: 'orange' },
        { value: 1, color: 'red' },
      ],
    });
  });

  it.each([
    FieldConfigProperty.Unit,
    FieldConfigProperty.Decimals,
    FieldConfigProperty.Min,
    FieldConfigProperty.Max,
    FieldConfigProperty.Thresholds,
    FieldConfigProperty.Color,
    FieldConfigProperty.Links,
    FieldConfigProperty.Mappings,
  ])('keeps the standard %s option', (property) => {
    expect(FIELD_CONFIG.disableStandardOptions).not.toContain(property);
  });
});
