/** The command-line handling the benchmark scripts share: their usage from their header, and their options. */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/** The usage lines of a script's header comment (lines that start with `node bench`, `--` or `[`). */
export function usage(scriptUrl) {
  const header = readFileSync(new URL(scriptUrl), 'utf8').split('*/')[0];
  const lines = header.split('\n').map((line) => line.replace(/^ \* ?/, ''));
  return lines.filter((line) => /^\s+(node bench|--|\[)/.test(line)).join('\n');
}

/**
 * parseArgs with `--help` (the usage, exit status 0), and a wrong option answered by the usage and
 * exit status 2 instead of a stack trace.
 */
export function parseOptions(config, scriptUrl, name) {
  let parsed;
  try {
    parsed = parseArgs({
      ...config,
      options: { ...config.options, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (error) {
    console.error(`${name}: ${error.message}\n${usage(scriptUrl)}`);
    process.exit(2);
  }
  if (parsed.values.help) {
    console.log(usage(scriptUrl));
    process.exit(0);
  }
  return parsed;
}
