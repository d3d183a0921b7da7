// The sample cohorts: deterministic, time-ordered, and over a year they reach every stage of their pack's model.
import { describe, expect, it } from 'vitest';
import { generateCohort } from '../../templates/cohort.ts';
import { listTemplates } from '../../templates/index.ts';
import { runTemplate } from './template-run.ts';

describe('generateCohort', () => {
  it('gives the same events for the same seed, and other events for another seed', () => {
    const a = generateCohort('dormancy-ladder', { start: '2025-01-01', size: 30, seed: 7 });
    const b = generateCohort('dormancy-ladder', { start: '2025-01-01', size: 30, seed: 7 });
    const c = generateCohort('dormancy-ladder', { start: '2025-01-01', size: 30, seed: 8 });
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('keeps customer n the same whatever the cohort size', () => {
    const small = generateCohort('aarrr', { start: '2025-01-01', size: 5 });
    const large = generateCohort('aarrr', { start: '2025-01-01', size: 50 });
    const firstFive = new Set(small.map((e) => e.userId));
    expect(large.filter((e) => firstFive.has(e.userId))).toEqual(small);
  });

  it('emits Segment-style events in time order inside the window, with unique message ids', () => {
    for (const pack of listTemplates()) {
      const events = generateCohort(pack.id, { start: '2025-01-01T08:00:00Z', days: 365 });
      expect(events.length).toBeGreaterThan(pack.cohort.size);
      const times = events.map((e) => Date.parse(e.timestamp));
      expect(times).toEqual([...times].sort((x, y) => x - y));
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse('2025-01-01T00:00:00Z'));
      expect(Math.max(...times)).toBeLessThan(Date.parse('2026-01-01T00:00:00Z'));
      expect(new Set(events.map((e) => e.messageId)).size).toBe(events.length);
      for (const event of events) {
        expect(event.type === 'identify' ? event.traits : event.event).toBeDefined();
        expect(event.userId).toMatch(new RegExp(`^${pack.id}-\\d{4}$`));
      }
    }
  });

  it('refuses an unknown template and a bad window', () => {
    expect(() => generateCohort('no-such-pack', { start: '2025-01-01' })).toThrow(/no template pack "no-such-pack"/);
    expect(() => generateCohort('aarrr', { start: 'yesterday' })).toThrow(/not a time/);
    expect(() => generateCohort('aarrr', { start: '2025-01-01', days: 0 })).toThrow(/days/);
  });
});

describe('each pack’s sample cohort simulated over a year', () => {
  for (const pack of listTemplates()) {
    it(`${pack.id}: produces every stage of the model for a cohort where everyone enters`, () => {
      const events = generateCohort(pack.id, { start: '2025-01-01' });
      const { lines } = runTemplate(pack.id, events, { until: '2026-01-01T00:00:00Z' });
      const stages = new Set(lines.filter((l) => l.kind === 'stage').map((l) => l.stage));
      for (const stage of pack.journeys[0]!.stages) expect(stages, `stage ${stage.id}`).toContain(stage.id);
      const customers = new Set(events.map((e) => e.userId));
      const reached = new Set(lines.filter((l) => l.kind === 'stage').map((l) => l.customerId));
      expect(reached.size).toBe(customers.size);
    });
  }

  it('has RFM customers who slip into a retain group and are won back into a buying group', () => {
    const { lines } = runTemplate('rfm-segments', generateCohort('rfm-segments', { start: '2025-01-01' }), { until: '2026-01-01T00:00:00Z' });
    const lastStage = new Map<string, string>();
    let wonBack = 0;
    for (const line of lines.filter((l) => l.kind === 'stage')) {
      if (lastStage.get(line.customerId)?.endsWith('_retain') && !line.stage!.endsWith('_retain')) wonBack++;
      lastStage.set(line.customerId, line.stage!);
    }
    expect(wonBack).toBeGreaterThan(0);
  });

  it('has churn-warning customers kept after a warning, recalled after going dormant or churned, and tagged with a churn reason', () => {
    const { lines } = runTemplate('churn-warning', generateCohort('churn-warning', { start: '2025-01-01' }), { until: '2026-01-01T00:00:00Z' });
    const goals = new Set(lines.filter((l) => l.kind === 'goal').map((l) => l.detail));
    expect(goals).toEqual(new Set(['retained', 'recalled']));
    const reasons = new Set(lines.filter((l) => l.detail?.startsWith('addTag:churn-')).map((l) => l.detail));
    expect(reasons).toEqual(new Set(['addTag:churn-natural', 'addTag:churn-soft', 'addTag:churn-hard', 'addTag:churn-experience']));
  });

  it('has customers who go quiet and come back (dormancy ladder: active again; K12: revenue again)', () => {
    for (const [id, comeback] of [['dormancy-ladder', 's_reactivated'], ['k12-five-stage', 's_back']] as const) {
      const { lines } = runTemplate(id, generateCohort(id, { start: '2025-01-01' }), { until: '2026-01-01T00:00:00Z' });
      expect(lines.filter((l) => l.node === comeback || l.node === 's_back_paid').length, id).toBeGreaterThan(0);
    }
  });
});
