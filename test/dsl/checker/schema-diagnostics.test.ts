/** Schema failures become one clear diagnostic per problem, reported against the branch of a union the input meant. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkJourney } from '../../../dsl/checker/index.ts';
import { diagnosticsOf, nodeById, validJourney } from './fixtures.ts';

const only = (input: unknown) => {
  const diagnostics = diagnosticsOf(input);
  expect(diagnostics.every((d) => d.code === 'schema' && d.severity === 'error')).toBe(true);
  return diagnostics;
};

describe('schema diagnostics', () => {
  it('rejects what is not a document at all, without throwing', () => {
    for (const input of [null, undefined, 42, 'journey', [], true]) {
      const result = checkJourney(input);
      expect(result.doc).toBeUndefined();
      expect(result.diagnostics).toHaveLength(1);
      expect(result.diagnostics[0]!.message).toMatch(/^the document must be an object, not /);
    }
  });

  it('names missing keys and what they should hold', () => {
    const doc = validJourney();
    delete doc.entry.next;
    expect(only(doc)).toEqual([expect.objectContaining({ path: ['entry', 'next'], message: '`entry` needs `next` (a string)' })]);
  });

  it('reports an unknown node kind with the kinds there are, not an "invalid union"', () => {
    const doc = validJourney();
    nodeById(doc, 'lostExit').kind = 'exti';
    const [d] = only(doc);
    expect(d).toMatchObject({ path: ['nodes', 15, 'kind'], nodeId: 'lostExit' });
    expect(d!.message).toBe('`nodes[15].kind` must be one of `stage`, `condition`, `wait`, `split`, `action`, `goal` or `exit`, not the string "exti" — did you mean `exit`?');
  });

  it('checks a node against the schema of its own kind', () => {
    const doc = validJourney();
    nodeById(doc, 'wait30').timout = '30d';
    delete nodeById(doc, 'wait30').timeout;
    expect(only(doc)).toEqual([
      expect.objectContaining({ path: ['nodes', 1, 'timout'], nodeId: 'wait30', message: '`nodes[1]` has an unknown key `timout` — did you mean `timeout`?' }),
    ]);
  });

  it('picks the wait mode the node names', () => {
    const doc = validJourney();
    nodeById(doc, 'wait30').mode = 'event';
    const [d] = only(doc);
    expect(d!.path).toEqual(['nodes', 1, 'mode']);
    expect(d!.message).toMatch(/must be one of `delay`, `until` or `events`, not the string "event" — did you mean `events`\?/);
  });

  it('picks the action type the action names', () => {
    const doc = validJourney();
    nodeById(doc, 'coupon').action = { type: 'mesage', channel: 'sms', template: 't' };
    const [d] = only(doc);
    expect(d!.path).toEqual(['nodes', 11, 'action', 'type']);
    expect(d!.message).toMatch(/`message`, `setField`, `addTag`, `removeTag`, `task` or `webhook`.*did you mean `message`\?/);
  });

  it('reports a bad operator inside a condition at the operator', () => {
    const doc = validJourney();
    nodeById(doc, 'bySpend').branches[1].when.all[1].operator = 'lessThen';
    const [d] = only(doc);
    expect(d!.path).toEqual(['nodes', 5, 'branches', 1, 'when', 'all', 1, 'operator']);
    expect(d!.message).toMatch(/did you mean `lessThan`\?/);
  });

  it('explains a duration that is neither a literal nor a param', () => {
    const doc = validJourney();
    nodeById(doc, 'wait180').timeout = 180;
    const [d] = only(doc);
    expect(d!.message).toBe('`nodes[12].timeout` must be a duration such as "45d" or "12h", or { "param": …, "unit": "d" }, not the number 180');
  });

  it('passes on the schema\'s own format messages', () => {
    const doc = validJourney();
    nodeById(doc, 'wait180').timeout = '180 days';
    expect(only(doc)[0]!.message).toMatch(/^`nodes\[12\]\.timeout` must be a number followed by a unit/);
  });

  it('reports an unknown trigger type with the types there are', () => {
    const doc = validJourney();
    doc.entry.trigger.type = 'evnt';
    const [d] = only(doc);
    expect(d!.path).toEqual(['entry', 'trigger', 'type']);
    expect(d!.message).toMatch(/`event`, `segment` or `schedule`.*did you mean `event`\?/);
  });

  it('reports every problem, in document order', () => {
    const doc = validJourney();
    doc.version = 0;
    nodeById(doc, 'markLost').stage = 7;
    doc.policies.quietHours.from = '25:00';
    const diagnostics = only(doc);
    expect(diagnostics.map((d) => d.path)).toEqual([['version'], ['nodes', 13, 'stage'], ['policies', 'quietHours', 'from']]);
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const { diagnostics } = checkJourney(input);
        expect(diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never fails inside on a valid journey with random parts replaced', () => {
    const base = validJourney();
    const keys = (value: unknown): string[] => (value !== null && typeof value === 'object' ? Object.keys(value) : []);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), fc.jsonValue(), (choices, replacement) => {
        const doc = structuredClone(base);
        let parent: Record<string, unknown> = doc;
        for (const [depth, choice] of choices.entries()) {
          const options = keys(parent);
          const key = options[choice % options.length];
          if (key === undefined) break;
          const child = parent[key];
          if (depth === choices.length - 1 || keys(child).length === 0) {
            parent[key] = replacement;
            break;
          }
          parent = child as Record<string, unknown>;
        }
        const { diagnostics } = checkJourney(doc);
        expect(diagnostics.filter((d) => d.code === 'checker-failure')).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
