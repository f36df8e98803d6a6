import { defaultOptions } from '../options/defaultOptions';

import { labelValue } from './labelValue';
import { Labels } from './types';

const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * Fills `{{label}}` placeholders with label values; a missing label gives nothing, and runs of
 * whitespace collapse so that a missing label leaves no gap. The result is plain text for the UI
 * to render as text: nothing in it is interpreted.
 */
export function renderName(template: string, labels: Labels): string {
  return template
    .replace(PLACEHOLDER, (_match: string, name: string) => labelValue(labels, name) ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** While the template is untouched, a legend format set on the query names the tile instead. */
export function isDefaultNameTemplate(template: string): boolean {
  const trimmed = template.trim();
  return trimmed === '' || trimmed === defaultOptions.nameTemplate;
}
