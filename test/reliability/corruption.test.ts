/** Damaged data directories at start: refuse with the file and the offset, or recover from the last good record and say so — never drop data silently. */
import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../runtime/clock/clock.ts';
import type { EventInput } from '../../runtime/engine/types.ts';
import { createRuntime } from '../../runtime/runtime.ts';
import { startServer } from '../../runtime/server/start.ts';
import { EmbeddedStore } from '../../runtime/store/embedded.ts';
import { onboardingJourney } from '../runtime/server/fixture-journey.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-corrupt-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let count = 0;

const events = (from: number, n: number): EventInput[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'event', id: `m:e${from + i}`, customerId: `c${(from + i) % 13}`, event: i % 4 === 0 ? 'signup' : 'page_view', at: Date.UTC(2031, 0, 1) + (from + i) * 60_000, properties: {} }));

/**
 * A data directory with a snapshot (written at a clean close) and a journal after it (the process then "dies":
 * no close, the lock file removed as a dead process would leave it takeable).
 */
async function dataDir(): Promise<{ dir: string; journal: string; snapshot: string; ids: string[] }> {
  const dir = join(root, `d${++count}`);
  const first = await EmbeddedStore.open({ dir });
  const runtime = createRuntime({ store: first, clock: new VirtualClock(Date.UTC(2031, 0, 1)) });
  await runtime.load(onboardingJourney('https://hooks.example.com/x'));
  await runtime.ingest(events(0, 40));
  await runtime.close();
  const second = await EmbeddedStore.open({ dir, snapshotEvery: 1_000_000 });
  const again = createRuntime({ store: second, clock: new VirtualClock(Date.UTC(2031, 0, 2)) });
  await again.ready;
  for (const e of events(40, 20)) await again.ingest(e);
  rmSync(join(dir, 'LOCK'));
  const journal = readdirSync(dir).find((f) => f.startsWith('journal-'))!;
  return { dir, journal: join(dir, journal), snapshot: join(dir, 'snapshot.ndjson'), ids: events(0, 60).map((e) => e.id) };
}

/** Every file of the directory and its bytes, to show a refused start changed nothing. */
const contents = (dir: string): Record<string, string> => Object.fromEntries(readdirSync(dir).filter((f) => f !== 'LOCK').map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));

/** What each refused start said, for the summary line. */
const refusals: string[] = [];
afterAll(() => console.log(`corruption: ${refusals.length} damaged directories refused (file and offset named, files untouched), torn tail recovered with a warning; messages:\n  ${refusals.join('\n  ')}`));

async function expectRefused(dir: string, pattern: RegExp): Promise<string> {
  const before = contents(dir);
  const starting = startServer({ port: 0, dataDir: dir, editorDir: '/nonexistent', log: () => {} });
  const error = await starting.then(
    async (server) => {
      await server.close();
      throw new Error('the server started on a damaged directory');
    },
    (e: unknown) => e as Error,
  );
  expect(error.message).toMatch(pattern);
  expect(contents(dir), 'a refused start must leave the files as they were').toEqual(before);
  refusals.push(error.message.split(';')[0]!);
  return error.message;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a damaged data directory at start', () => {
  it('refuses a snapshot with a damaged line, naming the file, the line and the byte offset', async () => {
    const { dir, snapshot } = await dataDir();
    const text = readFileSync(snapshot, 'utf8');
    const lineStarts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index! + 1)];
    const third = lineStarts[2]!;
    writeFileSync(snapshot, `${text.slice(0, third + 5)}\u0000garbage${text.slice(third + 12)}`);
    await expectRefused(dir, new RegExp(`snapshot ${escape(snapshot)}: line 3 \\(byte ${third}\\)`));
  });

  it('refuses a truncated snapshot, naming the file', async () => {
    const { dir, snapshot } = await dataDir();
    const text = readFileSync(snapshot, 'utf8');
    writeFileSync(snapshot, text.slice(0, Math.floor(text.length * 0.6)));
    await expectRefused(dir, new RegExp(`snapshot ${escape(snapshot)}: .*(damaged|incomplete)`));
  });

  it('refuses a journal damaged in the middle, naming the file and the byte offset', async () => {
    const { dir, journal } = await dataDir();
    const text = readFileSync(journal, 'utf8');
    const second = text.indexOf('\n') + 1;
    writeFileSync(journal, `${text.slice(0, second + 30)}#${text.slice(second + 31)}`);
    await expectRefused(dir, new RegExp(`journal ${escape(journal)}: damaged record at byte ${second}`));
  });

  it('refuses damaged definitions (journeys, keys), naming the file', async () => {
    const { dir } = await dataDir();
    writeFileSync(join(dir, 'definitions.json'), '{"journeys": {"x": ');
    await expectRefused(dir, new RegExp(`definitions ${escape(join(dir, 'definitions.json'))}: not valid JSON`));
  });

  it('recovers from a torn last record: says where it cut, keeps every whole record', async () => {
    const { dir, journal, ids } = await dataDir();
    const whole = statSync(journal).size;
    appendFileSync(journal, '0badc0de {"seq":999,"op":{"op":"commit","rec');
    const warnings: string[] = [];
    const store = await EmbeddedStore.open({ dir, onWarning: (m) => warnings.push(m) });
    expect(warnings).toEqual([expect.stringContaining(`journal ${journal}: torn record at byte ${whole}`)]);
    const seen = await store.seenInputs(ids);
    expect(ids.filter((id) => !seen.has(id))).toEqual([]);
    await store.close();
  });
});
