/**
 * What a user sees and does with the Port Status panel in the preview host, on each Grafana host line:
 * label values with markup stay text, the keyboard reaches every tile and follows data links, 2,000
 * targets render and scroll, the panel in light and dark themes at a wide and a narrow size
 * (screenshots in test-artifacts/screenshots/), and its marks in forced colours. One stack and one preview server per host for the file.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import { startStack } from '../../stack/stack.mjs';
import {
  FixtureDashboard,
  LINK_BASE,
  LINKS_PANEL_ID,
  PROJECT_PANEL_ID,
  UNSAFE_LINK_PANEL_ID,
  writeFixtureDashboard,
} from './helpers/dashboards';
import { countStates, GRAFANA_HOSTS, poll, readSummary, readTiles, statesFromProbeSuccess } from './helpers/panel';
import {
  collectPageErrors,
  launchChromium,
  PreviewServer,
  ROOT,
  startPreview,
  waitForPreview,
} from './helpers/preview';

jest.setTimeout(240_000);

const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const SCRAPE_SECONDS = 2;
const MARKUP = '<img src=x onerror=alert(1)>';
const MARKUP_TEAM = '<b>markup</b>';
const GENERATED = 2000;

type Stack = Awaited<ReturnType<typeof startStack>>;

let stack: Stack | undefined;
let browser: Browser | undefined;
let dashboard: FixtureDashboard | undefined;
let demoStates: Record<string, string> = {};
const previews = new Map<string, PreviewServer>();

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  dashboard = writeFixtureDashboard();
  stack = await startStack({ scrapeInterval: `${SCRAPE_SECONDS}s`, preferDefaultPorts: false });
  const targets: Array<{ instance: string }> = stack.targets;
  const result = await stack.waitFor('probe_success', (r: unknown[]) => r.length === targets.length, {
    timeoutMs: 30_000,
  });
  demoStates = statesFromProbeSuccess(result);
  for (const host of GRAFANA_HOSTS) {
    previews.set(
      host,
      await startPreview(
        {
          promUrl: stack.promUrl,
          grafana: host,
          dashboard: dashboard.path,
          refresh: '1s',
          range: 'now-1m',
          scrapeInterval: `${SCRAPE_SECONDS}s`,
        },
        600_000
      )
    );
  }
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  for (const preview of previews.values()) {
    await preview.stop();
  }
  await stack?.stop();
  dashboard?.remove();
});

interface Opened {
  page: Page;
  errors: string[];
  dialogs: string[];
}

async function openPanel(
  host: string,
  panelId: number,
  viewport = { width: 1200, height: 800 },
  query = ''
): Promise<Opened> {
  const page = await browser!.newPage({ viewport });
  const errors = collectPageErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => undefined);
  });
  await page.goto(`${previews.get(host)!.url}/?panelId=${panelId}${query}`);
  const state = await waitForPreview(page);
  expect(state).toMatchObject({ status: 'ready', plugin: { isPanelPlugin: true } });
  // Every demo target is counted in the summary, and the tiles in view are in the states Prometheus
  // gave them (the grid renders only the rows in view, and one beyond each edge).
  const expected = JSON.stringify(countStates(Object.values(demoStates)));
  await poll(
    page,
    async () => {
      const [tiles, summary] = await Promise.all([readTiles(page), readSummary(page)]);
      return { tiles, summary };
    },
    ({ tiles, summary }) => {
      const rendered = Object.keys(tiles).filter((key) => key in demoStates);
      const agree = rendered.length > 0 && rendered.every((key) => tiles[key] === demoStates[key]);
      return agree && JSON.stringify(summary) === expected;
    },
    { timeoutMs: 20_000 },
    'the panel did not show the demo states'
  );
  return { page, errors, dialogs };
}

/** Whether the unsafe `javascript:` data link (UNSAFE_LINK) ran in the page. */
function linkRan(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __portwatchLinkRan?: boolean }).__portwatchLinkRan ?? false);
}

/** The instance of the tile that has keyboard focus, if a tile has it. */
function focusedTile(page: Page): Promise<string | undefined> {
  return page.evaluate((testId) => {
    const active = document.activeElement as HTMLElement | null;
    return active?.dataset.testid === testId ? active.dataset.key : undefined;
  }, TEST_IDS.tile);
}

describe.each(GRAFANA_HOSTS)('Grafana %s host', (host) => {
  it('renders label values holding markup as text and runs nothing', async () => {
    const { page, errors, dialogs } = await openPanel(host, LINKS_PANEL_ID);
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const markupInstance = (stack!.targets as Array<{ instance: string; labels: Record<string, string> }>).find(
      (t) => t.labels.service_name === MARKUP
    )!.instance;

    const tile = page.locator(`[data-testid="${TEST_IDS.tile}"][data-key="${markupInstance}"]`);
    await expect(tile.textContent()).resolves.toContain(MARKUP);
    // The group header of team="<b>markup</b>" says it as text, too.
    await expect(page.getByText(MARKUP_TEAM, { exact: false }).first().isVisible()).resolves.toBe(true);

    // Focus opens the tile's details, which list its labels.
    await tile.focus();
    const details = page.getByTestId(TEST_IDS.details);
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    await expect(details.textContent()).resolves.toContain(MARKUP);

    // A few refreshes later: no element was made from the label values, nothing ran.
    const queries = (await waitForPreview(page)).queries;
    await waitForPreview(page, queries + 3, 15_000);
    const made = await page.evaluate(() => ({
      images: [...document.querySelectorAll('img')].map((img) => img.getAttribute('src')),
      bold: document.querySelectorAll('#root b').length,
    }));
    expect(made.images.filter((src) => src === 'x')).toEqual([]);
    expect(made.bold).toBe(0);
    await expect(linkRan(page)).resolves.toBe(false);
    expect(requests.filter((url) => new URL(url).pathname.endsWith('/x'))).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("takes Tab into the grid, reaches every visible tile with the arrows, Tab into the details' links, and opens the first data link on Enter", async () => {
    const { page, errors, dialogs } = await openPanel(host, LINKS_PANEL_ID, { width: 900, height: 800 });
    const context = page.context();
    await context.route(`${LINK_BASE}**`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/plain', body: 'probe page' })
    );

    // A control after the panel, as on a dashboard, behind a hidden one that cannot take focus: the
    // details, portalled to the end of the page, follow both.
    await page.evaluate(() => {
      const hidden = document.createElement('button');
      hidden.style.display = 'none';
      const after = document.createElement('button');
      after.id = 'after-panel';
      after.textContent = 'After the panel';
      document.getElementById('root')!.after(hidden, after);
    });

    // Tab from the top of the page until focus lands on a tile.
    let first: string | undefined;
    for (let presses = 0; presses < 40 && first === undefined; presses++) {
      await page.keyboard.press('Tab');
      first = await focusedTile(page);
    }
    expect(first).toBeDefined();
    // The first tile touches the grid's scrolling box, which clips whatever is drawn outside it: its
    // focus ring shows inside the tile, along the inner side of its coloured edge.
    const edge = await page.evaluate(() => {
      const box = (document.activeElement as HTMLElement).getBoundingClientRect();
      return { x: box.left + 4, y: box.top + box.height / 4, width: 2, height: box.height / 2 };
    });
    const focusedEdge = await page.screenshot({ clip: edge, animations: 'disabled' });
    await page.keyboard.press('ArrowRight');
    expect(await focusedTile(page)).not.toBe(first);
    expect((await page.screenshot({ clip: edge, animations: 'disabled' })).equals(focusedEdge)).toBe(false);
    await page.keyboard.press('ArrowLeft');
    await expect(focusedTile(page)).resolves.toBe(first);

    const visible = await page.evaluate((testId) => {
      const grid = document.querySelector<HTMLElement>(`[data-testid="${testId.grid}"]`)!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>(`[data-testid="${testId.tile}"]`)]
        .filter((tile) => {
          const box = tile.getBoundingClientRect();
          return box.bottom > grid.top && box.top < grid.bottom;
        })
        .map((tile) => tile.dataset.key!);
    }, TEST_IDS);
    expect(visible.length).toBeGreaterThan(2);

    // Right goes through every tile in display order, scrolling the ones below the fold into view.
    const all = Object.keys(demoStates);
    const reached = new Set([first!]);
    for (let i = 0; i < all.length + 2; i++) {
      await page.keyboard.press('ArrowRight');
      reached.add((await focusedTile(page))!);
    }
    expect(visible.filter((key) => !reached.has(key))).toEqual([]);
    expect([...reached].sort()).toEqual([...all].sort());
    await page.keyboard.press('Home');
    await expect(focusedTile(page)).resolves.toBe(first);
    // Down moves to a tile below (grouped rows), up comes back.
    const topOf = () => page.evaluate(() => (document.activeElement as HTMLElement).getBoundingClientRect().top);
    const top = await topOf();
    await page.keyboard.press('ArrowDown');
    expect(await topOf()).toBeGreaterThan(top);
    await page.keyboard.press('ArrowUp');
    await expect(focusedTile(page)).resolves.toBe(first);
    await page.keyboard.press('End');
    const last = await focusedTile(page);
    expect(last).not.toBe(first);

    // Tab goes from the focused tile into its details' links rather than to what follows the panel,
    // Shift+Tab goes back; Tab from the last link goes on past the panel.
    const details = page.getByTestId(TEST_IDS.details);
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    const links = await details.locator('a[href]').count();
    expect(links).toBeGreaterThan(0);
    const focused = () =>
      page.evaluate((detailsId) => {
        const active = document.activeElement;
        return {
          inDetails: active?.closest(`[data-testid="${detailsId}"]`) != null,
          href: active?.getAttribute('href') ?? undefined,
          id: active?.id,
        };
      }, TEST_IDS.details);
    await page.keyboard.press('Tab');
    const inDetails = await focused();
    expect(inDetails.inDetails).toBe(true);
    expect(inDetails.href?.startsWith(LINK_BASE)).toBe(true);
    await page.keyboard.press('Shift+Tab');
    await expect(focusedTile(page)).resolves.toBe(last);
    for (let i = 0; i <= links; i++) {
      await page.keyboard.press('Tab');
    }
    await expect(focused()).resolves.toMatchObject({ inDetails: false, id: 'after-panel' });
    await details.waitFor({ state: 'detached', timeout: 5_000 });
    // Back into the grid on its single tab stop, the tile last focused.
    await page.keyboard.press('Shift+Tab');
    await expect(focusedTile(page)).resolves.toBe(last);

    const pageUrl = page.url();
    const [popup] = await Promise.all([
      context.waitForEvent('page', { timeout: 10_000 }),
      page.keyboard.press('Enter'),
    ]);
    await popup.waitForLoadState('domcontentloaded', { timeout: 10_000 });
    const opened = new URL(popup.url());
    expect(`${opened.origin}${opened.pathname}`).toBe(LINK_BASE);
    expect(opened.searchParams.get('instance')).toBe(last);
    // Grafana's uriencode (encodeURI) keeps ':' and '/' as they are.
    expect(popup.url()).toContain(`instance=${last}`);
    await popup.close();
    // Only the first link opened, the page stayed where it was, and the javascript: link never ran.
    expect(context.pages()).toEqual([page]);
    expect(page.url()).toBe(pageUrl);
    await expect(linkRan(page)).resolves.toBe(false);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('never runs a javascript: data link, not even on Enter', async () => {
    const { page, errors, dialogs } = await openPanel(host, UNSAFE_LINK_PANEL_ID);
    const context = page.context();
    const popups: string[] = [];
    context.on('page', (opened) => popups.push(opened.url()));
    const pageUrl = page.url();
    const tile = page.locator(`[data-testid="${TEST_IDS.tile}"]`).first();
    await tile.focus();
    const details = page.getByTestId(TEST_IDS.details);
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    await expect(details.textContent()).resolves.toContain('left out because the URL is not safe to open');
    await expect(details.locator('a[href^="javascript:" i]').count()).resolves.toBe(0);

    await page.keyboard.press('Enter');
    // Give a navigation or a dialog the time of a refresh to show up.
    const queries = (await waitForPreview(page)).queries;
    await waitForPreview(page, queries + 2, 10_000);
    expect(page.url()).toBe(pageUrl);
    expect(popups).toEqual([]);
    await expect(linkRan(page)).resolves.toBe(false);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it(`renders ${GENERATED.toLocaleString('en')} targets, counts them all and scrolls to the last tile`, async () => {
    const { page, errors } = await openPanel(host, PROJECT_PANEL_ID, { width: 1400, height: 800 });
    await page.evaluate((count) => {
      const step = 10_000;
      const points = 30;
      const end = Date.now() - (Date.now() % step);
      const times = Array.from({ length: points }, (_, i) => end - (points - 1 - i) * step);
      const frame = (refId: string, name: string, instance: string, values: number[]) => ({
        schema: {
          refId,
          meta: { type: 'timeseries-multi', typeVersion: [0, 1], custom: { resultType: 'matrix' } },
          fields: [
            { name: 'Time', type: 'time', typeInfo: { frame: 'time.Time' }, config: { interval: step } },
            {
              name,
              type: 'number',
              typeInfo: { frame: 'float64' },
              labels: { __name__: name, instance, job: 'probe_generated' },
              config: { displayNameFromDS: instance },
            },
          ],
        },
        data: { values: [times, values] },
      });
      const frames: unknown[] = [];
      for (let i = 0; i < count; i++) {
        const instance = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:443`;
        const down = i % 50 === 0;
        frames.push(
          frame(
            'A',
            'probe_success',
            instance,
            times.map(() => (down ? 0 : 1))
          )
        );
        frames.push(
          frame(
            'B',
            'probe_duration_seconds',
            instance,
            times.map((_, j) => 0.01 + ((i * 7 + j * 13) % 40) / 1000)
          )
        );
        frames.push(
          frame(
            'C',
            'up',
            instance,
            times.map(() => 1)
          )
        );
      }
      (window as unknown as { __portwatchPreview: { setFrames(f: unknown[]): void } }).__portwatchPreview.setFrames(
        frames
      );
    }, GENERATED);

    const down = GENERATED / 50;
    await page.waitForFunction(
      ({ testId, total }) => {
        const summary = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
        return summary !== null && Number(summary.dataset.up) + Number(summary.dataset.down) === total;
      },
      { testId: TEST_IDS.summary, total: GENERATED },
      { timeout: 30_000 }
    );
    const summary = (await readSummary(page))!;
    expect(summary).toEqual({ up: GENERATED - down, down, stale: 0, unknown: 0, partial: 0 });
    expect(Object.values(summary).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(2000);

    // Only the rows in view are in the DOM, and the problems come first.
    const top = await readTiles(page);
    expect(Object.keys(top).length).toBeGreaterThan(10);
    expect(Object.keys(top).length).toBeLessThan(GENERATED / 4);
    expect(countStates(Object.values(top)).down).toBeGreaterThan(0);

    // Scroll to the end with the wheel, as a user would, until the last tile is in view.
    const grid = page.getByTestId(TEST_IDS.grid);
    await grid.hover();
    const lastTile = page.locator(`[data-testid="${TEST_IDS.tile}"][data-index="${GENERATED - 1}"]`);
    const deadline = Date.now() + 60_000;
    while (!(await lastTile.isVisible()) && Date.now() < deadline) {
      await page.mouse.wheel(0, 4000);
      await page.waitForTimeout(30);
    }
    await expect(lastTile.isVisible()).resolves.toBe(true);
    const inView = await page.evaluate(
      ({ gridId, index }) => {
        const scroller = document.querySelector<HTMLElement>(`[data-testid="${gridId}"]`)!;
        const box = scroller.getBoundingClientRect();
        const tile = scroller.querySelector<HTMLElement>(`[data-index="${index}"]`)!.getBoundingClientRect();
        return {
          atEnd: Math.abs(scroller.scrollTop + scroller.clientHeight - scroller.scrollHeight) <= 1,
          visible: tile.top >= box.top - 1 && tile.bottom <= box.bottom + 1,
        };
      },
      { gridId: TEST_IDS.grid, index: GENERATED - 1 }
    );
    expect(inView).toEqual({ atEnd: true, visible: true });
    const bottom = await readTiles(page);
    expect(Object.keys(bottom).length).toBeLessThan(GENERATED / 4);
    // Only the grid's tab stop (the first tile) stays rendered from the top rows.
    expect(Object.keys(bottom).filter((key) => key in top).length).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  const shots: Array<{
    theme: 'dark' | 'light';
    size: 'wide' | 'narrow' | 'slim';
    viewport: { width: number; height: number };
  }> = [
    { theme: 'dark', size: 'wide', viewport: { width: 1600, height: 560 } },
    { theme: 'light', size: 'wide', viewport: { width: 1600, height: 560 } },
    { theme: 'dark', size: 'narrow', viewport: { width: 480, height: 900 } },
    { theme: 'light', size: 'narrow', viewport: { width: 480, height: 900 } },
    // As a panel repeated side by side.
    { theme: 'dark', size: 'slim', viewport: { width: 280, height: 700 } },
  ];
  it.each(shots)(
    'draws the demo targets in the $theme theme at a $size size ($viewport.width x $viewport.height)',
    async ({ theme, size, viewport }) => {
      const { page, errors } = await openPanel(host, PROJECT_PANEL_ID, viewport, `&theme=${theme}`);
      // The page takes the theme's canvas colour: dark or light, whatever the line's exact shade.
      const [r, g, b] = (await page.evaluate(() => getComputedStyle(document.body).backgroundColor))
        .match(/\d+/g)!
        .map(Number);
      const luminance = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      expect(theme === 'dark' ? luminance < 0.2 : luminance > 0.8).toBe(true);
      const summary = (await readSummary(page))!;
      expect(summary).toEqual(countStates(Object.values(demoStates)));
      // Tiles stay inside the panel and do not overlap each other.
      const boxes = await page.locator(`[data-testid="${TEST_IDS.tile}"]`).evaluateAll((tiles) =>
        tiles.map((tile) => {
          const box = tile.getBoundingClientRect();
          return { left: box.left, right: box.right, top: box.top, bottom: box.bottom };
        })
      );
      const panel = (await page.getByTestId('preview-panel').boundingBox())!;
      for (const [i, a] of boxes.entries()) {
        expect(a.left).toBeGreaterThanOrEqual(panel.x);
        expect(a.right).toBeLessThanOrEqual(panel.x + panel.width);
        for (const b of boxes.slice(i + 1)) {
          const overlap = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
          expect(overlap).toBe(false);
        }
      }
      // Every control and every count stays inside the panel, where a pointer can reach it; the
      // summary counts problems and firing alerts first, so the one that may be cut is UP's.
      const controls = await page
        .locator('[data-testid="preview-panel"] input, [data-testid="preview-panel"] button')
        .evaluateAll((elements) =>
          elements
            .filter((element) => element.getBoundingClientRect().width > 0)
            .map((element) => {
              const box = element.getBoundingClientRect();
              return {
                name: element.getAttribute('aria-label') ?? element.textContent,
                left: box.left,
                right: box.right,
              };
            })
        );
      expect(controls.length).toBeGreaterThan(2);
      const outside = controls.filter(
        (control) =>
          !/\bup\b/.test(control.name ?? '') &&
          (control.left < panel.x - 0.5 || control.right > panel.x + panel.width + 0.5)
      );
      expect(outside).toEqual([]);
      await page.mouse.move(0, 0);
      await page
        .getByTestId('preview-panel')
        .screenshot({ path: join(SCREENSHOTS, `grafana${host}-${theme}-${size}.png`) });
      expect(errors).toEqual([]);
      await page.close();
    }
  );

  it('in forced colours, keeps the state marks on the tiles and shows which state filter is on', async () => {
    const { page, errors } = await openPanel(host, PROJECT_PANEL_ID);
    await page.emulateMedia({ forcedColors: 'active' });
    await page.mouse.move(0, 0);
    // The state mark is drawn before the name, at the start of the tile's first line.
    const marks = await page.locator(`[data-testid="${TEST_IDS.tile}"] > :first-child`).evaluateAll((lines) =>
      lines.slice(0, 6).map((line) => {
        const box = line.getBoundingClientRect();
        const size = parseFloat(getComputedStyle(line, '::before').width);
        return { x: box.left, y: box.top + (box.height - size) / 2, width: size, height: size };
      })
    );
    expect(marks.length).toBeGreaterThan(0);
    for (const clip of marks) {
      // Forced colours paint every background in the page's colour; a mask drawn with one is blank.
      expect(await distinctColours(page, await page.screenshot({ clip }))).toBeGreaterThan(1);
    }

    // The summary's icons, drawn as SVG, take the scheme's text colour rather than a theme's.
    const fills = await page.locator(`[data-testid="${TEST_IDS.summary}"] svg[data-icon]`).evaluateAll((icons) => {
      const probe = document.body.appendChild(document.createElement('span'));
      probe.style.color = 'CanvasText';
      const text = getComputedStyle(probe).color;
      probe.remove();
      return icons.map((icon) => ({ fill: getComputedStyle(icon).fill, text }));
    });
    expect(fills.length).toBeGreaterThan(0);
    for (const { fill, text } of fills) {
      expect(fill).toBe(text);
    }

    const down = page.locator(`[data-testid="${TEST_IDS.summary}"] button[aria-pressed]`).first();
    const before = await down.screenshot();
    await down.click();
    await expect(down.getAttribute('aria-pressed')).resolves.toBe('true');
    await page.mouse.move(0, 0);
    // Not the focus ring: a mouse click gives none.
    await expect(page.evaluate(() => document.activeElement!.matches(':focus-visible'))).resolves.toBe(false);
    const after = await down.screenshot();
    expect(after.equals(before)).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });
});

/** How many colours a PNG screenshot holds, counted in the page's own canvas. */
function distinctColours(page: Page, png: Buffer): Promise<number> {
  return page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d')!;
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    }
    return colours.size;
  }, png.toString('base64'));
}
