#!/usr/bin/env node
// Installs the editor's browser-only dependencies (editor/package.json) when they are missing.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const editorDir = dirname(fileURLToPath(import.meta.url));
if (!existsSync(join(editorDir, 'node_modules', '@xyflow', 'react', 'package.json'))) {
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: editorDir, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
