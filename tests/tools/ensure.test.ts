// scripts/ensure.mjs: when `npm start` and `npm test` install the npm dependencies first.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensureNodeModules, nodeModulesDiffer } from '../../scripts/ensure.mjs';

const REACT = {
  version: '18.3.1',
  resolved: 'https://registry.npmjs.org/react/-/react-18.3.1.tgz',
  integrity: 'sha512-react',
};
const LOCKED = {
  '': { name: 'portwatch', version: '1.0.0' },
  'node_modules/react': REACT,
  'node_modules/@esbuild/darwin-arm64': { version: '0.28.2', optional: true, os: ['darwin'] },
};
const INSTALLED = { 'node_modules/react': REACT };

describe('installing the npm dependencies', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'ensure-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (locked: object, installed?: object) => {
    writeFileSync(join(root, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: locked }));
    if (installed) {
      mkdirSync(join(root, 'node_modules'));
      writeFileSync(join(root, 'node_modules', '.package-lock.json'), JSON.stringify({ packages: installed }));
    }
  };
  const installs = () => {
    const run = jest.fn(() => ({ status: 0 }));
    ensureNodeModules({ root, run: run as never, log: () => {} });
    return run.mock.calls.length;
  };

  it('leaves node_modules alone when it holds what the lock file says, however new the lock file is', () => {
    write(LOCKED, INSTALLED);
    // What a fresh clone or checkout does: the lock file is newer than anything installed.
    const later = new Date(Date.now() + 3600_000);
    utimesSync(join(root, 'package-lock.json'), later, later);
    expect(nodeModulesDiffer(root)).toBeNull();
    expect(installs()).toBe(0);
  });

  it.each([
    ['node_modules is missing', undefined, /missing/],
    [
      'a package has another version',
      { 'node_modules/react': { ...REACT, version: '18.3.0' } },
      /react is installed at 18\.3\.0/,
    ],
    ['a package is not installed', {}, /react is not installed/],
    ['a package is no longer locked', { ...INSTALLED, 'node_modules/left-pad': { version: '1.0.0' } }, /left-pad/],
  ])('installs when %s', (_, installed, reason) => {
    write(LOCKED, installed);
    expect(nodeModulesDiffer(root)).toMatch(reason);
    expect(installs()).toBe(1);
  });

  it('says when npm ci fails', () => {
    write(LOCKED);
    const run = () => ({ status: 1 });
    expect(() => ensureNodeModules({ root, run: run as never, log: () => {} })).toThrow(
      /npm ci failed with exit code 1/
    );
  });
});
