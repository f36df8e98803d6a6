import { css } from '@emotion/css';
import React from 'react';
import { GrafanaTheme2 } from '@grafana/data';
import { InlineField, RadioButtonGroup, Select } from '@grafana/ui';

import { LANGUAGES, previewLanguage } from './languages';

export type ThemeMode = 'dark' | 'light';

const THEMES = [
  { value: 'dark' as const, label: 'Dark' },
  { value: 'light' as const, label: 'Light' },
];

/** Like Grafana, which reloads the page when the user's language changes. */
function changeLanguage(language: string): void {
  const url = new URL(window.location.href);
  url.searchParams.set('lang', language);
  window.location.assign(url.toString());
}

interface Props {
  config: { language?: string };
  mode: ThemeMode;
  onModeChange: (mode: ThemeMode) => void;
}

/** The theme switch and the language picker, in the dashboard's toolbar and the app's alike. */
export function PageSettings({ config, mode, onModeChange }: Props): React.JSX.Element {
  return (
    <>
      <InlineField label="Theme" data-testid="preview-theme">
        <RadioButtonGroup options={THEMES} value={mode} onChange={onModeChange} />
      </InlineField>
      <InlineField label="Language" data-testid="preview-language">
        <Select
          width={14}
          options={LANGUAGES}
          value={previewLanguage(config)}
          onChange={(option) => changeLanguage(option.value ?? 'en-US')}
          aria-label="Language"
        />
      </InlineField>
    </>
  );
}

/** The toolbar both pages of the preview put these settings in: the dashboard's and the app's. */
export const getToolbarStyles = (theme: GrafanaTheme2) => ({
  toolbar: css({
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    padding: theme.spacing(1, 2),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
  }),
  title: css({
    flexGrow: 1,
    color: theme.colors.text.secondary,
    fontSize: theme.typography.bodySmall.fontSize,
  }),
});
