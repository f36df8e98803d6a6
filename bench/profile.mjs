/**
 * Reads a CDP CPU profile (Profiler.stop) into self time per function. Frames of the plugin's minified
 * module.js are mapped back to src/ through dist/module.js.map, so the table names the panel's own
 * functions and files; everything else is named by its function and script.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUES = new Map([...BASE64].map((char, index) => [char, index]));

function decodeVlq(segment) {
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64_VALUES.get(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Generated line -> sorted segments [column, source, line, column, name]. */
function parseSourceMap(map) {
  const lines = [];
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  for (const text of map.mappings.split(';')) {
    const segments = [];
    let generatedColumn = 0;
    for (const part of text.split(',')) {
      if (!part) {
        continue;
      }
      const v = decodeVlq(part);
      generatedColumn += v[0];
      if (v.length >= 4) {
        source += v[1];
        line += v[2];
        column += v[3];
        if (v.length >= 5) {
          name += v[4];
        }
        segments.push([generatedColumn, source, line, column, v.length >= 5 ? name : -1]);
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** A mapped function starts right after its name; farther away, the code has no source (a bundler helper). */
const MAX_NAME_DISTANCE = 8;

function sourceMapFor(distDir) {
  const file = join(distDir, 'module.js.map');
  if (!existsSync(file) || !existsSync(join(distDir, 'module.js'))) {
    return undefined;
  }
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const code = readFileSync(join(distDir, 'module.js'), 'utf8').split('\n');
  const lines = parseSourceMap(map);
  return (line, column) => {
    let found;
    for (const segment of lines[line] ?? []) {
      if (segment[0] > column) {
        break;
      }
      found = segment;
    }
    if (!found || column - found[0] > MAX_NAME_DISTANCE) {
      const snippet = (code[line] ?? '').slice(column, column + 48);
      return { source: 'module.js (bundler helper)', name: `\`${snippet}…\``, helper: true };
    }
    const source = map.sources[found[1]].replace(/^webpack:\/\/[^/]*\/?/, '').replace(/^\.\//, '');
    return { source, line: found[2] + 1, name: found[4] >= 0 ? map.names[found[4]] : undefined };
  };
}

function scriptName(url) {
  if (!url) {
    return '';
  }
  const path = new URL(url).pathname;
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * Self time per function, heaviest first, and a markdown table of the first `top`.
 * `distDir` holds module.js.map for the plugin's frames.
 */
export function summarizeProfile(profile, distDir, top = 25) {
  const mapPosition = sourceMapFor(distDir);
  const selfUs = new Map();
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const totals = new Map();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const { callFrame } = byId.get(id);
    totalUs += us;
    if (callFrame.functionName === '(idle)') {
      continue;
    }
    const script = scriptName(callFrame.url);
    let name = callFrame.functionName || '(anonymous)';
    let where = script;
    let file = script;
    if (script === 'module.js' && mapPosition) {
      const original = mapPosition(callFrame.lineNumber, callFrame.columnNumber);
      file = original.source;
      where = original.helper ? original.source : `${original.source}:${original.line}`;
      name = original.name ?? name;
    }
    const key = `${name}\u0000${where}`;
    const entry = totals.get(key) ?? { function: name, where, file, selfMs: 0, plugin: script === 'module.js' };
    entry.selfMs += us / 1000;
    totals.set(key, entry);
  }
  const functions = [...totals.values()].sort((a, b) => b.selfMs - a.selfMs);
  const pluginMs = functions.filter((f) => f.plugin).reduce((sum, f) => sum + f.selfMs, 0);
  const byFile = new Map();
  for (const entry of functions.filter((f) => f.plugin)) {
    byFile.set(entry.file, (byFile.get(entry.file) ?? 0) + entry.selfMs);
  }
  const files = [...byFile].sort((a, b) => b[1] - a[1]);
  const lines = ['| self ms | function | where |', '| ---: | --- | --- |'];
  for (const entry of functions.slice(0, top)) {
    lines.push(`| ${entry.selfMs.toFixed(1)} | ${entry.function} | ${entry.where} |`);
  }
  lines.push('', '| self ms in the plugin | source file |', '| ---: | --- |');
  for (const [file, ms] of files) {
    lines.push(`| ${ms.toFixed(1)} | ${file} |`);
  }
  lines.push('');
  lines.push(
    `Profiled ${(totalUs / 1000).toFixed(0)} ms; self time in the plugin's module.js ${pluginMs.toFixed(0)} ms, ` +
      'the rest in React, @grafana/*, the harness, layout and paint.'
  );
  return {
    totalMs: totalUs / 1000,
    pluginMs,
    pluginByFile: Object.fromEntries(files),
    functions: functions.slice(0, 100),
    markdown: lines.join('\n'),
  };
}

/** Trace event names and what they are, for the main-thread breakdown of one render. */
const TRACE_CATEGORIES = new Map([
  ['FunctionCall', 'script'],
  ['EvaluateScript', 'script'],
  ['TimerFire', 'script'],
  ['FireAnimationFrame', 'script'],
  ['RunMicrotasks', 'script'],
  ['EventDispatch', 'script'],
  ['v8.callFunction', 'script'],
  ['V8.Execute', 'script'],
  ['UpdateLayoutTree', 'style'],
  ['Layout', 'layout'],
  ['PrePaint', 'paint'],
  ['Paint', 'paint'],
  ['Layerize', 'paint'],
  ['UpdateLayer', 'paint'],
  ['Commit', 'paint'],
  ['Canvas2DResourceProvider::ProduceCanvasResource', 'canvas'],
  ['ParseHTML', 'html parsing (SVG icons)'],
  ['MinorGC', 'garbage collection'],
  ['MajorGC', 'garbage collection'],
  ['V8.GC_SCAVENGER', 'garbage collection'],
  ['V8.GC_MARK_COMPACTOR', 'garbage collection'],
]);

/**
 * Main-thread time of the renderer by kind of work, from Chrome trace events ("devtools.timeline"):
 * each slice of time goes to the innermost event of a known kind around it, the rest of a task to "other".
 */
export function summarizeTrace(events) {
  const names = new Map();
  for (const event of events) {
    if (event.name === 'thread_name') {
      names.set(`${event.pid}:${event.tid}`, event.args?.name);
    }
  }
  const byThread = new Map();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || names.get(thread) !== 'CrRendererMain' || typeof event.dur !== 'number') {
      continue;
    }
    (byThread.get(thread) ?? byThread.set(thread, []).get(thread)).push(event);
  }
  const totals = {};
  let elementsRestyled = 0;
  for (const list of byThread.values()) {
    list.sort((a, b) => a.ts - b.ts || b.dur - a.dur);
    const stack = [];
    const close = (upTo) => {
      while (stack.length > 0 && stack[stack.length - 1].end <= upTo) {
        const done = stack.pop();
        totals[done.kind] = (totals[done.kind] ?? 0) + Math.max(0, done.dur - done.children) / 1000;
      }
    };
    for (const event of list) {
      close(event.ts);
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.children += event.dur;
      }
      const own = TRACE_CATEGORIES.get(event.name);
      const kind = own ?? (parent ? parent.kind : event.name === 'RunTask' ? 'other' : undefined);
      if (event.name === 'UpdateLayoutTree') {
        elementsRestyled += event.args?.elementCount ?? 0;
      }
      if (kind === undefined) {
        continue;
      }
      stack.push({ kind, end: event.ts + event.dur, dur: event.dur, children: 0 });
    }
    close(Infinity);
  }
  const rows = Object.entries(totals).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, ms]) => sum + ms, 0);
  const markdown = [
    '| main thread | ms |',
    '| --- | ---: |',
    ...rows.map(([kind, ms]) => `| ${kind} | ${ms.toFixed(1)} |`),
    `| total | ${total.toFixed(1)} |`,
  ].join('\n');
  return { byKind: Object.fromEntries(rows), totalMs: total, elementsRestyled, markdown };
}
