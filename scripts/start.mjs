#!/usr/bin/env node
// `npm start`: installs dependencies if missing, builds the editor if editor/dist is missing or older than its sources, then serves with ./data.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

/** Newest modification time of any file under `dir` (skipping dist and node_modules). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

if (!existsSync('node_modules/.bin/tsx')) run('npm', ['ci', '--no-audit', '--no-fund']);

const builtIndex = 'editor/dist/index.html';
const editorSources = ['editor', 'dsl', 'runtime/engine'].filter((d) => existsSync(d));
const stale = !existsSync(builtIndex) || editorSources.some((d) => newest(d) > statSync(builtIndex).mtimeMs);
if (stale && existsSync('editor/index.html')) {
  console.log('Building the editor…');
  run('npm', ['run', 'build:editor']);
}

// Serve in this process, so SIGTERM reaches the server directly (graceful stop, exit 0).
const port = process.env.PORT ?? '8080';
process.argv = [process.argv[0], 'lifecycle-studio', 'serve', '--port', port, '--data', './data', ...process.argv.slice(2)];
await import('../bin/lifecycle-studio.js');
