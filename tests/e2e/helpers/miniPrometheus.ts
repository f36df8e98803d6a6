/**
 * A throwaway Prometheus for browser tests that do not need the whole stack: the system's
 * /usr/bin/prometheus on a free 127.0.0.1 port, scraping itself every second, in a temporary directory.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface MiniPrometheus {
  url: string;
  stop(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function stopProcess(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startMiniPrometheus(binary = '/usr/bin/prometheus'): Promise<MiniPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'portwatch-mini-prom-'));
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  writeFileSync(
    join(dir, 'prometheus.yml'),
    ['global:', '  scrape_interval: 1s', 'scrape_configs:', '  - job_name: prometheus', '    static_configs:', `      - targets: ['${address}']`, ''].join('\n')
  );
  const child = spawn(
    binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=${address}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  );
  let log = '';
  child.stderr?.on('data', (chunk) => (log += String(chunk)));
  const url = `http://${address}`;
  const stop = async () => {
    await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited early:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/v1/query?query=up`, { signal: AbortSignal.timeout(1000) });
      const body = (await response.json()) as { data?: { result?: unknown[] } };
      if ((body.data?.result?.length ?? 0) > 0) {
        return { url, stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  await stop();
  throw new Error(`prometheus did not scrape itself within 30 s:\n${log}`);
}
