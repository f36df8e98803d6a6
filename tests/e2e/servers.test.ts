/**
 * The preview server and the benchmark page's server listen on 127.0.0.1, where any web page the
 * developer opens can send them requests: malformed ones get 400, and the server keeps answering.
 */
import { ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import { join } from 'node:path';

import { PreviewServer, ROOT, startPreview } from './helpers/preview';

jest.setTimeout(240_000);

/** Sends `head` as the start of a request and resolves with the status code of the answer. */
function statusOf(url: string, head: string): Promise<number> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    let answer = '';
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no answer to ${head.slice(0, 40)}`)));
    socket.on('connect', () => socket.write(`${head}\r\nHost: ${hostname}:${port}\r\nConnection: close\r\n\r\n`));
    socket.on('data', (chunk) => (answer += String(chunk)));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3}) /.exec(answer);
      if (status) {
        resolve(Number(status[1]));
      } else {
        reject(new Error(`no status line in ${JSON.stringify(answer.slice(0, 200))}`));
      }
    });
  });
}

const MALFORMED: Array<[string, string]> = [
  ['a lone percent sign', 'GET /% HTTP/1.1'],
  ['a broken escape in a plugin path', 'GET /public/plugins/%E0%A4%A/module.js HTTP/1.1'],
  ['a double slash', 'GET // HTTP/1.1'],
  ['a host where the path goes', 'GET //evil.example/x HTTP/1.1'],
  ['an absolute URL', 'GET http://evil.example/ HTTP/1.1'],
  ['a NUL in the path', 'GET /public/plugins/x%00/module.js HTTP/1.1'],
  ['a 5,000-character URL', `GET /${'a'.repeat(5000)} HTTP/1.1`],
  ['a URL longer than the request head may be', `GET /${'a'.repeat(20_000)} HTTP/1.1`],
  ['a request line that is not HTTP', 'HELLO'],
];

/** Each malformed request gets 400, and afterwards the page itself still answers 200. */
async function expectMalformedRefused(url: string): Promise<void> {
  for (const [what, head] of MALFORMED) {
    expect([what, await statusOf(url, head)]).toEqual([what, 400]);
  }
  expect(await statusOf(url, 'GET / HTTP/1.1')).toBe(200);
  expect(await statusOf(url, 'GET /index.html?x=%zz HTTP/1.1')).toBe(200);
}

describe('the preview server', () => {
  let preview: PreviewServer;
  beforeAll(async () => {
    // No Prometheus is needed: none of these requests reaches the proxy.
    preview = await startPreview({ promUrl: 'http://127.0.0.1:9' });
  });
  afterAll(() => preview?.stop());

  it('answers malformed requests with 400 and keeps running', async () => {
    await expectMalformedRefused(preview.url);
    expect(await statusOf(preview.url, 'GET /preview/config.json HTTP/1.1')).toBe(200);
  });
});

describe("the benchmark page's server", () => {
  let child: ChildProcess;
  let url: string;
  beforeAll(async () => {
    child = spawn(process.execPath, [join(ROOT, 'tests/e2e/fixtures/bench-server.mjs')], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += String(chunk);
        const match = /bench: (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match) {
          resolve(match[1]);
        }
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`the bench server exited with ${code}:\n${output}`)));
    });
  });
  afterAll(() => {
    child?.kill('SIGTERM');
  });

  it('answers malformed requests with 400 and keeps running', async () => {
    await expectMalformedRefused(url);
    expect(child.exitCode).toBeNull();
    expect(await statusOf(url, 'GET /bench/config.json HTTP/1.1')).toBe(200);
  });
});
