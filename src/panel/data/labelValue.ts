import { Labels } from './types';

export const METRIC_NAME_LABEL = '__name__';

/** Reads a label without falling through to Object.prototype ("constructor", "toString"). */
export function labelValue(labels: Labels | null | undefined, name: string): string | undefined {
  if (labels == null || typeof labels !== 'object' || !Object.prototype.hasOwnProperty.call(labels, name)) {
    return undefined;
  }
  const value = labels[name];
  return typeof value === 'string' ? value : undefined;
}

/** Sets a label as an own property, so that a label called `__proto__` stays a label. */
export function setLabel(labels: Labels, name: string, value: string): void {
  if (name === '__proto__') {
    // Only this name needs defineProperty; using it for every label makes V8 keep slow objects.
    Object.defineProperty(labels, name, { value, enumerable: true, writable: true, configurable: true });
  } else {
    labels[name] = value;
  }
}
