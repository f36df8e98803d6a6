/**
 * The preview host as Grafana hosts an app (preview/src/ui/AppHost.tsx): the built app (dist/) loaded
 * through SystemJS at /a/portwatch-app, its root page routed by @grafana/runtime's locationService, its
 * settings kept by the server and handed back as `meta.jsonData`, its configuration page on Grafana's
 * plugin details page (/plugins/portwatch-app, preview/src/ui/PluginDetails.tsx), and the dashboard's
 * panel (the app's nested plugin, dist/panel/) still at /.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { Browser } from 'playwright-core';

import { APP_ID, APP_TEST_IDS } from '../../src/constants';
import { startStack } from '../../stack/stack.mjs';
import { waitForAppHost } from './helpers/appHost';
import { GRAFANA_HOSTS } from './helpers/panel';
import {
  collectPageErrors,
  launchChromium,
  PreviewServer,
  ROOT,
  startPreview,
  waitForPreview,
} from './helpers/preview';

jest.setTimeout(240_000);

const built = existsSync(join(ROOT, 'dist', 'plugin.json')) && existsSync(join(ROOT, 'dist', 'panel', 'plugin.json'));

let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  if (!built) {
    return;
  }
  stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false });
  await stack.waitFor('up{job="prometheus"}', (result: unknown[]) => result.length > 0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

(built ? describe.each(GRAFANA_HOSTS) : describe.skip.each(GRAFANA_HOSTS))('Grafana %s host, the app', (host) => {
  let preview: PreviewServer | undefined;
  const appUrl = () => `${preview!.url}/a/${APP_ID}`;
  const settingsUrl = () => `${preview!.url}/api/plugins/${APP_ID}/settings`;

  beforeAll(async () => {
    preview = await startPreview({ promUrl: stack!.promUrl, grafana: host, refresh: '2s', range: 'now-5m' });
  });

  afterAll(async () => {
    await preview?.stop();
  });

  it('loads the built app through SystemJS and routes its pages without reloading', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = collectPageErrors(page);
    const modules: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.endsWith('/module.js')) {
        modules.push(path);
      }
    });
    await page.goto(appUrl());
    const state = await waitForAppHost(page);
    expect(state).toMatchObject({ status: 'ready', plugin: { id: APP_ID, isAppPlugin: true, hasRoot: true } });
    expect(modules).toEqual([`/public/plugins/${APP_ID}/module.js`]);
    const root = page.getByTestId(APP_TEST_IDS.root);
    await expect(root.getAttribute('data-page')).resolves.toBe('setup');

    // A marker on window survives client-side navigation only.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await page.getByRole('tab', { name: 'Target builder' }).click();
    await page.waitForSelector(`[data-testid="${APP_TEST_IDS.root}"][data-page="targets"]`);
    expect(new URL(page.url()).pathname).toBe(`/a/${APP_ID}/targets`);
    await expect(page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).resolves.toBe(true);
    await expect(page.getByTestId('preview-plugin-page').locator('h1').textContent()).resolves.toBe('Target builder');

    await page.goto(`${appUrl()}/targets`);
    await waitForAppHost(page);
    await expect(root.getAttribute('data-page')).resolves.toBe('targets');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('keeps the settings POSTed and hands them to the root page as meta.jsonData', async () => {
    const before = (await (await fetch(settingsUrl())).json()) as {
      id: string;
      type: string;
      enabled: boolean;
      pinned: boolean;
      jsonData?: Record<string, unknown>;
    };
    expect(before).toMatchObject({ id: APP_ID, type: 'app', enabled: true });

    const saved = await fetch(settingsUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: true, pinned: true, jsonData: { datasourceUid: 'stored-uid' } }),
    });
    expect(saved.status).toBe(200);
    const after = (await (await fetch(settingsUrl())).json()) as { jsonData: Record<string, unknown> };
    expect(after.jsonData).toEqual({ datasourceUid: 'stored-uid' });

    const page = await browser!.newPage();
    const errors = collectPageErrors(page);
    await page.goto(appUrl());
    await waitForAppHost(page);
    await expect(page.getByTestId(APP_TEST_IDS.setupCheck).getAttribute('data-datasource')).resolves.toBe('stored-uid');

    // The page's own services: the data source list and the Prometheus rules API through the proxy.
    const answers = await page.evaluate(async () => {
      const list = await (await fetch('/api/datasources')).json();
      const rules = await fetch(`/api/datasources/proxy/uid/${list[0].uid}/api/v1/rules`);
      return { list, rules: rules.status };
    });
    expect(answers.list).toEqual([
      expect.objectContaining({
        type: 'prometheus',
        isDefault: true,
        jsonData: expect.objectContaining({ timeInterval: '5s' }),
      }),
    ]);
    expect(answers.rules).toBe(200);
    // 'stored-uid' names no data source: the setup check's queries through it get 404 from the
    // proxy, as from Grafana's. Nothing else may fail.
    expect(errors.filter((error) => !error.includes('status of 404'))).toEqual([]);
    await page.close();
    // The settings as provisioned again, for the tests after this one.
    const restored = await fetch(settingsUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ enabled: before.enabled, pinned: before.pinned, jsonData: before.jsonData ?? {} }),
    });
    expect(restored.status).toBe(200);
  });

  it("shows the app's configuration page at /plugins/<app id>, and the settings it saves last", async () => {
    type Settings = { enabled: boolean; pinned: boolean; jsonData?: Record<string, unknown> };
    const readSettings = async () => (await (await fetch(settingsUrl())).json()) as Settings;
    const postSettings = (settings: Partial<Settings>) =>
      fetch(settingsUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(settings),
      }).then((answer) => expect(answer.status).toBe(200));
    const before = await readSettings();
    const [datasource] = (await (await fetch(`${preview!.url}/api/datasources`)).json()) as Array<{
      uid: string;
      name: string;
    }>;
    // As provisioned: the app reads the one Prometheus data source.
    expect(before.jsonData).toEqual({ datasourceUid: datasource.uid });

    const page = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = collectPageErrors(page);
    const detailsUrl = `/plugins/${APP_ID}`;
    // The app page's toolbar links to it, keeping the theme chosen.
    await page.goto(`${appUrl()}?theme=light`);
    await waitForAppHost(page);
    const link = page.getByTestId('preview-config-link');
    await expect(link.getAttribute('href')).resolves.toBe(`${detailsUrl}?theme=light`);
    await link.click();
    await page.waitForURL(`${preview!.url}${detailsUrl}?theme=light`);
    await expect(waitForAppHost(page)).resolves.toMatchObject({
      status: 'ready',
      path: detailsUrl,
      plugin: { id: APP_ID, isAppPlugin: true, configPages: ['configuration'] },
    });
    await expect(page.locator('main h1').textContent()).resolves.toBe('Portwatch');

    // One tab per configuration page, the first selected; its link selects it in place, as Grafana's do.
    const tab = page.getByRole('tab', { name: 'Configuration' });
    await expect(tab.getAttribute('aria-selected')).resolves.toBe('true');
    await expect(tab.getAttribute('href')).resolves.toBe(`${detailsUrl}?theme=light&page=configuration`);
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));
    await tab.click();
    await page.waitForURL(`${preview!.url}${detailsUrl}?theme=light&page=configuration`);
    await expect(page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).resolves.toBe(true);

    // The body got `plugin`: its meta's data source, drawn by name in the picker.
    const config = page.getByTestId(APP_TEST_IDS.config);
    await expect(config.getAttribute('data-datasource')).resolves.toBe(datasource.uid);
    const picker = config.getByRole('combobox', { name: 'Select a data source' });
    const shown = config.locator('[class*="singleValue"]');
    await expect(shown.innerText()).resolves.toBe(datasource.name);

    // Without a data source set, the page has none to save; picking one and saving keeps it.
    await postSettings({ enabled: true, pinned: true, jsonData: {} });
    await page.reload();
    await waitForAppHost(page);
    await expect(config.getAttribute('data-datasource')).resolves.toBe('');
    const save = config.getByRole('button', { name: 'Save' });
    await expect(save.isDisabled()).resolves.toBe(true);
    await picker.click();
    await page.getByRole('option', { name: datasource.name }).click();
    await expect(config.getAttribute('data-datasource')).resolves.toBe(datasource.uid);
    await save.click();
    await expect(config.getByRole('status').innerText()).resolves.toBe('Saved.');
    await expect(readSettings()).resolves.toMatchObject({
      enabled: true,
      jsonData: { datasourceUid: datasource.uid },
    });
    await page.reload();
    await waitForAppHost(page);
    await expect(config.getAttribute('data-datasource')).resolves.toBe(datasource.uid);
    await expect(shown.innerText()).resolves.toBe(datasource.name);

    // An app that is not enabled still has its configuration page (that is where Grafana enables it),
    // while its own pages say it is not enabled; a page id the app lacks is not found.
    await postSettings({ enabled: false });
    await page.goto(`${preview!.url}${detailsUrl}/?page=nope`);
    await expect(waitForAppHost(page)).resolves.toMatchObject({ status: 'ready', path: `${detailsUrl}/` });
    await expect(tab.getAttribute('aria-selected')).resolves.toBe('false');
    await page.getByText('Page not found.').waitFor();
    await page.goto(appUrl());
    await expect(waitForAppHost(page)).resolves.toMatchObject({ status: 'failed', error: 'Application Not Enabled' });
    // Not a page for another plugin, nor below the app's.
    for (const path of ['/plugins/other-app', `${detailsUrl}/other`]) {
      expect([path, (await fetch(`${preview!.url}${path}`)).status]).toEqual([path, 404]);
    }
    expect(errors).toEqual([]);
    await page.close();
    await postSettings({ enabled: before.enabled, pinned: before.pinned, jsonData: before.jsonData ?? {} });
  });

  it('refuses settings from another site, for another plugin or not in JSON', async () => {
    const post = (url: string, headers: Record<string, string>, body: string) =>
      fetch(url, { method: 'POST', headers, body }).then((answer) => answer.status);
    const json = JSON.stringify({ jsonData: { datasourceUid: 'evil' } });
    await expect(
      post(settingsUrl(), { 'Content-Type': 'application/json', Origin: 'http://evil.example' }, json)
    ).resolves.toBe(403);
    await expect(
      post(`${preview!.url}/api/plugins/other-app/settings`, { 'Content-Type': 'application/json' }, json)
    ).resolves.toBe(404);
    await expect(post(settingsUrl(), { 'Content-Type': 'text/plain' }, json)).resolves.toBe(415);
    await expect(post(settingsUrl(), { 'Content-Type': 'application/json' }, '{not json')).resolves.toBe(400);
    const after = (await (await fetch(settingsUrl())).json()) as { jsonData: Record<string, unknown> };
    expect(after.jsonData.datasourceUid).not.toBe('evil');
  });

  it("opens the Port Status dashboard from the app's tab, at Grafana's address for it", async () => {
    const page = await browser!.newPage({ viewport: { width: 700, height: 700 } });
    const errors = collectPageErrors(page);
    await page.goto(appUrl());
    await waitForAppHost(page);
    // The app's pages are as wide as the window, no wider.
    const { scrollWidth, clientWidth } = await page.evaluate(() => {
      const root = document.documentElement;
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
    });
    expect(clientWidth).toBe(700);
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);

    const tab = page.getByRole('tab', { name: 'Port Status dashboard' });
    await expect(tab.getAttribute('href')).resolves.toBe('/d/portwatch-port-status');
    await tab.click();
    await expect(waitForPreview(page, 1)).resolves.toMatchObject({
      status: 'ready',
      plugin: { id: 'portwatch-status-panel', isPanelPlugin: true },
    });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('still shows the dashboard panel, the app nested plugin, at /', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = collectPageErrors(page);
    await page.goto(preview!.url);
    const state = await waitForPreview(page, 1);
    expect(state.status).toBe('ready');
    expect(state.plugin).toEqual({ id: 'portwatch-status-panel', isPanelPlugin: true });
    await expect(page.getByTestId('preview-app-link').getAttribute('href')).resolves.toBe(`/a/${APP_ID}`);
    expect(errors).toEqual([]);
    await page.close();
  });
});
