import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
/** Each plugin's page in Grafana and the catalog: the app's, and the nested panel's (which also ships alone). */
const PAGES = [
  { plugin: 'the app', source: join(ROOT, 'src'), built: join(ROOT, 'dist') },
  { plugin: 'the panel', source: join(ROOT, 'src', 'panel'), built: join(ROOT, 'dist', 'panel') },
];

/**
 * Link and image targets that are neither an absolute http(s) URL nor an anchor on the same page:
 * Grafana and the catalog show the README away from the repository, where such a target leads nowhere.
 */
function relativeTargets(markdown: string): string[] {
  // Code is shown as written, never followed.
  const text = markdown.replace(/^ {0,3}(```|~~~)[\s\S]*?^ {0,3}\1/gm, '').replace(/(`+)[\s\S]*?\1/g, '');
  const targets = [
    // The end of [text](target "title") and ![alt](target), nested ones included.
    ...[...text.matchAll(/\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    // [label]: target
    ...[...text.matchAll(/^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1]),
    // <img src="..."> and <a href="...">
    ...[...text.matchAll(/<(?:img|a|source)\b[^>]*?\b(?:src|href|srcset)\s*=\s*["']([^"']*)["']/gi)].map((m) => m[1]),
  ];
  return targets.filter((target) => !/^https?:\/\/[^/\s]/i.test(target) && !/^#\S/.test(target));
}

describe('relativeTargets, as a check of itself', () => {
  it.each([
    ['a relative image', '![shot](img/screenshots/dark.png)', ['img/screenshots/dark.png']],
    ['a link up the tree', 'See [the stack](../docs/stack.md).', ['../docs/stack.md']],
    ['a link with a title', '[a](docs/a.md "A")', ['docs/a.md']],
    ['a reference definition', '[stack]: docs/stack.md', ['docs/stack.md']],
    ['an HTML image', '<img alt="x" src="img/logo.svg">', ['img/logo.svg']],
    ['a root-relative link', '[home](/d/abc)', ['/d/abc']],
    ['a protocol-relative link', '[x](//example.com/a)', ['//example.com/a']],
    ['an empty target', '[x]()', ['']],
    ['a badge inside a link', '[![b](badge.svg)](https://example.com)', ['badge.svg']],
    ['a link after code', '`a` and [b](b.md)', ['b.md']],
  ])('finds %s', (_, markdown, expected) => {
    expect(relativeTargets(markdown)).toEqual(expected);
  });

  it.each([
    ['an absolute URL', '[blackbox_exporter](https://github.com/prometheus/blackbox_exporter)'],
    ['an anchor', 'See [Queries](#queries).'],
    ['a URL in code', 'for example `/d/<uid>?var-instance=${__field.labels.instance}`'],
    ['brackets that are no link', '`alertstate=~"firing|pending"` and [a note] (aside)'],
    ['a link inside code', 'run `[x](y.md)` and\n```\n![a](b.png)\n```\n'],
  ])('leaves %s alone', (_, markdown) => {
    expect(relativeTargets(markdown)).toEqual([]);
  });
});

describe.each(PAGES)('the README of $plugin', ({ source, built }) => {
  const SOURCE = join(source, 'README.md');
  const BUILT = join(built, 'README.md');

  it('holds no relative link or image', () => {
    expect(relativeTargets(readFileSync(SOURCE, 'utf8'))).toEqual([]);
  });

  // create-plugin's build copies src/README.md when it exists, else the repository's README; the
  // panel's comes with webpack.config.ts.
  it('is what the build puts in dist/, template variables filled in', () => {
    expect(existsSync(BUILT)).toBe(true);
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    const pluginJson = JSON.parse(readFileSync(join(built, 'plugin.json'), 'utf8'));
    const expected = readFileSync(SOURCE, 'utf8')
      .replace(/%VERSION%/g, version)
      .replace(/%TODAY%/g, pluginJson.info.updated)
      .replace(/%PLUGIN_ID%/g, pluginJson.id);
    expect(readFileSync(BUILT, 'utf8')).toBe(expected);
  });
});
