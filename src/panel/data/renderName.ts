import { defaultOptions } from '../options/defaultOptions';

import { labelValue } from './labelValue';
import { Labels } from './types';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;
const WHITESPACE = /\s/;
const WHITESPACE_RUNS = /\s+/g;

/**
 * Fills `{{label}}` placeholders with label values; a missing label gives nothing, and runs of
 * whitespace collapse so that a missing label leaves no gap. The result is plain text for the UI
 * to render as text: nothing in it is interpreted.
 */
export function renderName(template: string, labels: Labels): string {
  return compileNameTemplate(template)(labels);
}

/**
 * The template read once, for naming thousands of tiles: literal text and label names alternate,
 * and whitespace is collapsed only in names that need it.
 */
export function compileNameTemplate(template: string): (labels: Labels) => string {
  const literals: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    literals.push(template.slice(last, match.index));
    names.push(match[1]);
    last = (match.index ?? 0) + match[0].length;
  }
  literals.push(template.slice(last));
  return (labels) => {
    let text = literals[0];
    for (let i = 0; i < names.length; i++) {
      text += (labelValue(labels, names[i]) ?? '') + literals[i + 1];
    }
    return WHITESPACE.test(text) ? text.replace(WHITESPACE_RUNS, ' ').trim() : text;
  };
}

/** While the template is untouched, a legend format set on the query names the tile instead. */
export function isDefaultNameTemplate(template: string): boolean {
  const trimmed = template.trim();
  return trimmed === '' || trimmed === defaultOptions.nameTemplate;
}
