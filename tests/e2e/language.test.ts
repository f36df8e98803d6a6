/**
 * The panel in Korean, in both preview hosts, against the no-Docker stack's demo targets: on the
 * Grafana 12.0 line the panel loads its own translations (a chunk of its bundle), on 13 the host adds
 * them from the plugin's `locales/` before loading it, as Grafana 12.1 and later do. In Korean no
 * English sentence of the panel's and no translation key shows, on the tiles, in the summary, in the
 * accessible names or in a tile's details; a language the panel does not have falls back to English.
 * Screenshots (with the CJK font the test run installs) in test-artifacts/screenshots/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import { TEST_IDS } from '../../src/panel/constants';
import { flatten, localePath, PLUGINS } from '../../scripts/i18n.mjs';
import { startStack } from '../../stack/stack.mjs';
import { GRAFANA_HOSTS, waitForSteadyStates } from './helpers/panel';
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
const PLUGIN_PATH = '/public/plugins/portwatch-status-panel/';
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const HANGUL = /[\uac00-\ud7a3]/;

type Stack = Awaited<ReturnType<typeof startStack>>;
const PANEL = PLUGINS.find((plugin: { id: string }) => plugin.id === 'portwatch-status-panel');
const readLocale = (language: string): Record<string, string> =>
  flatten(JSON.parse(readFileSync(localePath(PANEL, language), 'utf8')));
const english = readLocale('en-US');
const korean = readLocale('ko-KR');

/**
 * The parts of the English messages between their values that are phrases of two words or more
 * ("probe failed", "targets by state"): none may show in Korean. Single words are left out, since
 * target names and label values may hold them.
 */
const ENGLISH_PHRASES = [
  ...new Set(
    Object.entries(english)
      // The suggestion's words show in Grafana's visualization picker, not in the panel.
      .filter(([key]) => !key.startsWith('suggestion.'))
      .flatMap(([, text]) => text.split(/\{\{[^}]*\}\}/))
      .map((part) =>
        part
          .replace(/[^A-Za-z' ]+/g, ' ')
          .trim()
          .replace(/\s+/g, ' ')
      )
      .filter((part) => /^[A-Za-z']{2,}( [A-Za-z']+)+$/.test(part) && !/^(probe_|HTTP|DNS|ICMP)/.test(part))
      .map((part) => part.toLowerCase())
  ),
];
const KEY_PATTERN = new RegExp(
  `\\b(${[...new Set(Object.keys(english).map((key) => key.split('.')[0]))].join('|')})\\.[a-z][\\w.-]*`
);

let stack: Stack;
let browser: Browser | undefined;

/** Everything the panel says: its text, the accessible names and titles in it, and the open details. */
function panelWords(page: Page): Promise<string> {
  return page.evaluate((detailsId) => {
    const roots = [
      document.querySelector('[data-testid="preview-container"]'),
      document.querySelector(`[data-testid="${detailsId}"]`),
    ];
    const parts: string[] = [];
    for (const root of roots) {
      if (!root) {
        continue;
      }
      parts.push((root as HTMLElement).innerText);
      root.querySelectorAll('[aria-label], [title], [placeholder]').forEach((element) => {
        ['aria-label', 'title', 'placeholder'].forEach((name) => {
          const value = element.getAttribute(name);
          if (value) {
            parts.push(value);
          }
        });
      });
    }
    return parts.join('\n');
  }, TEST_IDS.details);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = await startStack({ scrapeInterval: `${SCRAPE_SECONDS}s`, preferDefaultPorts: false });
  await waitForSteadyStates(stack);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

it('checks Korean against phrases the English messages really have', () => {
  expect(ENGLISH_PHRASES).toEqual(expect.arrayContaining(['probe failed', 'targets by state', 'filter targets']));
  expect(KEY_PATTERN.test('summary.total')).toBe(true);
});

describe.each(GRAFANA_HOSTS)('Grafana %s host, in Korean', (host) => {
  let preview: PreviewServer | undefined;
  let page: Page | undefined;
  let errors: string[] = [];
  const pluginRequests: string[] = [];

  beforeAll(async () => {
    preview = await startPreview(
      { promUrl: stack.promUrl, grafana: host, refresh: '2s', scrapeInterval: `${SCRAPE_SECONDS}s` },
      600_000
    );
    page = await browser!.newPage({ viewport: { width: 1400, height: 900 } });
    errors = collectPageErrors(page);
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith(PLUGIN_PATH)) {
        pluginRequests.push(path.slice(PLUGIN_PATH.length));
      }
    });
    await page.goto(`${preview.url}/?lang=ko-KR`);
    const state = await waitForPreview(page, 2);
    expect(state).toMatchObject({ status: 'ready', plugin: { id: 'portwatch-status-panel', isPanelPlugin: true } });
    await page.getByTestId(TEST_IDS.tile).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Right after the stack starts, a target can have an uptime and no status sample at a step yet
    // (UNKNOWN, "no sample in range"): wait for the probes' first results at a step.
    await page
      .locator(`[data-testid="${TEST_IDS.summary}"]:not([data-up="0"])`)
      .waitFor({ state: 'attached', timeout: 30_000 });
  });

  afterAll(async () => {
    await page?.close();
    await preview?.stop();
  });

  afterEach(() => {
    expect(errors).toEqual([]);
  });

  it(
    host === '12'
      ? 'brings its own Korean translations, since Grafana 12.0 loads none'
      : 'takes the Korean translations the host added from locales/, loading none of its own',
    () => {
      const localeFiles = pluginRequests.filter((path) => path.startsWith('locales/'));
      // On 12.0 the translations are part of the panel's module: no file of them is fetched.
      expect(localeFiles).toEqual(host === '12' ? [] : ['locales/ko-KR/portwatch-status-panel.json']);
      expect(pluginRequests.filter((path) => /^\d+\.js(\?|$)/.test(path))).toEqual([]);
    }
  );

  it('says the summary, the states and the times in state in Korean', async () => {
    const summary = await page!.getByTestId(TEST_IDS.summary).innerText();
    const total = await page!.getByTestId(TEST_IDS.summary).getAttribute('data-up');
    expect(summary).toContain(korean['summary.total_other'].split(/{{count[^}]*}}/)[0].trim());
    expect(summary).toContain(korean['state.up']);
    expect(Number(total)).toBeGreaterThan(0);
    const tileNames = await page!
      .getByTestId(TEST_IDS.tile)
      .evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('aria-label') ?? ''));
    expect(tileNames.length).toBeGreaterThan(0);
    for (const name of tileNames) {
      expect(name).toMatch(HANGUL);
    }
  });

  it('shows no English phrase of its own and no translation key, details included', async () => {
    const down = page!.locator(`[data-testid="${TEST_IDS.tile}"][data-state="down"]`).first();
    await down.focus();
    const details = page!.getByTestId(TEST_IDS.details);
    await details.waitFor({ state: 'visible', timeout: 5_000 });
    expect(await details.innerText()).toMatch(HANGUL);
    const words = (await panelWords(page!)).toLowerCase();
    expect(ENGLISH_PHRASES.filter((phrase) => words.includes(phrase))).toEqual([]);
    expect(words.match(KEY_PATTERN)).toBeNull();
    await page!.screenshot({ path: join(SCREENSHOTS, `korean-details-${host}.png`) });
    await page!.keyboard.press('Escape');
    await page!.screenshot({ path: join(SCREENSHOTS, `korean-${host}.png`) });
  });

  it('falls back to English for a language it has no translations for', async () => {
    const other = await browser!.newPage({ viewport: { width: 1200, height: 700 } });
    try {
      const otherErrors = collectPageErrors(other);
      await other.goto(`${preview!.url}/?lang=fr-FR`);
      await waitForPreview(other);
      const summary = other.getByTestId(TEST_IDS.summary);
      await summary.waitFor({ state: 'visible', timeout: 30_000 });
      const text = await summary.innerText();
      expect(text).toMatch(/\d+ targets/);
      expect(text).not.toMatch(HANGUL);
      expect(otherErrors).toEqual([]);
    } finally {
      await other.close();
    }
  });
});
