// The plugins' messages as the code states them: every `t('key', 'English', { ... })` call under
// src/, read with the TypeScript parser. `npm run i18n` writes src/locales/en-US from them;
// tests/tools/i18n.test.ts checks both locales against them.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import ts from 'typescript';

import { ROOT } from './ensure.mjs';

export const SRC_DIR = join(ROOT, 'src');
/**
 * Each plugin speaks under its own id (its i18next namespace) from its own folder: the app from src/
 * (its nested panel aside), the panel from src/panel/.
 */
export const PLUGINS = [
  { id: 'portwatch-app', dir: SRC_DIR, skip: ['panel'] },
  { id: 'portwatch-status-panel', dir: join(SRC_DIR, 'panel'), skip: [] },
];
export const LANGUAGES = ['en-US', 'ko-KR'];
/** i18next's plural suffixes (CLDR categories). */
export const PLURAL_SUFFIXES = ['zero', 'one', 'two', 'few', 'many', 'other'];

export function localePath(plugin, language) {
  return join(plugin.dir, 'locales', language, `${plugin.id}.json`);
}

function sourceFiles(dir, skip = []) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['test-utils', 'locales', ...skip].includes(entry.name) ? [] : sourceFiles(path);
    }
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')
      ? [path]
      : [];
  });
}

function literal(node) {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

function property(objectNode, name) {
  if (!objectNode || !ts.isObjectLiteralExpression(objectNode)) {
    return undefined;
  }
  const found = objectNode.properties.find(
    (p) => ts.isPropertyAssignment(p) && (p.name.text ?? p.name.escapedText) === name
  );
  return found ? literal(found.initializer) : undefined;
}

/**
 * Every message of the code: key, English text (or plural forms) and where it is used. A call whose
 * key or text is not a literal is reported in `problems`, since no tool could list its words.
 */
export function extractMessages(plugin) {
  const files = sourceFiles(plugin.dir, plugin.skip);
  const messages = new Map();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const where = (node) => `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const [keyNode, defaultNode, optionsNode] = node.arguments;
        const key = literal(keyNode);
        const english = literal(defaultNode);
        const one = property(optionsNode, 'defaultValue_one');
        const other = property(optionsNode, 'defaultValue_other');
        const plural = one !== undefined || other !== undefined;
        if (
          key === undefined ||
          english === undefined ||
          (plural && (one === undefined || other === undefined || english !== ''))
        ) {
          problems.push(
            `${where(node)}: t() needs a literal key and English text (plural: '' and both defaultValue_one and defaultValue_other)`
          );
        } else {
          const message = plural ? { key, plural: { one, other } } : { key, text: english };
          const known = messages.get(key);
          if (
            known &&
            JSON.stringify({ ...known, where: undefined }) !== JSON.stringify({ ...message, where: undefined })
          ) {
            problems.push(`${where(node)}: key ${key} has other words at ${known.where}`);
          } else if (!known) {
            messages.set(key, { ...message, where: where(node) });
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { messages, problems };
}

/** A flat `{ 'a.b': text, 'a.c_one': text }` as i18next's nested JSON, keys sorted. */
export function nest(flat) {
  const root = {};
  for (const key of Object.keys(flat).sort()) {
    const parts = key.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part];
    }
    node[parts[parts.length - 1]] = flat[key];
  }
  return root;
}

/** i18next's nested JSON as `{ 'a.b': text }`. */
export function flatten(nested, prefix = '') {
  return Object.entries(nested).reduce((flat, [name, value]) => {
    const key = prefix ? `${prefix}.${name}` : name;
    return typeof value === 'object' && value !== null
      ? { ...flat, ...flatten(value, key) }
      : { ...flat, [key]: value };
  }, {});
}

/** The English locale file as the code states it. */
export function englishResources(messages) {
  const flat = {};
  for (const message of messages.values()) {
    if (message.plural) {
      flat[`${message.key}_one`] = message.plural.one;
      flat[`${message.key}_other`] = message.plural.other;
    } else {
      flat[message.key] = message.text;
    }
  }
  return nest(flat);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const plugin of PLUGINS) {
    const { messages, problems } = extractMessages(plugin);
    if (problems.length > 0) {
      process.stderr.write(`${problems.join('\n')}\n`);
      process.exit(1);
    }
    const path = localePath(plugin, 'en-US');
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify(englishResources(messages), null, 2)}\n`);
    process.stdout.write(`${messages.size} messages written to ${relative(ROOT, path)}\n`);
  }
}
