// `lifecycle-studio check`: one line per problem as file:line:col, exit 1 on any error, never a stack trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../runtime/cli/main.ts';

const root = new URL('../../../', import.meta.url).pathname;
const golden = (name: string) => readFileSync(join(root, 'test/dsl/text/golden', name), 'utf8');
let dir: string;

async function check(...files: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(['check', ...files], { stdout: (l) => out.push(l), stderr: (l) => err.push(l), cwd: dir });
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ls-check-'));
  writeFileSync(join(dir, 'ladder.journey'), golden('dormancy-ladder.journey'));
  writeFileSync(join(dir, 'ladder.json'), golden('dormancy-ladder.json'));
  writeFileSync(join(dir, 'typo.journey'), golden('dormancy-ladder.journey').replace('totalSpend >= 500', 'totalSpnd >= 500'));
  writeFileSync(join(dir, 'wrong-type.journey'), golden('dormancy-ladder.journey').replace('totalSpend >= 500', 'totalSpend >= "lots"'));
  const json = golden('dormancy-ladder.json');
  writeFileSync(join(dir, 'truncated.json'), json.slice(0, Math.floor(json.length / 2)));
  writeFileSync(join(dir, 'array.json'), '[1, 2, 3]');
  writeFileSync(join(dir, 'empty.journey'), '');
  writeFileSync(join(dir, 'binary.journey'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]));
  writeFileSync(join(dir, 'latin1.journey'), Buffer.from([0x6a, 0xe9, 0xe9, 0x20, 0xff]));
});

describe('lifecycle-studio check', () => {
  it('accepts valid text and JSON journeys with exit 0', async () => {
    const r = await check(join(dir, 'ladder.journey'), join(dir, 'ladder.json'));
    expect(r.out.filter((l) => l.includes(': error:'))).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.err.at(-1)).toMatch(/checked 2 files: 0 errors/);
  });

  it('reports an unknown fact at its line and column, with a suggestion', async () => {
    const r = await check(join(dir, 'typo.journey'));
    expect(r.code).toBe(1);
    const line = golden('dormancy-ladder.journey').split('\n').findIndex((l) => l.includes('totalSpend >= 500')) + 1;
    const col = golden('dormancy-ladder.journey').split('\n')[line - 1]!.indexOf('totalSpend') + 1;
    expect(r.out).toContainEqual(expect.stringMatching(new RegExp(`^typo\\.journey:${line}:${col}: error: .*totalSpnd.*totalSpend`)));
  });

  it('reports a value of the wrong type', async () => {
    const r = await check(join(dir, 'wrong-type.journey'));
    expect(r.code).toBe(1);
    expect(r.out.join('\n')).toMatch(/^wrong-type\.journey:\d+:\d+: error: /m);
  });

  it('gives truncated JSON, a non-object, an empty file and binary files one clear line each', async () => {
    for (const [file, pattern] of [
      ['truncated.json', /^truncated\.json:\d+:\d+: error: invalid JSON: .*(truncated|expected)/],
      ['array.json', /^array\.json:1:1: error: expected a journey object at the top level, found an array/],
      ['empty.journey', /^empty\.journey:1:1: error: the file is empty/],
      ['binary.journey', /^binary\.journey:1:1: error: this is a binary file/],
      ['latin1.journey', /^latin1\.journey:1:1: error: this file is not valid UTF-8/],
      ['missing.journey', /^missing\.journey:1:1: error: no such file/],
    ] as const) {
      const r = await check(join(dir, file));
      expect(r.code, file).toBe(1);
      expect(r.out, file).toHaveLength(1);
      expect(r.out[0], file).toMatch(pattern);
      expect([...r.out, ...r.err].join('\n'), file).not.toMatch(/\n\s+at /);
    }
  });

  it('runs as `npx lifecycle-studio check` from the package bin', async () => {
    const run = promisify(execFile);
    const ok = await run('node', [join(root, 'bin/lifecycle-studio.js'), 'check', join(dir, 'ladder.journey')], { cwd: root });
    expect(ok.stderr).toMatch(/0 errors/);
    const bad = await run('node', [join(root, 'bin/lifecycle-studio.js'), 'check', join(dir, 'typo.journey')], { cwd: dir }).catch((e: { code: number; stdout: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect((bad as { stdout: string }).stdout).toMatch(/^typo\.journey:\d+:\d+: error:/m);
  });
});
