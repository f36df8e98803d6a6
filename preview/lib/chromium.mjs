/**
 * The browser the end-to-end tests and the benchmark drive: the system's Chromium (never a
 * downloaded one), headless, without a sandbox or GPU, and without the background requests and
 * updates that would reach for the network.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
