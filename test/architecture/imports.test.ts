// The house plan's import rules, checked on the source: dsl is pure, the engine is pure, the editor never reaches the server or store.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (/\.(ts|tsx)$/.test(name)) out.push(rel);
  }
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
    specs.push((m[1] ?? m[2] ?? m[3])!);
  }
  return specs;
}

const nodeBuiltins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function violations(dir: string, forbidden: (spec: string, file: string) => boolean): string[] {
  return sourceFiles(dir).flatMap((file) => importsOf(file).filter((s) => forbidden(s, file)).map((s) => `${file} imports ${s}`));
}

describe('house plan', () => {
  it('dsl imports nothing from Node built-ins, React, runtime or editor', () => {
    expect(
      violations('dsl', (s) => nodeBuiltins.has(s) || s.startsWith('react') || /(^|\/)(runtime|editor)\//.test(s)),
    ).toEqual([]);
  });

  it('the engine is pure: no Node built-ins, no store, server or editor', () => {
    expect(
      violations('runtime/engine', (s) => nodeBuiltins.has(s) || /\/(store|server|cli|clock)\//.test(s) || s.includes('editor/')),
    ).toEqual([]);
  });

  it('the editor never imports the server, the stores or Node built-ins', () => {
    expect(
      violations('editor', (s) => nodeBuiltins.has(s) || /runtime\/(server|store|cli)\b/.test(s)),
    ).toEqual([]);
  });

  it('nothing evaluates code from strings', () => {
    const offenders = ['dsl', 'runtime', 'templates', 'editor'].flatMap((dir) =>
      sourceFiles(dir).filter((f) => /\beval\s*\(|new\s+Function\s*\(/.test(readFileSync(join(root, f), 'utf8'))),
    );
    expect(offenders).toEqual([]);
  });
});
