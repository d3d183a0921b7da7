#!/usr/bin/env node
// Installs a Debian package when its command is missing (browsers and load generators cannot come from npm here).
// Usage: node scripts/ensure-debian-package.mjs COMMAND [PACKAGE]   (PACKAGE defaults to COMMAND); exit 0 once COMMAND is there.
import { spawnSync } from 'node:child_process';

const [command, pkg = command] = process.argv.slice(2);
if (command === undefined) {
  console.error('usage: node scripts/ensure-debian-package.mjs COMMAND [PACKAGE]');
  process.exit(2);
}
const installed = () => spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' }).stdout.trim() !== '';
if (installed()) process.exit(0);

console.error(`${command} is missing: installing Debian's ${pkg} package…`);
const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
// Progress goes to stderr: callers (the bench) keep stdout for their own output.
const apt = (args) =>
  spawnSync(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...args] : args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status;
if (apt(['update']) !== 0 || apt(['install', '-y', '--no-install-recommends', pkg]) !== 0 || !installed()) {
  console.error(`Could not install ${pkg} with apt-get; install it by hand: apt-get install -y ${pkg}`);
  process.exit(1);
}
