import { act, fireEvent, render, screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import React from 'react';
import { DataFrame, DataQueryRequest, FieldConfig, LoadingState, ThemeContext } from '@grafana/data';
import { locationService } from '@grafana/runtime';

import { TEST_IDS, WAIT_GRACE_MS } from '../constants';
import { arrangeTiles } from '../data/arrangeTiles';
import { Options } from '../options/defaultOptions';
import { makeTile } from '../test-utils/makeTile';
import {
  emptyFrame,
  instantFrames,
  NOW,
  probeFrames,
  RANGE,
  rangeFrames,
  Sample,
  SeriesSpec,
  target,
} from '../test-utils/testFixtures';
import { PortStatusPanel } from './PortStatusPanel';
import { TileGrid } from './TileGrid';
import {
  panelProps,
  PanelSetup,
  renderPanel,
  stubComboboxEnvironment,
  THEME_MODES,
  themeOf,
  withFieldConfig,
} from '../test-utils/renderPanel';

/** 30 samples one step apart, ending at NOW with `tail`. */
function padded(tail: Sample[]): Sample[] {
  return [...Array(30 - tail.length).fill(1), ...tail];
}

const SCENARIO = probeFrames(
  [
    target('10.0.0.1:80', padded([1]), { env: 'prod' }),
    target('10.0.0.2:80', padded([1, 0, 0]), { env: 'prod' }),
    // Last sample 27 steps (6m 45s) before NOW: stale.
    target('10.0.0.3:80', [1, 1, 1, ...Array(27).fill(undefined)], { env: 'dev' }),
    target('10.0.0.4:80', padded([1]), { env: 'dev' }),
  ],
  [target('10.0.0.1:80', padded([0.023])), target('10.0.0.2:80', padded([0.5]))]
);

const SCENARIO_STATES = { '10.0.0.1:80': 'up', '10.0.0.2:80': 'down', '10.0.0.3:80': 'stale', '10.0.0.4:80': 'up' };

function tiles(): HTMLElement[] {
  return screen.queryAllByTestId(TEST_IDS.tile);
}

function tileKeys(): string[] {
  return tiles().map((tile) => tile.dataset.key ?? '');
}

function tile(key: string): HTMLElement {
  const found = tiles().find((candidate) => candidate.dataset.key === key);
  if (!found) {
    throw new Error(`no tile ${key} among ${tileKeys().join(', ')}`);
  }
  return found;
}

/** The name of manyTargets' `i`-th target, from 1: t00001, t00002, ..., so that name order is index order. */
function targetName(i: number): string {
  return `t${String(i).padStart(5, '0')}`;
}

/** `count` healthy targets named by targetName, their frames in the order of names or the reverse. */
function manyTargets(count: number, order: 'by name' | 'reversed' = 'by name'): DataFrame[] {
  const status: SeriesSpec[] = [];
  for (let i = 1; i <= count; i++) {
    status.push(target(targetName(i), [1, 1]));
  }
  return probeFrames(order === 'reversed' ? status.reverse() : status);
}

/** Every rendered tile's key is the name at its place in the order of names (t00001 first). */
function expectNameOrderInView(): void {
  const placed = tiles().map((t) => [Number(t.dataset.index), t.dataset.key]);
  expect(placed.length).toBeGreaterThan(0);
  expect(placed).toEqual(placed.map(([index]) => [index, targetName(Number(index) + 1)]));
}

/**
 * Opens a view control the way a pointer does: it comes over the control (which puts the Combobox
 * in place of its face, see LazyCombobox), then clicks.
 */
async function openCombobox(user: ReturnType<typeof userEvent.setup>, name: string): Promise<void> {
  await user.hover(screen.getByRole('combobox', { name }));
  await user.click(screen.getByRole('combobox', { name }));
}

/** Sort choices: problems first, then name. Keys rather than typing, which the Combobox filters asynchronously. */
async function chooseSecondSortOrder(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await openCombobox(user, 'Sort by');
  await user.keyboard('{ArrowDown}{Enter}');
}

const KEYBOARD_ONLY = { showSummary: false, showFilter: false, sortBy: 'name' as const };

beforeAll(stubComboboxEnvironment);

// The arrangements the panel asks for, made by the real arrangeTiles ("the first render").
jest.mock('../data/arrangeTiles', () => {
  const actual = jest.requireActual('../data/arrangeTiles');
  return { ...actual, arrangeTiles: jest.fn(actual.arrangeTiles) };
});

afterEach(() => {
  jest.restoreAllMocks();
  stubComboboxEnvironment();
});

describe.each(THEME_MODES)('PortStatusPanel in the %s theme', (mode) => {
  it('shows one tile per target with its state and key', () => {
    renderPanel({ series: SCENARIO, theme: mode });
    expect(Object.fromEntries(tiles().map((t) => [t.dataset.key, t.dataset.state]))).toEqual(SCENARIO_STATES);
  });

  it('counts every target in the summary, with word and icon per state', () => {
    renderPanel({ series: SCENARIO, theme: mode });
    const summary = screen.getByTestId(TEST_IDS.summary);
    expect(summary.dataset).toMatchObject({ up: '2', down: '1', stale: '1', unknown: '0', partial: '0' });
    expect(summary).toHaveAttribute('aria-live', 'polite');
    const down = within(summary).getByRole('button', { name: /1 down/ });
    expect(down.querySelector('svg, div')).not.toBeNull();
    // Problems first: a narrow panel cuts the count of UP targets, not the DOWN one.
    expect(
      within(summary)
        .getAllByRole('button')
        .map((button) => button.textContent)
    ).toEqual(['1 down', '1 stale', '2 up']);
  });

  it('names each tile by name, time in state and newest duration', () => {
    renderPanel({ series: withFieldConfig(SCENARIO, { unit: 's' }, themeOf(mode)), theme: mode });
    expect(screen.getByRole('listitem', { name: '10.0.0.2:80, down for 15s, 500 ms' })).toBe(tile('10.0.0.2:80'));
    // Its samples begin 7m 15s before the end of the one-hour range: up since then, as far as anyone knows.
    expect(screen.getByRole('listitem', { name: '10.0.0.1:80, up for 7m 15s, 23 ms' })).toBe(tile('10.0.0.1:80'));
  });

  it('names a tile by its time in state also when the tile shows only the state', () => {
    renderPanel({ series: SCENARIO, options: { showTimeInState: false }, theme: mode });
    const down = tile('10.0.0.2:80');
    expect(down).toHaveTextContent(/^10\.0\.0\.2:80down/);
    expect(down).not.toHaveTextContent('for 15s');
    expect(down).toHaveAccessibleName(/^10\.0\.0\.2:80, down for 15s/);
  });

  it('marks a flapping target with a named mark beside its name, and only that one', () => {
    // Five changes of state in the range: the default threshold.
    const series = probeFrames([
      target('10.0.0.8:80', padded([0, 1, 0, 1, 0, 1])),
      target('10.0.0.9:80', padded([0, 1, 0, 1, 1, 1])),
    ]);
    renderPanel({ series, theme: mode });
    const mark = within(tile('10.0.0.8:80')).getByRole('img', { name: 'Flapping' });
    expect(mark).toHaveAttribute('title', 'Flapping');
    expect(mark.parentElement).toBe(within(tile('10.0.0.8:80')).getByText('10.0.0.8:80').parentElement);
    expect(within(tile('10.0.0.9:80')).queryByRole('img', { name: 'Flapping' })).toBeNull();
  });
});

describe('filtering, sorting and grouping in the panel', () => {
  it('filters by text while the summary still counts all targets', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    await user.type(screen.getByTestId(TEST_IDS.filter), '10.0.0.2');
    await waitFor(() => expect(tileKeys()).toEqual(['10.0.0.2:80']));
    expect(screen.getByTestId(TEST_IDS.summary).dataset).toMatchObject({ up: '2', down: '1', stale: '1' });
  });

  it('stops filtering when the editor hides the controls and the summary', async () => {
    const user = userEvent.setup();
    const props = panelProps({ series: SCENARIO });
    const { rerender } = renderPanel({ series: SCENARIO });
    await user.type(screen.getByTestId(TEST_IDS.filter), '10.0.0');
    await user.click(within(screen.getByTestId(TEST_IDS.summary)).getByRole('button', { name: /1 down/ }));
    await waitFor(() => expect(tileKeys()).toEqual(['10.0.0.2:80']));
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...props} options={{ ...props.options, showFilter: false, showSummary: false }} />
      </ThemeContext.Provider>
    );
    expect(tiles()).toHaveLength(4);
    // Nor is a filter that no longer acts said to screen readers.
    expect(screen.getByTestId(TEST_IDS.filterStatus)).toHaveTextContent(/^$/);
  });

  it('matches label values regardless of case', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    await user.type(screen.getByTestId(TEST_IDS.filter), 'DEV');
    await waitFor(() => expect(tileKeys().sort()).toEqual(['10.0.0.3:80', '10.0.0.4:80']));
  });

  // The button goes with the message: focus must not fall to the page. The status region says what
  // a filter leaves, since the summary counts every target whatever the filter.
  it('says so when nothing matches, and clears the filter on request', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    const status = screen.getByTestId(TEST_IDS.filterStatus);
    expect(status).toHaveAttribute('role', 'status');
    expect(status).toHaveTextContent(/^$/);
    await user.type(screen.getByTestId(TEST_IDS.filter), 'dev');
    await waitFor(() => expect(status).toHaveTextContent('2 of 4 targets shown'));
    await user.type(screen.getByTestId(TEST_IDS.filter), ' no such target');
    expect(await screen.findByText(/No targets match/, { selector: '[data-kind="no-match"]' })).toBeInTheDocument();
    expect(status).toHaveTextContent('No targets match the filter.');
    await user.click(screen.getByRole('button', { name: 'Clear filter' }));
    await waitFor(() => expect(tiles()).toHaveLength(4));
    expect(screen.getByTestId(TEST_IDS.filter)).toHaveFocus();
    expect(status).toHaveTextContent(/^$/);
  });

  it('toggles a state filter from the summary counts', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    const summary = screen.getByTestId(TEST_IDS.summary);
    const up = within(summary).getByRole('button', { name: /2 up/ });
    await user.click(up);
    expect(up).toHaveAttribute('aria-pressed', 'true');
    expect(tileKeys().sort()).toEqual(['10.0.0.1:80', '10.0.0.4:80']);
    await user.click(within(summary).getByRole('button', { name: /1 stale/ }));
    expect(tileKeys().sort()).toEqual(['10.0.0.1:80', '10.0.0.3:80', '10.0.0.4:80']);
    await user.click(up);
    await user.click(within(summary).getByRole('button', { name: /1 stale/ }));
    expect(up).toHaveAttribute('aria-pressed', 'false');
    expect(tiles()).toHaveLength(4);
    expect(summary.dataset.up).toBe('2');
  });

  it('puts problems first by default and sorts by name when the viewer asks', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    expect(tileKeys()[0]).toBe('10.0.0.2:80');
    await chooseSecondSortOrder(user);
    await waitFor(() => expect(tileKeys()).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.4:80']));
  });

  it('shows the sort and group choices, and sorts by the choice made with the keys alone', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO, options: { groupBy: 'env' } });
    expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('Problems first');
    expect(screen.getByRole('combobox', { name: 'Group by' })).toHaveValue('env');
    // Tab from the filter box reaches the sort control; focus stays on it as the Combobox takes its place.
    await user.click(screen.getByTestId(TEST_IDS.filter));
    await user.tab();
    const sort = screen.getByRole('combobox', { name: 'Sort by' });
    expect(sort).toHaveFocus();
    await user.keyboard('{ArrowDown}');
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Sort by' })).toHaveValue('Name'));
    const firstGroup = within(screen.getByRole('list', { name: 'Targets in dev' }));
    expect(firstGroup.getAllByTestId(TEST_IDS.tile).map((tile) => tile.dataset.key)).toEqual(
      [...firstGroup.getAllByTestId(TEST_IDS.tile).map((tile) => tile.dataset.key)].sort()
    );
  });

  it('groups by the saved label with a header and counts per group, and lets the viewer ungroup', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO, options: { groupBy: 'env' } });
    const headers = screen.getAllByTestId(TEST_IDS.groupHeader);
    expect(headers.map((header) => header.dataset.group)).toEqual(['dev', 'prod']);
    expect(headers[1]).toHaveTextContent('2 targets');
    expect(headers[1]).toHaveTextContent('1 down');
    expect(within(screen.getByRole('list', { name: 'Targets in prod' })).getAllByTestId(TEST_IDS.tile)).toHaveLength(2);

    // "No grouping" is the first choice.
    await openCombobox(user, 'Group by');
    await user.keyboard('{Home}{Enter}');
    await waitFor(() => expect(screen.queryAllByTestId(TEST_IDS.groupHeader)).toHaveLength(0));
    expect(tiles()).toHaveLength(4);
  });

  it('lists only groups with tiles in view: a header at the bottom edge brings no empty list', () => {
    const status: SeriesSpec[] = [];
    for (let i = 1; i <= 60; i++) {
      status.push(target(targetName(i), [1, 1], { env: `g${String(Math.ceil(i / 3)).padStart(2, '0')}` }));
    }
    for (let height = 200; height <= 400; height += 20) {
      const { unmount } = renderPanel({ series: probeFrames(status), options: { groupBy: 'env' }, width: 800, height });
      for (const list of screen.getAllByRole('list', { name: /^Targets in / })) {
        expect(within(list).queryAllByTestId(TEST_IDS.tile).length).toBeGreaterThan(0);
      }
      unmount();
    }
  });

  it('follows a changed saved sort order even after the viewer picked another', async () => {
    const user = userEvent.setup();
    const props = panelProps({ series: SCENARIO });
    const { rerender } = renderPanel({ series: SCENARIO });
    await chooseSecondSortOrder(user);
    await waitFor(() => expect(tileKeys()[0]).toBe('10.0.0.1:80'));
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...props} options={{ ...props.options, sortBy: 'uptime' }} />
      </ThemeContext.Provider>
    );
    // Lowest uptime first: 10.0.0.2:80 failed its last two probes.
    expect(tileKeys()[0]).toBe('10.0.0.2:80');
  });
});

describe('the model', () => {
  it('shows targets with an uptime but no status sample yet (a long range, new targets), not an empty state', () => {
    const uptime = instantFrames([target('10.0.0.1:80', [1]), target('10.0.0.2:80', [0])], {
      refId: 'U',
      nameStyle: 'dropped',
    });
    renderPanel({ series: [emptyFrame('A'), emptyFrame('B'), ...uptime] });
    expect(screen.queryByTestId(TEST_IDS.empty)).toBeNull();
    expect(tiles().map((t) => t.dataset.state)).toEqual(['unknown', 'unknown']);
    // No time in state is claimed: the target may be minutes old. The details say why.
    expect(tile('10.0.0.2:80')).toHaveAccessibleName('10.0.0.2:80, unknown');
    expect(tile('10.0.0.2:80')).toHaveTextContent(/0% uptime/);
  });

  it('keeps the model when only a display option changes, and rebuilds it for a model option', () => {
    // Only building the model reads the frames' fields once there are tiles: the reads count builds.
    let reads = 0;
    const series = SCENARIO.map((frame) => {
      const counted = { ...frame };
      Object.defineProperty(counted, 'fields', {
        enumerable: true,
        get: () => {
          reads++;
          return frame.fields;
        },
      });
      return counted;
    });
    const props = panelProps({ series });
    const { rerender } = renderPanel({ series });
    const redraw = (options: Partial<Options>) =>
      rerender(
        <ThemeContext.Provider value={themeOf()}>
          <PortStatusPanel {...props} options={{ ...props.options, ...options }} />
        </ThemeContext.Provider>
      );
    const firstBuild = reads;
    expect(firstBuild).toBeGreaterThan(0);

    const display: Partial<Options> = { tileSize: 'large', showSparkline: false, sortBy: 'name' };
    redraw(display);
    expect(tileKeys()).toEqual(['10.0.0.1:80', '10.0.0.2:80', '10.0.0.3:80', '10.0.0.4:80']);
    expect(reads).toBe(firstBuild);

    redraw({ ...display, staleAfter: '10m' });
    expect(reads).toBeGreaterThan(firstBuild);
    // Stale after 10 minutes, the target last seen 6m 45s ago is up.
    expect(tile('10.0.0.3:80')).toHaveAccessibleName(/up for/);
  });

  it('draws an invalid saved option as its default, since Grafana migrates only older panels', () => {
    // Panel JSON edited by hand, or provisioned with the current version, skips the migration handler.
    const saved = { tileSize: 'Large', minTileWidth: -5, uptimeTarget: 150 } as unknown as Partial<Options>;
    renderPanel({ series: SCENARIO, options: saved });
    expect(tileKeys()).toHaveLength(4);
    // A target at 100 % is not under an uptime target that is out of range.
    expect(screen.queryAllByTitle('Under the uptime target')).toEqual([]);
  });
});

describe('a range that ends ahead of the clock', () => {
  it('("Today", to midnight) measures ages to the clock, so fresh samples are not stale', () => {
    // Queried at the fixtures' NOW; the range runs to 12 hours later, as "Today" does in the morning.
    renderPanel({ series: SCENARIO, rangeTo: NOW + 12 * 60 * 60 * 1000, queriedAt: NOW });
    expect(Object.fromEntries(tiles().map((t) => [t.dataset.key, t.dataset.state]))).toEqual(SCENARIO_STATES);
    expect(tile('10.0.0.2:80')).toHaveAccessibleName(/down for 15s/);
  });

  it('a range that ends in the past is measured to its end', () => {
    renderPanel({ series: SCENARIO, queriedAt: NOW + 7 * 24 * 60 * 60 * 1000 });
    expect(Object.fromEntries(tiles().map((t) => [t.dataset.key, t.dataset.state]))).toEqual(SCENARIO_STATES);
  });
});

describe('a data source that stops answering', () => {
  const DAY_MS = 24 * 60 * 60 * 1000;
  afterEach(() => jest.useRealTimers());

  /** The panel as Grafana shows it while a query runs: the last answer, the newest request beside it. */
  function waiting(setup: PanelSetup, sentAt: number): React.JSX.Element {
    const props = panelProps(setup);
    const data = { ...props.data, state: LoadingState.Loading, request: { startTime: sentAt } as DataQueryRequest };
    return (
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...props} data={data} />
      </ThemeContext.Provider>
    );
  }
  const states = () => Object.fromEntries(tiles().map((t) => [t.dataset.key, t.dataset.state]));
  const ALL_STALE = { '10.0.0.1:80': 'stale', '10.0.0.2:80': 'stale', '10.0.0.3:80': 'stale', '10.0.0.4:80': 'stale' };

  it('keeps the last answer through a slow query, then lets the ages run on until every tile is stale', () => {
    jest.useFakeTimers({ now: NOW });
    const answered: PanelSetup = { series: SCENARIO, queriedAt: NOW };
    const { rerender } = renderPanel(answered);
    expect(states()).toEqual(SCENARIO_STATES);
    // The next refresh's query goes out 5 s later and does not answer; Grafana sends it again at
    // every refresh, the last answer still beside the newest request.
    rerender(waiting(answered, NOW + 5_000));
    act(() => jest.advanceTimersByTime(WAIT_GRACE_MS - 1_000));
    rerender(waiting(answered, NOW + 10_000));
    expect(states()).toEqual(SCENARIO_STATES);
    expect(screen.queryByText(/No new answer has come/)).toBeNull();
    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(states()).toEqual(ALL_STALE);
    expect(tile('10.0.0.2:80')).toHaveAccessibleName(/stale/);
    expect(screen.getByText(/No new answer has come for 5m/)).toBeInTheDocument();
    // The answer comes: its own states, and no notice.
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...panelProps({ series: SCENARIO, queriedAt: NOW })} />
      </ThemeContext.Provider>
    );
    expect(states()).toEqual(SCENARIO_STATES);
    expect(screen.queryByText(/No new answer has come/)).toBeNull();
  });

  it('leaves "Yesterday" as it was answered: a relative range can end in the past too', () => {
    jest.useFakeTimers({ now: NOW + DAY_MS });
    const yesterday: PanelSetup = { series: SCENARIO, queriedAt: NOW + DAY_MS, rawTo: 'now-1d/d' };
    const { rerender } = renderPanel(yesterday);
    rerender(waiting(yesterday, NOW + DAY_MS + 5_000));
    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(states()).toEqual(SCENARIO_STATES);
    expect(screen.queryByText(/No new answer has come/)).toBeNull();
  });

  it('lets the ages run on for dates picked up to tomorrow, a range that ends ahead of the clock', () => {
    jest.useFakeTimers({ now: NOW });
    const today: PanelSetup = { series: SCENARIO, queriedAt: NOW, rangeTo: NOW + DAY_MS / 2, absolute: true };
    const { rerender } = renderPanel(today);
    expect(states()).toEqual(SCENARIO_STATES);
    rerender(waiting(today, NOW + 5_000));
    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(states()).toEqual(ALL_STALE);
  });

  it('leaves a range that ends in the past as it was answered', () => {
    jest.useFakeTimers({ now: NOW });
    const past: PanelSetup = { series: SCENARIO, queriedAt: NOW, rangeTo: NOW, absolute: true };
    const { rerender } = renderPanel(past);
    rerender(waiting(past, NOW + 5_000));
    act(() => jest.advanceTimersByTime(5 * 60_000));
    expect(states()).toEqual(SCENARIO_STATES);
  });
});

describe('a refresh', () => {
  it('orders the tiles by their new states and names, as a first render would', () => {
    // The same targets one scrape later: one went down, one came back, one was renamed.
    const before = probeFrames([
      target('10.0.0.1:80', padded([1]), { site: 'b' }),
      target('10.0.0.2:80', padded([0]), { site: 'c' }),
      target('10.0.0.3:80', padded([1]), { site: 'd' }),
      target('10.0.0.4:80', padded([1]), { site: 'e' }),
    ]);
    const after = probeFrames([
      target('10.0.0.1:80', padded([1]), { site: 'b' }),
      target('10.0.0.2:80', padded([1]), { site: 'c' }),
      target('10.0.0.3:80', padded([0]), { site: 'd' }),
      target('10.0.0.4:80', padded([1]), { site: 'a' }),
    ]);
    const options = { nameTemplate: '{{site}}', sortBy: 'problems' as const };
    const { rerender } = renderPanel({ series: before, options });
    expect(tileKeys()).toEqual(['10.0.0.2:80', '10.0.0.1:80', '10.0.0.3:80', '10.0.0.4:80']);
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...panelProps({ series: after, options })} />
      </ThemeContext.Provider>
    );
    expect(tileKeys()).toEqual(['10.0.0.3:80', '10.0.0.4:80', '10.0.0.1:80', '10.0.0.2:80']);
  });
});

describe('the first render', () => {
  // The first render puts only the tiles it can show in order, and the rest when they are on screen
  // (arrangeTiles' firstCount). Fake timers hold the rest back, so these see the grid ask for them.
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('shows the first tiles in order at once, and the tiles scrolled to in order', () => {
    renderPanel({ series: manyTargets(2000, 'reversed'), options: KEYBOARD_ONLY, width: 800, height: 300 });
    expect(tileKeys().slice(0, 4)).toEqual(['t00001', 't00002', 't00003', 't00004']);
    expectNameOrderInView();
    const grid = screen.getByTestId(TEST_IDS.grid);
    act(() => {
      grid.scrollTop = 20_000;
      fireEvent.scroll(grid);
    });
    expect(tileKeys()).toContain('t00670');
    expectNameOrderInView();
  });

  it('goes to the last target in order with End', async () => {
    const user = userEvent.setup({ delay: null });
    renderPanel({ series: manyTargets(2000, 'reversed'), options: KEYBOARD_ONLY, width: 800, height: 300 });
    await user.tab();
    expect(document.activeElement).toBe(tile('t00001'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tile('t02000'));
    expectNameOrderInView();
  });

  it('orders the rest of the tiles once the first ones are on screen, changing nothing there', () => {
    const arrange = jest.mocked(arrangeTiles);
    arrange.mockClear();
    renderPanel({ series: manyTargets(2000, 'reversed'), options: KEYBOARD_ONLY, width: 800, height: 300 });
    const firstCounts = () => arrange.mock.calls.map((call) => call[3]);
    expect(firstCounts()).toStrictEqual([16]);
    const grid = screen.getByTestId(TEST_IDS.grid);
    const before = grid.innerHTML;
    act(() => jest.runOnlyPendingTimers());
    // 4 columns of 3 rows in view and one more row: 16 in order, then all of them.
    expect(firstCounts()).toStrictEqual([16, undefined]);
    expect(grid.innerHTML).toBe(before);
    expectNameOrderInView();
  });

  it('orders fewer than a thousand tiles in full at once', () => {
    const arrange = jest.mocked(arrangeTiles);
    arrange.mockClear();
    renderPanel({ series: manyTargets(999, 'reversed'), options: KEYBOARD_ONLY, width: 800, height: 300 });
    expect(arrange.mock.calls.map((call) => call[3])).toStrictEqual([undefined]);
    expectNameOrderInView();
  });

  it('asks for the rest to be ordered when it would show a tile that is not', () => {
    const tiles = Array.from({ length: 40 }, (_, i) => makeTile(`t${i}`));
    const onOrderNeeded = jest.fn();
    // Only the first 2 in order, as if the first view had been reckoned too small.
    const groups = [{ name: '', tiles, orderedCount: 2 }];
    render(
      <ThemeContext.Provider value={themeOf()}>
        <TileGrid
          groups={groups}
          groupBy=""
          width={800}
          height={300}
          minTileWidth={160}
          showSparkline
          showUptime
          display={{ size: 'medium', showTimeInState: false, now: RANGE.to, rangeFrom: RANGE.from }}
          timeZone="utc"
          replaceVariables={(text: string) => text}
          onOrderNeeded={onOrderNeeded}
        />
      </ThemeContext.Provider>
    );
    expect(onOrderNeeded).toHaveBeenCalled();
  });
});

describe('keyboard', () => {
  it('enters the grid on one tile and moves with arrows, Home and End', async () => {
    const user = userEvent.setup();
    // 800 px at 160 px per tile and 8 px gaps: 4 columns.
    renderPanel({ series: manyTargets(10), options: KEYBOARD_ONLY, width: 800 });
    expect(tiles().filter((t) => t.tabIndex === 0)).toHaveLength(1);

    await user.tab();
    expect(document.activeElement).toBe(tile('t00001'));
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tile('t00002'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(tile('t00006'));
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(tile('t00010'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(tile('t00006'));
    await user.keyboard('{ArrowLeft}');
    expect(document.activeElement).toBe(tile('t00005'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tile('t00010'));
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tile('t00001'));
    expect(tiles().filter((t) => t.tabIndex === 0)).toEqual([tile('t00001')]);
  });

  it('keeps a single tab stop on the last focused tile', async () => {
    const user = userEvent.setup();
    renderPanel({ series: manyTargets(10), options: KEYBOARD_ONLY, width: 800 });
    await user.tab();
    await user.keyboard('{ArrowRight}{ArrowRight}');
    await user.tab();
    expect(document.activeElement).not.toBe(tile('t00003'));
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(tile('t00003'));
  });

  it('scrolls the virtual list to a tile that was not rendered', async () => {
    const user = userEvent.setup();
    renderPanel({ series: manyTargets(2000), options: KEYBOARD_ONLY, width: 800, height: 300 });
    expect(tileKeys()).not.toContain('t02000');
    await user.tab();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(tile('t02000'));
    expect(screen.getByTestId(TEST_IDS.grid).scrollTop).toBeGreaterThan(0);
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(tile('t00001'));
    expect(screen.getByTestId(TEST_IDS.grid).scrollTop).toBe(0);
  });
});

describe('focus while scrolling', () => {
  it('stays on the focused tile while the list scrolls away and back', async () => {
    const user = userEvent.setup();
    renderPanel({ series: manyTargets(2000), options: KEYBOARD_ONLY, width: 800, height: 300 });
    await user.tab();
    const error = jest.spyOn(console, 'error');
    const grid = screen.getByTestId(TEST_IDS.grid);
    act(() => {
      grid.scrollTop = 20_000;
      fireEvent.scroll(grid);
    });
    expect(document.activeElement).toHaveAttribute('data-key', 't00001');
    // Rendered tiles recycle elements by position; the focused one must keep its own, and no two may clash.
    const rendered = tileKeys();
    expect(rendered).toContain('t00670');
    expect(new Set(rendered).size).toBe(rendered.length);
    expect(error).not.toHaveBeenCalled();
    act(() => {
      grid.scrollTop = 0;
      fireEvent.scroll(grid);
    });
    expect(document.activeElement).toHaveAttribute('data-key', 't00001');
    expect(tiles().filter((t) => t.tabIndex === 0)).toEqual([tile('t00001')]);
  });
});

/** The scenario with these data links on the duration, for the keyboard; the user to type with. */
function renderWithLinks(...links: NonNullable<FieldConfig['links']>) {
  const user = userEvent.setup();
  renderPanel({ series: withFieldConfig(SCENARIO, { links }), options: KEYBOARD_ONLY });
  return user;
}

describe('data links', () => {
  const link = (url: string, targetBlank = true) => ({ title: 'Probe ${__field.labels.instance}', url, targetBlank });

  it('opens the first link with the target labels on Enter', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const user = renderWithLinks(link('https://probe.example/t?instance=${__field.labels.instance}'));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(open).toHaveBeenCalledWith(
      'https://probe.example/t?instance=10.0.0.1%3A80',
      '_blank',
      'noopener,noreferrer'
    );
  });

  it('sends links inside Grafana through its router', async () => {
    const push = jest.spyOn(locationService, 'push').mockImplementation(() => undefined);
    const user = renderWithLinks(link('/d/probe?var-instance=${__field.labels.instance}', false));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(push).toHaveBeenCalledWith('/d/probe?var-instance=10.0.0.1%3A80');
  });

  // Plugins do not touch window.location (the plugin validator's rule): another site in this tab opens
  // through window.open too.
  it('opens a link to another site in this tab without an opener', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const push = jest.spyOn(locationService, 'push').mockImplementation(() => undefined);
    const user = renderWithLinks(link('https://probe.example/${__field.labels.instance}', false));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(push).not.toHaveBeenCalled();
    expect(open).toHaveBeenCalledWith('https://probe.example/10.0.0.1%3A80', '_self', 'noopener,noreferrer');
  });

  it('never opens or renders a javascript: link', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const push = jest.spyOn(locationService, 'push').mockImplementation(() => undefined);
    const user = renderWithLinks(link('javascript:alert(document.cookie)', false));
    await user.tab();
    await user.keyboard('{Enter}');
    expect(open).not.toHaveBeenCalled();
    expect(push).not.toHaveBeenCalled();
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details.querySelectorAll('a')).toHaveLength(0);
    expect(details).toHaveTextContent('not safe to open');
  });

  it('skips an unsafe link and opens the next safe one', async () => {
    const open = jest.spyOn(window, 'open').mockReturnValue(null);
    const user = renderWithLinks(
      link(' JaVaScRiPt:alert(1)'),
      link('https://probe.example/${__field.labels.instance}')
    );
    await user.tab();
    await user.keyboard('{Enter}');
    expect(open).toHaveBeenCalledTimes(1);
    expect(open).toHaveBeenCalledWith('https://probe.example/10.0.0.1%3A80', '_blank', 'noopener,noreferrer');
  });
});

describe('details', () => {
  it('shows labels, newest sample and links when a tile takes focus', async () => {
    const user = renderWithLinks({ title: 'Runbook', url: 'https://runbook.example/${__field.labels.env}' });
    await user.tab();
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(document.activeElement).toHaveAttribute('aria-describedby', details.id);
    expect(details).toHaveTextContent('env');
    expect(details).toHaveTextContent('prod');
    expect(details).toHaveTextContent('2025-01-15 12:00:00');
    expect(within(details).getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://runbook.example/prod'
    );
  });

  it('stays open while focus moves into it, so its links can be clicked, and closes after', async () => {
    const user = renderWithLinks({ title: 'Runbook', url: 'https://runbook.example' });
    await user.tab();
    const link = within(await screen.findByTestId(TEST_IDS.details)).getByRole('link', { name: /Runbook/ });
    act(() => link.focus());
    expect(screen.getByTestId(TEST_IDS.details)).toBeInTheDocument();
    act(() => link.blur());
    expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
  });

  it("puts the details' links next in the tab order: Tab enters them and goes on past the grid, Shift+Tab goes back", async () => {
    const user = renderWithLinks(
      { title: 'Runbook', url: 'https://runbook.example' },
      { title: 'Dashboard', url: 'https://dashboard.example' }
    );
    const after = document.body.appendChild(document.createElement('button'));
    after.textContent = 'After the panel';
    try {
      await user.tab();
      const first = tile('10.0.0.1:80');
      expect(document.activeElement).toBe(first);
      const details = await screen.findByTestId(TEST_IDS.details);
      const [runbook, dashboard] = within(details).getAllByRole('link');

      await user.tab();
      expect(document.activeElement).toBe(runbook);
      await user.tab({ shift: true });
      expect(document.activeElement).toBe(first);
      expect(screen.getByTestId(TEST_IDS.details)).toBeInTheDocument();

      await user.tab();
      await user.tab();
      expect(document.activeElement).toBe(dashboard);
      await user.tab();
      expect(document.activeElement).toBe(after);
      expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
    } finally {
      after.remove();
    }
  });

  it('closes the details on Escape from one of their links, with focus back on the tile', async () => {
    const user = renderWithLinks({ title: 'Runbook', url: 'https://runbook.example' });
    await user.tab();
    const first = document.activeElement;
    await screen.findByTestId(TEST_IDS.details);
    await user.tab();
    expect(document.activeElement).toHaveAttribute('href', 'https://runbook.example');
    await user.keyboard('{Escape}');
    expect(document.activeElement).toBe(first);
    expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
  });

  it('keeps focus on a tile clicked that was not the tab stop, and closes its details when focus leaves (a tile clicked)', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO, options: { ...KEYBOARD_ONLY, showFilter: true } });
    const [first, second, third] = tileKeys();
    await user.click(tile(second));
    expect(document.activeElement).toBe(tile(second));
    expect(tile(second)).toHaveAttribute('tabindex', '0');
    expect(tile(first)).toHaveAttribute('tabindex', '-1');
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(tile(second)).toHaveAttribute('aria-describedby', details.id);
    await user.keyboard('{ArrowRight}');
    expect(document.activeElement).toBe(tile(third));
    await user.click(screen.getByTestId(TEST_IDS.filter));
    expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
  });

  it('keep their tile and its focus when a refresh adds a group before it (a group added before the focused tile)', async () => {
    const user = userEvent.setup();
    const jobs = (extra: SeriesSpec[]) =>
      probeFrames([
        ...extra,
        target('db-1:5432', [1, 1], { job: 'db' }),
        target('web-1:80', [1, 1], { job: 'web' }),
        target('web-2:80', [1, 1], { job: 'web' }),
      ]);
    const options = { ...KEYBOARD_ONLY, groupBy: 'job' };
    const { rerender } = renderPanel({ series: jobs([]), options });
    await user.click(tile('web-2:80'));
    const focused = document.activeElement;
    expect(focused).toBe(tile('web-2:80'));
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...panelProps({ series: jobs([target('api-1:80', [1, 1], { job: 'api' })]), options })} />
      </ThemeContext.Provider>
    );
    expect(document.activeElement).toBe(focused);
    expect(screen.getByTestId(TEST_IDS.details)).toHaveTextContent('web-2:80');
  });

  it('move focus to the tile in its place when the focused tile leaves (a focused tile that leaves the filtered view)', async () => {
    const user = userEvent.setup();
    const series = (bUp: boolean) =>
      probeFrames([target('a:80', [1, 0]), target('b:80', [1, bUp ? 1 : 0]), target('c:80', [1, 0])]);
    const options = { ...KEYBOARD_ONLY, showSummary: true };
    const { rerender } = renderPanel({ series: series(false), options });
    await user.click(within(screen.getByTestId(TEST_IDS.summary)).getByRole('button', { name: /3 down/ }));
    await user.click(tile('b:80'));
    expect(document.activeElement).toBe(tile('b:80'));
    // b:80 recovers: the DOWN filter leaves it out, and its element goes.
    rerender(
      <ThemeContext.Provider value={themeOf()}>
        <PortStatusPanel {...panelProps({ series: series(true), options })} />
      </ThemeContext.Provider>
    );
    expect(tileKeys().sort()).toEqual(['a:80', 'c:80']);
    expect(document.activeElement).toBe(tile('c:80'));
    expect(tile('c:80')).toHaveAttribute('tabindex', '0');
  });

  it('follow their tile when a refresh moves it (details that follow their tile)', async () => {
    // jsdom lays nothing out: a tile's rectangle is where its style puts it.
    const rect = jest.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockImplementation(function (
      this: HTMLElement
    ) {
      const left = parseFloat(this.style.left) || 0;
      const top = parseFloat(this.style.top) || 0;
      return { left, top, right: left + 100, bottom: top + 80, width: 100, height: 80, x: left, y: top } as DOMRect;
    });
    try {
      const user = userEvent.setup();
      const series = (down: boolean) =>
        probeFrames([target('a:80', [1, 1]), target('b:80', [1, 1]), target('c:80', [1, down ? 0 : 1])]);
      const options = { ...KEYBOARD_ONLY, sortBy: 'problems' as const };
      const { rerender } = renderPanel({ series: series(false), options, width: 800 });
      await user.click(tile('c:80'));
      // The box opens at its tile's left edge, kept a grid unit (8 px) inside the window.
      const boxLeft = () => screen.getByTestId(TEST_IDS.details).parentElement!.style.left;
      const tileLeft = () => `${Math.max(8, parseFloat(tile('c:80').style.left))}px`;
      expect(parseFloat(tile('c:80').style.left)).toBeGreaterThan(8);
      expect(boxLeft()).toBe(tileLeft());
      // c:80 goes down, and "problems first" moves it to the start of the grid.
      rerender(
        <ThemeContext.Provider value={themeOf()}>
          <PortStatusPanel {...panelProps({ series: series(true), options, width: 800 })} />
        </ThemeContext.Provider>
      );
      expect(tile('c:80').dataset.index).toBe('0');
      expect(boxLeft()).toBe(tileLeft());
    } finally {
      rect.mockRestore();
    }
  });

  it('closes when focus leaves the grid', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO, options: { ...KEYBOARD_ONLY, showFilter: true } });
    await user.click(tile('10.0.0.1:80'));
    expect(await screen.findByTestId(TEST_IDS.details)).toBeInTheDocument();
    await user.click(screen.getByTestId(TEST_IDS.filter));
    expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
  });

  it('closes when the viewer scrolls, but stays on a tile the keyboard scrolled to', async () => {
    const user = userEvent.setup();
    renderPanel({ series: manyTargets(2000), options: KEYBOARD_ONLY, width: 800, height: 300 });
    await user.tab();
    await user.keyboard('{End}');
    const grid = screen.getByTestId(TEST_IDS.grid);
    // The scroll event a browser fires for the keyboard's own scroll, which jsdom does not.
    act(() => {
      fireEvent.scroll(grid);
    });
    expect(await screen.findByTestId(TEST_IDS.details)).toHaveTextContent('t02000');
    act(() => {
      grid.scrollTop = 0;
      fireEvent.scroll(grid);
    });
    expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
    expect(document.activeElement).toBe(tile('t02000'));
  });

  it('lists each probe of a target probed several ways', async () => {
    const user = userEvent.setup();
    const series = probeFrames([
      target('10.0.0.9:80', padded([1]), { module: 'http' }),
      target('10.0.0.9:80', padded([0]), { module: 'tcp' }),
    ]);
    renderPanel({ series, options: KEYBOARD_ONLY });
    await user.tab();
    const probes = within(await screen.findByTestId(TEST_IDS.details)).getByRole('list', { name: 'Probes' });
    expect(probes).toHaveTextContent('module=http: up');
    expect(probes).toHaveTextContent('module=tcp: down');
  });

  // A label named like a member of Object.prototype, on one probe only, is still a label.
  it("lists a label one probe lacks as empty, whatever the label's name", async () => {
    const user = userEvent.setup();
    const series = probeFrames([
      target('10.0.0.9:80', padded([1]), { module: 'http', constructor: 'x' }),
      target('10.0.0.9:80', padded([0]), { module: 'tcp' }),
    ]);
    renderPanel({ series, options: KEYBOARD_ONLY });
    await user.tab();
    const probes = within(await screen.findByTestId(TEST_IDS.details)).getByRole('list', { name: 'Probes' });
    expect(probes).toHaveTextContent('constructor=x module=http: up');
    expect(probes).toHaveTextContent('constructor= module=tcp: down');
  });

  it('closes hover details on Escape wherever focus is', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    await user.click(screen.getByTestId(TEST_IDS.filter));
    await user.hover(tile('10.0.0.2:80'));
    const details = await screen.findByTestId(TEST_IDS.details);
    await user.keyboard('{Escape}');
    expect(details).not.toBeInTheDocument();
  });

  it("Tab past another tile's hover details leaves the grid, not into them", async () => {
    const user = renderWithLinks({ title: 'Runbook', url: 'https://runbook.example' });
    const after = document.body.appendChild(document.createElement('button'));
    after.textContent = 'After the panel';
    try {
      await user.tab();
      const focused = document.activeElement;
      expect(focused).toBe(tile('10.0.0.1:80'));
      const other = tileKeys().find((key) => key !== '10.0.0.1:80')!;
      await user.hover(tile(other));
      await waitFor(() => expect(screen.getByTestId(TEST_IDS.details)).toHaveTextContent(other));
      await user.tab();
      expect(document.activeElement).toBe(after);
      expect(screen.queryByTestId(TEST_IDS.details)).toBeNull();
    } finally {
      after.remove();
    }
  });

  it('shows the details on hover, keeps them while the pointer is on them, and closes after', async () => {
    const user = userEvent.setup();
    renderPanel({ series: SCENARIO });
    await user.hover(tile('10.0.0.2:80'));
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details).toHaveTextContent('10.0.0.2:80');
    expect(details).toHaveTextContent('down for 15s');

    await user.hover(details);
    await act(() => new Promise((resolve) => setTimeout(resolve, 500)));
    expect(screen.getByTestId(TEST_IDS.details)).toBe(details);

    await user.unhover(details);
    await waitForElementToBeRemoved(details);
  });
});

describe('empty and error states', () => {
  it('asks for the probe queries when there are none', () => {
    renderPanel({ series: [] });
    const empty = screen.getByTestId(TEST_IDS.empty);
    expect(empty.dataset.kind).toBe('no-queries');
    expect(empty).toHaveTextContent('probe_success');
    expect(empty).toHaveTextContent('probe_duration_seconds');
    expect(empty).toHaveTextContent('up{job=~"probe_.*"}');
    expect(empty).toHaveTextContent('Options > Data');
  });

  it('says when the queries returned nothing', () => {
    renderPanel({ series: [emptyFrame('A'), emptyFrame('B')] });
    expect(screen.getByTestId(TEST_IDS.empty).dataset.kind).toBe('no-data');
  });

  it('names the refIds to map when no status series is found', () => {
    const series = rangeFrames([target('10.0.0.1:80', [0.1, 0.2])], { metric: 'probe_duration_seconds', refId: 'B' });
    renderPanel({ series, options: { statusRefId: 'S' } });
    const empty = screen.getByTestId(TEST_IDS.empty);
    expect(empty.dataset.kind).toBe('no-status');
    expect(within(empty).getByText('S')).toBeInTheDocument();
    expect(tiles()).toHaveLength(0);
  });

  it('says why no status series was found when the model knows', () => {
    // A metric the panel does not read, as a mistyped query would bring.
    const series = rangeFrames([target('10.0.0.1:80', [1])], { metric: 'probe_sucess', refId: 'A' });
    renderPanel({ series });
    const empty = screen.getByTestId(TEST_IDS.empty);
    expect(empty.dataset.kind).toBe('no-status');
    const note = within(empty).getByRole('note');
    expect(note).toHaveTextContent('probe_sucess is not a metric the panel reads');
    // Its warnings are the items of a list (axe's "listitem" rule).
    expect(within(within(note).getByRole('list')).getAllByRole('listitem')).toHaveLength(1);
  });

  it('shows nothing that looks like a state when the query failed', () => {
    renderPanel({ series: [], state: LoadingState.Error });
    expect(tiles()).toHaveLength(0);
    expect(screen.queryByTestId(TEST_IDS.summary)).toBeNull();
    expect(screen.queryByTestId(TEST_IDS.empty)).toBeNull();
  });

  it('never turns a target down because of a query error', () => {
    const series = probeFrames([target('10.0.0.1:80', padded([1])), target('10.0.0.2:80', padded([1]))]);
    renderPanel({ series, state: LoadingState.Error });
    expect(tiles().map((t) => t.dataset.state)).toEqual(['up', 'up']);
    expect(screen.getByTestId(TEST_IDS.summary).dataset.down).toBe('0');
  });

  it('shows the model warnings in a notice', () => {
    const series = [...SCENARIO, ...rangeFrames([target('10.0.0.1:80', [1])], { metric: 'node_load1', refId: 'D' })];
    renderPanel({ series });
    expect(screen.getByRole('note')).toHaveTextContent(/ignored/);
  });
});

describe('robustness', () => {
  it('renders markup in label values as text', () => {
    const markup = '<img src=x onerror="window.hacked=1">';
    const { container } = renderPanel({ series: probeFrames([target(markup, padded([1]))]) });
    expect(tile(markup)).toHaveTextContent(markup);
    expect(container.querySelector('img')).toBeNull();
  });

  // A right-to-left override made "\u202E2345:1-bd" read "db-1:5432", beside the real db-1:5432.
  it('shows the format characters of a name, on the tile and in its accessible name', () => {
    const spoof = '\u202E2345:1-bd';
    renderPanel({ series: probeFrames([target('db-1:5432', padded([0])), target(spoof, padded([1]))]) });
    expect(tile(spoof)).toHaveTextContent('\uFFFD2345:1-bd');
    expect(tile(spoof).getAttribute('aria-label')).toMatch(/^\uFFFD2345:1-bd, /);
    expect(tile('db-1:5432')).toHaveTextContent('db-1:5432');
  });

  it("shows the format characters of a group's name, in its header and in its list's name", () => {
    renderPanel({
      series: probeFrames([target('10.0.0.1:80', padded([1]), { env: 'pr\u202Eod' })]),
      options: { groupBy: 'env' },
    });
    expect(screen.getByRole('list', { name: 'Targets in pr\uFFFDod' })).toBeInTheDocument();
  });

  it.each([
    [0, 0],
    [1, 1],
    [40, 2000],
    [100_000, 50_000],
  ])('does not crash at %i x %i px', (width, height) => {
    renderPanel({ series: SCENARIO, width, height });
    expect(screen.getByTestId(TEST_IDS.summary).dataset.up).toBe('2');
  });

  it('renders far fewer tile elements than targets at 10,000 targets, also after scrolling', () => {
    renderPanel({ series: manyTargets(10_000), options: { sortBy: 'name' }, width: 1200, height: 800 });
    expect(screen.getByTestId(TEST_IDS.summary).dataset.up).toBe('10000');
    expect(tiles().length).toBeGreaterThan(0);
    expect(tiles().length).toBeLessThan(200);

    const grid = screen.getByTestId(TEST_IDS.grid);
    act(() => {
      grid.scrollTop = 200_000;
      fireEvent.scroll(grid);
    });
    const indexes = tiles().map((t) => Number(t.dataset.index));
    expect(tiles().length).toBeLessThan(200);
    expect(Math.max(...indexes)).toBeGreaterThan(5000);
  });

  it('shows partial targets as "n/m up"', () => {
    const series = probeFrames([
      target('10.0.0.9:80', padded([1]), { module: 'http' }),
      target('10.0.0.9:80', padded([0]), { module: 'tcp' }),
    ]);
    renderPanel({ series, options: { quorum: 'all' } });
    expect(tile('10.0.0.9:80').dataset.state).toBe('partial');
    expect(tile('10.0.0.9:80')).toHaveTextContent('1/2 up');
  });
});
