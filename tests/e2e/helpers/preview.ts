/**
 * Starts the preview server (preview/server.mjs) as a child process and Chromium through playwright-core.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

import { Browser, chromium, Page } from 'playwright-core';

import { CHROMIUM, CHROMIUM_FLAGS } from '../../../preview/lib/chromium.mjs';
import type { PreviewHandle } from '../../../preview/src/ui/App';

export const ROOT = join(__dirname, '..', '..', '..');

/** The Grafana line of the preview host under test (see preview/lib/hosts.mjs): PREVIEW_GRAFANA=13. */
export const GRAFANA_HOST = process.env.PREVIEW_GRAFANA ?? '12';

export interface PreviewServer {
  url: string;
  stop(): Promise<void>;
}

export interface PreviewOptions {
  promUrl: string;
  dashboard?: string;
  dist?: string;
  panelId?: number;
  datasourceUid?: string;
  refresh?: string;
  range?: string;
  grafana?: string;
  /** The data source's scrape interval (`timeInterval`), the shortest step the queries use. */
  scrapeInterval?: string;
  theme?: 'dark' | 'light';
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Starts the server on a free port; it builds the host bundle first when that is stale. */
export function startPreview(options: PreviewOptions, timeoutMs = 180_000): Promise<PreviewServer> {
  const args = [join(ROOT, 'preview', 'server.mjs'), '--port', '0', '--prom-url', options.promUrl, '--ttl', '900'];
  const optional: Array<[string, string | number | undefined]> = [
    ['--dashboard', options.dashboard],
    ['--dist', options.dist],
    ['--panel-id', options.panelId],
    ['--datasource-uid', options.datasourceUid],
    ['--refresh', options.refresh],
    ['--range', options.range],
    ['--grafana', options.grafana ?? GRAFANA_HOST],
    ['--scrape-interval', options.scrapeInterval],
    ['--theme', options.theme],
  ];
  for (const [flag, value] of optional) {
    if (value !== undefined) {
      args.push(flag, String(value));
    }
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopChild(child);
      reject(new Error(`preview server did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /preview: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ url: match[1], stop: () => stopChild(child) });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview server exited with ${code}:\n${output}`));
    });
  });
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
}

/** Collects what the page reports as errors: console errors, uncaught exceptions and failed requests. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') {
      errors.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => errors.push(`page: ${error.message}`));
  page.on('requestfailed', (request) => {
    if (request.failure()?.errorText !== 'net::ERR_ABORTED') {
      errors.push(`request: ${request.url()} ${request.failure()?.errorText}`);
    }
  });
  return errors;
}

/** What the page reports about itself (window.__portwatchPreview), without its functions. */
export type PreviewHandleState = Omit<PreviewHandle, 'setFrames' | 'resume'>;

/** Waits until the page has loaded the plugin and answered at least `queries` rounds of queries. */
export async function waitForPreview(page: Page, queries = 1, timeoutMs = 60_000): Promise<PreviewHandleState> {
  await page.waitForFunction(
    (n) => {
      const handle = (window as unknown as { __portwatchPreview?: PreviewHandleState }).__portwatchPreview;
      return (
        handle &&
        (handle.status === 'failed' ||
          (handle.status === 'ready' && handle.queries >= n && handle.dataState !== 'Loading'))
      );
    },
    queries,
    { timeout: timeoutMs }
  );
  return page.evaluate(() => (window as unknown as { __portwatchPreview: PreviewHandleState }).__portwatchPreview);
}
