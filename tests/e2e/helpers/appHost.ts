/**
 * Reads the preview's app page (/a/<app id>) through what it reports about itself
 * (window.__portwatchApp, preview/src/ui/AppHost.tsx).
 */
import { Page } from 'playwright-core';

import type { AppHostHandle } from '../../../preview/src/ui/AppHost';

/** Waits until the app page has loaded the app (or failed to) and returns what it reports. */
export async function waitForAppHost(page: Page, timeoutMs = 60_000): Promise<AppHostHandle> {
  await page.waitForFunction(
    () => {
      const handle = (window as unknown as { __portwatchApp?: AppHostHandle }).__portwatchApp;
      return handle !== undefined && handle.status !== 'loading';
    },
    undefined,
    { timeout: timeoutMs }
  );
  return page.evaluate(() => (window as unknown as { __portwatchApp: AppHostHandle }).__portwatchApp);
}
