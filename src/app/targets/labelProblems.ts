import { Problem } from './types';

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// job and instance are the job's; the shared relabelling writes host from the address and turns
// module into the blackbox module, and the builder picks the module for the whole page.
const RESERVED = new Set(['job', 'instance', 'host', 'module']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What Prometheus (or the probe jobs' relabelling) would make of a label, as problems. */
export function labelProblems(name: string, value: string): Problem[] {
  if (!LABEL_NAME.test(name)) {
    return [{ code: 'invalid-label-name', params: { name } }];
  }
  if (name.startsWith('__')) {
    return [{ code: 'internal-label', params: { name } }];
  }
  if (RESERVED.has(name)) {
    return [{ code: 'reserved-label', params: { name } }];
  }
  if (value === '') {
    return [{ code: 'empty-label-value', params: { name } }];
  }
  if (LONE_SURROGATE.test(value)) {
    return [{ code: 'invalid-label-value', params: { name } }];
  }
  return [];
}
