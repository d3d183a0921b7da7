#!/usr/bin/env node
// The one test command: installs what is missing, then runs the unit suite (vitest) and the browser suite (Playwright).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

if (!existsSync('node_modules/.bin/vitest')) run('npm', ['ci', '--no-audit', '--no-fund']);

run('npx', ['vitest', 'run', ...process.argv.slice(2)]);

const hasBrowserTests = existsSync('test/e2e') && readdirSync('test/e2e').some((f) => f.endsWith('.spec.ts'));
if (hasBrowserTests) {
  run('node', ['scripts/ensure-chromium.mjs']);
  run('npm', ['run', 'build:editor']);
  run('npx', ['playwright', 'test', '--config', 'test/e2e/playwright.config.ts']);
}
