import { t as translate } from '@grafana/i18n';
import i18next from 'i18next';

type Values = Record<string, unknown>;

/**
 * Translations already made, by key and values. A tile asks for the same few phrases as its
 * neighbours ("up for >1h", "≈ 99.9% uptime"), and i18next resolves every call anew through its
 * language hierarchy: without this, words took about a third of a refresh's script at 1,000 targets
 * (`npm run bench`, the floor comparison). Emptied whenever i18next's language or resources change
 * (t.test.ts), and when it grows past MAX_CACHED.
 */
const cache = new Map<string, string>();
const MAX_CACHED = 5000;
const SEPARATOR = '\u0001';

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

/**
 * @grafana/i18n's `t()` with values left as they are: React escapes text itself, and i18next's own
 * escaping would show a URL's slashes or a label's quotes as entities ("http:&#x2F;&#x2F;").
 * tileText.test.ts guards it.
 */
export function t(key: string, defaultValue: string, values?: Values): string {
  const id = cacheKey(key, values);
  const make = () => translate(key, defaultValue, { ...values, interpolation: { escapeValue: false } });
  return id === undefined ? make() : remembered(id, make);
}
