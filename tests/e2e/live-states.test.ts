/**
 * The Port Status panel of the project dashboard in the preview host, fed by the no-Docker stack's
 * Prometheus: tile states follow what Prometheus reports while demo targets and blackbox_exporter go
 * away and come back, and while Prometheus stops answering. One stack for the file; each Grafana host line gets its own preview server.
 */
import { Browser, Page } from 'playwright-core';

import { WAIT_GRACE_MS } from '../../src/panel/constants';
import { startStack } from '../../stack/stack.mjs';
import {
  countStates,
  GRAFANA_HOSTS,
  pollTiles,
  readSummary,
  statesFromProbeSuccess,
  waitForSteadyStates,
  watchTiles,
} from './helpers/panel';
import { collectPageErrors, launchChromium, PreviewServer, startPreview, waitForPreview } from './helpers/preview';

jest.setTimeout(240_000);

const SCRAPE_SECONDS = 2;
const REFRESH_SECONDS = 1;
/** Three scrape intervals, plus one refresh of the page for the answer to reach the panel. */
const BOUND_SECONDS = 3 * SCRAPE_SECONDS + REFRESH_SECONDS;
const BOUND_MS = BOUND_SECONDS * 1000;
/** How long blackbox_exporter stays away: long enough for every probe series to end. */
const PROBER_AWAY_MS = 4 * SCRAPE_SECONDS * 1000;

type Stack = Awaited<ReturnType<typeof startStack>>;
interface StackTarget {
  instance: string;
  expected: string;
  listener: string | null;
}

let stack: Stack | undefined;
let browser: Browser | undefined;

async function prometheusStates(): Promise<Record<string, string>> {
  return statesFromProbeSuccess(await stack!.query('probe_success'));
}

beforeAll(async () => {
  stack = await startStack({ scrapeInterval: `${SCRAPE_SECONDS}s`, preferDefaultPorts: false });
  await waitForSteadyStates(stack);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe.each(GRAFANA_HOSTS)('Grafana %s host, live demo targets', (host) => {
  let preview: PreviewServer | undefined;
  let page: Page | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    preview = await startPreview(
      {
        promUrl: stack!.promUrl,
        grafana: host,
        refresh: `${REFRESH_SECONDS}s`,
        // 2 minutes over the panel's 100 points is a step of one scrape interval.
        range: 'now-2m',
        scrapeInterval: `${SCRAPE_SECONDS}s`,
      },
      600_000
    );
    page = await browser!.newPage({ viewport: { width: 1400, height: 800 } });
    errors = collectPageErrors(page);
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

  it('gives every demo target a tile in the state Prometheus reports, and the summary counts them', async () => {
    const expected = await prometheusStates();
    const instances = (stack!.targets as StackTarget[]).map((t) => t.instance).sort();
    expect(Object.keys(expected).sort()).toEqual(instances);

    const { tiles } = await pollTiles(
      page!,
      (t) => JSON.stringify(sortKeys(t)) === JSON.stringify(sortKeys(expected)),
      {
        timeoutMs: 20_000,
      }
    );
    expect(tiles).toEqual(expected);
    // Prometheus still says the same: the tiles were compared with a steady answer.
    expect(await prometheusStates()).toEqual(expected);
    expect(await readSummary(page!)).toEqual(countStates(Object.values(expected)));
    expect(countStates(Object.values(expected)).down).toBeGreaterThan(0);
  });

  it(`turns a stopped target down within ${BOUND_SECONDS} s (3 scrapes of ${SCRAPE_SECONDS} s + a ${REFRESH_SECONDS} s refresh), and up again once it is back`, async () => {
    const tcp = (stack!.targets as StackTarget[]).find((t) => t.listener === 'tcp')!;
    const before = await prometheusStates();
    expect(before[tcp.instance]).toBe('up');
    const othersUnchanged = (tiles: Record<string, string>) => {
      for (const [key, state] of Object.entries(before)) {
        if (key !== tcp.instance && tiles[key] !== state) {
          throw new Error(`${key} turned ${tiles[key]} while only ${tcp.instance} changed`);
        }
      }
    };

    await stack!.stopTarget('tcp');
    const down = await pollTiles(page!, (t) => t[tcp.instance] === 'down', {
      timeoutMs: BOUND_MS,
      onPoll: othersUnchanged,
    });
    expect(down.elapsedMs).toBeLessThanOrEqual(BOUND_MS);
    expect((await prometheusStates())[tcp.instance]).toBe('down');
    expect((await readSummary(page!))!.down).toBe(countStates(Object.values(before)).down + 1);

    await stack!.startTarget('tcp');
    const up = await pollTiles(page!, (t) => t[tcp.instance] === 'up', {
      timeoutMs: BOUND_MS,
      onPoll: othersUnchanged,
    });
    expect(up.elapsedMs).toBeLessThanOrEqual(BOUND_MS);
    expect(await readSummary(page!)).toEqual(countStates(Object.values(before)));
  });

  it('shows the targets unknown or stale, never down, while blackbox_exporter is unreachable', async () => {
    const closed = (stack!.targets as StackTarget[]).filter((t) => t.expected === 'down').map((t) => t.instance);
    const steady = await prometheusStates();
    const neverDown = (tiles: Record<string, string>, elapsedMs: number) => {
      const wrong = Object.keys(tiles).filter((key) => tiles[key] === 'down' && !closed.includes(key));
      if (wrong.length > 0) {
        throw new Error(`${wrong.join(', ')} shown down ${elapsedMs} ms after blackbox_exporter stopped`);
      }
    };
    const proberAway = (tiles: Record<string, string>) =>
      Object.keys(steady).every((key) => tiles[key] === 'unknown' || tiles[key] === 'stale');

    await stack!.stopBlackbox();
    try {
      const away = await pollTiles(page!, proberAway, { timeoutMs: BOUND_MS + 5_000, onPoll: neverDown });
      expect(Object.keys(away.tiles).sort()).toEqual(Object.keys(steady).sort());
      // And it stays that way: no poll while the exporter is away shows a target down.
      expect(await watchTiles(page!, PROBER_AWAY_MS, neverDown)).toBeGreaterThan(10);
      const summary = (await readSummary(page!))!;
      expect(summary.down + summary.up + summary.partial).toBe(0);
      expect(summary.unknown + summary.stale).toBe(Object.keys(steady).length);
    } finally {
      await stack!.startBlackbox();
    }
    // Back to what Prometheus reports once the exporter answers again.
    await pollTiles(page!, (t) => JSON.stringify(sortKeys(t)) === JSON.stringify(sortKeys(steady)), {
      timeoutMs: 30_000,
    });
    expect(await prometheusStates()).toEqual(steady);
  });

  it('turns every tile stale, never up or down from the last answer, while Prometheus does not answer', async () => {
    const steady = await prometheusStates();
    await pollTiles(page!, (t) => JSON.stringify(sortKeys(t)) === JSON.stringify(sortKeys(steady)), {
      timeoutMs: 30_000,
    });
    const prometheus = (stack!.processes() as Array<{ name: string; pid: number }>).find(
      (p) => p.name === 'prometheus'
    );
    expect(prometheus).toBeDefined();
    // Stopped, not gone: connections are accepted and never answered, as from an overloaded server.
    process.kill(prometheus!.pid, 'SIGSTOP');
    try {
      const hung = await pollTiles(page!, (tiles) => Object.keys(steady).every((key) => tiles[key] === 'stale'), {
        timeoutMs: WAIT_GRACE_MS + BOUND_MS + 10_000,
      });
      expect(Object.keys(hung.tiles).sort()).toEqual(Object.keys(steady).sort());
      await expect(page!.getByText(/No new answer has come for/).isVisible()).resolves.toBe(true);
    } finally {
      process.kill(prometheus!.pid, 'SIGCONT');
    }
    await pollTiles(page!, (t) => JSON.stringify(sortKeys(t)) === JSON.stringify(sortKeys(steady)), {
      timeoutMs: 30_000,
    });
    await expect(page!.getByText(/No new answer has come/).count()).resolves.toBe(0);
  });
});

function sortKeys(record: Record<string, string>): Array<[string, string]> {
  return Object.entries(record).sort(([a], [b]) => a.localeCompare(b));
}
