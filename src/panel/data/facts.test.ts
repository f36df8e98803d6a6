import { FieldType } from '@grafana/data';

import { buildModel } from './buildModel';
import type { SeriesRun } from './collectSeries';
import { badgesFor, collectFacts, FactRun, newestSample, tileFacts } from './facts';
import { NOW, RANGE, rangeFrames, tableFrame, target, testOptions } from '../test-utils/testFixtures';
import { PanelModel, TargetState, Tile, TileFacts } from './types';

const DAY = 24 * 60 * 60 * 1000;
const FRESH = 45_000;
const OPTIONS = { certWarningDays: 14, certCriticalDays: 3 };

function run(values: number[], labels: Record<string, string> = {}, times?: number[]): SeriesRun {
  return {
    refId: 'A',
    fieldName: 'Value',
    labels,
    field: { name: 'Value', type: FieldType.number, values, config: {} },
    times: times ?? values.map((_, i) => NOW - (values.length - 1 - i) * 15_000),
    values,
    start: 0,
    end: values.length,
  };
}

const fact = (role: FactRun['role'], ...args: Parameters<typeof run>): FactRun => ({ role, run: run(...args) });

describe('newestSample', () => {
  it('takes the sample with the newest time, whatever the order', () => {
    expect(newestSample(run([1, 2, 3], {}, [30, 10, 20]))).toEqual({ value: 1, time: 30 });
    expect(newestSample(run([], {}, []))).toBeUndefined();
  });
});

describe('collectFacts', () => {
  it('keeps the newest fresh sample of each role', () => {
    const { facts, uptime } = collectFacts(
      [
        fact('httpStatus', [200, 503]),
        fact('certExpiry', [NOW / 1000 + 10 * 86_400]),
        fact('contentCheck', [0, 1]),
        fact('dnsLookup', [0.002]),
        fact('httpPhase', [0.01], { phase: 'connect' }),
        fact('httpPhase', [0.2], { phase: 'processing' }),
        fact('uptime', [0.99]),
      ],
      FRESH,
      NOW
    );
    expect(facts).toEqual({
      httpStatus: { value: 503, time: NOW },
      certExpiry: { value: NOW / 1000 + 10 * 86_400, time: NOW },
      contentCheck: { value: 1, time: NOW },
      dnsLookup: { value: 0.002, time: NOW },
      httpPhases: [
        { phase: 'connect', value: 0.01, time: NOW },
        { phase: 'processing', value: 0.2, time: NOW },
      ],
    });
    expect(uptime).toBe(0.99);
  });

  describe("shows the worse of two probes' facts", () => {
    const soon = NOW / 1000 + 2 * 86_400;
    const later = NOW / 1000 + 90 * 86_400;
    it.each<[string, FactRun['role'], number, number, number]>([
      ['the earlier certificate expiry', 'certExpiry', later, soon, soon],
      ['a failed content check', 'contentCheck', 0, 1, 1],
      ['an HTTP status that is not a success', 'httpStatus', 200, 503, 503],
      ['a redirect not followed over a success', 'httpStatus', 200, 301, 301],
      ['no response over another status', 'httpStatus', 503, 0, 0],
      ['the slower DNS lookup', 'dnsLookup', 0.002, 0.2, 0.2],
    ])('%s, whatever the order', (_name, role, a, b, shown) => {
      for (const [first, second] of [
        [a, b],
        [b, a],
      ]) {
        const { facts } = collectFacts(
          [fact(role, [first], { job: 'one' }), fact(role, [second], { job: 'two' })],
          FRESH,
          NOW
        );
        expect(facts?.[role as 'certExpiry']).toEqual({ value: shown, time: NOW });
      }
    });

    it('of two as bad, the newer', () => {
      const { facts } = collectFacts(
        [fact('httpStatus', [503], {}, [NOW - 15_000]), fact('httpStatus', [500], {}, [NOW])],
        FRESH,
        NOW
      );
      expect(facts?.httpStatus).toEqual({ value: 500, time: NOW });
    });
  });

  it('lists the HTTP phases in the order a request goes through them, others after by name', () => {
    // In the order Prometheus sorts the series: by the phase's name.
    const names = ['connect', 'extra', 'processing', 'resolve', 'tls', 'transfer', 'aaa'];
    const { facts } = collectFacts(
      names.map((phase, i) => fact('httpPhase', [i / 100], { phase })),
      FRESH,
      NOW
    );
    expect(facts?.httpPhases?.map((item) => item.phase)).toEqual([
      'resolve',
      'connect',
      'tls',
      'processing',
      'transfer',
      'aaa',
      'extra',
    ]);
    expect(facts?.httpPhases?.find((item) => item.phase === 'tls')?.value).toBe(0.04);
  });

  it('drops series that went quiet: a resolved alert or a removed check stops', () => {
    const old = [NOW - 60_000];
    const { facts } = collectFacts(
      [fact('httpStatus', [503], {}, old), fact('alerts', [1], { alertname: 'X', alertstate: 'firing' }, old)],
      FRESH,
      NOW
    );
    expect(facts).toBeUndefined();
  });

  // 1e16 s and beyond is no date: the details read "expires in 0s (Invalid date)".
  it.each([1e16, -1e16, 1e308])('drops a certificate expiry beyond any date (%d s)', (value) => {
    const { facts } = collectFacts([fact('certExpiry', [value]), fact('httpStatus', [200])], FRESH, NOW);
    expect(facts?.certExpiry).toBeUndefined();
    expect(facts?.httpStatus?.value).toBe(200);
  });

  it('lists active alerts by name, firing over pending, firing first', () => {
    const { facts } = collectFacts(
      [
        fact('alerts', [1], { alertname: 'Slow', alertstate: 'pending' }),
        fact('alerts', [1], { alertname: 'Down', alertstate: 'pending' }),
        fact('alerts', [1], { alertname: 'Down', alertstate: 'firing', severity: 'critical' }),
        fact('alerts', [1], { alertname: 'Odd', alertstate: 'inactive' }),
      ],
      FRESH,
      NOW
    );
    expect(facts?.alerts?.map((a) => [a.name, a.state])).toEqual([
      ['Down', 'firing'],
      ['Slow', 'pending'],
    ]);
  });

  it('averages the exact uptime of several series and ignores values outside 0..1', () => {
    expect(collectFacts([fact('uptime', [1]), fact('uptime', [0.5]), fact('uptime', [2])], FRESH, NOW).uptime).toBe(
      0.75
    );
    expect(collectFacts([fact('uptime', [NaN])], FRESH, NOW).uptime).toBeUndefined();
  });
});

describe('badgesFor', () => {
  const expiry = (days: number): TileFacts => ({ certExpiry: { value: (NOW + days * DAY) / 1000, time: NOW } });

  it.each<[string, TileFacts, 'up' | 'down', string[]]>([
    ['HTTP 503 on a down target', { httpStatus: { value: 503, time: NOW } }, 'down', ['http-status']],
    ['no response (0) on a down target', { httpStatus: { value: 0, time: NOW } }, 'down', ['http-status']],
    ['HTTP 200 says nothing on the tile', { httpStatus: { value: 200, time: NOW } }, 'down', []],
    ['a status of an up target stays in the details', { httpStatus: { value: 301, time: NOW } }, 'up', []],
    ['a failed content check', { contentCheck: { value: 1, time: NOW } }, 'down', ['content-check']],
    ['a passed content check', { contentCheck: { value: 0, time: NOW } }, 'up', []],
    ['a certificate in the warning window, target up', expiry(10), 'up', ['cert-expiry']],
    ['a certificate far from expiry', expiry(90), 'up', []],
    ['an unreachable host', { host: { name: 'web', state: 'down' } }, 'down', ['host-unreachable']],
    ['a host without ping replies, target up', { host: { name: 'web', state: 'down' } }, 'up', ['host-unreachable']],
    ['a reachable host', { host: { name: 'web', state: 'up' } }, 'down', []],
    [
      'alerts: firing first, pending last',
      {
        alerts: [
          { name: 'A', state: 'firing', time: NOW },
          { name: 'B', state: 'pending', time: NOW },
        ],
        contentCheck: { value: 1, time: NOW },
      },
      'down',
      ['alert-firing', 'content-check', 'alert-pending'],
    ],
  ])('%s', (_name, facts, state, kinds) => {
    expect(badgesFor(facts, state, OPTIONS, NOW, false).map((badge) => badge.kind)).toEqual(kinds);
  });

  it('warns of a certificate also with the thresholds the wrong way round (critical above warning)', () => {
    const swapped = { certWarningDays: 3, certCriticalDays: 14 };
    expect(badgesFor(expiry(10), 'up', swapped, NOW, false)).toEqual([
      { kind: 'cert-expiry', days: 10, severity: 'critical' },
    ]);
    expect(badgesFor(expiry(20), 'up', swapped, NOW, false)).toEqual([]);
  });

  it.each<[number, string]>([
    [14, 'warning'],
    [3.5, 'warning'],
    [3, 'critical'],
    [-1, 'critical'],
  ])('a certificate %d days from expiry is %s', (days, severity) => {
    expect(badgesFor(expiry(days), 'up', OPTIONS, NOW, false)).toEqual([{ kind: 'cert-expiry', days, severity }]);
  });

  it.each<[TargetState, boolean]>([
    ['up', true],
    ['partial', true],
    ['down', false],
    ['stale', false],
    ['unknown', false],
  ])('a host whose ICMP probe fails, target %s: the target answers itself: %s', (state, answers) => {
    expect(badgesFor({ host: { name: 'web', state: 'down' } }, state, OPTIONS, NOW, false)).toEqual([
      { kind: 'host-unreachable', host: 'web', answers },
    ]);
  });

  it("leaves the host's own tile without the host badge", () => {
    expect(badgesFor({ host: { name: 'web', state: 'down' } }, 'down', OPTIONS, NOW, true)).toEqual([]);
  });
});

describe('tileFacts', () => {
  const DNS = 'probe_dns_lookup_time_seconds';
  const PHASE = 'probe_http_duration_seconds';
  const expiry = (NOW + 10 * DAY) / 1000;
  const status = rangeFrames([target('a:443', [1]), target('b:443', [0]), target('c:443', [1])], {
    metric: 'probe_success',
    refId: 'A',
  });
  const cert = rangeFrames([target('a:443', [expiry])], { metric: 'probe_ssl_earliest_cert_expiry', refId: 'E' });
  const dns = [target('b:443', [0.004]), target('a:443', [0.002])];
  const phases = [
    target('a:443', [0.03], { phase: 'connect' }),
    target('b:443', [0.5], { phase: 'processing' }),
    target('a:443', [0.2, 0.1], { phase: 'processing' }),
  ];
  const byKey = (model: PanelModel, key: string): Tile => model.tiles.find((t) => t.key === key) as Tile;

  it('reads the detail facts (DNS, HTTP phases) of each tile when its facts are asked for, joined by key', () => {
    const model = buildModel(
      [
        ...status,
        ...rangeFrames(dns, { metric: DNS, refId: 'G' }),
        ...rangeFrames(phases, { metric: PHASE, refId: 'H' }),
        ...cert,
      ],
      testOptions(),
      RANGE
    );
    const a = byKey(model, 'a:443');
    // Only the certificate earns a badge; the detail frames are not even on the tile.
    expect(a.deferredFacts).toHaveLength(1);
    expect(tileFacts(a).badges).toEqual([{ kind: 'cert-expiry', days: 10, severity: 'warning' }]);
    expect(tileFacts(a).facts).toEqual({
      certExpiry: { value: expiry, time: NOW },
      dnsLookup: { value: 0.002, time: NOW },
      httpPhases: [
        { phase: 'connect', value: 0.03, time: NOW },
        { phase: 'processing', value: 0.1, time: NOW },
      ],
    });
    expect(tileFacts(byKey(model, 'b:443')).facts).toEqual({
      dnsLookup: { value: 0.004, time: NOW },
      httpPhases: [{ phase: 'processing', value: 0.5, time: NOW }],
    });
    expect(tileFacts(byKey(model, 'c:443')).facts).toBeUndefined();
    expect(tileFacts(byKey(model, 'c:443')).badges).toEqual([]);
    expect(model.warnings).toEqual([]);
  });

  it('gives the detail facts of one-series frames as those of a table, read with the model', () => {
    const fromSeries = buildModel(
      [
        ...status,
        ...rangeFrames(dns, { metric: DNS, refId: 'G' }),
        ...rangeFrames(phases, { metric: PHASE, refId: 'H' }),
      ],
      testOptions(),
      RANGE
    );
    const fromTable = buildModel(
      [
        ...status,
        tableFrame(dns, { metric: DNS, refId: 'G', valueName: 'Value #G' }),
        tableFrame(phases, { metric: PHASE, refId: 'H', valueName: 'Value #H' }),
      ],
      testOptions(),
      RANGE
    );
    for (const key of ['a:443', 'b:443', 'c:443']) {
      expect(tileFacts(byKey(fromSeries, key)).facts).toEqual(tileFacts(byKey(fromTable, key)).facts);
    }
    expect(byKey(fromTable, 'a:443').facts?.dnsLookup).toEqual({ value: 0.002, time: NOW });
  });

  it('warns of detail frames without the key labels, as of any other fact', () => {
    const unkeyed = rangeFrames([{ labels: { job: 'blackbox' }, values: [0.004] }], { metric: DNS, refId: 'G' });
    const model = buildModel([...status, ...unkeyed], testOptions(), RANGE);
    expect(model.warnings).toEqual([expect.objectContaining({ code: 'unkeyed', role: 'dnsLookup', refId: 'G' })]);
    expect(model.tiles.map((t) => tileFacts(t).facts)).toEqual([undefined, undefined, undefined]);
  });
});
