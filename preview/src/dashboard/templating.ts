/**
 * Dashboard variables and `replaceVariables`, with the semantics of Grafana's dashboards (scenes'
 * sceneInterpolator and formatRegistry, the Prometheus datasource's `interpolateQueryExpr`, and the
 * data-link macros `${__field.labels.X}`, `${__value.raw}`, `${__series.name}`, `${__data.fields.X}`).
 */
import {
  DataFrame,
  escapeRegex,
  Field,
  formatLabels,
  getFieldDisplayName,
  getFrameDisplayName,
  ScopedVars,
  TimeRange,
} from '@grafana/data';

export const ALL_VARIABLE_VALUE = '$__all';
export const ALL_VARIABLE_TEXT = 'All';

/** Grafana's variable reference syntax: `$var`, `[[var:fmt]]`, `${var.path:fmt}`. */
const VARIABLE_REGEX = /\$(\w+)|\[\[(\w+?)(?::(\w+))?\]\]|\${(\w+)(?:\.([^:^\}]+))?(?::([^\}]+))?}/g;

export type VariableValue = string | string[];

export interface VariableOption {
  text: string;
  value: string;
}

/** A dashboard variable with its options known and its current value chosen. */
export interface ResolvedVariable {
  name: string;
  type: string;
  label?: string;
  multi: boolean;
  includeAll: boolean;
  allValue?: string;
  options: VariableOption[];
  /** Current value: `$__all`, one value, or several. */
  current: VariableValue;
}

/** A datasource's own formatter, e.g. Prometheus' interpolateQueryExpr. */
export type FormatFunction = (value: VariableValue, variable: ResolvedVariable) => string;

type Format = string | FormatFunction | undefined;

const encodeStrict = (value: string): string =>
  value.replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const encodeURIComponentStrict = (value: string): string => encodeStrict(encodeURIComponent(value));
const encodeURIStrict = (value: string): string => encodeStrict(encodeURI(value));

function quoteEach(values: VariableValue, quote: string): string {
  const escape = (v: string): string => `${quote}${v.split(quote).join(`\\${quote}`)}${quote}`;
  return Array.isArray(values) ? values.map(escape).join(',') : escape(values);
}

/** The named formats of Grafana's format registry that a panel or link is likely to use. */
const FORMATS: Record<string, (value: VariableValue, name: string, text: string) => string> = {
  raw: (value) => String(value),
  regex: (value) => {
    if (!Array.isArray(value)) {
      return escapeRegex(value);
    }
    const escaped = value.map((v) => escapeRegex(String(v)));
    return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
  },
  pipe: (value) => (Array.isArray(value) ? value.join('|') : value),
  csv: (value) => (Array.isArray(value) ? value.join(',') : value),
  distributed: (value, name) =>
    Array.isArray(value) ? value.map((v, i) => (i === 0 ? v : `${name}=${v}`)).join(',') : value,
  json: (value) => (typeof value === 'string' ? value : JSON.stringify(value)),
  glob: (value) => (Array.isArray(value) && value.length > 1 ? `{${value.join(',')}}` : String(value)),
  percentencode: (value) => encodeURIComponentStrict(Array.isArray(value) ? `{${value.join(',')}}` : value),
  uriencode: (value) => encodeURIStrict(Array.isArray(value) ? `{${value.join(',')}}` : value),
  singlequote: (value) => quoteEach(value, "'"),
  doublequote: (value) => quoteEach(value, '"'),
  text: (_value, _name, text) => text,
  queryparam: (value, name) =>
    (Array.isArray(value) ? value : [value]).map((v) => `var-${name}=${encodeURIComponentStrict(v)}`).join('&'),
};

/** Prometheus' classic escaping of a single value (backslashes and single quotes). */
export function prometheusRegularEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\\\'");
}

/** Prometheus' escaping of a value used inside a regex matcher. */
export function prometheusSpecialRegexEscape(value: string): string {
  return value.replace(/\\/g, '\\\\\\\\').replace(/[$^*{}\[\]+?.()|]/g, '\\\\$&');
}

/** The Prometheus datasource's format function for variables in PromQL (`interpolateQueryExpr`). */
export const interpolatePromQL: FormatFunction = (value, variable) => {
  if (!variable.multi && !variable.includeAll) {
    return Array.isArray(value) ? value.map(prometheusRegularEscape).join(',') : prometheusRegularEscape(value);
  }
  if (typeof value === 'string') {
    return prometheusSpecialRegexEscape(value);
  }
  const escaped = value.map(prometheusSpecialRegexEscape);
  return escaped.length === 1 ? escaped[0] : `(${escaped.join('|')})`;
};

function isAll(value: VariableValue): boolean {
  return value === ALL_VARIABLE_VALUE || (Array.isArray(value) && value[0] === ALL_VARIABLE_VALUE);
}

function valueText(variable: ResolvedVariable): string {
  if (isAll(variable.current)) {
    return ALL_VARIABLE_TEXT;
  }
  const values = Array.isArray(variable.current) ? variable.current : [variable.current];
  return values.map((v) => variable.options.find((o) => o.value === v)?.text ?? v).join(' + ');
}

/** The value a variable stands for: all option values (or the custom all value) when "All" is selected. */
function variableValue(variable: ResolvedVariable): { value: VariableValue; customAll: boolean } {
  if (!isAll(variable.current)) {
    return { value: variable.current, customAll: false };
  }
  if (variable.allValue) {
    return { value: variable.allValue, customAll: true };
  }
  return {
    value: variable.options.filter((o) => o.value !== ALL_VARIABLE_VALUE).map((o) => o.value),
    customAll: false,
  };
}

function applyFormat(value: VariableValue, format: Format, variable: ResolvedVariable, text: string): string {
  if (typeof format === 'function') {
    return format(value, variable);
  }
  const [id, ...args] = (format ?? 'glob').split(':');
  if (id === 'date') {
    const ms = Number(Array.isArray(value) ? value[0] : value);
    return args[0] === 'seconds'
      ? String(Math.round(ms / 1000))
      : args[0] === 'ms'
        ? String(ms)
        : new Date(ms).toISOString();
  }
  const formatter = FORMATS[id] ?? FORMATS.glob;
  return formatter(value, variable.name, text);
}

/** Reads `a.b[0].c` from an object (lodash `get` semantics for the paths Grafana allows). */
function readPath(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const part of path.split(/[.[\]]/).filter(Boolean)) {
    if (current === null || current === undefined) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

interface DataContext {
  frame?: DataFrame;
  field?: Field;
  data?: DataFrame[];
  rowIndex?: number;
  calculatedValue?: { numeric: number; text: string; suffix?: string; prefix?: string };
}

function fieldProxy(
  field: Field,
  frame: DataFrame | undefined,
  data: DataFrame[] | undefined
): Record<string, unknown> {
  const labels = field.labels
    ? {
        ...field.labels,
        __values: Object.values(field.labels).sort().join(', '),
        toString: () => formatLabels(field.labels!, '', true),
      }
    : '';
  return {
    name: field.name,
    displayName: getFieldDisplayName(field, frame, data),
    labels,
    formattedLabels: labels,
  };
}

function valueMacro(context: DataContext, path: string | undefined): string | undefined {
  const { field, frame, rowIndex, calculatedValue } = context;
  if (!field) {
    return undefined;
  }
  if (rowIndex === undefined) {
    if (!calculatedValue) {
      return undefined;
    }
    return path === 'numeric' || path === 'raw' ? String(calculatedValue.numeric) : calculatedValue.text;
  }
  const raw = field.values[rowIndex];
  if (path === 'raw') {
    return String(raw);
  }
  if (path === 'time') {
    const timeField = frame?.fields.find((f) => f.type === 'time');
    return timeField ? String(timeField.values[rowIndex]) : '';
  }
  const display = field.display?.(raw);
  if (path === 'numeric') {
    return String(display?.numeric ?? raw);
  }
  return display ? `${display.prefix ?? ''}${display.text}${display.suffix ?? ''}` : String(raw);
}

function macro(
  name: string,
  path: string | undefined,
  scopedVars: ScopedVars | undefined,
  range: TimeRange,
  timeZone: string
): string | undefined {
  const context = (scopedVars?.__dataContext?.value ?? {}) as DataContext;
  switch (name) {
    case '__field': {
      if (!context.field) {
        return undefined;
      }
      const value = readPath(fieldProxy(context.field, context.frame, context.data), path ?? 'name');
      return value === undefined ? '' : String(value);
    }
    case '__series':
      return context.frame && (path ?? 'name') === 'name' ? getFrameDisplayName(context.frame) : undefined;
    case '__value':
      return valueMacro(context, path);
    case '__data': {
      if (!context.frame || context.rowIndex === undefined || !path?.startsWith('fields')) {
        return undefined;
      }
      const key = path.replace(/^fields\.?/, '').replace(/^\[["']?|["']?\]$/g, '');
      const field =
        context.frame.fields.find((f) => f.name === key || getFieldDisplayName(f, context.frame) === key) ??
        context.frame.fields[Number(key)];
      return field ? String(field.values[context.rowIndex]) : '';
    }
    case '__from':
      return String(range.from.valueOf());
    case '__to':
      return String(range.to.valueOf());
    case '__timezone':
      return timeZone;
    case '__url_time_range':
      return `from=${range.from.valueOf()}&to=${range.to.valueOf()}`;
    default:
      return undefined;
  }
}

/** Interpolation of dashboard and scoped variables, shared by the query runner and the panel's replaceVariables. */
export class TemplateVariables {
  constructor(
    readonly variables: ResolvedVariable[],
    private range: TimeRange,
    private timeZone = 'browser'
  ) {}

  updateTimeRange(range: TimeRange): void {
    this.range = range;
  }

  get(name: string): ResolvedVariable | undefined {
    return this.variables.find((v) => v.name === name);
  }

  containsTemplate(target?: string): boolean {
    if (!target) {
      return false;
    }
    return [...target.matchAll(VARIABLE_REGEX)].some((m) => {
      const name = m[1] ?? m[2] ?? m[4];
      return Boolean(this.get(name)) || name.startsWith('__');
    });
  }

  replace(target?: string, scopedVars?: ScopedVars, format?: Format): string {
    if (!target) {
      return target ?? '';
    }
    return target.replace(VARIABLE_REGEX, (match, var1, var2, fmt2, var3, fieldPath, fmt3) => {
      const name: string = var1 ?? var2 ?? var3;
      const explicitFormat: string | undefined = fmt2 ?? fmt3;
      const chosenFormat: Format = explicitFormat ?? format;

      const macroValue = name.startsWith('__')
        ? macro(name, fieldPath, scopedVars, this.range, this.timeZone)
        : undefined;
      if (macroValue !== undefined && !(scopedVars && name in scopedVars)) {
        const asVariable: ResolvedVariable = {
          name,
          type: 'macro',
          multi: false,
          includeAll: false,
          options: [],
          current: macroValue,
        };
        return chosenFormat === undefined ? macroValue : applyFormat(macroValue, chosenFormat, asVariable, macroValue);
      }

      const scoped = scopedVars?.[name];
      if (scoped) {
        const raw = fieldPath ? readPath(scoped.value, fieldPath) : scoped.value;
        const value = Array.isArray(raw) ? raw.map(String) : String(raw ?? '');
        const asVariable: ResolvedVariable = {
          name,
          type: 'scoped',
          multi: false,
          includeAll: false,
          options: [],
          current: value,
        };
        return applyFormat(value, chosenFormat, asVariable, scoped.text ?? String(value));
      }

      const variable = this.get(name);
      if (!variable) {
        return match;
      }
      const { value, customAll } = variableValue(variable);
      const text = valueText(variable);
      if (customAll) {
        // Grafana leaves a custom "all" value unformatted except for text and URL formats.
        const id = typeof chosenFormat === 'string' ? chosenFormat.split(':')[0] : undefined;
        return id === 'text' || id === 'percentencode' || id === 'uriencode' || id === 'queryparam'
          ? applyFormat(id === 'text' ? ALL_VARIABLE_TEXT : value, chosenFormat, variable, text)
          : String(value);
      }
      return applyFormat(value, chosenFormat, variable, text);
    });
  }
}
