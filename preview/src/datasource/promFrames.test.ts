import { DataFrame, FieldType, LoadingState } from '@grafana/data';
import { toDataQueryResponse } from '@grafana/runtime';

import {
  BackendDataResponse,
  goDurationString,
  metricNameFromLabels,
  PromTarget,
  seriesDisplayName,
  toBackendDataResponse,
  transportErrorResponse,
} from './promBackend';
import { transformPromFrames } from './promFrontend';

const T0 = 1_700_000_000; // seconds

function matrix(series: Array<{ metric: Record<string, string>; values: Array<[number, string]> }>) {
  return JSON.stringify({ status: 'success', data: { resultType: 'matrix', result: series } });
}

function vector(series: Array<{ metric: Record<string, string>; value: [number, string] }>) {
  return JSON.stringify({ status: 'success', data: { resultType: 'vector', result: series } });
}

const upA = { __name__: 'probe_success', instance: 'a:80', job: 'blackbox' };
const upB = { __name__: 'probe_success', instance: 'b:80', job: 'blackbox' };

/** What the panel gets: backend answer per target, decoded by Grafana's toDataQueryResponse, then the frontend step. */
function panelFrames(targets: PromTarget[], answers: Record<string, BackendDataResponse>) {
  const response = toDataQueryResponse({ data: { results: answers }, status: 200 } as never, targets);
  return { response, frames: transformPromFrames(response.data as DataFrame[], targets) };
}

function answer(target: PromTarget, body: string, stepMs = 15_000, status = 200): BackendDataResponse {
  return toBackendDataResponse(
    {
      refId: target.refId,
      expr: target.expr,
      stepMs,
      legendFormat: target.legendFormat,
      instant: Boolean(target.instant),
    },
    status,
    body
  );
}

describe('range query, time series format', () => {
  const target: PromTarget = { refId: 'A', expr: 'probe_success', legendFormat: '{{instance}}' };
  const body = matrix([
    {
      metric: upA,
      values: [
        [T0, '1'],
        [T0 + 15, '1'],
        [T0 + 30, '0'],
      ],
    },
    { metric: upB, values: [[T0, '1']] },
  ]);
  const { frames, response } = panelFrames([target], { A: answer(target, body) });

  it('gives one frame per series, tagged with the refId and dataplane meta', () => {
    expect(response.state).toBe(LoadingState.Done);
    expect(frames).toHaveLength(2);
    for (const frame of frames) {
      expect(frame.refId).toBe('A');
      expect(frame.meta?.type).toBe('timeseries-multi');
      expect(frame.meta?.typeVersion).toEqual([0, 1]);
      expect(frame.meta?.custom).toEqual({ resultType: 'matrix' });
      expect(frame.meta?.preferredVisualisationType).toBe('graph');
    }
    expect(frames[0].meta?.executedQueryString).toBe('Expr: probe_success\nStep: 15s');
    expect(frames[1].meta?.executedQueryString).toBeUndefined();
  });

  it('has a Time field in epoch ms with the step as interval, and a value field named after the metric', () => {
    const [time, value] = frames[0].fields;
    expect(time.name).toBe('Time');
    expect(time.type).toBe(FieldType.time);
    expect(time.config.interval).toBe(15_000);
    expect(time.values).toEqual([T0 * 1000, (T0 + 15) * 1000, (T0 + 30) * 1000]);
    expect(value.name).toBe('probe_success');
    expect(value.type).toBe(FieldType.number);
    expect(value.labels).toEqual(upA);
    expect(value.values).toEqual([1, 1, 0]);
    expect(value.config.displayNameFromDS).toBe('a:80');
  });

  it('lets a series end early instead of filling the gap', () => {
    expect(frames[1].length).toBe(1);
    expect(frames[1].fields[1].values).toEqual([1]);
  });
});

describe('value field name and display name', () => {
  it.each([
    [
      'keeps the metric name when the series has one',
      upA,
      '',
      'probe_success',
      'probe_success{instance="a:80", job="blackbox"}',
    ],
    ['says Value when a function dropped __name__', { instance: 'a:80' }, '', 'Value', '{instance="a:80"}'],
    ['uses the legend format', upA, '{{ job }}/{{instance}}', 'probe_success', 'blackbox/a:80'],
    ['leaves an unknown legend label empty', upA, '{{nope}}-x', 'probe_success', '-x'],
    ['falls back to the expression for a series without labels', {}, '', 'Value', 'sum(probe_success)'],
  ])('%s', (_title, metric, legendFormat, fieldName, displayName) => {
    const target: PromTarget = { refId: 'A', expr: 'sum(probe_success)', legendFormat };
    const { frames } = panelFrames([target], { A: answer(target, matrix([{ metric, values: [[T0, '1']] }])) });
    expect(frames[0].fields[1].name).toBe(fieldName);
    expect(frames[0].fields[1].config.displayNameFromDS).toBe(displayName);
  });

  it('with the __auto legend, names the series from its labels without the metric name field', () => {
    const target: PromTarget = { refId: 'A', expr: 'probe_success', legendFormat: '__auto' };
    const { frames } = panelFrames([target], { A: answer(target, matrix([{ metric: upA, values: [[T0, '1']] }])) });
    const value = frames[0].fields[1];
    expect(value.name).toBe('probe_success');
    expect(value.config.displayNameFromDS).toContain('instance="a:80"');
  });
});

describe('special values', () => {
  it('turns NaN and ±Inf back into numbers after the JSON trip', () => {
    const target: PromTarget = { refId: 'A', expr: 'x' };
    const backend = answer(
      target,
      matrix([
        {
          metric: upA,
          values: [
            [T0, 'NaN'],
            [T0 + 1, '+Inf'],
            [T0 + 2, '-Inf'],
            [T0 + 3, '0.25'],
          ],
        },
      ])
    );
    const json = JSON.parse(JSON.stringify(backend));
    expect(json.frames[0].data.values[1]).toEqual([null, null, null, 0.25]);
    const { frames } = panelFrames([target], { A: json });
    expect(frames[0].fields[1].values).toEqual([NaN, Infinity, -Infinity, 0.25]);
  });

  it('keeps millisecond timestamps the way promlib truncates them', () => {
    const target: PromTarget = { refId: 'A', expr: 'x' };
    const { frames } = panelFrames([target], {
      A: answer(target, matrix([{ metric: upA, values: [[T0 + 0.123, '1']] }])),
    });
    expect(frames[0].fields[0].values[0]).toBe(T0 * 1000 + 123);
  });
});

describe('instant query', () => {
  it('gives numeric-multi frames with one row each', () => {
    const target: PromTarget = { refId: 'B', expr: 'probe_duration_seconds', instant: true };
    const body = vector([
      { metric: { ...upA, __name__: 'probe_duration_seconds' }, value: [T0, '0.05'] },
      { metric: { ...upB, __name__: 'probe_duration_seconds' }, value: [T0, '0.07'] },
    ]);
    const { frames } = panelFrames([target], { B: answer(target, body) });
    expect(frames).toHaveLength(2);
    expect(frames.map((f) => [f.meta?.type, f.meta?.custom?.resultType, f.length])).toEqual([
      ['numeric-multi', 'vector', 1],
      ['numeric-multi', 'vector', 1],
    ]);
    expect(frames[1].fields[1].name).toBe('probe_duration_seconds');
    expect(frames[1].fields[1].values).toEqual([0.07]);
  });
});

describe('nothing matched', () => {
  it('still returns one frame with refId and meta but no fields, and no error', () => {
    const target: PromTarget = { refId: 'C', expr: 'up{job="none"}' };
    const { frames, response } = panelFrames([target], { C: answer(target, matrix([])) });
    expect(response.state).toBe(LoadingState.Done);
    expect(response.errors).toBeUndefined();
    expect(frames).toHaveLength(1);
    expect(frames[0].refId).toBe('C');
    expect(frames[0].fields).toEqual([]);
    expect(frames[0].length).toBe(0);
    expect(frames[0].meta?.executedQueryString).toBe('Expr: up{job="none"}\nStep: 15s');
  });
});

describe('errors', () => {
  it('reports a Prometheus error as a query error with its type and message', () => {
    const target: PromTarget = { refId: 'A', expr: 'up{' };
    const body = JSON.stringify({
      status: 'error',
      errorType: 'bad_data',
      error: '1:4: parse error: unexpected end of input',
    });
    const { response } = panelFrames([target], { A: answer(target, body, 15_000, 400) });
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors).toEqual([
      { refId: 'A', message: 'bad_data: 1:4: parse error: unexpected end of input', status: 400 },
    ]);
    expect(response.error?.message).toBe('bad_data: 1:4: parse error: unexpected end of input');
  });

  it('reports an unreachable Prometheus without frames', () => {
    const target: PromTarget = { refId: 'A', expr: 'up' };
    const { response, frames } = panelFrames([target], {
      A: transportErrorResponse('Post "http://127.0.0.1:9/api/v1/query_range": connection refused'),
    });
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors?.[0].message).toContain('connection refused');
    expect(frames).toEqual([]);
  });

  it('keeps the frames of the queries that worked next to the error of the one that did not', () => {
    const good: PromTarget = { refId: 'A', expr: 'probe_success' };
    const bad: PromTarget = { refId: 'B', expr: 'up{' };
    const { response, frames } = panelFrames([good, bad], {
      A: answer(good, matrix([{ metric: upA, values: [[T0, '1']] }])),
      B: answer(bad, JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'parse error' }), 15_000, 400),
    });
    expect(response.state).toBe(LoadingState.Error);
    expect(response.errors?.map((e) => e.refId)).toEqual(['B']);
    expect(frames.filter((f) => f.refId === 'A' && f.fields.length > 0)).toHaveLength(1);
  });

  it('puts Prometheus warnings on the frames as notices', () => {
    const target: PromTarget = { refId: 'A', expr: 'x' };
    const body = JSON.stringify({
      status: 'success',
      warnings: ['slow'],
      data: { resultType: 'matrix', result: [{ metric: upA, values: [[T0, '1']] }] },
    });
    const { frames } = panelFrames([target], { A: answer(target, body) });
    expect(frames[0].meta?.notices).toEqual([{ severity: 'warning', text: 'slow' }]);
  });
});

describe('table format', () => {
  const body = matrix([
    {
      metric: upB,
      values: [
        [T0, '1'],
        [T0 + 15, '0'],
      ],
    },
    { metric: { instance: 'c:80' }, values: [[T0 + 5, '1']] },
  ]);

  it('joins the series of a refId into one frame: Time, sorted label fields, Value', () => {
    const target: PromTarget = { refId: 'A', expr: 'probe_success', format: 'table' };
    const { frames } = panelFrames([target], { A: answer(target, body) });
    expect(frames).toHaveLength(1);
    const [frame] = frames;
    expect(frame.refId).toBe('A');
    expect(frame.meta?.preferredVisualisationType).toBe('rawPrometheus');
    expect(frame.fields.map((f) => [f.name, f.type])).toEqual([
      ['Time', FieldType.time],
      ['__name__', FieldType.string],
      ['instance', FieldType.string],
      ['job', FieldType.string],
      ['Value', FieldType.number],
    ]);
    expect(frame.fields[0].values).toEqual([T0 * 1000, (T0 + 5) * 1000, (T0 + 15) * 1000]);
    expect(frame.fields[2].values).toEqual(['b:80', 'c:80', 'b:80']);
    expect(frame.fields[3].values).toEqual(['blackbox', '', 'blackbox']);
    expect(frame.fields[4].values).toEqual([1, 1, 0]);
    expect(frame.fields[0].config.interval).toBe(15_000);
  });

  it('names the value "Value #<refId>" when several refIds are tables', () => {
    const a: PromTarget = { refId: 'A', expr: 'probe_success', format: 'table' };
    const b: PromTarget = { refId: 'B', expr: 'probe_duration_seconds', format: 'table', instant: true };
    const { frames } = panelFrames([a, b], {
      A: answer(a, body),
      B: answer(b, vector([{ metric: upA, value: [T0, '0.5'] }])),
    });
    expect(frames.map((f) => f.fields[f.fields.length - 1].name)).toEqual(['Value #A', 'Value #B']);
  });

  it('puts time series frames before table frames, like Grafana', () => {
    const a: PromTarget = { refId: 'A', expr: 'probe_success', format: 'table' };
    const b: PromTarget = { refId: 'B', expr: 'probe_duration_seconds' };
    const { frames } = panelFrames([a, b], {
      A: answer(a, body),
      B: answer(b, matrix([{ metric: upA, values: [[T0, '0.1']] }])),
    });
    expect(frames.map((f) => [f.refId, f.meta?.preferredVisualisationType])).toEqual([
      ['B', 'graph'],
      ['A', 'rawPrometheus'],
    ]);
  });
});

describe('helpers', () => {
  it.each([
    [0, '0s'],
    [500, '500ms'],
    [15_000, '15s'],
    [60_000, '1m0s'],
    [90_000, '1m30s'],
    [3_600_000, '1h0m0s'],
    [1_500, '1.5s'],
  ])('goDurationString(%d) is %s', (ms, text) => {
    expect(goDurationString(ms)).toBe(text);
  });

  it('formats metric names like Prometheus, labels sorted', () => {
    expect(metricNameFromLabels({ job: 'x', __name__: 'up', instance: 'a' })).toBe('up{instance="a", job="x"}');
    expect(metricNameFromLabels({ __name__: 'up' })).toBe('up');
    expect(metricNameFromLabels({})).toBe('{}');
  });

  it('uses the expression when the legend comes out as {}', () => {
    expect(seriesDisplayName({ expr: 'vector(1)', legendFormat: '' }, {})).toBe('vector(1)');
    expect(seriesDisplayName({ expr: 'vector(1)', legendFormat: '__auto' }, {})).toBe('vector(1)');
    expect(seriesDisplayName({ expr: 'up', legendFormat: '__auto' }, upA)).toBe('');
  });
});
