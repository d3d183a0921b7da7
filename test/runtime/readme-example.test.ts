// The README's embedding example, run exactly as written, through the package's public exports (lifecycle-studio/runtime).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const run = promisify(execFile);

it('the README example runs against the built library and prints what the README says', async () => {
  // Build the library as `npm install` does (prepare), so the example runs the current sources.
  await run('npx', ['tsc', '-p', 'tsconfig.lib.json'], { cwd: root });
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /<!-- readme-example:start -->\s*```js\n([\s\S]*?)```\s*<!-- readme-example:end -->/.exec(readme);
  expect(block, 'README example block').not.toBeNull();
  const expected = /It prints[^\n]*\n\n```\n([\s\S]*?)```/.exec(readme.slice(block!.index));
  // Inside the package, so `lifecycle-studio/runtime` resolves through package.json "exports" (self-reference).
  const dir = mkdtempSync(join(root, '.tmp-readme-'));
  try {
    writeFileSync(join(dir, 'example.mjs'), block![1]!);
    const { stdout } = await run('node', [join(dir, 'example.mjs')], { cwd: root });
    expect(stdout.trim()).toBe(expected![1]!.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
