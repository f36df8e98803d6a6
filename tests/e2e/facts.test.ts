/**
 * The facts on the Port Status tiles, from the no-Docker stack's demo targets, in the preview host:
 * the 503 route's HTTP status, the self-signed certificate's days, the failed content check, a
 * firing alert, the test host's port once the host is off the network, and the exact uptime, which
 * must equal Prometheus' own avg_over_time answer. One stack for the file, with the alerting's
 * durations at a tenth so that PortwatchTargetDown fires within seconds; each Grafana host line
 * gets its own preview server. Screenshots in test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import { startStack } from '../../stack/stack.mjs';
import { testHostUnavailable } from '../../stack/testhost.mjs';
import { FixtureDashboard, SMALL_TILES_PANEL_ID, writeFixtureDashboard } from './helpers/dashboards';
import { GRAFANA_HOSTS, poll } from './helpers/panel';
import {
  collectPageErrors,
  launchChromium,
  PreviewServer,
  ROOT,
  startPreview,
  waitForPreview,
} from './helpers/preview';

jest.setTimeout(300_000);

const SCRAPE_SECONDS = 2;
const REFRESH_SECONDS = 1;
const RANGE_SECONDS = 120;
/** The rules' `for` and the evaluation interval at a tenth: PortwatchTargetDown's minute is 6 s. */
const ALERT_TIME_SCALE = 0.1;
/** A fact reaches the tile within a few scrapes and refreshes; alerts also wait for their `for`. */
const FACT_TIMEOUT_MS = 30_000;
const ALERT_TIMEOUT_MS = 90_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** An alert badge keeps at least its bell (a 14 px icon with padding and border) on a narrow tile. */
const MIN_ALERT_BADGE_PX = 24;
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** Why this machine cannot make the test host (it needs root), or null. */
const noTestHost = testHostUnavailable();

type Stack = Awaited<ReturnType<typeof startStack>>;
type Sample = { metric: Record<string, string>; value: [number, string] };
interface StackTarget {
  job: string;
  instance: string;
  expected: string;
  listener: string | null;
}
interface BadgeReading {
  kind: string;
  text: string;
  /** Whether the badge's words are cut short (an ellipsis): wider than the badge shows. */
  cut: boolean;
  width: number;
  /**
   * An alert badge's name beside its bell: the width it shows, 0 when it has wrapped out of sight,
   * and the font size it is drawn at.
   */
  alertName?: { shownWidth: number; fontSize: number };
}
interface TileReading {
  state: string;
  /** Whether the state and its time are cut short (an ellipsis). */
  stateCut: boolean;
  badges: BadgeReading[];
  /** The tile's text, one line per line of the tile. */
  lines: string;
}
type Tiles = Record<string, TileReading>;

let stack: Stack;
let browser: Browser | undefined;
let dashboard: FixtureDashboard | undefined;

function target(test: (t: StackTarget) => boolean, what: string): StackTarget {
  const found = (stack.targets as StackTarget[]).find(test);
  if (!found) {
    throw new Error(`the stack has no ${what}`);
  }
  return found;
}

function readTileFacts(page: Page): Promise<Tiles> {
  return page.evaluate(
    ({ tileId, badgeId }) => {
      const tiles: Record<string, TileReading> = {};
      document.querySelectorAll<HTMLElement>(`[data-testid="${tileId}"]`).forEach((tile) => {
        // The state's line is the tile's second; beside badges or a duration the state is its first part.
        const line = tile.children[1];
        const stateText = line?.children.length ? line.children[0] : line;
        tiles[tile.dataset.key ?? ''] = {
          state: tile.dataset.state ?? '',
          stateCut: stateText !== undefined && stateText.scrollWidth > stateText.clientWidth,
          badges: [...tile.querySelectorAll<HTMLElement>(`[data-testid="${badgeId}"]`)].map((badge) => ({
            kind: badge.dataset.kind ?? '',
            text: badge.textContent ?? '',
            cut: badge.scrollWidth > badge.clientWidth,
            width: badge.getBoundingClientRect().width,
            alertName: ((name) => {
              if (!(name instanceof HTMLElement) || !badge.dataset.kind?.startsWith('alert-')) {
                return undefined;
              }
              const box = name.getBoundingClientRect();
              const inSight = box.top < badge.getBoundingClientRect().bottom - badge.clientTop;
              return { shownWidth: inSight ? box.width : 0, fontSize: parseFloat(getComputedStyle(name).fontSize) };
            })(badge.firstElementChild),
          })),
          lines: tile.innerText,
        };
      });
      return tiles;
    },
    { tileId: TEST_IDS.tile, badgeId: TEST_IDS.badge }
  );
}

/** Waits until the tile of `instance` has a badge of `kind`; returns the tile. */
async function waitForBadge(page: Page, instance: string, kind: string, timeoutMs = FACT_TIMEOUT_MS) {
  const { reading } = await poll(
    page,
    () => readTileFacts(page),
    (tiles) => tiles[instance]?.badges.some((b) => b.kind === kind) ?? false,
    { timeoutMs, intervalMs: 250 },
    `no ${kind} badge on ${instance}`
  );
  return reading[instance];
}

const badgeText = (tile: TileReading, kind: string) => tile.badges.find((b) => b.kind === kind)?.text;

/** An instant query at a given time, straight to Prometheus. */
async function queryAt(expr: string, time: string): Promise<Sample[]> {
  const url = new URL('/api/v1/query', stack.promUrl);
  url.searchParams.set('query', expr);
  url.searchParams.set('time', time);
  const body = await (await fetch(url)).json();
  if (body.status !== 'success') {
    throw new Error(`${expr} at ${time}: ${JSON.stringify(body)}`);
  }
  return body.data.result;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startStack({
    scrapeInterval: `${SCRAPE_SECONDS}s`,
    preferDefaultPorts: false,
    alertTimeScale: ALERT_TIME_SCALE,
    testHost: true,
  });
  dashboard = writeFixtureDashboard();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
  dashboard?.remove();
});

describe.each(GRAFANA_HOSTS)('Grafana %s host, facts on the tiles', (host) => {
  let preview: PreviewServer | undefined;
  let page: Page | undefined;
  let errors: string[] = [];
  /** The panel's uptime queries as sent: expression and evaluation time. */
  const uptimeQueries: Array<{ query: string; time: string }> = [];

  beforeAll(async () => {
    preview = await startPreview(
      {
        promUrl: stack.promUrl,
        grafana: host,
        dashboard: dashboard!.path,
        refresh: `${REFRESH_SECONDS}s`,
        range: `now-${RANGE_SECONDS / 60}m`,
        scrapeInterval: `${SCRAPE_SECONDS}s`,
      },
      600_000
    );
    page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    errors = collectPageErrors(page);
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/api/v1/query')) {
        const params = new URLSearchParams(request.postData() ?? '');
        if (params.get('query')?.startsWith('avg_over_time(')) {
          uptimeQueries.push({ query: params.get('query')!, time: params.get('time')! });
        }
      }
    });
    await page.goto(preview.url);
    const state = await waitForPreview(page);
    expect(state).toMatchObject({ status: 'ready', plugin: { id: 'portwatch-status-panel', isPanelPlugin: true } });
  });

  afterAll(async () => {
    await page?.close();
    await preview?.stop();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it('says "HTTP 503" on the 503 target, "content check failed" on the content check, and the certificate’s days', async () => {
    const unavailable = target((t) => t.instance.endsWith('/status/503'), '503 target');
    const tile503 = await waitForBadge(page!, unavailable.instance, 'http-status');
    expect([tile503.state, badgeText(tile503, 'http-status')]).toEqual(['down', 'HTTP 503']);

    const content = target((t) => t.instance.endsWith('/maintenance'), 'content-check target');
    const contentTile = await waitForBadge(page!, content.instance, 'content-check');
    expect([contentTile.state, badgeText(contentTile, 'content-check')]).toEqual(['down', 'content check failed']);
    // Answered 200: no status badge, the content is the fault.
    expect(contentTile.badges.map((b) => b.kind)).not.toContain('http-status');

    const https = target((t) => t.instance.startsWith('https://'), 'HTTPS target');
    const httpsTile = await waitForBadge(page!, https.instance, 'cert-expiry');
    const [expiry] = (await stack.query(`probe_ssl_earliest_cert_expiry{instance="${https.instance}"}`)) as Sample[];
    const days = Math.floor((Number(expiry.value[1]) * 1000 - Date.now()) / DAY_MS);
    // Made at start for 10 days: 9 full days left (10 in the instant the certificate was made).
    expect([9, 10]).toContain(days);
    expect([httpsTile.state, badgeText(httpsTile, 'cert-expiry')]).toEqual(['up', `cert expires in ${days}d`]);
  });

  it('on small tiles, keeps the state and its time whole where badges share their line', async () => {
    const small = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    const smallErrors = collectPageErrors(small);
    await small.goto(`${preview!.url}/?panelId=${SMALL_TILES_PANEL_ID}`);
    expect(await waitForPreview(small)).toMatchObject({ status: 'ready' });
    const unavailable = target((t) => t.instance.endsWith('/status/503'), '503 target');
    // Its one badge is the HTTP status, or the alert once that fires (the status then in "+1").
    await poll(
      small,
      () => readTileFacts(small),
      (tiles) => tiles[unavailable.instance]?.state === 'down' && tiles[unavailable.instance].badges.length === 1,
      { timeoutMs: FACT_TIMEOUT_MS, intervalMs: 250 },
      `no badge on the small tile of ${unavailable.instance}`
    );
    const withBadges = Object.entries(await readTileFacts(small)).filter(([, tile]) => tile.badges.length > 0);
    expect(withBadges.length).toBeGreaterThan(0);
    for (const [key, tile] of withBadges) {
      expect([key, tile.lines.split('\n')[1], tile.stateCut]).toEqual([key, expect.stringMatching(/ for /), false]);
    }
    await small.mouse.move(0, 0);
    await small.getByTestId('preview-panel').screenshot({ path: join(SCREENSHOTS, `grafana${host}-facts-small.png`) });
    expect(smallErrors).toEqual([]);
    await small.close();
  });

  it('shows a firing PortwatchTargetDown with the alert’s name on the 503 target', async () => {
    const unavailable = target((t) => t.instance.endsWith('/status/503'), '503 target');
    await stack.waitFor(
      `ALERTS{alertname="PortwatchTargetDown", alertstate="firing", instance="${unavailable.instance}"}`,
      (r: Sample[]) => r.length === 1,
      { timeoutMs: ALERT_TIMEOUT_MS }
    );
    const tile = await waitForBadge(page!, unavailable.instance, 'alert-firing');
    expect(badgeText(tile, 'alert-firing')).toBe('PortwatchTargetDown');
    // Most urgent first, the HTTP status still beside it, in full: on a tile too narrow for both,
    // the alert's name gives way (down to its bell, which stays), not the cause.
    expect(tile.badges.map((b) => b.kind)).toEqual(['alert-firing', 'http-status']);
    const [alert, status] = tile.badges;
    expect(status.cut).toBe(false);
    expect(alert.width).toBeGreaterThanOrEqual(MIN_ALERT_BADGE_PX);
    // On every tile, an alert's name shows a letter and the ellipsis at least, or not at all: never a
    // stray dot of a cut ellipsis beside the bell.
    const names = Object.values(await readTileFacts(page!)).flatMap((t) => t.badges.flatMap((b) => b.alertName ?? []));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      expect(name.shownWidth === 0 || name.shownWidth >= 2 * name.fontSize - 0.5).toBe(true);
    }
    const label = await page!
      .locator(`[data-testid="${TEST_IDS.tile}"][data-key="${unavailable.instance}"]`)
      .getAttribute('aria-label');
    expect(label).toContain('alert firing: PortwatchTargetDown');
  });

  if (noTestHost) {
    it(`has no test host to stop (${noTestHost}), and the stack said why`, () => {
      expect(stack.testHost).toBeUndefined();
      expect(stack.testHostUnavailable).toContain(noTestHost);
    });
  } else {
    it('says "host unreachable" on the test host’s port once the host is off the network', async () => {
      const testHost = stack.testHost!;
      const before = await readTileFacts(page!);
      expect(before[testHost.tcpInstance]?.state).toBe('up');
      expect(before[testHost.icmpInstance]?.state).toBe('up');
      await stack.stopTestHost();
      try {
        // The ping may fail a scrape before the connection does: the port is DOWN once both have. The
        // host's own tile (the status query, a range query whose newest step may be one step old) can
        // read UP a refresh longer than the host query: the port then says "no ping reply", as another
        // target of the host answers, and "host unreachable" once that tile is DOWN too.
        const { reading } = await poll(
          page!,
          () => readTileFacts(page!),
          (t) =>
            t[testHost.tcpInstance]?.state === 'down' &&
            badgeText(t[testHost.tcpInstance], 'host-unreachable') === 'host unreachable',
          { timeoutMs: FACT_TIMEOUT_MS, intervalMs: 250 },
          `no "host unreachable" on ${testHost.tcpInstance} in state down`
        );
        const port = reading[testHost.tcpInstance];
        expect([port.state, badgeText(port, 'host-unreachable')]).toEqual(['down', 'host unreachable']);
        // The host's own tile comes from another query, answered on its own refresh: it says DOWN by
        // itself, without the badge, once that query has seen the failed ping too.
        const { reading: tiles } = await poll(
          page!,
          () => readTileFacts(page!),
          (t) => t[testHost.icmpInstance]?.state === 'down',
          { timeoutMs: FACT_TIMEOUT_MS, intervalMs: 250 },
          'the test host’s own tile did not turn DOWN'
        );
        expect(tiles[testHost.icmpInstance].state).toBe('down');
        expect(tiles[testHost.icmpInstance].badges.map((b) => b.kind)).not.toContain('host-unreachable');
        // Only the test host's ports: the demo's other ports are on another host that answers.
        const unreachable = Object.keys(tiles).filter((key) =>
          tiles[key].badges.some((b) => b.kind === 'host-unreachable')
        );
        expect(unreachable).toEqual([testHost.tcpInstance]);
        await page!.getByTestId('preview-panel').screenshot({ path: join(SCREENSHOTS, `grafana${host}-facts.png`) });
      } finally {
        await stack.startTestHost();
      }
      await poll(
        page!,
        () => readTileFacts(page!),
        // Up, and no longer unreachable; an alert of its own about the outage may stay a while.
        (t) =>
          t[testHost.tcpInstance]?.state === 'up' &&
          !t[testHost.tcpInstance].badges.some((badge) => badge.kind === 'host-unreachable'),
        { timeoutMs: FACT_TIMEOUT_MS, intervalMs: 250 },
        'the test host’s port did not come back'
      );
    });
  }

  it('shows the exact uptime Prometheus’ own avg_over_time gives over the same range', async () => {
    // An outage of a few scrapes, so that one uptime lies strictly between 0 and 100%.
    const tcp = target((t) => t.listener === 'tcp' && t.job === 'probe_tcp', 'TCP target');
    const valueOf = (r: Sample[]) => r.find((s) => s.metric.instance === tcp.instance)?.value[1];
    await stack.stopTarget('tcp');
    try {
      await stack.waitFor('probe_success', (r: Sample[]) => valueOf(r) === '0', { timeoutMs: 20_000 });
    } finally {
      await stack.startTarget('tcp');
    }
    await stack.waitFor('probe_success', (r: Sample[]) => valueOf(r) === '1', { timeoutMs: 20_000 });

    // Refreshing off, so that the tiles keep the answer to the last query sent.
    await page!.getByLabel('Refresh interval').click();
    await page!.keyboard.type('Off');
    await page!.keyboard.press('Enter');
    const sent = uptimeQueries.length;
    await page!.waitForTimeout(3 * REFRESH_SECONDS * 1000);
    expect(uptimeQueries.length - sent).toBeLessThanOrEqual(1);
    const settled = uptimeQueries.length;
    await page!.waitForTimeout(3 * REFRESH_SECONDS * 1000);
    expect(uptimeQueries.length).toBe(settled);
    const state = await waitForPreview(page!);
    expect(state.dataState).toBe('Done');

    const { query, time } = uptimeQueries[uptimeQueries.length - 1];
    // The dashboard's query over the preview's range.
    expect(query).toMatch(new RegExp(`^avg_over_time\\(probe_success\\{.*\\}\\[${RANGE_SECONDS}s\\]\\)$`));
    const direct = await queryAt(query, time);
    // The same share in whole numbers, up samples over all samples: the uptime cut to hundredths of a
    // percent without the floating-point noise of Prometheus' average (1 in 20 is 0.049999999999999996).
    const over = (fn: string) => queryAt(query.replace(/^avg_over_time\(/, `${fn}(`), time);
    const [sums, counts] = await Promise.all([over('sum_over_time'), over('count_over_time')]);
    const whole = (result: typeof direct, instance: string) =>
      Number(result.find((r) => r.metric.instance === instance)?.value[1]);
    const tiles = await readTileFacts(page!);
    const compared = direct.map(({ metric, value }) => {
      const ups = whole(sums, metric.instance);
      const samples = whole(counts, metric.instance);
      expect(Number(value[1])).toBeCloseTo(ups / samples, 9);
      const shown = /(?:^|\n)(≈\s)?(\d+(?:\.\d+)?)% uptime/.exec(tiles[metric.instance]?.lines ?? '');
      return {
        instance: metric.instance,
        shown: shown ? `${shown[1] ?? ''}${shown[2]}` : tiles[metric.instance]?.lines,
        prometheus: String(Math.floor((ups * 10_000) / samples) / 100),
      };
    });
    expect(compared.length).toBe(stack.targets.length);
    expect(compared.map((c) => [c.instance, c.shown])).toEqual(compared.map((c) => [c.instance, c.prometheus]));
    const bounced = compared.find((c) => c.instance === tcp.instance)!;
    expect(Number(bounced.prometheus)).toBeGreaterThan(0);
    expect(Number(bounced.prometheus)).toBeLessThan(100);
  });
});
