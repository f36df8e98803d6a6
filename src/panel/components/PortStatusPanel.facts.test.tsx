import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  applyFieldOverrides,
  createTheme,
  DataFrame,
  FieldColorModeId,
  FieldType,
  getDisplayProcessor,
  InterpolateFunction,
  ThresholdsMode,
} from '@grafana/data';

import { TEST_IDS } from '../constants';
import { instantFrames, NOW, probeFrames, rangeFrames, Sample, target } from '../test-utils/testFixtures';
import { renderPanel, stubComboboxEnvironment } from '../test-utils/renderPanel';

const DAY = 24 * 60 * 60 * 1000;

function padded(tail: Sample[]): Sample[] {
  return [...Array(30 - tail.length).fill(1), ...tail];
}

/** A shop: web:443 fails with 503 and a firing alert, api:443 is up with a certificate 9 days from expiry. */
const FACTS: DataFrame[] = [
  ...rangeFrames(
    [
      target('web:443', padded([0, 0])),
      target('api:443', padded([1])),
      target('db:5432', padded([0])),
      target('multi:80', padded([1]), { module: 'a' }),
      target('multi:80', padded([0]), { module: 'b' }),
    ],
    { metric: 'probe_success', refId: 'A' }
  ),
  ...rangeFrames([target('web:443', padded([200, 503]))], { metric: 'probe_http_status_code', refId: 'D' }),
  ...rangeFrames([target('api:443', padded([(NOW + 9 * DAY) / 1000]))], {
    metric: 'probe_ssl_earliest_cert_expiry',
    refId: 'E',
  }),
  ...rangeFrames([target('web:443', padded([0.02]), { phase: 'connect' })], {
    metric: 'probe_http_duration_seconds',
    refId: 'H',
  }),
  ...rangeFrames([target('db', padded([0]), { job: 'probe_icmp' })], { metric: 'probe_success', refId: 'I' }),
  ...rangeFrames([target('web:443', [1, 1], { alertname: 'PortwatchTargetDown', alertstate: 'firing' })], {
    metric: 'ALERTS',
    refId: 'J',
  }),
  ...instantFrames([target('web:443', [0.9]), target('api:443', [1])], { refId: 'U', nameStyle: 'dropped' }),
];

function tile(key: string): HTMLElement {
  const found = screen.queryAllByTestId(TEST_IDS.tile).find((candidate) => candidate.dataset.key === key);
  if (!found) {
    throw new Error(`no tile ${key}`);
  }
  return found;
}

function badges(key: string): Array<[string | undefined, string | null]> {
  return within(tile(key))
    .queryAllByTestId(TEST_IDS.badge)
    .map((badge) => [badge.dataset.kind, badge.textContent]);
}

beforeAll(stubComboboxEnvironment);

afterEach(() => {
  jest.restoreAllMocks();
  stubComboboxEnvironment();
});

describe('facts on the tiles', () => {
  it('says why a target is down, and warns of a certificate while the target is up', () => {
    renderPanel({ series: FACTS });
    expect(badges('web:443')).toEqual([
      ['alert-firing', 'PortwatchTargetDown'],
      ['http-status', 'HTTP 503'],
    ]);
    expect(badges('api:443')).toEqual([['cert-expiry', 'cert expires in 9d']]);
    expect(badges('db:5432')).toEqual([['host-unreachable', 'host unreachable']]);
  });

  it('says "no ping reply", not "host unreachable", where the port answers while its host ignores ping', async () => {
    const series = [
      ...rangeFrames([target('fw:443', padded([1]))], { metric: 'probe_success', refId: 'A' }),
      ...rangeFrames([target('fw', padded([0]), { job: 'probe_icmp' })], { metric: 'probe_success', refId: 'I' }),
    ];
    const user = userEvent.setup();
    renderPanel({ series, options: { showSummary: false, showFilter: false } });
    expect(tile('fw:443')).toHaveAttribute('data-state', 'up');
    expect(badges('fw:443')).toEqual([['host-unreachable', 'no ping reply']]);
    expect(tile('fw:443').getAttribute('aria-label')).toContain('no ping reply');
    expect(tile('fw:443').getAttribute('aria-label')).not.toContain('unreachable');
    await user.tab();
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details).toHaveTextContent('fw: no ping reply, while the target answers (ICMP)');
  });

  it('shows one badge and a count of the rest where the badges share the state’s line (small tiles)', () => {
    renderPanel({ series: FACTS, options: { tileSize: 'small' } });
    expect(badges('web:443')).toEqual([['alert-firing', 'PortwatchTargetDown']]);
    expect(tile('web:443')).toHaveTextContent('+1');
    expect(tile('web:443').getAttribute('aria-label')).toContain('HTTP 503');
    expect(badges('api:443')).toEqual([['cert-expiry', 'cert expires in 9d']]);
    expect(tile('api:443')).not.toHaveTextContent('+');
  });

  it('colours durations by their thresholds on tiles that answered, never beside DOWN', () => {
    const series = applyFieldOverrides({
      data: [
        ...rangeFrames([target('ok:80', padded([1])), target('refused:80', padded([0]))], {
          metric: 'probe_success',
          refId: 'A',
        }),
        ...rangeFrames([target('ok:80', padded([0.0002])), target('refused:80', padded([0.0002]))], {
          metric: 'probe_duration_seconds',
          refId: 'B',
        }),
      ],
      fieldConfig: {
        defaults: {
          unit: 's',
          color: { mode: FieldColorModeId.Thresholds },
          thresholds: { mode: ThresholdsMode.Absolute, steps: [{ value: -Infinity, color: 'green' }] },
        },
        overrides: [],
      },
      replaceVariables: (value) => value,
      theme: createTheme(),
      timeZone: 'utc',
    });
    renderPanel({ series });
    // The colour the field's display processor gives the value: the threshold's.
    const rated = series.find((frame) => frame.refId === 'B')!.fields[1].display!(0.0002).color!;
    expect(rated).toMatch(/^#/);
    const look = (key: string) => ({
      swatch: tile(key).querySelector('[style*="--portwatch-swatch"]') !== null,
      line: tile(key).querySelector(`[data-testid="${TEST_IDS.sparkline}"] path[fill="none"]`)?.getAttribute('stroke'),
    });
    expect(look('ok:80')).toEqual({ swatch: true, line: rated });
    expect(look('refused:80')).toEqual({ swatch: false, line: expect.not.stringMatching(rated) });
  });

  it('colours durations on a scheme by value against the durations alone, not every number of every query', () => {
    const theme = createTheme();
    const frames = [
      ...rangeFrames([target('fast:80', padded([1])), target('slow:80', padded([1]))], {
        metric: 'probe_success',
        refId: 'A',
      }),
      ...rangeFrames([target('fast:80', padded([0.001])), target('slow:80', padded([0.9]))], {
        metric: 'probe_duration_seconds',
        refId: 'B',
      }),
      // A certificate's expiry time, in seconds since 1970.
      ...rangeFrames([target('slow:80', padded([1.8e9]))], { metric: 'probe_ssl_earliest_cert_expiry', refId: 'E' }),
    ];
    // As Grafana's applyFieldOverrides leaves the fields: one range over every number of every query.
    const range = { min: 0.001, max: 1.8e9, delta: 1.8e9 - 0.001 };
    const series = frames.map((frame) => ({
      ...frame,
      fields: frame.fields.map((field) => {
        if (field.type !== FieldType.number) {
          return field;
        }
        const configured = {
          ...field,
          config: { ...field.config, unit: 's', color: { mode: FieldColorModeId.ContinuousGrYlRd } },
          state: { ...field.state, range },
        };
        return { ...configured, display: getDisplayProcessor({ field: configured, theme }) };
      }),
    }));
    renderPanel({ series });
    const line = (key: string) =>
      tile(key).querySelector(`[data-testid="${TEST_IDS.sparkline}"] path[fill="none"]`)?.getAttribute('stroke');
    // Green for the fastest, red for the slowest: each at its end of the scheme.
    expect(line('fast:80')).toBe('rgb(115, 191, 105)');
    expect(line('slow:80')).not.toBe(line('fast:80'));
  });

  it('puts the facts in the accessible name', () => {
    renderPanel({ series: FACTS });
    const name = tile('web:443').getAttribute('aria-label') ?? '';
    expect(name).toContain('alert firing: PortwatchTargetDown');
    expect(name).toContain('HTTP 503');
  });

  it('shows the exact uptime plainly and marks an estimate', () => {
    renderPanel({ series: FACTS });
    expect(tile('web:443')).toHaveTextContent('90% uptime');
    expect(tile('web:443')).not.toHaveTextContent('≈');
    expect(tile('db:5432')).toHaveTextContent('≈ 96.66% uptime');
  });

  it('marks targets under the uptime target', () => {
    renderPanel({ series: FACTS, options: { uptimeTarget: 99.9 } });
    expect(within(tile('web:443')).getByTitle('Under the uptime target')).toBeInTheDocument();
    expect(within(tile('api:443')).queryByTitle('Under the uptime target')).toBeNull();
    expect(tile('web:443').getAttribute('aria-label')).toContain('under the uptime target');
  });

  it('says whether a partial target counts as healthy under the quorum, and the summary follows', () => {
    const { unmount } = renderPanel({ series: FACTS, options: { quorum: 'any' } });
    expect(tile('multi:80')).toHaveTextContent('1/2 up');
    expect(tile('multi:80')).toHaveTextContent('· healthy');
    expect(screen.getByTestId(TEST_IDS.summary)).toHaveAttribute('data-partial-healthy', '1');
    unmount();
    renderPanel({ series: FACTS, options: { quorum: 'all' } });
    expect(tile('multi:80')).toHaveTextContent('· unhealthy');
    expect(screen.getByTestId(TEST_IDS.summary)).toHaveAttribute('data-partial-healthy', '0');
  });

  it('counts targets with firing alerts, and filters to them', async () => {
    const user = userEvent.setup();
    renderPanel({ series: FACTS });
    const summary = screen.getByTestId(TEST_IDS.summary);
    expect(summary).toHaveAttribute('data-firing', '1');
    // Problems, then the alerts, then UP: a narrow panel cuts UP's count, not the alerts'.
    expect(
      within(summary)
        .getAllByRole('button')
        .map((button) => button.textContent)
    ).toEqual(['2 down', '1 partial(0 healthy)', '1 firing', '1 up']);
    await user.click(within(summary).getByRole('button', { name: /1 firing/ }));
    expect(screen.queryAllByTestId(TEST_IDS.tile).map((t) => t.dataset.key)).toEqual(['web:443']);
    await user.click(within(summary).getByRole('button', { name: /1 firing/ }));
    expect(screen.queryAllByTestId(TEST_IDS.tile)).toHaveLength(4);
  });

  it.each(['small', 'medium', 'large'] as const)(
    'keeps every block of a %s tile inside it, badges or not',
    (tileSize) => {
      renderPanel({ series: FACTS, options: { tileSize } });
      for (const key of ['web:443', 'api:443', 'multi:80']) {
        const element = tile(key);
        const blocks = [...element.children] as HTMLElement[];
        const heights = blocks.map((block) => parseFloat(block.style.height || block.getAttribute('height') || 'NaN'));
        expect(heights.every(Number.isFinite)).toBe(true);
        // 4 px between blocks, the vertical padding and the 1 px borders, as StatusTile lays them out.
        const padding = parseFloat(element.style.padding);
        const total = heights.reduce((sum, h) => sum + h, 0) + 4 * (blocks.length - 1) + 2 * padding + 2;
        expect([key, total]).toEqual([key, parseFloat(element.style.height)]);
      }
    }
  );

  it('draws the history strip on large tiles', () => {
    renderPanel({ series: FACTS, options: { tileSize: 'large' } });
    const strip = within(tile('web:443')).getByTestId(TEST_IDS.history);
    // 30 samples at the end of an hour: no data before them, and the failure at the end.
    const cells = strip.dataset.cells?.split(' ') ?? [];
    expect(cells[0]).toBe('gap');
    expect(['down', 'partial']).toContain(cells[cells.length - 1]);
    expect(strip).toHaveAccessibleName(/no data/);
  });
});

describe('facts in the details', () => {
  it('lists every fact with its value, and the history strip', async () => {
    const user = userEvent.setup();
    renderPanel({ series: FACTS, options: { showSummary: false, showFilter: false, sortBy: 'name' } });
    await user.tab();
    // Sorted by name: api:443 first, then db:5432, multi:80, web:443.
    await user.keyboard('{End}');
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details).toHaveTextContent('HTTP status503');
    expect(details).toHaveTextContent('HTTP phasesconnect 20 ms');
    expect(details).toHaveTextContent('AlertsPortwatchTargetDown: firing');
    expect(details).toHaveTextContent('90% exact over the time range');
    expect(within(details).getByTestId(TEST_IDS.history)).toBeInTheDocument();
    act(() => (document.activeElement as HTMLElement).blur());
  });

  it.each<[string, number, string | undefined]>([
    ['a failed content check', 1, 'Content checkfailed'],
    // blackbox_exporter writes 0 also where no check ran (a module without one, a probe without a body).
    ['nothing for a 0, which does not say a check ran', 0, undefined],
  ])('lists %s', async (_name, value, text) => {
    const user = userEvent.setup();
    const contentCheck = rangeFrames([target('web:443', padded([value]))], {
      metric: 'probe_failed_due_to_regex',
      refId: 'F',
    });
    renderPanel({
      series: [...FACTS, ...contentCheck],
      options: { showSummary: false, showFilter: false, sortBy: 'name' },
    });
    await user.tab();
    await user.keyboard('{End}');
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details).toHaveTextContent('HTTP status503');
    if (text === undefined) {
      expect(details).not.toHaveTextContent('Content check');
    } else {
      expect(details).toHaveTextContent(text);
    }
    act(() => (document.activeElement as HTMLElement).blur());
  });
});

describe('label values in the details', () => {
  // As on the tile (shownText.ts): a bidi override in an alert's name must not reverse the words beside it.
  it('shows their format characters', async () => {
    const user = userEvent.setup();
    const labels = { host: 'h\u202Eost' };
    const series = [
      ...rangeFrames([target('x:443', padded([0]), labels)], { metric: 'probe_success', refId: 'A' }),
      ...rangeFrames([target('x', padded([0]), { ...labels, job: 'probe_icmp' })], {
        metric: 'probe_success',
        refId: 'I',
      }),
      ...rangeFrames([target('x:443', padded([0.02]), { phase: 'con\u2066nect' })], {
        metric: 'probe_http_duration_seconds',
        refId: 'H',
      }),
      ...rangeFrames(
        [target('x:443', [1, 1], { alertname: 'Down\u202E', alertstate: 'firing', severity: 'pa\u200Bge' })],
        { metric: 'ALERTS', refId: 'J' }
      ),
    ];
    renderPanel({ series, options: { showSummary: false, showFilter: false } });
    await user.tab();
    const details = await screen.findByTestId(TEST_IDS.details);
    expect(details).toHaveTextContent('Down\uFFFD: firing, pa\uFFFDge');
    expect(details).toHaveTextContent('con\uFFFDnect 20 ms');
    expect(details).toHaveTextContent('h\uFFFDost: unreachable (ICMP)');
    expect(details.textContent).not.toMatch(/[\u200B\u202E\u2066]/);
    act(() => (document.activeElement as HTMLElement).blur());
  });
});

describe('text options', () => {
  it('replace dashboard variables, as Grafana text fields do', () => {
    const replaceVariables = (text: string): string => text.replace('$key', 'instance').replace('$site', 'ams');
    renderPanel({
      series: FACTS,
      options: { keyLabels: '$key', nameTemplate: '$site {{instance}}' },
      replaceVariables,
    });
    expect(tile('web:443')).toHaveTextContent('ams web:443');
  });

  it('take a multi-value variable as a list of key labels', () => {
    // Grafana writes a multi-value variable as {a,b} unless the panel asks for another format.
    const replaceVariables: InterpolateFunction = (text, _scopedVars, format) =>
      text.replace('$keys', format === 'csv' ? 'job,instance' : '{job,instance}');
    renderPanel({
      series: probeFrames([target('web:443', [1, 1])], [target('web:443', [0.1, 0.2])]),
      options: { keyLabels: '$keys' },
      replaceVariables,
    });
    expect(screen.getAllByTestId(TEST_IDS.tile).map((found) => found.dataset.key)).toEqual(['blackbox/web:443']);
  });
});
