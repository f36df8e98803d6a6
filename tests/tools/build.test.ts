import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SourceMapConsumer } from 'source-map-js';
import ts from 'typescript';

const MODULE = join(__dirname, '..', '..', 'dist', 'panel', 'module.js');
const MAP = `${MODULE}.map`;

/**
 * Calls of a `function` expression in place, `function (a) {...}(b)`: how Terser inlines a function
 * called from one place (`reduce_funcs`), which makes a new closure at every call of its caller.
 */
function inlinedFunctions(source: string, isOwnCode: (line: number, column: number) => boolean = () => true): string[] {
  const file = ts.createSourceFile('module.js', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isFunctionExpression(skipParens(node.expression))) {
      const start = skipParens(node.expression).getStart(file);
      const { line, character } = file.getLineAndCharacterOfPosition(start);
      if (isOwnCode(line + 1, character)) {
        found.push(source.slice(node.getStart(file), node.getStart(file) + 80));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function skipParens(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? skipParens(node.expression) : node;
}

describe('the production build', () => {
  it('finds functions called in place, as a check of itself', () => {
    expect(
      inlinedFunctions('const a = function (x) { return x + 1; }(2); const b = (function () { return 3; })();')
    ).toHaveLength(2);
    expect(inlinedFunctions('function f(x) { return x + 1; } const a = f(2); const c = (() => 4)();')).toEqual([]);
  });

  // Chromium ran such paths (sorting the tiles, building the model) several times slower after each
  // major garbage collection; see webpack.config.ts.
  // Bundled libraries (micro-memoize, react-i18next's parser) ship functions called in place of their
  // own; only the panel's code is held to it, found through the source map.
  it('calls no function expression in place in its own code (Terser reduce_funcs is off)', () => {
    expect(existsSync(MODULE)).toBe(true);
    const map = new SourceMapConsumer(JSON.parse(readFileSync(MAP, 'utf8')));
    const isOwnCode = (line: number, column: number): boolean => {
      const { source } = map.originalPositionFor({ line, column });
      return source !== null && !source.includes('node_modules/');
    };
    expect(inlinedFunctions(readFileSync(MODULE, 'utf8'), isOwnCode)).toEqual([]);
  });
});
