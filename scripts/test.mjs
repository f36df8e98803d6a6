// The one command that runs every test from a fresh clone: installs what is missing, builds the
// plugin (the browser tests load dist/), runs the type check, lint and every jest project, and
// closes with a single `N passed, N failed` line over all of them.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ensurePrograms } from '../stack/system.mjs';

import { ensureNodeModules, ROOT } from './ensure.mjs';

const jestArgs = process.argv.slice(2);

function step(name, command, args) {
  console.log(`\n== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: ROOT });
  return result.status === 0;
}

let passed = 0;
let failed = 0;

try {
  ensureNodeModules();
  ensurePrograms(
    [
      'prometheus',
      'promtool',
      'blackbox',
      'victoriaMetrics',
      'alertmanager',
      'amtool',
      'chromium',
      'cjkFont',
      'setcap',
    ],
    {
      log: console.log,
    }
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const checks = [
  ['build', process.execPath, ['scripts/webpack.mjs', '--env', 'production']],
  ['typecheck', join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit']],
  // The preview host, the benchmark page and the tests are TypeScript of their own, with their own tsconfig.
  ['typecheck: preview', join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'preview']],
  ['typecheck: bench', join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'bench']],
  ['typecheck: tests', join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '-p', 'tests']],
  ['lint', join(ROOT, 'node_modules/.bin/eslint'), ['.']],
];
for (const [name, command, args] of checks) {
  if (step(name, command, args)) {
    passed++;
  } else {
    failed++;
    console.log(`${name} failed`);
  }
}

// Unit suites run in parallel; the suites that start servers run one at a time, so that two stacks
// never compete for this machine's cores and scrape timing stays predictable.
const jestRuns = [
  ['jest: unit', ['--selectProjects', 'unit', 'preview', 'tools']],
  ['jest: stack and browser', ['--selectProjects', 'stack', 'e2e', '--runInBand']],
];
/** Runs jest with its output shown as it comes; resolves with what it wrote to stderr (its summary). */
function runJest(name, args) {
  console.log(`\n== ${name}`);
  return new Promise((resolve) => {
    const child = spawn(join(ROOT, 'node_modules/.bin/jest'), args, {
      cwd: ROOT,
      stdio: ['inherit', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      stderr += chunk;
    });
    child.on('close', () => resolve(stderr));
  });
}

/** Jest's own "Tests: 1 failed, 589 passed, 590 total" line, for when it could not write its report. */
function summaryCounts(output) {
  const line = output.split('\n').findLast((text) => /^Tests:\s/.test(text.trim()));
  const count = (word) => Number(new RegExp(`(\\d+) ${word}`).exec(line ?? '')?.[1] ?? 0);
  return line ? { passed: count('passed'), failed: count('failed') } : undefined;
}

const outDir = mkdtempSync(join(tmpdir(), 'portwatch-jest-'));
for (const [index, [name, args]] of jestRuns.entries()) {
  const report = join(outDir, `report-${index}.json`);
  const output = await runJest(name, ['--ci', '--json', `--outputFile=${report}`, ...args, ...jestArgs]);
  if (!existsSync(report)) {
    // Jest fails to write its report when a failure holds a circular object; its summary still counts.
    const counts = summaryCounts(output);
    console.log(
      `${name}: jest wrote no report` +
        (counts ? `; its summary says ${counts.passed} passed, ${counts.failed} failed` : ' and no summary')
    );
    passed += counts?.passed ?? 0;
    failed += Math.max(1, counts?.failed ?? 0);
    continue;
  }
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed += results.numPassedTests;
  // A suite that fails to load has no failed tests of its own, so count it here.
  failed += results.numFailedTests + results.numRuntimeErrorTestSuites;
  console.log(
    `${name}: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ` +
      `${results.numPendingTests} skipped, ${results.numRuntimeErrorTestSuites} suites failed to run`
  );
}
rmSync(outDir, { recursive: true, force: true });

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
