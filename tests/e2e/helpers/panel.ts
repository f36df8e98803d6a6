/**
 * Reads the Port Status panel in the page through its test contract (src/constants.ts TEST_IDS):
 * tiles with `data-state` and `data-key`, the summary with one `data-<state>` count per state.
 */
import { Page } from 'playwright-core';

import { TEST_IDS } from '../../../src/panel/constants';

/**
 * The preview host lines every end-to-end suite runs on: `E2E_GRAFANA_HOSTS=12` narrows the matrix,
 * by default both the oldest (12.0.2, React 18) and the newest (13.2.2, React 19).
 */
export const GRAFANA_HOSTS: string[] = (process.env.E2E_GRAFANA_HOSTS ?? '12,13')
  .split(',')
  .map((host) => host.trim())
  .filter(Boolean);

export const STATES = ['up', 'down', 'stale', 'unknown', 'partial'] as const;
export type TileState = (typeof STATES)[number];

export type Summary = Record<TileState, number>;

export interface TileView {
  key: string;
  state: string;
}

/** The tiles rendered now, by key (the grid renders the rows in view). */
export function readTiles(page: Page): Promise<Record<string, string>> {
  return page.evaluate((testId) => {
    const tiles: Record<string, string> = {};
    document.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`).forEach((tile) => {
      tiles[tile.dataset.key ?? ''] = tile.dataset.state ?? '';
    });
    return tiles;
  }, TEST_IDS.tile);
}

/** The summary's counts, or undefined while the panel shows none. */
export function readSummary(page: Page): Promise<Summary | undefined> {
  return page.evaluate(
    ({ testId, states }) => {
      const summary = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
      if (!summary) {
        return undefined;
      }
      return Object.fromEntries(states.map((state) => [state, Number(summary.dataset[state])])) as Record<
        string,
        number
      >;
    },
    { testId: TEST_IDS.summary, states: [...STATES] }
  ) as Promise<Summary | undefined>;
}

export function countStates(states: Iterable<string>): Summary {
  const counts: Summary = { up: 0, down: 0, stale: 0, unknown: 0, partial: 0 };
  for (const state of states) {
    if (state in counts) {
      counts[state as TileState]++;
    }
  }
  return counts;
}

export interface PollOptions<T = Record<string, string>> {
  timeoutMs: number;
  intervalMs?: number;
  /** Called with every reading, the last one included; throw from it to fail at once. */
  onPoll?: (reading: T, elapsedMs: number) => void;
}

/**
 * Reads every `intervalMs` until `done` holds for the reading; rejects with `failure` and the last
 * reading when `timeoutMs` passes first. Resolves with the reading that passed and the time it took.
 */
export async function poll<T>(
  page: Page,
  read: () => Promise<T>,
  done: (reading: T) => boolean,
  { timeoutMs, intervalMs = 100, onPoll }: PollOptions<T>,
  failure: string
): Promise<{ reading: T; elapsedMs: number }> {
  const started = Date.now();
  for (;;) {
    const reading = await read();
    const elapsedMs = Date.now() - started;
    onPoll?.(reading, elapsedMs);
    if (done(reading)) {
      return { reading, elapsedMs };
    }
    if (elapsedMs > timeoutMs) {
      throw new Error(`${failure} within ${timeoutMs} ms; last: ${JSON.stringify(reading)}`);
    }
    await page.waitForTimeout(intervalMs);
  }
}

/** `poll` over the rendered tiles. */
export async function pollTiles(
  page: Page,
  done: (tiles: Record<string, string>) => boolean,
  options: PollOptions
): Promise<{ tiles: Record<string, string>; elapsedMs: number }> {
  const { reading, elapsedMs } = await poll(
    page,
    () => readTiles(page),
    done,
    options,
    'tiles did not reach the expected states'
  );
  return { tiles: reading, elapsedMs };
}

/** Prometheus' own answer for probe_success, as the tile state it stands for, by instance. */
export function statesFromProbeSuccess(
  result: Array<{ metric: Record<string, string>; value: [number, string] }>
): Record<string, string> {
  return Object.fromEntries(
    result.map(({ metric, value }) => [
      metric.instance,
      value[1] === '1' ? 'up' : value[1] === '0' ? 'down' : 'unknown',
    ])
  );
}

/** The part of a started stack (stack/stack.mjs) that waitForSteadyStates uses. */
interface DemoStack {
  targets: Array<{ instance: string; expected: string }>;
  waitFor(
    expr: string,
    predicate: (result: Array<{ metric: Record<string, string>; value: [number, string] }>) => boolean,
    options?: { timeoutMs?: number }
  ): Promise<unknown>;
}

/**
 * Waits until Prometheus has seen every demo target answer as expected at least once, so that the
 * states a test then reads are the steady ones (targets expected unknown have no answer to wait for).
 */
export async function waitForSteadyStates(stack: DemoStack, timeoutMs = 30_000): Promise<void> {
  await stack.waitFor(
    'probe_success',
    (result) => {
      const states = statesFromProbeSuccess(result);
      return stack.targets.every((t) => t.expected === 'unknown' || states[t.instance] === t.expected);
    },
    { timeoutMs }
  );
}

/** Reads the tiles every `intervalMs` for `durationMs`, handing each reading to `onPoll` (which may throw). */
export async function watchTiles(
  page: Page,
  durationMs: number,
  onPoll: (tiles: Record<string, string>, elapsedMs: number) => void,
  intervalMs = 100
): Promise<number> {
  const started = Date.now();
  let polls = 0;
  while (Date.now() - started < durationMs) {
    onPoll(await readTiles(page), Date.now() - started);
    polls++;
    await page.waitForTimeout(intervalMs);
  }
  return polls;
}
