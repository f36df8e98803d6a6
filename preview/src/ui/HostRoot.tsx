import { css, Global } from '@emotion/react';
import React, { ComponentType, useMemo, useState } from 'react';
import { createTheme, ThemeContext } from '@grafana/data';
import { GlobalStyles } from '@grafana/ui';

import { setRuntimeTheme } from '../host/runtimeSetup';
import type { PreviewConfig } from './App';
import { ThemeMode } from './PageSettings';

/** What a page inside HostRoot gets: the preview's settings and the theme mode, which it can change. */
export interface HostPageProps {
  config: PreviewConfig;
  mode: ThemeMode;
  onModeChange: (mode: ThemeMode) => void;
}

/**
 * Grafana's app root, for the dashboard page and the app page alike: the theme (from `?theme=`, the
 * settings or dark) in context and in @grafana/runtime, and the global styles around everything.
 */
export function HostRoot({ config, Page }: { config: PreviewConfig; Page: ComponentType<HostPageProps> }) {
  const [mode, setMode] = useState<ThemeMode>(
    (new URLSearchParams(window.location.search).get('theme') as ThemeMode | null) ?? config.theme ?? 'dark'
  );
  const theme = useMemo(() => createTheme({ colors: { mode } }), [mode]);
  setRuntimeTheme(theme);
  return (
    <ThemeContext.Provider value={theme}>
      <GlobalStyles />
      <PageGlobalStyles />
      <Page config={config} mode={mode} onModeChange={setMode} />
    </ThemeContext.Provider>
  );
}

/**
 * What Grafana's own stylesheet (its reboot) gives the page and @grafana/ui's GlobalStyles does not: a
 * body without the browser's 8 px margin, which would make a page of the window's height scroll
 * (tests/e2e/preview.test.ts).
 */
function PageGlobalStyles(): React.JSX.Element {
  return <Global styles={css({ body: { margin: 0 } })} />;
}
