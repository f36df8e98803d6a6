import { labelProblems } from './labelProblems';
import { parseAddress } from './parseAddress';
import { Labels, LineResult, ModuleName, ParseResult, Problem, TargetSpec } from './types';

interface Word {
  /** The text with quotes removed and escapes resolved. */
  text: string;
  /** Index in text of the first `=` outside quotes, -1 when none. */
  equals: number;
}

type Words = { words: Word[]; problem?: undefined } | { words?: undefined; problem: Problem };

const URL_START = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//;

const isSpace = (c: string): boolean => c === ' ' || c === '\t';

/**
 * Splits a line into the address and its label words. Words are separated by spaces, tabs or commas;
 * quotes ("..." with \" and \\, or '...') keep them inside a word. An unquoted URL ends at a space
 * only, because commas are legal in paths and queries; a comma right after it is a separator still.
 * Quotes inside an unquoted address are the address's own, as a browser or curl takes them.
 * A `#` at the start of a word begins a comment, so `http://x/#top` keeps its fragment.
 */
function splitWords(line: string): Words {
  const words: Word[] = [];
  let i = 0;
  while (i < line.length) {
    while (i < line.length && (isSpace(line[i]) || line[i] === ',')) {
      i++;
    }
    if (i >= line.length || line[i] === '#') {
      break;
    }
    const isUrl = words.length === 0 && URL_START.test(line.slice(i));
    const commaEnds = !isUrl;
    // An unquoted address is taken as typed: quotes inside it are its own (`?query=up{job="x"}`,
    // with or without the scheme http_2xx adds). Only a quote that opens the word quotes it.
    const literal = words.length === 0 && line[i] !== '"' && line[i] !== "'";
    let text = '';
    let equals = -1;
    while (i < line.length && !isSpace(line[i]) && !(commaEnds && line[i] === ',')) {
      const c = line[i];
      if ((c === '"' || c === "'") && !literal) {
        const close = readQuoted(line, i);
        if (close === undefined) {
          return { problem: { code: 'unterminated-quote' } };
        }
        text += close.text;
        i = close.end;
        continue;
      }
      if (c === '=' && equals === -1) {
        equals = text.length;
      }
      text += c;
      i++;
    }
    if (!commaEnds) {
      text = text.replace(/,+$/, '');
    }
    words.push({ text, equals });
  }
  return { words };
}

function readQuoted(line: string, start: number): { text: string; end: number } | undefined {
  const quote = line[start];
  let text = '';
  for (let i = start + 1; i < line.length; i++) {
    const c = line[i];
    if (c === quote) {
      return { text, end: i + 1 };
    }
    if (quote === '"' && c === '\\' && i + 1 < line.length) {
      i++;
      text += line[i];
    } else {
      text += c;
    }
  }
  return undefined;
}

function parseLabels(words: readonly Word[], problems: Problem[]): Record<string, string> {
  const labels: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { text, equals } of words) {
    if (equals === -1) {
      problems.push({ code: 'not-a-label', params: { text } });
      continue;
    }
    const name = text.slice(0, equals);
    const value = text.slice(equals + 1);
    if (seen.has(name)) {
      problems.push({ code: 'duplicate-label', params: { name } });
      continue;
    }
    seen.add(name);
    const found = labelProblems(name, value);
    problems.push(...found);
    if (found.length === 0) {
      // Plain assignment is safe: reserved names, __proto__ among them, never get here.
      labels[name] = value;
    }
  }
  return labels;
}

function makeTarget(line: number, address: string, host: string, module: ModuleName, labels: Labels): TargetSpec {
  // The one place the brand is given: every check has passed.
  return { line, address, module, labels, host } as TargetSpec;
}

/**
 * Reads the target builder's text: one target per line, an address followed by optional name=value
 * labels; blank lines and lines starting with # are skipped, and so is the BOM an editor may leave.
 * A line's labels override the defaults of the same name. Every problem of a line is reported, not
 * only the first, so that one edit can fix them all.
 */
export function parseTargets(text: string, module: ModuleName, defaults: { labels?: Labels } = {}): ParseResult {
  const defaultProblems: Problem[] = [];
  // Only valid defaults reach a line's target, so that no TargetSpec ever holds a bad label.
  const validDefaults: Record<string, string> = {};
  for (const [name, value] of Object.entries(defaults.labels ?? {})) {
    const found = labelProblems(name, value);
    defaultProblems.push(...found);
    if (found.length === 0) {
      validDefaults[name] = value;
    }
  }
  const lines: LineResult[] = [];
  const targets: TargetSpec[] = [];
  const firstLineOf = new Map<string, number>();

  text
    .replace(/^\ufeff/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      const split = splitWords(raw);
      if (split.problem) {
        lines.push({ line, problems: [split.problem] });
        return;
      }
      if (split.words.length === 0) {
        return;
      }
      const problems: Problem[] = [];
      const [first, ...rest] = split.words;
      const parsed = parseAddress(first.text, module);
      if ('problems' in parsed) {
        problems.push(...parsed.problems);
      } else {
        // Only a line that makes a target counts as the earlier one: a rejected line writes nothing.
        const earlier = firstLineOf.get(parsed.key);
        if (earlier !== undefined) {
          problems.push({ code: 'duplicate-target', params: { line: earlier } });
        }
      }
      const labels = parseLabels(rest, problems);
      if (problems.length > 0 || 'problems' in parsed) {
        lines.push({ line, problems });
        return;
      }
      firstLineOf.set(parsed.key, line);
      const target = makeTarget(line, parsed.address, parsed.host, module, { ...validDefaults, ...labels });
      lines.push({ line, target, problems: [] });
      targets.push(target);
    });

  return { lines, targets: defaultProblems.length > 0 ? [] : targets, defaultProblems };
}
