import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { zip } from '../../scripts/package.mjs';

/**
 * Python's zipfile is an independent reader: if it accepts the archive, Grafana's installer will.
 * Every entry is checked (testzip); the text of `read` entries (all of them by default) comes back.
 */
function readWithPython(
  archive: string,
  read?: string[]
): { names: string[]; contents: Record<string, string>; bad: string | null; dates: number[][] } {
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'read = json.loads(sys.argv[2]) if len(sys.argv) > 2 else z.namelist()',
    'print(json.dumps({"bad": z.testzip(), "names": z.namelist(), "dates": [list(i.date_time) for i in z.infolist()], "contents": {n: z.read(n).decode("utf8", "replace") for n in read}}))',
  ].join('\n');
  const args = read === undefined ? [archive] : [archive, JSON.stringify(read)];
  return JSON.parse(
    execFileSync('python3', ['-c', script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  );
}

describe('zip', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'portwatch-zip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['one small file', [{ name: 'p/plugin.json', text: '{"id":"p"}' }]],
    [
      'nested folders and an empty file',
      [
        { name: 'p/img/logo.svg', text: '<svg/>' },
        { name: 'p/empty.txt', text: '' },
      ],
    ],
    ['text that compresses well', [{ name: 'p/module.js', text: 'define([],function(){});\n'.repeat(5000) }]],
    ['non-ASCII names and text', [{ name: 'p/läsmig.md', text: 'Portstatus – grün' }]],
  ])('writes an archive another reader accepts: %s', (_, files) => {
    const archive = join(dir, 'out.zip');
    writeFileSync(archive, zip(files.map((f) => ({ name: f.name, data: Buffer.from(f.text, 'utf8') }))));
    const read = readWithPython(archive);
    expect(read.bad).toBeNull();
    expect(read.names).toEqual(files.map((f) => f.name));
    for (const f of files) {
      expect(read.contents[f.name]).toBe(f.text);
    }
    // A fixed date that is a valid one, so that unzip and file managers show a real date.
    expect(new Set(read.dates.map((date) => date.join('-')))).toEqual(new Set(['1980-1-1-0-0-0']));
  });
});

/** The logos and screenshots a plugin.json names that its archive lacks, as archive paths. */
function missingImages(
  json: { info: { logos: Record<string, string>; screenshots?: Array<{ path: string }> } },
  folder: string,
  names: string[]
): string[] {
  const paths = [...Object.values(json.info.logos), ...(json.info.screenshots ?? []).map((shot) => shot.path)];
  return paths.map((path) => `${folder}/${path}`).filter((name) => !names.includes(name));
}

describe('npm run package', () => {
  const root = join(__dirname, '..', '..');

  const archives = (): string[] => {
    const out = execFileSync(process.execPath, ['scripts/package.mjs'], { cwd: root, encoding: 'utf8' });
    return [...out.matchAll(/Wrote (\S+\.zip)/g)].map((m) => m[1]);
  };

  it('writes the app with the panel inside, and the panel alone, each in a folder named after its id', () => {
    const [app, panel] = archives();
    expect(app).toMatch(/^portwatch-app-\d+\.\d+\.\d+\.zip$/);
    expect(panel).toMatch(/^portwatch-status-panel-\d+\.\d+\.\d+\.zip$/);

    // Only plugin.json files are read back: the images and the source maps would be megabytes of escaped bytes.
    const appRead = readWithPython(join(root, app), ['portwatch-app/plugin.json', 'portwatch-app/panel/plugin.json']);
    expect(appRead.bad).toBeNull();
    expect(appRead.names).toEqual(
      expect.arrayContaining([
        'portwatch-app/module.js',
        'portwatch-app/README.md',
        'portwatch-app/dashboards/port-status.json',
        'portwatch-app/dashboards/port-detail.json',
        'portwatch-app/locales/ko-KR/portwatch-app.json',
        'portwatch-app/panel/module.js',
        'portwatch-app/panel/locales/ko-KR/portwatch-status-panel.json',
      ])
    );
    expect(appRead.names.every((name) => name.startsWith('portwatch-app/'))).toBe(true);
    const appJson = JSON.parse(appRead.contents['portwatch-app/plugin.json']);
    expect(appJson).toMatchObject({ id: 'portwatch-app', type: 'app' });
    expect(appJson.info.version).not.toContain('%');
    const nested = JSON.parse(appRead.contents['portwatch-app/panel/plugin.json']);
    expect(nested).toMatchObject({ id: 'portwatch-status-panel', type: 'panel' });
    // plugin-validator's includesnested: every nested plugin.json is an include of its type and path.
    const nestedPaths = appRead.names
      .filter((name) => /^portwatch-app\/.+\/plugin\.json$/.test(name))
      .map((name) => name.slice('portwatch-app/'.length));
    expect(nestedPaths).toEqual(['panel/plugin.json']);
    expect(appJson.includes).toContainEqual(expect.objectContaining({ type: 'panel', path: 'panel/plugin.json' }));
    expect(nested.info.version).toBe(appJson.info.version);
    // plugin-validator's logos and screenshots: every image a plugin.json names is in its archive.
    expect(missingImages(appJson, 'portwatch-app', appRead.names)).toEqual([]);
    expect(missingImages(nested, 'portwatch-app/panel', appRead.names)).toEqual([]);
    expect(appJson.info.screenshots.length).toBeGreaterThanOrEqual(3);

    const panelRead = readWithPython(join(root, panel), ['portwatch-status-panel/plugin.json']);
    expect(panelRead.bad).toBeNull();
    expect(panelRead.names).toEqual(
      expect.arrayContaining([
        'portwatch-status-panel/module.js',
        'portwatch-status-panel/plugin.json',
        'portwatch-status-panel/README.md',
        'portwatch-status-panel/LICENSE',
        'portwatch-status-panel/img/logo.svg',
        'portwatch-status-panel/locales/ko-KR/portwatch-status-panel.json',
      ])
    );
    expect(panelRead.names.every((name) => name.startsWith('portwatch-status-panel/'))).toBe(true);
    // Nothing of the app rides along with the panel alone.
    expect(panelRead.names.some((name) => /dashboards\/|portwatch-app/.test(name))).toBe(false);
    const panelJson = JSON.parse(panelRead.contents['portwatch-status-panel/plugin.json']);
    expect(panelJson).toMatchObject({ id: 'portwatch-status-panel', type: 'panel' });
    expect(panelJson.info.version).not.toContain('%');
    expect(missingImages(panelJson, 'portwatch-status-panel', panelRead.names)).toEqual([]);
  });

  // plugin-validator's jsMap: each module.js.map's sources, without `webpack://<the archive's plugin
  // id>/`, are files under src/ with the same text (node_modules, externals and webpack's own left out).
  it.each([
    ['portwatch-app', ['module.js.map', 'panel/module.js.map']],
    ['portwatch-status-panel', ['module.js.map']],
  ])('writes source maps that name their own plugin: %s', (id, maps) => {
    const archive = archives().find((name) => name.startsWith(`${id}-`)) ?? '';
    const read = readWithPython(
      join(root, archive),
      maps.map((map) => `${id}/${map}`)
    );
    for (const map of maps) {
      const { sources, sourcesContent } = JSON.parse(read.contents[`${id}/${map}`]);
      const prefix = `webpack://${id}/`;
      expect(sources.filter((source: string) => !source.startsWith(prefix))).toEqual([]);
      const own = sources
        .map((source: string, i: number) => ({ path: source.slice(prefix.length), text: sourcesContent[i] }))
        .filter(({ path }: { path: string }) => !/^(\.\.\/|\.\/)?node_modules\/|^external |^webpack\//.test(path));
      expect(own.length).toBeGreaterThan(10);
      const differing = own
        .filter(({ path, text }: { path: string; text: string }) => {
          const file = join(root, 'src', path);
          return !existsSync(file) || readFileSync(file, 'utf8') !== text;
        })
        .map(({ path }: { path: string }) => path);
      expect(differing).toEqual([]);
    }
  });
});
