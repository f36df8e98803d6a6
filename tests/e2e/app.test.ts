/**
 * The Portwatch app's pages in both preview hosts, against the no-Docker stack: the setup check reads
 * the demo all OK, then names the probe jobs and says what to do once blackbox_exporter is stopped;
 * the target builder marks bad lines and writes the job for the good ones; both pages in Korean.
 * Screenshots in test-artifacts/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { Browser, Page } from 'playwright-core';

import { APP_TEST_IDS } from '../../src/constants';
import { startStack } from '../../stack/stack.mjs';
import { waitForAppHost } from './helpers/appHost';
import { GRAFANA_HOSTS, poll } from './helpers/panel';
import { collectPageErrors, launchChromium, PreviewServer, ROOT, startPreview } from './helpers/preview';

jest.setTimeout(300_000);

const SCRAPE_SECONDS = 2;
const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
const HANGUL = /[\uac00-\ud7a3]/;

type Stack = Awaited<ReturnType<typeof startStack>> & {
  stopBlackbox(): Promise<void>;
  startBlackbox(): Promise<void>;
};
interface CheckRow {
  id: string;
  status: string;
  code: string;
  /** What the check says: its title, sentence and fix, without its rows. */
  text: string;
  /** Its rows' cells (per job, module or rule), read whether they are folded or not. */
  rows: string[][];
}

let stack: Stack;
let browser: Browser | undefined;

function readChecks(page: Page): Promise<CheckRow[]> {
  return page.getByTestId(APP_TEST_IDS.check).evaluateAll(
    (checks, rowsId) =>
      checks.map((check) => {
        const element = check as HTMLElement;
        const rows = element.querySelector(`[data-testid="${rowsId}"]`);
        const said = [...element.querySelectorAll<HTMLElement>(':scope > div > *')].filter((part) => part !== rows);
        return {
          id: element.dataset.id ?? '',
          status: element.dataset.status ?? '',
          code: element.dataset.code ?? '',
          text: said.map((part) => part.innerText).join('\n'),
          rows: [...(rows?.querySelectorAll('tbody tr') ?? [])].map((line) =>
            [...(line as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? '')
          ),
        };
      }),
    APP_TEST_IDS.checkRows
  );
}

/** Clicks "Check again" until the checks satisfy `done`, and returns them. */
async function checksUntil(page: Page, done: (rows: CheckRow[]) => boolean, timeoutMs = 60_000): Promise<CheckRow[]> {
  const { reading } = await poll(
    page,
    async () => {
      const rows = await readChecks(page);
      if (!done(rows)) {
        const again = page.getByRole('button', { name: /Check again|다시 확인/ });
        if (await again.isEnabled()) {
          await again.click();
        }
      }
      return rows;
    },
    done,
    { timeoutMs, intervalMs: 2000 },
    'the setup check did not read as expected'
  );
  return reading;
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  stack = (await startStack({ scrapeInterval: `${SCRAPE_SECONDS}s`, preferDefaultPorts: false })) as Stack;
  await stack.waitFor('probe_success', (result: unknown[]) => result.length > 0);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe.each(GRAFANA_HOSTS)('Grafana %s host, the Portwatch app', (host) => {
  let preview: PreviewServer | undefined;
  let page: Page | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    preview = await startPreview(
      { promUrl: stack.promUrl, grafana: host, scrapeInterval: `${SCRAPE_SECONDS}s` },
      600_000
    );
    page = await browser!.newPage({ viewport: { width: 1300, height: 1000 } });
    errors = collectPageErrors(page);
  });

  afterAll(async () => {
    await page?.close();
    await preview?.stop();
  });

  it('writes a probe job for the good lines and marks the bad ones with the reason', async () => {
    await page!.goto(`${preview!.url}/a/portwatch-app/targets`);
    expect(await waitForAppHost(page!)).toMatchObject({ status: 'ready' });
    const input = page!.getByTestId(APP_TEST_IDS.targetInput);
    await input.fill(
      ['db-1.example.com:5432 service_name=orders team=payments', 'web-1.example.com', 'db-2:5432 9lives=x'].join('\n')
    );
    const problems = page!.getByTestId(APP_TEST_IDS.lineProblem);
    await expect(
      problems.evaluateAll((rows) =>
        rows.map((r) => [(r as HTMLElement).dataset.line, (r as HTMLElement).dataset.codes])
      )
    ).resolves.toEqual([
      ['2', 'missing-port'],
      ['3', 'invalid-label-name'],
    ]);
    const output = page!.getByTestId(APP_TEST_IDS.output);
    await expect(output.getAttribute('data-ready')).resolves.toBe('true');
    const yaml = await output.locator('pre').innerText();
    expect(yaml).toContain('"db-1.example.com:5432"');
    expect(yaml).not.toContain('web-1.example.com');
    expect(yaml).not.toContain('db-2');
    await page!.screenshot({ path: join(SCREENSHOTS, `app-targets-${host}.png`) });
    expect(errors).toEqual([]);
  });

  it('names its fields, marks a bad blackbox_exporter address and keeps long input on the page', async () => {
    await page!.goto(`${preview!.url}/a/portwatch-app/targets`);
    expect(await waitForAppHost(page!)).toMatchObject({ status: 'ready' });
    await expect(page!.getByLabel('Job name').inputValue()).resolves.toBe('probe_tcp_ports');
    const exporter = page!.getByLabel(/^blackbox_exporter address/);
    const output = page!.getByTestId(APP_TEST_IDS.output);
    await page!.getByTestId(APP_TEST_IDS.targetInput).fill('db-1.example.com:5432');
    await exporter.fill('http://bb:9115/probe');
    await expect(exporter.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page!.getByRole('alert').innerText()).resolves.toBe(
      '"http://bb:9115/probe" is not host:port: write bb:9115'
    );
    await expect(output.getAttribute('data-ready')).resolves.toBe('false');
    await expect(page!.getByText(/ready to write/).count()).resolves.toBe(0);
    await exporter.fill('127.0.0.1:9115');
    await expect(exporter.getAttribute('aria-invalid')).resolves.toBe('false');
    await expect(output.getAttribute('data-ready')).resolves.toBe('true');

    await page!.getByTestId(APP_TEST_IDS.targetInput).fill(`${'h'.repeat(200_000)}:80`);
    const problem = page!.getByTestId(APP_TEST_IDS.lineProblem).first();
    expect((await problem.innerText()).length).toBeLessThan(200);
    // The message wraps inside its line rather than running off the page sideways.
    await expect(problem.evaluate((line) => line.scrollWidth <= line.clientWidth)).resolves.toBe(true);
    expect(errors).toEqual([]);
  });

  it('reads the demo stack all OK in the setup check', async () => {
    await page!.goto(`${preview!.url}/a/portwatch-app/setup`);
    expect(await waitForAppHost(page!)).toMatchObject({ status: 'ready' });
    const rows = await checksUntil(page!, (r) => r.length === 6 && r.every((row) => row.status === 'ok'), 90_000);
    expect(rows.map((row) => [row.id, row.status])).toEqual([
      ['probes', 'ok'],
      ['exporter', 'ok'],
      ['interval', 'ok'],
      ['version', 'ok'],
      ['modules', 'ok'],
      ['rules', 'ok'],
    ]);
    // "Check again" stands on the data source picker's line, not below it.
    const middle = (box: { y: number; height: number } | null) => (box ? box.y + box.height / 2 : NaN);
    const picker = await page!.locator('#data-source-picker').boundingBox();
    const again = await page!.getByRole('button', { name: 'Check again' }).boundingBox();
    expect(Math.abs(middle(again) - middle(picker))).toBeLessThanOrEqual(2);
    // Run again from the keyboard: focus stays on the button, and the outcome is read out as a status.
    const againButton = page!.getByRole('button', { name: 'Check again' });
    await againButton.press('Enter');
    expect(await againButton.evaluate((button) => button === document.activeElement)).toBe(true);
    await page!
      .getByRole('status')
      .filter({ hasText: /^\d of 6 checks pass\.$/ })
      .waitFor({ timeout: 60_000 });
    expect(await againButton.evaluate((button) => button === document.activeElement)).toBe(true);
    const text = (id: string) => rows.find((row) => row.id === id)!.text;
    expect(text('probes')).toMatch(/\d+ targets?\. Jobs: probe_.+\. Modules: .+\./);
    // 30 minutes over the panel's 100 points: 18 s, which Grafana rounds to a 20 s step.
    expect(text('interval')).toContain(
      `At the data source’s shortest step, ${SCRAPE_SECONDS}s, the panel marks a target stale about ${3 * SCRAPE_SECONDS}s after its last sample.`
    );
    expect(text('interval')).toContain('the last 30m, the step is 20s and a target turns stale after about 1m.');
    // The rows behind a sentence stay folded until asked for, from the keyboard too: each probe job
    // the sentence names, with its targets.
    const probeRows = page!
      .locator(`[data-testid="${APP_TEST_IDS.check}"][data-id="probes"]`)
      .getByTestId(APP_TEST_IDS.checkRows);
    expect(await probeRows.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    await probeRows.locator('summary').press('Enter');
    expect(await probeRows.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
    const table = await probeRows
      .locator('tr')
      .evaluateAll((lines) =>
        lines.map((line) => [...(line as HTMLTableRowElement).cells].map((cell) => cell.textContent ?? ''))
      );
    expect(table[0]).toEqual(['Job', 'Targets', 'Modules']);
    const namedJobs = /Jobs: (.+?)\. Modules:/.exec(text('probes'))![1].split(', ');
    expect(table.slice(1).map((line) => line[0])).toEqual(namedJobs);
    expect(table.slice(1).every((line) => /^[1-9]\d*$/.test(line[1]))).toBe(true);
    await page!.screenshot({ path: join(SCREENSHOTS, `app-setup-${host}.png`) });
    expect(errors).toEqual([]);
  });

  it('speaks Korean on both pages', async () => {
    const korean = await browser!.newPage({ viewport: { width: 1300, height: 1000 } });
    try {
      const koreanErrors = collectPageErrors(korean);
      await korean.goto(`${preview!.url}/a/portwatch-app/setup?lang=ko-KR`);
      expect(await waitForAppHost(korean)).toMatchObject({ status: 'ready' });
      await korean.getByTestId(APP_TEST_IDS.check).first().waitFor({ timeout: 60_000 });
      // The page's title follows the language, as its tab does.
      await korean.getByRole('heading', { level: 1, name: '설정 점검' }).waitFor();
      const setup = await korean.getByTestId(APP_TEST_IDS.setupCheck).innerText();
      expect(setup).toMatch(HANGUL);
      expect(setup).not.toMatch(/Check again|Probe results|Alert rules|Details/);
      // The rows behind a check are headed in Korean too.
      expect(setup).toContain('세부 정보');
      await korean.screenshot({ path: join(SCREENSHOTS, `app-setup-korean-${host}.png`) });
      await korean.goto(`${preview!.url}/a/portwatch-app/targets?lang=ko-KR`);
      await waitForAppHost(korean);
      await korean.getByRole('heading', { level: 1, name: '대상 작성기' }).waitFor();
      await korean.getByTestId(APP_TEST_IDS.targetInput).fill('web-1.example.com');
      await expect(korean.getByTestId(APP_TEST_IDS.lineProblem).innerText()).resolves.toContain('포트가 필요합니다');
      expect(koreanErrors).toEqual([]);
    } finally {
      await korean.close();
    }
  });

  it('names the probe jobs and says what to do while blackbox_exporter is stopped', async () => {
    await stack.stopBlackbox();
    try {
      await page!.goto(`${preview!.url}/a/portwatch-app/setup`);
      await waitForAppHost(page!);
      // Each probe job notices at its own next scrape, each target at its own: wait until every
      // scrape of these jobs has failed, row by row.
      const jobs = ['probe_http', 'probe_tcp', 'probe_icmp'];
      const allFailing = (check: CheckRow) =>
        jobs.every((job) => {
          const line = check.rows.find(([name]) => name === job);
          return line !== undefined && Number(line[1]) > 0 && line[2] === line[1];
        });
      const rows = await checksUntil(page!, (r) =>
        r.some((row) => row.id === 'exporter' && row.status === 'error' && allFailing(row))
      );
      const exporter = rows.find((row) => row.id === 'exporter')!;
      expect(exporter.code).toBe('exporter_unreachable');
      for (const job of jobs) {
        expect(exporter.text).toMatch(new RegExp(`[ ,]${job}[,:]`));
      }
      expect(exporter.text).toContain('Start blackbox_exporter');
      // A failing check opens its rows.
      const exporterRows = page!
        .locator(`[data-testid="${APP_TEST_IDS.check}"][data-id="exporter"]`)
        .getByTestId(APP_TEST_IDS.checkRows);
      expect(await exporterRows.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
      await page!.screenshot({ path: join(SCREENSHOTS, `app-setup-exporter-down-${host}.png`) });
    } finally {
      await stack.startBlackbox();
    }
  });
});
