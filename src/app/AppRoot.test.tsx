import { render, screen } from '@testing-library/react';
import i18nextModule, { i18n } from 'i18next';
import React from 'react';
import { AppRootProps, locationUtil } from '@grafana/data';
import { locationService, PluginPageProps } from '@grafana/runtime';

import { APP_DASHBOARDS, APP_ID, APP_PAGES } from '../constants';
import { appTranslations } from '../i18n/appTranslations';
import korean from '../locales/ko-KR/portwatch-app.json';
import { AppRoot } from './AppRoot';
import { AppSettings } from './settings';

// Grafana's PluginPage titles the page with pageNav's text, and without it with plugin.json's English
// include name; @grafana/runtime's stand-in draws the children only, so this one shows the title too.
jest.mock('@grafana/runtime', () => ({
  ...jest.requireActual('@grafana/runtime'),
  PluginPage: ({ pageNav, children }: PluginPageProps) => (
    <div>
      <h1>{pageNav?.text}</h1>
      {children}
    </div>
  ),
}));

// The instance @grafana/i18n uses: the module's default export, under CommonJS one level down.
const i18next: i18n = (i18nextModule as unknown as { default?: i18n }).default ?? i18nextModule;

const props = { meta: { id: APP_ID, jsonData: {} } } as unknown as AppRootProps<AppSettings>;

describe('AppRoot', () => {
  beforeAll(async () => {
    await appTranslations;
    locationService.push(`/a/${APP_ID}/${APP_PAGES.targets}`);
  });

  afterEach(async () => {
    i18next.removeResourceBundle('ko-KR', APP_ID);
    await i18next.changeLanguage('en-US');
  });

  it('titles the page with the page’s name', async () => {
    render(<AppRoot {...props} />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('Target builder');
  });

  it('titles the page in the user’s language, as its tab', async () => {
    i18next.addResourceBundle('ko-KR', APP_ID, korean);
    await i18next.changeLanguage('ko-KR');
    render(<AppRoot {...props} />);
    expect(await screen.findByRole('heading', { level: 1 })).toHaveTextContent('대상 작성기');
    expect(screen.getByRole('tab', { name: '대상 작성기' })).toBeInTheDocument();
  });

  // Grafana served from a sub-path (root_url http://host/grafana/): a link from the root left it.
  it('links the dashboard tab under Grafana’s sub-path', async () => {
    const initialize = (appSubUrl: string) =>
      locationUtil.initialize({
        config: { appSubUrl } as Parameters<typeof locationUtil.initialize>[0]['config'],
        getTimeRangeForUrl: () => ({ from: 'now-1h', to: 'now' }),
        getVariablesUrlParams: () => ({}),
      });
    initialize('/grafana');
    try {
      render(<AppRoot {...props} />);
      const tab = await screen.findByRole('tab', { name: /Port Status dashboard/ });
      expect(tab.closest('a') ?? tab).toHaveAttribute('href', `/grafana/d/${APP_DASHBOARDS.portStatus}`);
    } finally {
      initialize('');
    }
  });
});
