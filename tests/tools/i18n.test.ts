import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

import {
  englishResources,
  extractMessages,
  flatten,
  LANGUAGES,
  localePath,
  PLUGINS,
  PLURAL_SUFFIXES,
} from '../../scripts/i18n.mjs';

const ROOT = join(__dirname, '..', '..');

type Message = { key: string; text?: string; plural?: { one: string; other: string }; where: string };
type Plugin = { id: string; dir: string; skip: string[] };

/** A message's values, each with the format i18next words it in ("count, number"): a translation must word them alike. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,\s*(\w+)\s*)?\}\}/g)]
    .map((m) => (m[2] === undefined ? m[1] : `${m[1]}, ${m[2]}`))
    .sort();
}

/** The keys a language needs for a message: one per plural category of the language (CLDR), or the key. */
function neededKeys(language: string, message: Message): string[] {
  if (!message.plural) {
    return [message.key];
  }
  const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
  return categories.map((category) => `${message.key}_${category}`);
}

function baseKey(key: string): string {
  const suffix = PLURAL_SUFFIXES.find((s: string) => key.endsWith(`_${s}`));
  return suffix ? key.slice(0, -suffix.length - 1) : key;
}

describe.each(PLUGINS as Plugin[])('translations of $id', (plugin) => {
  const { messages, problems } = extractMessages(plugin) as { messages: Map<string, Message>; problems: string[] };
  const readLocale = (language: string): Record<string, string> =>
    flatten(JSON.parse(readFileSync(localePath(plugin, language), 'utf8')));

  it('finds every message of the code, each with a literal key and its English words', () => {
    expect(problems).toEqual([]);
    expect(messages.size).toBeGreaterThan(plugin.id === 'portwatch-status-panel' ? 150 : 20);
  });

  it('keeps locales/en-US as the code states it (npm run i18n writes it)', () => {
    expect(JSON.parse(readFileSync(localePath(plugin, 'en-US'), 'utf8'))).toEqual(englishResources(messages));
  });

  it('ships exactly the languages plugin.json names, each in its own folder', () => {
    const pluginJson = JSON.parse(readFileSync(join(plugin.dir, 'plugin.json'), 'utf8'));
    expect(pluginJson.id).toBe(plugin.id);
    expect([...pluginJson.languages].sort()).toEqual([...LANGUAGES].sort());
    expect(readdirSync(join(plugin.dir, 'locales')).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect(readdirSync(join(plugin.dir, 'locales', language))).toEqual([`${plugin.id}.json`]);
    }
  });

  it.each(LANGUAGES)('%s has every key the code uses, in each of its plural forms', (language) => {
    const resources = readLocale(language);
    const missing = [...messages.values()]
      .flatMap((message) => neededKeys(language, message))
      .filter((key) => typeof resources[key] !== 'string' || resources[key].trim() === '');
    expect(missing).toEqual([]);
  });

  it.each(LANGUAGES)('%s has no key the code does not use', (language) => {
    const unused = Object.keys(readLocale(language)).filter((key) => !messages.has(baseKey(key)));
    expect(unused).toEqual([]);
  });

  it('gives both locales the same messages', () => {
    const [first, ...others] = LANGUAGES.map((language: string) =>
      [...new Set(Object.keys(readLocale(language)).map(baseKey))].sort()
    );
    for (const keys of others) {
      expect(keys).toEqual(first);
    }
  });

  it.each(LANGUAGES.filter((language: string) => language !== 'en-US'))(
    '%s uses the values its English message has, and no other',
    (language) => {
      const resources = readLocale(language);
      const wrong = Object.entries(resources).flatMap(([key, text]) => {
        const message = messages.get(baseKey(key));
        if (!message) {
          return [];
        }
        const english = message.plural ? [message.plural.one, message.plural.other] : [message.text ?? ''];
        const known = new Set([...english.flatMap(placeholders), ...(message.plural ? ['count'] : [])]);
        const needed = message.plural ? placeholders(message.plural.other) : placeholders(message.text ?? '');
        const used = placeholders(text);
        const strange = used.filter((name) => !known.has(name));
        const lost = needed.filter((name) => !used.includes(name));
        return strange.length > 0 || lost.length > 0 ? [`${key}: unknown ${strange} missing ${lost}`] : [];
      });
      expect(wrong).toEqual([]);
    }
  );
});

describe('untranslated words', () => {
  const RULE = '@grafana/i18n/no-untranslated-strings';

  /** The repository's ESLint (its config names the i18n rules for src/), in a process of its own. */
  function lint(
    args: string[],
    input?: string
  ): Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number; message: string }> }> {
    // A report file rather than stdout, where a deprecated plugin of the config prints a notice.
    const dir = mkdtempSync(join(tmpdir(), 'portwatch-eslint-'));
    const report = join(dir, 'report.json');
    try {
      const run = spawnSync(
        process.execPath,
        [
          join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js'),
          '--format',
          'json',
          '--output-file',
          report,
          ...args,
        ],
        { cwd: ROOT, input, encoding: 'utf8' }
      );
      if (run.status !== 0 && run.status !== 1) {
        throw new Error(`eslint failed: ${run.stderr}`);
      }
      return JSON.parse(readFileSync(report, 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('finds no user-facing string outside t() in the app, the panel, its options or its suggestions', () => {
    const results = lint(['src']);
    const found = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId?.startsWith('@grafana/i18n/'))
        .map((message) => `${result.filePath}:${message.line} ${message.message}`)
    );
    expect(results.length).toBeGreaterThan(20);
    expect(found).toEqual([]);
  });

  it('would find one: a component with a literal sentence fails the check', () => {
    const [result] = lint(['--no-ignore', 'tests/tools/fixtures/UntranslatedNote.tsx']);
    expect(result.messages.filter((message) => message.ruleId === RULE).map((message) => message.line)).toEqual([5, 5]);
  });
});
