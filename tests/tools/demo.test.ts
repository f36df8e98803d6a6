// scripts/demo.mjs (`npm start`): its arguments, checked before anything is built or started; its
// banner; and its end when whatever started it goes away. The demo itself runs in tests/e2e.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { banner, checkDemoSettings, demoSettings } from '../../scripts/demo.mjs';
import { isPortFree, parseDuration } from '../../stack/stack.mjs';

const ROOT = join(__dirname, '..', '..');

describe("`npm run stack`'s command line", () => {
  it.each([
    [['--generated', 'abc'], '--generated must be a whole number from 0 to 20000, not "abc"'],
    [['--generated=-5'], '--generated must be a whole number from 0 to 20000, not "-5"'],
    [['--generated', '99999999'], '--generated must be a whole number from 0 to 20000, not "99999999"'],
    // The backend's port is `prometheus`, whichever backend runs.
    [['--port', 'victoriaMetrics=45931'], '--port takes NAME=PORT with NAME one of prometheus, blackbox'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j before starting anything, with the usage, exit 2', (args, message) => {
    const result = spawnSync(process.execPath, ['scripts/stack.mjs', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain('Usage: npm run stack');
    expect(result.stdout).not.toContain('[stack]');
  });
});

describe("the demo's command line", () => {
  it.each([
    [['--port', 'abc'], '--port must be a port number from 1 to 65535, not "abc"'],
    [['--port', '99999'], '--port must be a port number from 1 to 65535, not "99999"'],
    [['--port', '0'], '--port must be a port number'],
    [['--grafana', '14'], '--grafana must be 12 or 13, not "14"'],
    [['--language', 'xx-XX'], '--language must be one of en-US, ko-KR, not "xx-XX"'],
    [['--backend', 'influx'], '--backend must be prometheus or victoria-metrics'],
    [['--generated', 'abc'], '--generated must be a whole number from 0 to 20000, not "abc"'],
    [['--generated=-1'], '--generated must be a whole number'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j', (args, message) => {
    expect(() => demoSettings(args)).toThrow(message);
  });

  it('takes what the usage names', () => {
    expect(demoSettings([])).toMatchObject({ port: undefined, grafana: '12', language: 'en-US', generated: 0 });
    expect(
      demoSettings(['--port', '3001', '--grafana', '13', '--language', 'ko-KR', '--generated', '2000'])
    ).toMatchObject({ port: 3001, grafana: '13', language: 'ko-KR', generated: 2000 });
  });

  it('refuses a zero interval and a port in use, before the build', async () => {
    const stack = { parseDuration, isPortFree };
    await expect(checkDemoSettings({ interval: '0s' }, stack)).rejects.toThrow(
      '--interval must be a duration from 1s to 5m like 5s or 1m, not "0s"'
    );
    await expect(checkDemoSettings({ interval: '2s' }, stack)).resolves.toBeUndefined();
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as net.AddressInfo;
    try {
      await expect(checkDemoSettings({ interval: '5s', port }, stack)).rejects.toThrow(
        `port ${port} is in use; choose another --port or leave it out`
      );
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('says what is wrong with the usage and exits 2, at once', () => {
    const started = Date.now();
    const result = spawnSync(process.execPath, ['scripts/demo.mjs', '--port', 'abc'], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^--port must be a port number from 1 to 65535, not "abc"\n\nUsage: npm start/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("the demo's banner", () => {
  it('starts every address in the same column', () => {
    const stack = {
      backend: 'prometheus',
      promUrl: 'http://127.0.0.1:9090',
      blackboxUrl: 'http://127.0.0.1:9115',
      alertmanagerUrl: 'http://127.0.0.1:9093/x',
      httpUrl: 'http://127.0.0.1:5000',
      targetsUrl: 'http://127.0.0.1:5001',
      ports: { tcp: 8080 },
      notes: {},
    };
    const preview = {
      url: 'http://127.0.0.1:3000',
      appUrl: 'http://127.0.0.1:3000/a/x',
      buildInfo: { grafana: '12.0.2' },
    };
    const lines = banner(stack, preview)
      .split('\n')
      .filter((line: string) => /^ {2}\S.* {2}http:\/\//.test(line));
    expect(lines).toHaveLength(7);
    expect(new Set(lines.map((line: string) => line.indexOf('http://')))).toEqual(new Set([21]));
    // The app's configuration page, where Grafana has it, beside the app's own pages.
    expect(lines).toContain('  app configuration  http://127.0.0.1:3000/plugins/x   <- its data source');
  });
});

describe('the demo and the process that started it', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'demo-parent-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stops with its parent, whatever ended the parent', async () => {
    const marker = join(dir, 'gone');
    // The child watches its parent as the demo does; the parent, like npm's shell killed by SIGTERM,
    // goes away without telling it.
    const child = `
      import { writeFileSync } from 'node:fs';
      import { whenParentGoes } from ${JSON.stringify(join(ROOT, 'stack', 'procs.mjs'))};
      whenParentGoes(() => { writeFileSync(${JSON.stringify(marker)}, 'gone'); process.exit(0); }, 50);
      setTimeout(() => process.exit(1), 10000);
    `;
    const parent = `
      const { spawn } = require('node:child_process');
      spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(child)}], { stdio: 'ignore' }).unref();
      setTimeout(() => process.exit(0), 500);
    `;
    const started = spawn(process.execPath, ['-e', parent], { stdio: 'ignore' });
    await new Promise((resolve) => started.on('exit', resolve));
    const deadline = Date.now() + 5000;
    while (!existsSync(marker) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(existsSync(marker)).toBe(true);
  });
});
