import { t as translate } from '@grafana/i18n';
import i18next from 'i18next';

type Values = Record<string, unknown>;

/**
 * Translations already made, by key and values. A tile asks for the same few phrases as its
 * neighbours ("up for >1h", "≈ 99.9% uptime"), and i18next resolves every call anew through its
 * language hierarchy: without this, words were a large part of a refresh's script at 1,000 targets
 * (`npm run bench`, the floor comparison; docs/performance.md, "Words made once"). Emptied whenever i18next's language or resources change
 * (t.test.ts), and when it grows past MAX_CACHED.
 */
const cache = new Map<string, string>();
const MAX_CACHED = 5000;
const SEPARATOR = '\u0001';

/**
 * Each message as i18next words it, by key and value names, cut where the values go: odd entries
 * are the places of the values (templateOf). Most of a tile's words hold a value of their own
 * ("down for 4m 12s"), which the cache above has not seen on a first paint; filling in the message
 * i18next made once is cheaper than asking i18next again (`npm run bench`, the floor comparison, first
 * paint; t.test.ts holds every message to i18next's own answer). Emptied with the cache.
 */
const templates = new Map<string, string[] | null>();
/** Stands for value `index` while i18next words a message: a character no message or value has. */
const MARK = '\u0000';
const MARKED_VALUE = /\u0000(\d+)\u0000/;

/**
 * i18next options that choose among the messages of a key (plural forms, context) or where to look
 * for it: calls that give one are left to i18next each time.
 */
const RESOLVING_OPTIONS = new Set([
  'count',
  'context',
  'ordinal',
  'lng',
  'lngs',
  'ns',
  'defaultValue',
  'replace',
  'returnObjects',
  'returnDetails',
  'interpolation',
  'postProcess',
  'keySeparator',
  'nsSeparator',
]);

type Listener = () => void;
interface Emitter {
  on?: (event: string, listener: Listener) => void;
}
interface I18nInstance extends Emitter {
  store?: Emitter;
}

/** Grafana's i18next instance (shared with the plugin, as @grafana/i18n finds it). */
function i18nInstance(): I18nInstance | undefined {
  const module = i18next as unknown as I18nInstance & { default?: I18nInstance };
  return module?.default ?? module;
}

let watchedStore: Emitter | undefined;

function forget(): void {
  cache.clear();
  templates.clear();
}

/**
 * Empties the cache when resources are added or removed. An i18next init replaces its store, and
 * the store may come after this module, so the store is looked at again on every miss.
 */
function watchResources(): void {
  const instance = i18nInstance();
  const store = instance?.store;
  if (store !== undefined && store !== watchedStore) {
    watchedStore = store;
    store.on?.('added', forget);
    store.on?.('removed', forget);
  }
}

// A change of language empties the cache too.
i18nInstance()?.on?.('languageChanged', forget);
i18nInstance()?.on?.('initialized', () => {
  forget();
  watchResources();
});
watchResources();

/** The cache key, or undefined when a value is not a string or number (such calls are not cached). */
function cacheKey(key: string, values: Values | undefined): string | undefined {
  let id = key;
  if (values !== undefined) {
    for (const name in values) {
      const value = values[name];
      if (typeof value !== 'string' && typeof value !== 'number') {
        return undefined;
      }
      id += SEPARATOR + name + SEPARATOR + value;
    }
  }
  return id;
}

/**
 * `make()`'s text, made once per `id` while the language and the translations stay: for words made
 * by other means than `t()` (spans of time by Intl.DurationFormat, spanText.ts).
 */
export function remembered(id: string, make: () => string): string {
  const cached = cache.get(id);
  if (cached !== undefined) {
    return cached;
  }
  watchResources();
  const text = make();
  if (cache.size >= MAX_CACHED) {
    cache.clear();
  }
  cache.set(id, text);
  return text;
}

function translated(key: string, defaultValue: string, values: Values | undefined): string {
  return translate(key, defaultValue, { ...values, interpolation: { escapeValue: false } });
}

/** A value worded by i18next (`{{total, number}}`) or a message nested in another (`$t(key)`). */
const WORDED_VALUE = /\{\{[^}]*,[^}]*\}\}|\$t\(/;

/**
 * The message of `key` for values by these names, as i18next words it with a mark in place of each
 * value, cut at the marks: [text, place, text, place, ..., text]; null for a message that words its
 * values or nests another, which is left to i18next each time.
 */
function templateOf(key: string, defaultValue: string, names: string[]): string[] | null {
  const id = key + SEPARATOR + names.join(SEPARATOR);
  let parts = templates.get(id);
  if (parts === undefined) {
    watchResources();
    const message = translate(key, defaultValue, { skipInterpolation: true });
    if (WORDED_VALUE.test(message)) {
      parts = null;
    } else {
      const marks: Values = {};
      names.forEach((name, index) => {
        marks[name] = MARK + index + MARK;
      });
      parts = translated(key, defaultValue, marks).split(MARKED_VALUE);
    }
    templates.set(id, parts);
  }
  return parts;
}

/**
 * The value names of a call that a template can answer: every value text or a number (i18next
 * writes those as they are, React escapes them), and no option that chooses the message.
 */
function templateNames(values: Values | undefined): string[] | undefined {
  const names: string[] = [];
  for (const name in values) {
    const value = values[name];
    if ((typeof value !== 'string' && typeof value !== 'number') || RESOLVING_OPTIONS.has(name)) {
      return undefined;
    }
    names.push(name);
  }
  return names;
}

/**
 * @grafana/i18n's `t()` with values left as they are: React escapes text itself, and i18next's own
 * escaping would show a URL's slashes or a label's quotes as entities ("http:&#x2F;&#x2F;").
 * tileText.test.ts guards it; t.test.ts holds it to i18next's own answers.
 */
export function t(key: string, defaultValue: string, values?: Values): string {
  const names = templateNames(values);
  if (names === undefined) {
    const id = cacheKey(key, values);
    const make = () => translated(key, defaultValue, values);
    return id === undefined ? make() : remembered(id, make);
  }
  const parts = templateOf(key, defaultValue, names);
  if (parts === null) {
    // A message that words its values ("{{n, number}}": the summary's counts, every refresh) is
    // remembered by its values instead ("remembers a message that words its values" in t.test.ts).
    const id = cacheKey(key, values) as string;
    return remembered(id, () => translated(key, defaultValue, values));
  }
  let text = parts[0];
  for (let k = 1; k < parts.length; k += 2) {
    text += String((values as Values)[names[Number(parts[k])]]) + parts[k + 1];
  }
  return text;
}
