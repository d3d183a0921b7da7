/** The npm-test slice of the kill test: the real server SIGKILLed 3 times during HTTP ingestion (`npm run test:kill` does 20). */
import { describe, expect, it } from 'vitest';
import { runKillTest } from './faults/kill-harness.ts';

describe('SIGKILL during HTTP ingestion', () => {
  it('loses no acknowledged event, repeats no effect, and delivers every webhook under one stable idempotency key', async () => {
    const report = await runKillTest({ kills: 3, customers: 60 });
    expect(report.killsWhileSending).toBe(3);
    expect(report.lost).toEqual([]);
    expect(report.foundOfAcknowledged).toBe(report.acknowledged);
    expect(report.acknowledged).toBeGreaterThan(60);
    expect(report.duplicateEffects).toBe(0);
    expect(report.duplicateOutbox).toBe(0);
    expect(report.webhookEffects).toBe(60);
    expect(report.missingWebhooks).toBe(0);
    expect(report.webhookKeysDelivered).toBe(60);
    console.log(report.summary);
  }, 180_000);
});
