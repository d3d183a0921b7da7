/** Kill test: a child ingesting with acknowledgements is SIGKILLed at a random moment; every acknowledged event survives and no effect repeats. */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { EmbeddedStore } from '../../../runtime/store/embedded.ts';
import { effectId } from '../../../runtime/engine/index.ts';
import type { RuntimeStore } from '../../../runtime/store/types.ts';
import { inactivityJourney } from './inactivity-journey.ts';
import { killTestEvents } from './kill-events.ts';

const root = mkdtempSync(join(tmpdir(), 'ls-kill-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const CHILD = join(import.meta.dirname, 'kill-child.ts');

/** Runs the child; with `killAfterAcks`, SIGKILLs it once that many acks arrived (plus a random few ms). Resolves with the acks seen. */
function runChild(dir: string, killAfterAcks?: number): Promise<{ acked: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
    const acked: string[] = [];
    let finished = false;
    let buffer = '';
    let stderr = '';
    let killing = false;
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        if (line === 'done') finished = true;
      }
      if (killAfterAcks !== undefined && !killing && acked.length >= killAfterAcks) {
        killing = true;
        setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 5));
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' || code === 0) resolve({ acked, finished });
      else reject(new Error(`child exited with ${code ?? signal}: ${stderr}`));
    });
  });
}

async function effectIdsIn(store: RuntimeStore): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listCustomers({ limit: 1000, ...(cursor !== undefined ? { cursor } : {}) });
    for (const customer of page.items) {
      const timeline = await store.timeline(customer.customerId, { limit: 1000 });
      for (const entry of timeline.items) if (entry.kind === 'effect') ids.push(effectId(entry.effect));
    }
    cursor = page.next;
  } while (cursor !== undefined);
  return ids;
}

describe('SIGKILL while ingesting', () => {
  it('keeps every acknowledged event and never repeats an effect', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = join(root, `round-${round}`);
      const killAfter = 5 + Math.floor(Math.random() * 300);
      const killed = await runChild(dir, killAfter);
      expect(killed.finished, `child finished before ack #${killAfter}`).toBe(false);

      const store = await EmbeddedStore.open({ dir, onWarning: () => {} });
      const seen = await store.seenInputs(killed.acked);
      expect([...killed.acked].filter((id) => !seen.has(id)), `round ${round}: acknowledged but lost`).toEqual([]);
      const events = new Map(killTestEvents().map((e) => [e.id, e]));
      for (const id of killed.acked) {
        const customerId = events.get(id)!.customerId;
        const timeline = await store.timeline(customerId, { limit: 1000 });
        expect(timeline.items.some((e) => e.kind === 'input' && e.input.id === id)).toBe(true);
      }
      const partial = await effectIdsIn(store);
      expect(new Set(partial).size).toBe(partial.length);
      await store.close();

      // The client sends everything again (it cannot know what the dead process acknowledged).
      const rerun = await runChild(dir);
      expect(rerun.finished).toBe(true);
      const final = await EmbeddedStore.open({ dir });
      const effects = await effectIdsIn(final);
      const outbox = (await final.pull({ consumer: 'kill-test', limit: 1000 })).entries.map((e) => e.effectId);
      await final.close();

      const expected: string[] = [];
      const simulation = new Simulation(new PlanRegistry([compileJourney(inactivityJourney).plan!]), { onEffect: (e) => void expected.push(effectId(e)) });
      for (const event of killTestEvents()) simulation.ingest(event);
      expect(new Set(effects).size).toBe(effects.length);
      expect(new Set(outbox).size).toBe(outbox.length);
      expect([...effects].sort()).toEqual([...expected].sort());
    }
  });
});
