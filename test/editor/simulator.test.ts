/** The in-browser simulator's core: NDJSON parsing with located errors, and a run of the real engine on a virtual clock. */
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../dsl/compiler/index.ts';
import { en } from '../../editor/i18n/en.ts';
import { zhCN } from '../../editor/i18n/zh-CN.ts';
import { parseSegmentNdjson } from '../../editor/simulator/segment-events.ts';
import { segmentProblemText } from '../../runtime/engine/segment-calls.ts';
import { simulateJourney } from '../../editor/simulator/simulate.ts';
import { sampleJourney } from './sample-journey.ts';

const line = (o: unknown) => JSON.stringify(o);

describe('NDJSON events', () => {
  it('reads track and identify calls in time order and reports bad lines with their number', () => {
    const text = [
      line({ type: 'track', event: 'purchase', userId: 'b', timestamp: '2025-01-02T00:00:00Z', properties: { amount: 5 } }),
      line({ type: 'identify', userId: 'a', timestamp: '2025-01-01T00:00:00Z', traits: { city: 'Xi\'an' } }),
      '{oops',
      line({ type: 'track', event: 'x', timestamp: '2025-01-01T00:00:00Z' }),
      '',
    ].join('\n');
    const { inputs, errors } = parseSegmentNdjson(text);
    expect(inputs.map((i) => `${i.type}:${i.customerId}`)).toEqual(['identify:a', 'event:b']);
    expect(errors).toEqual([
      { line: 3, problem: { code: 'notJson' } },
      { line: 4, problem: { code: 'missingCustomer' } },
    ]);
  });

  it('has words in both languages for every problem a line can have (the e2e simulate spec shows them)', () => {
    const text = ['[1]', line({ type: 'trak', userId: 'u', timestamp: 1 }), line({ event: 'x', timestamp: 1 }), line({ event: 'x', userId: true, timestamp: 1 }),
      line({ event: 'x', userId: 'u' }), line({ event: 'x', userId: 'u', timestamp: 'soon' }), line({ event: 'x', userId: 'u', timestamp: 1, messageId: 7 }),
      line({ type: 'identify', userId: 'u', timestamp: 1, traits: 3 }), line({ type: 'track', userId: 'u', timestamp: 1 }), line({ event: 'x', userId: 'u', timestamp: 1, properties: [] }),
      line({ userId: 'u', timestamp: 1 }), '{oops'].join('\n');
    const codes = parseSegmentNdjson(text).errors.map((bad) => bad.problem.code);
    expect(new Set(codes).size).toBe(12);
    for (const code of codes) {
      expect(en.sim.problems[code]).toMatch(/\w/);
      expect(zhCN.sim.problems[code]).toMatch(/[\u4e00-\u9fff]/);
    }
    // The English words are the command line's (placeholders filled in as i18next fills them).
    for (const { problem } of parseSegmentNdjson(text).errors) {
      if (problem.code === 'notJson') continue;
      const filled = en.sim.problems[problem.code]
        .replace(/\$t\(sim\.jsonKinds\.\{\{found\}\}\)/, () => en.sim.jsonKinds['found' in problem ? problem.found : 'null'])
        .replace(/\{\{(\w+)\}\}/g, (_, name: string) => String((problem as Record<string, unknown>)[name]));
      expect(filled).toBe(segmentProblemText(problem));
    }
  });

});

describe('simulation', () => {
  it('counts entries, waiting customers, stages and timeouts on the virtual clock', () => {
    const { plan } = compileJourney(sampleJourney());
    expect(plan).toBeDefined();
    const events = [
      line({ type: 'track', event: 'signup', userId: 'u1', timestamp: '2025-01-01T09:00:00Z', messageId: 'm1' }),
      line({ type: 'track', event: 'signup', userId: 'u2', timestamp: '2025-01-01T10:00:00Z', messageId: 'm2' }),
      line({ type: 'track', event: 'purchase', userId: 'u1', timestamp: '2025-01-02T10:00:00Z', properties: { amount: 500 }, messageId: 'm3' }),
      line({ type: 'track', event: 'signup', userId: 'u3', timestamp: '2025-01-20T10:00:00Z', messageId: 'm4' }),
    ].join('\n');
    const progress: number[] = [];
    const summary = simulateJourney(plan!, parseSegmentNdjson(events).inputs, { until: Date.parse('2025-01-21T00:00:00Z'), onProgress: (done) => progress.push(done) });
    expect(summary.customers).toBe(3);
    expect(summary.nodeCounts.$entry?.passed).toBe(3);
    expect(summary.nodeCounts.start?.passed).toBe(3);
    // u3 entered a day before the end: still waiting for a purchase.
    expect(summary.nodeCounts.wait?.current).toBe(1);
    // u1 purchased; u2 timed out after 7 days: both reached the message.
    expect(summary.nodeCounts.welcome?.passed).toBe(2);
    expect(summary.daily.at(-1)?.counts.active).toBe(3);
    expect(summary.days).toBe(20);
    expect(progress.at(-1)).toBe(4);
  });
});
