#!/usr/bin/env node
// Installs Debian's Chromium for the browser tests when it is missing (Playwright cannot download a browser here).
import { spawnSync } from 'node:child_process';

const which = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
if (which.status === 0 && which.stdout.trim() !== '') process.exit(0);

console.log('Chromium is missing: installing Debian\'s chromium package…');
const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
const apt = (args) => spawnSync(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, {
  stdio: 'inherit',
  env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
});
if (apt(['update']).status !== 0 || apt(['install', '-y', '--no-install-recommends', 'chromium']).status !== 0) {
  console.error('Could not install chromium with apt-get; install it by hand: apt-get install -y chromium');
  process.exit(1);
}
