#!/usr/bin/env node
// The one test command: installs what is missing, typechecks, runs the unit suite (vitest) and the browser suite (Playwright), then prints one closing line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const step = (cmd, args, env = {}) => spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;
const must = (cmd, args) => {
  const status = step(cmd, args);
  if (status !== 0) process.exit(status);
};
const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

if (!existsSync('node_modules/.bin/vitest')) must('npm', ['ci', '--no-audit', '--no-fund']);
mkdirSync('.tmp', { recursive: true });
for (const report of ['.tmp/vitest.json', '.tmp/playwright.json']) rmSync(report, { force: true });

let passed = 0;
let failed = 0;
let skipped = 0;
let flaky = 0;

console.log('— typecheck');
const typecheck = step('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (typecheck === 0) passed++;
else failed++;

console.log('— unit, property and integration tests (vitest)');
const vitestStatus = step('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=.tmp/vitest.json', ...process.argv.slice(2)]);
const unit = readJson('.tmp/vitest.json');
if (unit) {
  passed += unit.numPassedTests;
  failed += unit.numFailedTests;
  skipped += unit.numPendingTests + (unit.numTodoTests ?? 0);
}
if (vitestStatus !== 0 && (!unit || unit.numFailedTests === 0)) failed++; // a crash or a failed suite without failed tests

const hasBrowserTests = existsSync('test/e2e') && readdirSync('test/e2e').some((f) => f.endsWith('.spec.ts'));
if (hasBrowserTests && process.argv.length <= 2) {
  console.log('— browser tests (Playwright, Debian Chromium)');
  must('node', ['scripts/ensure-debian-package.mjs', 'chromium']);
  must('npm', ['run', 'build:editor']);
  const e2eStatus = step('npx', ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts', '--reporter=list,json'], {
    // Playwright resolves a relative name against the config's folder: give it an absolute one.
    PLAYWRIGHT_JSON_OUTPUT_NAME: resolve('.tmp/playwright.json'),
  });
  const e2e = readJson('.tmp/playwright.json');
  if (e2e) {
    passed += e2e.stats.expected + e2e.stats.flaky;
    flaky += e2e.stats.flaky;
    failed += e2e.stats.unexpected;
    skipped += e2e.stats.skipped;
  }
  if (e2eStatus !== 0 && (!e2e || e2e.stats.unexpected === 0)) failed++;
}

console.log(`\n${passed} passed, ${failed} failed, ${skipped} skipped${flaky > 0 ? ` (${flaky} browser test${flaky === 1 ? '' : 's'} passed only on retry: flaky)` : ''}`);
process.exit(failed > 0 ? 1 : 0);
