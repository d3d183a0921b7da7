/** The journey graph: reachability, loops customers cannot leave, loops that would spin, and inactivity ladders along waits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codesOf, diagnosticsOf, nodeById, validJourney, type JsonJourney } from './fixtures.ts';

/** A minimal journey from a list of nodes, entered at the first one. */
function journey(nodes: JsonJourney[]): JsonJourney {
  return {
    id: 'graph',
    name: { zh: '图', en: 'Graph' },
    version: 1,
    entry: { trigger: { type: 'event', event: 'signup' }, next: nodes[0]!.id },
    nodes,
  };
}

const exit = { id: 'done', kind: 'exit' };
const delay = (id: string, duration: string, next: string) => ({ id, kind: 'wait', mode: 'delay', duration, next });
const tag = (id: string, next: string) => ({ id, kind: 'action', action: { type: 'addTag', tag: 'x' }, next });
const inactivity = (id: string, timeout: string | object, timeoutNext: string, onEvent = 'done') => ({
  id,
  kind: 'wait',
  mode: 'events',
  events: [{ event: '*', next: onEvent }],
  timeout,
  timeoutFrom: 'lastActivity',
  timeoutNext,
});

describe('reachability and ways out', () => {
  it('accepts a goal without next as an end, and a goal with next as a step', () => {
    expect(codesOf(journey([{ id: 'g', kind: 'goal', goal: 'converted' }]))).toEqual([]);
    expect(codesOf(journey([{ id: 'g', kind: 'goal', goal: 'converted', next: 'done' }, exit]))).toEqual([]);
  });

  it('accepts a recurring loop that has a wait and a way out', () => {
    const check = { id: 'check', kind: 'condition', branches: [{ when: { fact: 'purchaseCount', operator: 'greaterThan', value: 0 }, next: 'done' }], else: 'remind' };
    expect(codesOf(journey([check, tag('remind', 'pause'), delay('pause', '7d', 'check'), exit]))).toEqual([]);
  });

  it('reports a loop with a wait but no way out once, at its first node', () => {
    const diagnostics = diagnosticsOf(journey([tag('remind', 'pause'), delay('pause', '7d', 'remind')]));
    expect(diagnostics).toEqual([expect.objectContaining({ code: 'no-way-out', nodeId: 'remind', path: ['nodes', 0, 'id'] })]);
    expect(diagnostics[0]!.message).toBe('customers who reach `remind` or `pause` can never leave: they loop among each other with no path to an exit or a final goal');
  });

  it('reports the trap, not the nodes that lead into it', () => {
    const split = { id: 'split', kind: 'split', branches: [{ percent: 50, next: 'done' }, { percent: 50, next: 'remind' }] };
    const diagnostics = diagnosticsOf(journey([split, tag('remind', 'pause'), delay('pause', '7d', 'remind'), exit]));
    expect(diagnostics.map((d) => [d.code, d.nodeId])).toEqual([['no-way-out', 'remind']]);
  });

  it('reports each orphan, but not the nodes behind a misspelt edge it can guess', () => {
    expect(diagnosticsOf(journey([tag('a', 'done'), exit, tag('orphan', 'done')])).map((d) => [d.code, d.nodeId])).toEqual([['unreachable-node', 'orphan']]);
    expect(diagnosticsOf(journey([tag('a', 'bb'), tag('b', 'done'), exit])).map((d) => d.code)).toEqual(['unknown-target']);
  });
});

describe('loops without a wait', () => {
  it('reports a loop of instant nodes', () => {
    const check = { id: 'check', kind: 'condition', branches: [{ when: { fact: 'purchaseCount', operator: 'greaterThan', value: 0 }, next: 'done' }], else: 'remind' };
    const [d] = diagnosticsOf(journey([check, tag('remind', 'check'), exit]));
    expect(d).toMatchObject({ code: 'loop-without-wait', nodeId: 'check' });
  });

  it('reports a node that leads to itself', () => {
    expect(codesOf(journey([tag('again', 'again')]))).toEqual(['no-way-out', 'loop-without-wait']);
  });

  it('finds the instant cycle inside a loop that also has a wait elsewhere', () => {
    const check = { id: 'check', kind: 'condition', branches: [{ when: { fact: 'tags', operator: 'contains', value: 'x' }, next: 'remind' }], else: 'pause' };
    const codes = codesOf(journey([check, tag('remind', 'check'), delay('pause', '1d', 'check'), exit]));
    expect(codes).toContain('loop-without-wait');
  });

  it('does not count a zero delay as a wait', () => {
    expect(codesOf(journey([tag('remind', 'pause'), delay('pause', '0m', 'remind'), exit]))).toEqual(expect.arrayContaining(['duration-zero', 'loop-without-wait']));
  });

  it('knows an inactivity wait reached again times out at once, and an awaited event does not', () => {
    const [d] = diagnosticsOf(journey([tag('remind', 'idle'), inactivity('idle', '30d', 'remind'), exit]));
    expect(d).toMatchObject({ code: 'loop-without-wait', nodeId: 'remind' });
    expect(d!.message).toContain('times out at once');
    const onEvent = { ...inactivity('idle', '30d', 'done', 'remind'), timeoutFrom: 'entered' };
    expect(codesOf(journey([tag('remind', 'idle'), onEvent, exit]))).toEqual([]);
  });

  it('knows a wait until a date stops waiting once the date has passed', () => {
    const check = { id: 'check', kind: 'condition', branches: [{ when: { fact: 'purchaseCount', operator: 'greaterThan', value: 0 }, next: 'done' }], else: 'until' };
    const until = { id: 'until', kind: 'wait', mode: 'until', date: '2030-01-01', next: 'check' };
    const [d] = diagnosticsOf(journey([check, until, exit]));
    expect(d).toMatchObject({ code: 'loop-without-wait', nodeId: 'check' });
    expect(d!.message).toContain('a wait until a date stops waiting once the date has passed');
    const daily = { id: 'until', kind: 'wait', mode: 'until', time: '09:00', next: 'check' };
    expect(codesOf(journey([check, daily, exit]))).toEqual([]);
  });
});

describe('inactivity ladders', () => {
  const ladder = (...timeouts: (string | object)[]) =>
    journey([
      ...timeouts.flatMap((t, i) => [inactivity(`w${i}`, t, `s${i}`), { id: `s${i}`, kind: 'action', action: { type: 'message', channel: 'sms', template: `t${i}` }, next: i === timeouts.length - 1 ? 'done' : `w${i + 1}` }]),
      exit,
    ]);

  it('accepts 30/45/90/180 days', () => {
    expect(codesOf(ladder('30d', '45d', '90d', '180d'))).toEqual([]);
  });

  it('reports 90 then 60 as out of order, and equal thresholds as overlapping', () => {
    const [order] = diagnosticsOf(ladder('30d', '90d', '60d'));
    expect(order).toMatchObject({ code: 'ladder-order', nodeId: 'w2', path: ['nodes', 4, 'timeout'] });
    expect(codesOf(ladder('45d', '45d'))).toEqual(['ladder-overlap']);
  });

  it('compares thresholds across units and through condition and stage nodes', () => {
    expect(codesOf(ladder('2w', '13d'))).toEqual(['ladder-order']);
    const doc = validJourney();
    nodeById(doc, 'wait180').timeout = '1000h';
    expect(codesOf(doc)).toEqual(['ladder-order']);
  });

  it('resolves param thresholds with their defaults or the given values', () => {
    const doc = ladder('30d', { param: 'silentAfterDays', unit: 'd' }, '90d');
    doc.params = { silentAfterDays: { type: 'number', default: 45 } };
    expect(codesOf(doc)).toEqual([]);
    expect(codesOf(doc, { silentAfterDays: 120 })).toEqual(['ladder-order']);
    expect(codesOf(doc, { silentAfterDays: 20 })).toEqual(['ladder-order']);
  });

  it('ignores waits timed from entering the node', () => {
    const doc = ladder('90d', '60d');
    doc.nodes[2].timeoutFrom = 'entered';
    expect(codesOf(doc)).toEqual([]);
  });
});

describe('any graph', () => {
  it('is analysed without failing, and every reachable cycle without exit is reported', () => {
    const kinds = ['tag', 'delay', 'idle', 'split', 'exit'] as const;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...kinds), fc.nat(7), fc.nat(7)), { minLength: 1, maxLength: 8 }), (spec) => {
        const id = (i: number): string => `n${i % spec.length}`;
        const nodes = spec.map(([kind, a, b], i) => {
          if (kind === 'tag') return tag(`n${i}`, id(a));
          if (kind === 'delay') return delay(`n${i}`, '1d', id(a));
          if (kind === 'idle') return inactivity(`n${i}`, '30d', id(a), id(b));
          if (kind === 'split') return { id: `n${i}`, kind: 'split', branches: [{ percent: 50, next: id(a) }, { percent: 50, next: id(b) }] };
          return { id: `n${i}`, kind: 'exit' };
        });
        const codes = codesOf(journey(nodes));
        expect(codes).not.toContain('checker-failure');
        if (!spec.some(([kind]) => kind === 'exit')) expect(codes).toContain('no-way-out');
      }),
      { numRuns: 300 },
    );
  });
});
