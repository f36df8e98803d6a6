/**
 * What every benchmark page shares, so that a paired comparison (compare.mjs) measures what the
 * benchmark (run.mjs) does: the browser, its flags, the page size and the seed of the frames.
 */
import { CHROMIUM, CHROMIUM_FLAGS } from '../preview/lib/chromium.mjs';

export { CHROMIUM };
/** The tests' flags, and what the benchmark reads: exact heap figures and a garbage collection on demand. */
export const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'];
export const VIEWPORT = { width: 1280, height: 800 };
export const SEED = 20_250_115;
const PAGE_READY_MS = 120_000;

/** Opens the benchmark page in a fresh context and waits until it is ready; its info, or an error. */
export async function openBenchPage(browser, url, onPageError) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  const page = await context.newPage();
  if (onPageError) {
    page.on('pageerror', onPageError);
  }
  await page.goto(url);
  await page.waitForFunction(() => window.__portwatchBench?.status !== 'loading', null, { timeout: PAGE_READY_MS });
  const status = await page.evaluate(() => ({
    status: window.__portwatchBench.status,
    error: window.__portwatchBench.error,
    info: window.__portwatchBench.info,
  }));
  if (status.status !== 'ready') {
    await context.close();
    throw new Error(`bench page failed: ${status.error}`);
  }
  return { context, page, info: status.info };
}
