/**
 * The preview host in Chromium: it loads a plugin's module.js through SystemJS the way Grafana does,
 * hands the panel full PanelProps built from a dashboard JSON, and feeds it frames from a real Prometheus
 * (the stack's, on 127.0.0.1).
 *
 * The first part uses a test plugin that prints its props (tests/e2e/fixtures/props-probe) with a
 * dashboard that reads Prometheus' own `up`; the second loads the project's dist/module.js with the
 * project's dashboard; the last follows the panel's links to Grafana addresses the page does not draw,
 * on each host line, and checks the page fits the window.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import { startStack } from '../../stack/stack.mjs';
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

const ARTIFACTS = join(ROOT, 'test-artifacts', 'preview');
const PROBE_DIR = join(ROOT, 'tests', 'e2e', 'fixtures', 'props-probe');
const PROBE_ID = 'portwatch-props-probe-panel';

interface ProbeField {
  name: string;
  type: string;
  labels?: Record<string, string>;
  config: { interval?: number; displayNameFromDS?: string; unit?: string; thresholds?: { steps: unknown[] } };
  displayName: string;
  first: unknown;
  last: unknown;
  hasDisplay: boolean;
}

interface ProbeProps {
  id: number;
  title: string;
  width: number;
  height: number;
  timeZone: string;
  renderCounter: number;
  options: Record<string, unknown>;
  fieldConfig: { defaults: Record<string, unknown> };
  state: string;
  errors: string[];
  timeRange: { from: number; to: number };
  request: { intervalMs: number; maxDataPoints: number; refIds: string[] };
  series: Array<{ refId: string; length: number; meta: Record<string, unknown>; fields: ProbeField[] }>;
  replaced: string;
  moduleUri: string;
  eventBus: boolean;
  callbacks: string[];
  themeMode: string;
}

async function probeProps(page: Page): Promise<ProbeProps> {
  const text = await page.getByTestId('props-probe').textContent();
  return JSON.parse(text ?? '{}') as ProbeProps;
}

async function containerSize(page: Page): Promise<{ width: number; height: number }> {
  const box = await page.getByTestId('preview-container').boundingBox();
  return { width: Math.floor(box!.width), height: Math.floor(box!.height) };
}

let stack: Awaited<ReturnType<typeof startStack>> | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  mkdirSync(ARTIFACTS, { recursive: true });
  stack = await startStack({ scrapeInterval: '1s', preferDefaultPorts: false });
  await stack.waitFor('up{job="prometheus"}', (result: unknown[]) => result.length > 0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe('loading a plugin and handing it props', () => {
  let preview: PreviewServer | undefined;
  let prometheusInstance = '';

  beforeAll(async () => {
    // Range queries align their end down to a multiple of the step (5 s here), so the first query sees
    // Prometheus' own `up` only once its first sample is a step old.
    await stack!.waitFor('up{job="prometheus"} offset 5s', (result: unknown[]) => result.length > 0);
    const [self] = await stack!.query('up{job="prometheus"}');
    prometheusInstance = (self as { metric: Record<string, string> }).metric.instance;
    preview = await startPreview({
      promUrl: stack!.promUrl,
      dist: PROBE_DIR,
      dashboard: join(PROBE_DIR, 'dashboard.json'),
      datasourceUid: 'probe-prometheus',
      refresh: '1s',
    });
  });

  afterAll(async () => {
    await preview?.stop();
  });

  it('imports module.js through SystemJS with a script tag and gets a PanelPlugin of the host', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    const moduleRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes(`/public/plugins/${PROBE_ID}/module.js`)) {
        moduleRequests.push(`${request.resourceType()} ${new URL(request.url()).search}`);
      }
    });
    await page.goto(preview!.url);
    const state = await waitForPreview(page);

    expect(state.status).toBe('ready');
    expect(state.plugin).toEqual({ id: PROBE_ID, isPanelPlugin: true });
    expect(moduleRequests).toEqual(['script ?_cache=2.0.0']);
    const props = await probeProps(page);
    expect(props.moduleUri).toBe(`${preview!.url}/public/plugins/${PROBE_ID}/module.js?_cache=2.0.0`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('prepares options, field config, variables and frames the way a dashboard does', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    await page.goto(preview!.url);
    await waitForPreview(page);
    const props = await probeProps(page);

    // Builder defaults under the saved options, after the plugin's migration handler ran (saved 1.0.0, plugin 2.0.0).
    expect(props.options).toEqual({ greeting: 'saved', size: 3, flag: true, mode: 'a', migratedFrom: '1.0.0' });
    // Saved unit over the plugin's default; Grafana's standard thresholds and mappings defaults.
    expect(props.fieldConfig.defaults).toMatchObject({ unit: 's', mappings: [] });
    expect(props.fieldConfig.defaults.thresholds).toMatchObject({
      mode: 'absolute',
      steps: [
        { value: '-Infinity', color: 'green' },
        { value: 80, color: 'red' },
      ],
    });
    expect(props).toMatchObject({
      id: 7,
      title: 'Probe prometheus',
      timeZone: 'utc',
      state: 'Done',
      errors: [],
      eventBus: true,
      themeMode: 'dark',
    });
    expect(props.callbacks).toEqual(['function', 'function', 'function']);
    expect(props.replaced).toBe(`from=${props.timeRange.from} job=prometheus instance=.*`);
    // "now-5m" and "now" are parsed one after the other, as in Grafana: a millisecond may pass between them.
    expect(props.timeRange.to - props.timeRange.from).toBeGreaterThanOrEqual(5 * 60_000);
    expect(props.timeRange.to - props.timeRange.from).toBeLessThan(5 * 60_000 + 50);
    // 5 minutes over 100 points is 3 s, raised to the data source's 5 s scrape interval.
    expect(props.request).toEqual({ intervalMs: 5000, maxDataPoints: 100, refIds: ['A', 'B', 'C', 'D'] });

    const byRef = (refId: string) => props.series.filter((s) => s.refId === refId);
    const [a] = byRef('A');
    expect(a.meta).toMatchObject({ type: 'timeseries-multi', custom: { resultType: 'matrix' } });
    expect(a.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', 'time'],
      ['up', 'number'],
    ]);
    expect(a.fields[0].config.interval).toBe(5000);
    const address = prometheusInstance;
    expect(a.fields[1]).toMatchObject({
      labels: { __name__: 'up', instance: address, job: 'prometheus' },
      displayName: address,
      last: 1,
      hasDisplay: true,
    });
    expect(a.fields[1].config).toMatchObject({ displayNameFromDS: address, unit: 's' });
    // max_over_time drops the metric name: the value field says Value.
    expect(byRef('B')[0].fields[1].name).toBe('Value');
    // Nothing matched: one frame, no fields.
    expect(byRef('C')).toEqual([expect.objectContaining({ length: 0, fields: [] })]);
    expect(byRef('D')[0]).toMatchObject({ length: 1, meta: { type: 'numeric-multi' } });

    // The panel fills its container and follows it.
    const size = await containerSize(page);
    expect(props.width).toBeGreaterThan(size.width - 60);
    expect(props.width).toBeLessThanOrEqual(size.width);
    await page.setViewportSize({ width: 800, height: 600 });
    await page.waitForFunction(
      (w) => JSON.parse(document.querySelector('[data-testid="props-probe"]')!.textContent!).width < w,
      props.width
    );
    const narrower = await probeProps(page);
    expect(narrower.width).toBeLessThanOrEqual((await containerSize(page)).width);

    expect(errors).toEqual([]);
    await page.close();
  });

  it('refreshes on the interval and switches theme', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    await page.goto(preview!.url);
    await waitForPreview(page);
    const first = await probeProps(page);
    await waitForPreview(page, 3, 15_000);
    const later = await probeProps(page);
    expect(later.renderCounter).toBeGreaterThan(first.renderCounter);
    expect(later.timeRange.to).toBeGreaterThan(first.timeRange.to);

    await page.getByTestId('preview-theme').getByLabel('Light').check();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="props-probe"]')!.textContent!.includes('"themeMode":"light"')
    );
    await page.screenshot({ path: join(ARTIFACTS, 'props-probe-light.png') });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a query error in the panel header, as Grafana does', async () => {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 500 } });
    const errors = collectPageErrors(page);
    await page.goto(`${preview!.url}/?panelId=8`);
    const state = await waitForPreview(page);
    expect(state.dataState).toBe('Error');
    expect(state.errors).toEqual([expect.stringMatching(/^bad_data: .*parse error/)]);

    const status = page.getByTestId('preview-panel').getByRole('button', { name: 'status' });
    await expect(status.isVisible()).resolves.toBe(true);
    await status.hover();
    await expect(
      page
        .getByText(/bad_data: .*parse error/)
        .first()
        .isVisible()
    ).resolves.toBe(true);
    const props = await probeProps(page);
    expect(props).toMatchObject({ title: 'Broken query', state: 'Error', series: [{ refId: 'A', fields: [] }] });
    await page.screenshot({ path: join(ARTIFACTS, 'query-error.png') });
    // Like Grafana's /api/ds/query, the failed query answers 400, which Chromium logs; nothing else.
    expect(errors).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await page.close();
  });
});

describe('the project plugin with the project dashboard', () => {
  const dist = join(ROOT, 'dist', 'panel', 'module.js');
  const dashboard = join(ROOT, 'dashboards', 'port-status.json');
  const ready = existsSync(dist) && existsSync(dashboard);
  let preview: PreviewServer | undefined;

  beforeAll(async () => {
    if (!ready) {
      return;
    }
    await stack!.waitFor('probe_success', (result: unknown[]) => result.length > 0);
    // A short range keeps the step at the 5 s scrape interval: range queries align their end down to a
    // multiple of the step, so a fresh stack has no point to show until one step has passed.
    preview = await startPreview({ promUrl: stack!.promUrl, refresh: '2s', range: 'now-5m' });
  });

  afterAll(async () => {
    await preview?.stop();
  });

  (ready ? it : it.skip)(
    'loads dist/module.js as a PanelPlugin and renders it with live data and no errors',
    async () => {
      // Every query of the dashboard's panel, as Grafana sends them with $job and $instance = All (their
      // custom all value, .*) and $__range = the preview's 5 minutes.
      const panel = JSON.parse(readFileSync(dashboard, 'utf8')).panels.find(
        (p: { type: string }) => p.type === 'portwatch-status-panel'
      );
      const expectedQueries = (panel.targets as Array<{ expr: string; hide?: boolean }>)
        .filter((t) => !t.hide)
        .map((t) => t.expr.replaceAll('$job', '.*').replaceAll('$instance', '.*').replaceAll('$__range', '300s'))
        .sort();
      expect(expectedQueries.length).toBeGreaterThan(3);

      const page = await browser!.newPage({ viewport: { width: 1400, height: 800 } });
      const errors = collectPageErrors(page);
      // The page's queries to Prometheus, to send again straight to Prometheus.
      const sent: Array<{ path: string; body: string }> = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        const api = path.indexOf('/api/v1/query');
        if (request.method() === 'POST' && api >= 0) {
          sent.push({ path: path.slice(api), body: request.postData() ?? '' });
        }
      });
      const queriesOf = (round: Array<{ body: string }>) =>
        round.map((r) => new URLSearchParams(r.body).get('query') ?? '').sort();
      /** Series Prometheus answers to the same requests: the panel gets one frame for each. */
      const seriesOf = async (round: Array<{ path: string; body: string }>) => {
        let count = 0;
        for (const { path, body } of round) {
          const answer = await fetch(`${stack!.promUrl}${path}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
          });
          count += ((await answer.json()) as { data: { result: unknown[] } }).data.result.length;
        }
        return count;
      };

      await page.goto(preview!.url);
      let state = await waitForPreview(page, 1);
      expect(state.status).toBe('ready');
      expect(state.plugin).toEqual({ id: 'portwatch-status-panel', isPanelPlugin: true });
      // The last round of queries sent, once complete, answered by Prometheus with as many series as the
      // panel holds frames; both move with the live data (alerts go from pending to firing), so poll.
      let round: Array<{ path: string; body: string }> = [];
      let expectedSeries = -1;
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        round = sent.slice(-expectedQueries.length);
        if (JSON.stringify(queriesOf(round)) === JSON.stringify(expectedQueries)) {
          expectedSeries = await seriesOf(round);
          state = await waitForPreview(page, 1);
          if (state.seriesCount === expectedSeries) {
            break;
          }
        }
        await page.waitForTimeout(500);
      }
      expect(queriesOf(round)).toEqual(expectedQueries);
      expect(state.dataState).toBe('Done');
      expect(state.errors).toEqual([]);
      expect(state.seriesCount).toBe(expectedSeries);

      await expect(page.getByTestId('preview-panel').isVisible()).resolves.toBe(true);
      await page.screenshot({ path: join(ARTIFACTS, 'port-status-dark.png') });
      await page.getByTestId('preview-theme').getByLabel('Light').check();
      await page.screenshot({ path: join(ARTIFACTS, 'port-status-light.png') });
      expect(errors).toEqual([]);
      await page.close();
    }
  );
});

(existsSync(join(ROOT, 'dist', 'panel', 'module.js'))
  ? describe.each(GRAFANA_HOSTS)
  : describe.skip.each(GRAFANA_HOSTS))('Grafana %s host, addresses the page does not draw', (host) => {
  let preview: PreviewServer | undefined;

  beforeAll(async () => {
    await stack!.waitFor('probe_success', (result: unknown[]) => result.length > 0);
    preview = await startPreview({ promUrl: stack!.promUrl, grafana: host, refresh: '2s', range: 'now-5m' });
  });

  afterAll(async () => {
    await preview?.stop();
  });

  /** The Port Status page with a tile focused and its details open. */
  async function focusTile(page: Page) {
    await page.goto(preview!.url);
    const state = await waitForPreview(page);
    expect(state).toMatchObject({ status: 'ready', plugin: { isPanelPlugin: true } });
    const tile = page.getByTestId(TEST_IDS.tile).first();
    await tile.waitFor({ timeout: 30_000 });
    await tile.focus();
    const details = page.getByTestId(TEST_IDS.details);
    await details.waitFor({ timeout: 10_000 });
    return details;
  }

  /** The page that says Port detail needs Grafana; a locator, so that it waits across the navigation. */
  const needsGrafana = (page: Page) =>
    page.getByRole('heading', { level: 1, name: 'Port detail needs Grafana' }).waitFor({ timeout: 20_000 });

  it("follows a tile's Port detail link to a page that names the instance, with links to see it without Grafana", async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    const details = await focusTile(page);
    const link = details.getByRole('link', { name: 'Port detail' });
    const href = new URL((await link.getAttribute('href'))!, preview!.url);
    expect(href.pathname).toBe('/d/portwatch-port-detail/port-detail');
    const instance = href.searchParams.get('var-instance')!;
    expect(instance).not.toBe('');

    await link.click();
    await needsGrafana(page);
    await expect(page.getByTestId('instance').textContent()).resolves.toBe(instance);
    await expect(page.getByText('dashboards/import/port-detail.json').isVisible()).resolves.toBe(true);
    const graph = new URL(
      (await page.getByRole('link', { name: `probe_success{instance="${instance}"}` }).getAttribute('href'))!
    );
    expect(`${graph.origin}${graph.pathname}`).toBe(`${stack!.promUrl}/graph`);
    expect(graph.searchParams.get('g0.expr')).toBe(`probe_success{instance="${instance}"}`);

    // Back to the panel by the page's own link.
    await page.getByRole('link', { name: 'Port Status' }).click();
    await expect(waitForPreview(page)).resolves.toMatchObject({ status: 'ready' });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('leaves the page for the first data link on Enter, and Back returns to the panel', async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    await focusTile(page);
    await page.keyboard.press('Enter');
    await needsGrafana(page);
    expect(new URL(page.url()).pathname).toBe('/d/portwatch-port-detail/port-detail');
    // A new document: the preview page's handle went with the one it left.
    await expect(page.evaluate(() => '__portwatchPreview' in window)).resolves.toBe(false);

    await page.goBack();
    await expect(waitForPreview(page)).resolves.toMatchObject({ status: 'ready' });
    expect(new URL(page.url()).pathname).toBe('/');
    expect(errors).toEqual([]);
    await page.close();
  });

  it("shows the Port Status dashboard at its Grafana address, in the range of the URL's from and to", async () => {
    const page = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    const errors = collectPageErrors(page);
    await page.goto(`${preview!.url}/d/portwatch-port-status/port-status?from=now-15m&to=now&var-job=All`);
    await expect(waitForPreview(page)).resolves.toMatchObject({ status: 'ready', plugin: { isPanelPlugin: true } });
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByTestId('preview-range').getByLabel('Last 15m').isChecked()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each([
    [1400, 700],
    [700, 700],
  ])('fits a %i by %i window without scrollbars', async (width, height) => {
    const page = await browser!.newPage({ viewport: { width, height } });
    await page.goto(preview!.url);
    await waitForPreview(page);
    const extent = await page.evaluate(() => {
      const { scrollWidth, clientWidth, scrollHeight, clientHeight } = document.documentElement;
      return { scrollWidth, clientWidth, scrollHeight, clientHeight };
    });
    expect(extent.clientWidth).toBe(width);
    expect(extent.scrollWidth).toBeLessThanOrEqual(extent.clientWidth);
    expect(extent.scrollHeight).toBeLessThanOrEqual(extent.clientHeight);
    await page.close();
  });
});
