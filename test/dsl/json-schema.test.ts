// The generated JSON Schema accepts every example journey in the repository and rejects broken ones.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { journeyJsonSchema } from '../../dsl/json-schema.ts';

const root = new URL('../../', import.meta.url).pathname;

function journeyFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...journeyFiles(rel));
    else if (name.endsWith('.json')) {
      const value: unknown = JSON.parse(readFileSync(join(root, rel), 'utf8'));
      if (typeof value === 'object' && value !== null && 'nodes' in value && 'entry' in value) out.push(rel);
    }
  }
  return out;
}

const validate = new Ajv2020({ strict: false, allErrors: true }).compile(journeyJsonSchema());
const examples = [...journeyFiles('templates'), ...journeyFiles('test/dsl/text/golden')];

describe('journey JSON Schema', () => {
  it('finds the example journeys', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('accepts %s', (file) => {
    const ok = validate(JSON.parse(readFileSync(join(root, file), 'utf8')));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('rejects broken documents', () => {
    const good = JSON.parse(readFileSync(join(root, examples[0]!), 'utf8')) as Record<string, unknown>;
    const broken: unknown[] = [
      { ...good, id: '../../etc/passwd' },
      { ...good, nodes: [] },
      { ...good, nodes: [{ id: 'x', kind: 'teleport', next: 'y' }] },
      { ...good, entry: { trigger: { type: 'event' }, next: 'x' } },
      { ...good, unexpected: true },
      { ...good, version: 0 },
    ];
    for (const doc of broken) expect(validate(doc), JSON.stringify(doc).slice(0, 80)).toBe(false);
  });
});
