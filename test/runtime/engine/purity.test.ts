/** The engine must run in a browser and be deterministic: no Node modules, no clock, no randomness, no code from strings. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const engineDir = join(import.meta.dirname, '../../../runtime/engine');
const sources = readdirSync(engineDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: readFileSync(join(engineDir, file), 'utf8') }));

const FORBIDDEN: [string, RegExp][] = [
  ['a Node built-in import', /from\s+['"](node:|fs['"]|path['"]|crypto['"]|os['"])/],
  ['the wall clock', /Date\.now\(|new Date\(\)|performance\.now\(/],
  ['randomness', /Math\.random\(|crypto\.getRandomValues|randomUUID/],
  ['code from strings', /\beval\(|new Function\(/],
  ['an import from outside dsl/ and the engine', /from\s+['"]\.\.\/\.\.\/(?!dsl\/)/],
];

describe('runtime/engine purity', () => {
  it('has sources to check', () => {
    expect(sources.map((s) => s.file)).toContain('step.ts');
  });

  it.each(FORBIDDEN)('uses no %s', (_what, pattern) => {
    expect(sources.filter((s) => pattern.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it('opens every module with a one-line comment saying what it is', () => {
    expect(sources.filter((s) => !/^\/\*\* [^\n]+\*\/\n/.test(s.text)).map((s) => s.file)).toEqual([]);
  });
});
