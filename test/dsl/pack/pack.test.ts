// The pack file: export → import round trip, integrity naming the changed part, signatures, install preview, inert hostile data.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../dsl/pack/canonical-json.ts';
import { generateSigningKey } from '../../../dsl/pack/crypto.ts';
import { exportPack, InvalidPackError } from '../../../dsl/pack/export.ts';
import { importPack, type InstalledLookup } from '../../../dsl/pack/import.ts';
import { applyPackParams } from '../../../dsl/pack/params.ts';
import type { Pack } from '../../../dsl/pack/schema.ts';
import { packHash, sectionDigests } from '../../../dsl/pack/sections.ts';
import { findTemplate, listTemplates } from '../../../templates/index.ts';

const pack = (id = 'dormancy-ladder'): Pack => structuredClone(findTemplate(id)!);
const edit = (text: string, change: (file: any) => void): string => {
  const file = JSON.parse(text);
  change(file);
  return JSON.stringify(file);
};
/** What an attacker without the signing key can do: change content and recompute every digest. */
const rehash = async (file: any): Promise<string> => {
  file.digests = await sectionDigests(file.pack);
  file.sha256 = await packHash(file.digests);
  return JSON.stringify(file);
};

describe('canonicalJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: undefined }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"z":0}]},"b":1}');
  });
  it('refuses what JSON cannot carry', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/cycle/);
  });
});

describe('export → import', () => {
  it('round-trips every built-in pack unchanged', async () => {
    for (const original of listTemplates()) {
      const result = await importPack(await exportPack(original));
      expect(result.errors).toEqual([]);
      expect(result.ok).toBe(true);
      expect(result.pack).toEqual(original);
      expect(result.warnings.map((w) => w.code)).toEqual(['unsigned']);
    }
  });

  it('is deterministic and independent of whitespace', async () => {
    const text = await exportPack(pack());
    expect(await exportPack(pack())).toBe(text);
    expect((await importPack(JSON.stringify(JSON.parse(text)))).ok).toBe(true);
  });

  it('refuses to export an invalid pack, saying where', async () => {
    const broken = pack();
    delete (broken.notes as Record<string, unknown>).lost;
    await expect(exportPack(broken)).rejects.toThrow(InvalidPackError);
    await expect(exportPack(broken)).rejects.toThrow(/stage "lost" has no notes/);
  });
});

describe('integrity', () => {
  it('names the journey that was changed after export', async () => {
    const text = await exportPack(pack('k12-five-stage'));
    const result = await importPack(edit(text, (f) => (f.pack.journeys[0].params.dormantAfterDays.default = 400)));
    expect(result.ok).toBe(false);
    expect(result.pack).toBeUndefined();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]!.code).toBe('integrity');
    expect(result.errors[0]!.message).toMatch(/journey "k12-five-stage" was changed after export/);
    expect(result.errors[0]!.path).toEqual(['pack', 'journeys', 0]);
  });

  it('names the notes, the cohort or the manifest when those change', async () => {
    const text = await exportPack(pack('aarrr'));
    const notes = await importPack(edit(text, (f) => (f.pack.notes.referral.purpose.en = 'changed')));
    expect(notes.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^notes was changed after export/)]);
    const cohort = await importPack(edit(text, (f) => (f.pack.cohort.size = 5)));
    expect(cohort.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^cohort was changed/)]);
    const manifest = await importPack(edit(text, (f) => (f.pack.version = '9.9.9')));
    expect(manifest.errors.map((e) => e.message)).toEqual([expect.stringMatching(/^manifest was changed/)]);
  });

  it('notices added parts, an edited digest and an edited overall hash', async () => {
    const text = await exportPack(pack('aarrr'));
    const added = await importPack(edit(text, (f) => (f.pack.extra = { run: 'me' })));
    expect(added.errors[0]!.message).toMatch(/unknown top-level members is not in the pack's digest list/);
    const digests = await importPack(edit(text, (f) => (f.digests.notes = '0'.repeat(64))));
    expect(digests.errors[0]!.message).toMatch(/notes was changed after export/);
    const sha = await importPack(edit(text, (f) => (f.sha256 = 'f'.repeat(64))));
    expect(sha.errors[0]!.message).toMatch(/digest list was changed/);
  });

  it('rejects text that is not a pack file with a clear error', async () => {
    for (const text of ['', '{"format":', '[]', '{"format":"something-else"}', '\u0000\u0001binary']) {
      const result = await importPack(text);
      expect(result.ok).toBe(false);
      expect(result.errors[0]!.message).toMatch(/not a pack file/);
    }
  });
});

describe('signatures', () => {
  it('accepts a signed pack, reports the signer, and enforces trusted keys', async () => {
    const consultant = await generateSigningKey();
    const stranger = await generateSigningKey();
    const text = await exportPack(pack(), { privateKey: consultant.privateKey });
    const open = await importPack(text);
    expect(open.ok).toBe(true);
    expect(open.signedBy).toBe(consultant.publicKey);
    expect(open.warnings).toEqual([]);
    expect((await importPack(text, { trustedKeys: [consultant.publicKey] })).ok).toBe(true);
    expect((await importPack(text, { trustedKeys: [stranger.publicKey] })).errors.map((e) => e.code)).toEqual(['untrusted-signer']);
    const unsigned = await importPack(await exportPack(pack()), { trustedKeys: [consultant.publicKey] });
    expect(unsigned.errors.map((e) => e.code)).toEqual(['unsigned']);
  });

  it('rejects a bad signature: re-hashed content, a swapped key, a forged value, a missing half', async () => {
    const consultant = await generateSigningKey();
    const forger = await generateSigningKey();
    const text = await exportPack(pack(), { privateKey: consultant.privateKey });
    const rehashed = await rehash(JSON.parse(edit(text, (f) => (f.pack.description.en = 'changed'))));
    expect((await importPack(rehashed)).errors.map((e) => e.code)).toEqual(['bad-signature']);
    expect((await importPack(edit(text, (f) => (f.publicKey = forger.publicKey)))).errors.map((e) => e.code)).toEqual(['bad-signature']);
    expect((await importPack(edit(text, (f) => (f.signature = `${f.signature.slice(0, -4)}AAAA`)))).errors.map((e) => e.code)).toEqual(['bad-signature']);
    expect((await importPack(edit(text, (f) => delete f.publicKey))).errors.map((e) => e.code)).toEqual(['bad-signature']);
  });
});

describe('install preview', () => {
  const installed = (journeys: Pack['journeys'], packVersion?: string, versions: Record<string, number> = {}): InstalledLookup => ({
    journey: (id) => {
      const document = journeys.find((j) => j.id === id);
      return document === undefined ? undefined : { version: versions[id] ?? document.version, document };
    },
    pack: (id) => (packVersion !== undefined && id === 'dormancy-ladder' ? { version: packVersion } : undefined),
  });

  it('adds new journeys, leaves identical ones alone and turns a changed one into a new version', async () => {
    const fresh = await importPack(await exportPack(pack()), { existing: installed([]) });
    expect(fresh.preview).toEqual({
      pack: { id: 'dormancy-ladder', version: '1.0.0', status: 'new' },
      added: [{ journeyId: 'dormancy-ladder', version: 1 }],
      changed: [],
      unchanged: [],
    });

    const same = await importPack(await exportPack(pack()), { existing: installed(pack().journeys, '1.0.0', { 'dormancy-ladder': 4 }) });
    expect(same.preview.unchanged).toEqual([{ journeyId: 'dormancy-ladder', version: 4 }]);
    expect(same.preview.pack?.status).toBe('same');

    const newer = pack();
    newer.version = '1.1.0';
    newer.journeys[0] = { ...newer.journeys[0]!, name: { zh: '新阶梯', en: 'New ladder' } };
    const upgrade = await importPack(await exportPack(newer), { existing: installed(pack().journeys, '1.0.0', { 'dormancy-ladder': 3 }) });
    expect(upgrade.preview.changed).toEqual([{ journeyId: 'dormancy-ladder', installedVersion: 3, version: 4 }]);
    expect(upgrade.preview.pack).toEqual({ id: 'dormancy-ladder', version: '1.1.0', installedVersion: '1.0.0', status: 'upgrade' });
    expect(upgrade.pack!.journeys[0]!.version).toBe(4);
  });
});

describe('hostile content stays inert data', () => {
  it('rejects __proto__ / constructor keys without polluting any prototype', async () => {
    const text = await exportPack(pack('aarrr'));
    const hostile = text.replace('"notes": {', '"notes": {"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}},');
    expect(hostile).not.toBe(text);
    const result = await importPack(hostile);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.code)).toEqual(['integrity']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('rejects __proto__ keys even when the digests were recomputed to match', async () => {
    const text = await exportPack(pack('aarrr'));
    const result = await importPack(await rehash(JSON.parse(text.replace('"params": {', '"params": {"__proto__": {"type": "number", "default": 1},'))));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => [e.code, e.path.slice(-2)])).toEqual([['reserved-key', ['params', '__proto__']]]);
    expect(({} as Record<string, unknown>).type).toBeUndefined();
  });

  it('keeps script-looking strings as plain text, untouched', async () => {
    const sneaky = pack('aarrr');
    const script = '<script>alert(document.cookie)</script><img src=x onerror=alert(1)>';
    sneaky.description = { zh: script, en: 'constructor __proto__ prototype' };
    sneaky.notes.referral!.purpose.en = '{{constructor.constructor("return process")()}}';
    const result = await importPack(await exportPack(sneaky));
    expect(result.ok).toBe(true);
    expect(result.pack!.description.zh).toBe(script);
    expect(result.pack!.description.en).toBe('constructor __proto__ prototype');
    expect(result.pack!.notes.referral!.purpose.en).toBe('{{constructor.constructor("return process")()}}');
  });

  it('refuses unknown members and non-http webhook URLs, even with matching digests', async () => {
    const file = JSON.parse(await exportPack(pack('aarrr')));
    file.pack.journeys[0].nodes[1].action = { type: 'webhook', url: 'javascript:alert(1)' };
    file.pack.journeys[0].onLoad = 'fetch("https://evil")';
    const result = await importPack(await rehash(file));
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.message).join('\n')).toMatch(/onLoad/);
  });
});

describe('applyPackParams', () => {
  it('installs client values as the journeys’ defaults and reports values that do not fit', () => {
    const { journeys, diagnostics } = applyPackParams(pack(), { silentAfterDays: 60, recallChannel: 'wechat' });
    expect(diagnostics).toEqual([]);
    expect(journeys[0]!.params.silentAfterDays!.default).toBe(60);
    expect(journeys[0]!.params.recallChannel!.default).toBe('wechat');
    const bad = applyPackParams(pack(), { silentAfterDays: -5, nope: 1 });
    expect(bad.diagnostics.map((d) => d.code).sort()).toEqual(['param-override-range', 'param-override-unknown']);
    expect(bad.journeys[0]!.params.silentAfterDays!.default).toBe(45);
  });
});
