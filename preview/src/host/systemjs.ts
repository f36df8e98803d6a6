/**
 * SystemJS set up the way Grafana sets it up for plugins (public/app/features/plugins/loader/:
 * systemjs.ts, systemjsHooks.ts, utils.ts buildImportMap, pluginInfoCache.ts):
 * - the AMD and named-register extras;
 * - every shared dependency registered as `package:<name>` and mapped from its bare name;
 * - `import()` unwraps modules flagged `__useDefault`;
 * - JavaScript is fetched and evaluated unless the plugin's loading strategy is "script";
 * - plugin module URLs get `?_cache=<version>`.
 *
 * Import this module only after ./sharedDependencies has been evaluated (see the note there).
 */
import 'systemjs/dist/system.js';
import 'systemjs/dist/extras/amd.js';
import 'systemjs/dist/extras/named-register.js';

import { sharedDependenciesMap } from './sharedDependencies';

export const SHARED_DEPENDENCY_PREFIX = 'package';

export type LoadingStrategy = 'fetch' | 'script';

interface SystemModule {
  [key: string]: unknown;
  __useDefault?: boolean;
  default?: unknown;
}

interface SystemJSLoader {
  import(id: string, parentUrl?: string): Promise<SystemModule>;
  resolve(id: string, parentUrl?: string): string;
  set(id: string, module: object): void;
  get(id: string): SystemModule | undefined;
  addImportMap(map: { imports?: Record<string, string>; integrity?: Record<string, string> }): void;
  entries(): Iterable<[string, SystemModule]>;
  constructor: { prototype: SystemJSPrototype };
}

interface SystemJSPrototype {
  import: SystemJSLoader['import'];
  resolve: SystemJSLoader['resolve'];
  fetch: (url: string, options?: Record<string, unknown>) => Promise<Response>;
  shouldFetch: (url: string) => boolean;
}

declare global {
  interface Window {
    System: SystemJSLoader;
    __grafana_public_path__?: string;
  }
}

export const SystemJS = window.System;

interface PluginInfo {
  version: string;
  loadingStrategy: LoadingStrategy;
}

/** Plugin module path (without query) -> version and loading strategy; Grafana's pluginInfoCache. */
const pluginInfoCache = new Map<string, PluginInfo>();
const CACHE_PARAM = '_cache';
const JS_CONTENT_TYPE = /^(text|application)\/(x-)?javascript(;|$)/;
const JS_URL = /^[^#?]+\.(js)([?#].*)?$/;

function pluginBasePath(url: string): string | undefined {
  const { pathname } = new URL(url, window.location.href);
  for (const path of pluginInfoCache.keys()) {
    const base = path.slice(0, path.lastIndexOf('/') + 1);
    if (pathname.startsWith(base)) {
      return path;
    }
  }
  return undefined;
}

export function registerPluginInCache(path: string, info: PluginInfo): void {
  pluginInfoCache.set(new URL(path, window.location.href).pathname, info);
}

function resolveWithCache(url: string): string {
  const key = pluginBasePath(url);
  if (!key) {
    return url;
  }
  const resolved = new URL(url, window.location.href);
  resolved.searchParams.set(CACHE_PARAM, pluginInfoCache.get(key)!.version);
  return resolved.toString();
}

/** Registers the shared modules and returns the import map Grafana builds from them. */
function buildImportMap(modules: Record<string, object>): Record<string, string> {
  const imports: Record<string, string> = {};
  for (const [name, module] of Object.entries(modules)) {
    const id = `${SHARED_DEPENDENCY_PREFIX}:${name}`;
    SystemJS.set(id, module);
    imports[name] = id;
  }
  return imports;
}

let initialised = false;

/** Installs the import map and loader hooks. Idempotent. */
export function initSystemJS(): void {
  if (initialised) {
    return;
  }
  initialised = true;
  SystemJS.addImportMap({ imports: buildImportMap(sharedDependenciesMap) });

  const prototype = SystemJS.constructor.prototype;

  prototype.shouldFetch = function (url: string) {
    if (!JS_URL.test(url)) {
      return true;
    }
    const key = pluginBasePath(url);
    return (key ? pluginInfoCache.get(key)!.loadingStrategy : 'fetch') !== 'script';
  };

  const originalImport = prototype.import;
  prototype.import = function (this: SystemJSLoader, ...args: Parameters<SystemJSLoader['import']>) {
    return originalImport.apply(this, args).then((module) => {
      if (module && module.__useDefault) {
        return module.default as SystemModule;
      }
      return module;
    });
  };

  const originalFetch = prototype.fetch;
  prototype.fetch = async function (url: string, options?: Record<string, unknown>) {
    const response = await originalFetch(url, options);
    const contentType = response.headers.get('content-type') ?? '';
    if (!JS_CONTENT_TYPE.test(contentType)) {
      return response;
    }
    return new Response(new Blob([await response.text()], { type: 'text/javascript' }));
  };

  const originalResolve = prototype.resolve;
  prototype.resolve = function (this: SystemJSLoader, id: string, parentUrl?: string) {
    try {
      let url = originalResolve.call(this, id, parentUrl);
      if (url.startsWith(`${SHARED_DEPENDENCY_PREFIX}:`)) {
        return url;
      }
      url = url.endsWith('!') ? url.slice(0, -1) : url;
      const hasExtension = ['css', 'js', 'json', 'wasm'].some((ext) => url.endsWith(ext));
      url = hasExtension ? url : `${url}.js`;
      return url.endsWith('.js') || url.endsWith('.css') ? resolveWithCache(url) : url;
    } catch (err) {
      console.warn(`SystemJS: failed to resolve '${id}'`);
      return id;
    }
  };
}
