// `lifecycle-studio pack keygen|export|import`: a consultant signs a pack, a client verifies, previews and installs it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packCommand } from '../../templates/cli.ts';
import { assemblePack, findTemplate } from '../../templates/index.ts';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (l: string) => out.push(l), stderr: (l: string) => err.push(l), cwd }, out, err };
}

describe('pack CLI', () => {
  it('keygen → signed export → trusted dry-run import → install as a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-cli-'));
    const keygen = io(dir);
    expect(await packCommand(['keygen', '--out', 'consultant.key.json'], keygen.io)).toBe(0);
    const publicKey = keygen.out.find((l) => l.startsWith('public key: '))!.slice('public key: '.length);
    expect(await packCommand(['keygen', '--out', 'consultant.key.json'], io(dir).io)).toBe(1);

    expect(await packCommand(['export', 'k12-five-stage', '--out', 'k12.pack.json', '--key', 'consultant.key.json'], io(dir).io)).toBe(0);
    const dry = io(dir);
    expect(await packCommand(['import', 'k12.pack.json', '--trusted-key', publicKey, '--dry-run'], dry.io)).toBe(0);
    expect(dry.out[0]).toBe(`pack k12-five-stage 1.0.0: same (installed: 1.0.0), signed by ${publicKey}`);
    expect(dry.out).toContain('  unchanged k12-five-stage v1');

    const install = io(dir);
    expect(await packCommand(['import', 'k12.pack.json', '--trusted-key', publicKey, '--out', 'installed'], install.io)).toBe(0);
    const folder = join(dir, 'installed');
    const read = (file: string): unknown => JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const pack = assemblePack(read('pack.json'), { 'k12-five-stage': read('journeys/k12-five-stage.json') }, read('notes.json'));
    expect(pack).toEqual(findTemplate('k12-five-stage'));
    const again = io(dir);
    expect(await packCommand(['import', 'k12.pack.json', '--out', 'installed'], again.io)).toBe(1);
    expect(again.err.join('\n')).toMatch(/never overwritten/);
  });

  it('rejects a tampered file, naming the changed part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-cli-'));
    expect(await packCommand(['export', 'aarrr', '--out', 'aarrr.pack.json'], io(dir).io)).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'aarrr.pack.json'), 'utf8'));
    file.pack.journeys[0].params.activationNudgeAfterDays.default = 1;
    writeFileSync(join(dir, 'aarrr.pack.json'), JSON.stringify(file));
    const run = io(dir);
    expect(await packCommand(['import', 'aarrr.pack.json', '--dry-run'], run.io)).toBe(1);
    expect(run.err.join('\n')).toMatch(/journey "aarrr" was changed after export/);
    expect(run.err.at(-1)).toBe('aarrr.pack.json: rejected');
  });

  it('explains usage and unknown templates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pack-cli-'));
    expect(await packCommand([], io(dir).io)).toBe(2);
    const unknown = io(dir);
    expect(await packCommand(['export', 'nope'], unknown.io)).toBe(1);
    expect(unknown.err[0]).toMatch(/there is no template "nope"/);
  });
});
