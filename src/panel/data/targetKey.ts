import { defaultOptions } from '../options/defaultOptions';

import { labelValue } from './labelValue';
import { Labels } from './types';

/** The key label names from the comma separated option; an empty option means the default. */
export function parseKeyLabels(text: string): string[] {
  const names = [...new Set(text.split(',').map((name) => name.trim()))].filter((name) => name !== '');
  return names.length > 0 ? names : parseKeyLabels(defaultOptions.keyLabels);
}

/**
 * Key label values joined by `/`, a missing label counting as empty (as Prometheus treats it).
 * Undefined when the series has none of the key labels, so that the caller can fall back. With
 * several key labels a `/` or `\` inside a value is escaped with a `\`: job="probe/http",
 * instance="web:80" and job="probe", instance="http/web:80" are two targets, and joined plainly they
 * were one, where the up one hid the down one ("values that hold the separator" in targetKey.test.ts).
 */
export function targetKey(labels: Labels, keyLabels: string[]): string | undefined {
  if (keyLabels.length === 1) {
    const value = labelValue(labels, keyLabels[0]);
    return value === undefined || value === '' ? undefined : value;
  }
  let found = false;
  const parts: string[] = [];
  for (const name of keyLabels) {
    const value = labelValue(labels, name) ?? '';
    found = found || value !== '';
    parts.push(SEPARATOR_OR_ESCAPE.test(value) ? value.replace(ESCAPED, '\\$&') : value);
  }
  return found ? parts.join('/') : undefined;
}

const SEPARATOR_OR_ESCAPE = /[/\\]/;
const ESCAPED = /[/\\]/g;

/** Whether `targetKey` gives the labels a key, without making the key. */
export function hasKey(labels: Labels | undefined, keyLabels: string[]): boolean {
  for (const name of keyLabels) {
    const value = labelValue(labels, name);
    if (value !== undefined && value !== '') {
      return true;
    }
  }
  return false;
}
