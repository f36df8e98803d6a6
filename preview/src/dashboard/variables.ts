/**
 * Resolves a dashboard's variables to options and a current value, the way a dashboard does on load:
 * custom, constant, textbox and interval variables from their definition; Prometheus query variables
 * (`label_values(...)`, `label_names()`, `query_result(...)`) against the server, with `regex` and `sort`;
 * each variable can use the ones before it.
 */
import { TimeRange } from '@grafana/data';

import type { PrometheusClient } from '../datasource/prometheusClient';
import type { VariableJSON } from './dashboardModel';
import {
  ALL_VARIABLE_TEXT,
  ALL_VARIABLE_VALUE,
  interpolatePromQL,
  ResolvedVariable,
  TemplateVariables,
  VariableOption,
} from './templating';

const LABEL_VALUES = /^label_values\((?:(.+),\s*)?([a-zA-Z_$][a-zA-Z0-9_]*)\)\s*$/;
const LABEL_NAMES = /^label_names\(\)\s*$/;
const QUERY_RESULT = /^query_result\((.+)\)\s*$/;

function queryText(query: unknown): string {
  if (typeof query === 'string') {
    return query;
  }
  if (query && typeof query === 'object' && 'query' in query) {
    return String((query as { query: unknown }).query ?? '');
  }
  return '';
}

/** Grafana's custom variable syntax: comma separated, `\,` escapes a comma, `text : value` pairs. */
export function parseCustomOptions(query: string): VariableOption[] {
  return (query.match(/(?:\\,|[^,])+/g) ?? []).map((part) => {
    const item = part.replace(/\\,/g, ',').trim();
    const pair = /^\s*(.+)\s:\s(.+)$/.exec(item);
    return pair ? { text: pair[1].trim(), value: pair[2].trim() } : { text: item, value: item };
  });
}

function parseRegex(source: string): RegExp | undefined {
  const match = /^\/(.*)\/([gimsuy]*)$/.exec(source);
  if (!match) {
    return source ? new RegExp(source) : undefined;
  }
  return new RegExp(match[1], match[2]);
}

/** Grafana's metricNamesToVariableValues: regex filter with optional capture / named groups, then dedupe. */
export function applyVariableRegex(values: string[], regexSource?: string): VariableOption[] {
  const regex = regexSource ? parseRegex(regexSource) : undefined;
  const options: VariableOption[] = [];
  for (const raw of values) {
    let text = raw;
    let value = raw;
    if (regex) {
      const matches = raw.match(regex);
      if (!matches) {
        continue;
      }
      if (matches.groups && (matches.groups.text || matches.groups.value)) {
        text = matches.groups.text ?? matches.groups.value;
        value = matches.groups.value ?? matches.groups.text;
      } else if (matches.length > 1 && matches[1] !== undefined) {
        text = value = matches[1];
      }
    }
    if (!options.some((o) => o.value === value)) {
      options.push({ text, value });
    }
  }
  return options;
}

/** Grafana's variable sort orders (1/2 alphabetical, 3/4 numerical, 5/6 case-insensitive; odd = ascending). */
export function sortOptions(options: VariableOption[], sort = 0): VariableOption[] {
  if (!sort) {
    return options;
  }
  const sorted = [...options];
  if (sort === 1 || sort === 2) {
    sorted.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  } else if (sort === 3 || sort === 4) {
    const num = (o: VariableOption): number => {
      const match = /.*?(\d+).*/.exec(o.text);
      return match ? Number(match[1]) : -1;
    };
    sorted.sort((a, b) => num(a) - num(b));
  } else if (sort === 5 || sort === 6) {
    sorted.sort((a, b) => a.text.toLowerCase().localeCompare(b.text.toLowerCase()));
  }
  return sort % 2 === 0 ? sorted.reverse() : sorted;
}

function chooseCurrent(variable: VariableJSON, options: VariableOption[]): string | string[] {
  const saved = variable.current?.value;
  const values = saved === undefined ? [] : Array.isArray(saved) ? saved : [saved];
  if (variable.includeAll && (values[0] === ALL_VARIABLE_VALUE || variable.current?.text === ALL_VARIABLE_TEXT)) {
    return variable.multi ? [ALL_VARIABLE_VALUE] : ALL_VARIABLE_VALUE;
  }
  const kept = values.filter((v) => options.some((o) => o.value === v));
  if (kept.length > 0) {
    return variable.multi ? kept : kept[0];
  }
  if (options.length === 0) {
    return variable.multi ? [] : '';
  }
  if (variable.includeAll && values.length === 0) {
    return variable.multi ? [ALL_VARIABLE_VALUE] : ALL_VARIABLE_VALUE;
  }
  return variable.multi ? [options[0].value] : options[0].value;
}

async function promQueryOptions(query: string, client: PrometheusClient, range: TimeRange): Promise<string[]> {
  const from = range.from.valueOf();
  const to = range.to.valueOf();
  const labelValues = LABEL_VALUES.exec(query);
  if (labelValues) {
    return client.labelValues(labelValues[2], labelValues[1]?.trim(), from, to);
  }
  if (LABEL_NAMES.test(query)) {
    return client.labelNames(from, to);
  }
  const queryResult = QUERY_RESULT.exec(query);
  if (queryResult) {
    const answer = await client.queryInstant(queryResult[1], to);
    const body = JSON.parse(answer.body) as {
      data?: { result?: Array<{ metric: Record<string, string>; value: [number, string] }> };
    };
    return (body.data?.result ?? []).map(({ metric, value }) => {
      const { __name__: name = '', ...labels } = metric;
      const pairs = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
      return `${name}{${pairs.join(',')}} ${value[1]} ${value[0] * 1000}`;
    });
  }
  return [];
}

/** Resolves the variables in order; a failing query leaves that variable without options. */
export async function resolveVariables(
  list: VariableJSON[],
  client: PrometheusClient,
  range: TimeRange,
  timeZone: string
): Promise<{ variables: ResolvedVariable[]; errors: string[] }> {
  const variables: ResolvedVariable[] = [];
  const errors: string[] = [];
  for (const variable of list) {
    let options: VariableOption[] = [];
    const before = new TemplateVariables(variables, range, timeZone);
    try {
      switch (variable.type) {
        case 'custom':
        case 'interval':
          options = parseCustomOptions(queryText(variable.query));
          break;
        case 'constant':
        case 'textbox': {
          const value = String(variable.current?.value ?? queryText(variable.query));
          options = [{ text: value, value }];
          break;
        }
        case 'query': {
          const query = before.replace(queryText(variable.query), undefined, interpolatePromQL);
          options = sortOptions(
            applyVariableRegex(await promQueryOptions(query, client, range), variable.regex),
            variable.sort
          );
          break;
        }
        default:
          options = (variable.options ?? []).map(({ text, value }) => ({ text, value }));
      }
    } catch (e) {
      errors.push(`Templating [${variable.name}]: ${e instanceof Error ? e.message : String(e)}`);
    }
    variables.push({
      name: variable.name,
      type: variable.type,
      label: variable.label,
      multi: Boolean(variable.multi),
      includeAll: Boolean(variable.includeAll),
      allValue: variable.allValue ?? undefined,
      options,
      current: chooseCurrent(variable, options),
    });
  }
  return { variables, errors };
}
