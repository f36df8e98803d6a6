import { css, Global } from '@emotion/react';
import React from 'react';

/**
 * What Grafana's own stylesheet (its reboot) gives the page and @grafana/ui's GlobalStyles does not: a
 * body without the browser's 8 px margin, which would make a page of the window's height scroll
 * (tests/e2e/preview.test.ts).
 */
export function PageGlobalStyles(): React.JSX.Element {
  return <Global styles={css({ body: { margin: 0 } })} />;
}
