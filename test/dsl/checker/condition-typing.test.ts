/** Facts, operators and values in conditions: which fit which types, and params standing in for values and texts. */
import { describe, expect, it } from 'vitest';
import { OPERATORS, type Condition } from '../../../dsl/schema/condition.ts';
import { diagnosticsOf, nodeById, validJourney, type JsonJourney } from './fixtures.ts';

/** The diagnostics for the fixture with `when` as its entry condition (where `event` is the purchase). */
function entryDiagnostics(when: unknown, edit: (doc: JsonJourney) => void = () => {}) {
  const doc = validJourney();
  doc.schema.profile.city = 'string';
  doc.schema.profile.birthday = 'timestamp';
  doc.entry.trigger.when = when;
  edit(doc);
  return diagnosticsOf(doc).filter((d) => d.path[0] !== 'params' && d.code !== 'unused-param');
}

const SAMPLE_VALUE: Record<string, unknown> = { number: 3, string: 'Shanghai', enum: 'g1', boolean: true, timestamp: '2024-06-01T00:00:00Z', 'string[]': 'vip' };
const FACT_OF_TYPE: Record<string, string> = { number: 'vipLevel', string: 'city', enum: 'grade', boolean: 'optedOut', timestamp: 'birthday', 'string[]': 'tags' };
const FITTING: Record<string, readonly string[]> = {
  number: ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual', 'in', 'notIn'],
  string: ['equal', 'notEqual', 'in', 'notIn'],
  enum: ['equal', 'notEqual', 'in', 'notIn'],
  boolean: ['equal', 'notEqual'],
  timestamp: ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive', 'equal', 'notEqual'],
  'string[]': ['contains', 'doesNotContain'],
};

describe('operators by fact type', () => {
  for (const [type, fact] of Object.entries(FACT_OF_TYPE)) {
    it(`${type}: accepts exactly ${FITTING[type]!.join(', ')}`, () => {
      for (const operator of OPERATORS) {
        // Lists in conditions hold strings and numbers only, so a boolean list is left empty.
        const list = type === 'boolean' ? [] : [SAMPLE_VALUE[type]];
        const value = operator === 'in' || operator === 'notIn' ? list : SAMPLE_VALUE[type];
        const codes = entryDiagnostics({ fact, operator, value }).map((d) => d.code);
        expect(codes, `${fact} ${operator}`).toEqual(FITTING[type]!.includes(operator) ? [] : ['operator-type-mismatch']);
      }
    });
  }
});

describe('values', () => {
  const codes = (when: unknown, edit?: (doc: JsonJourney) => void) => entryDiagnostics(when, edit).map((d) => d.code);

  it('wants a list for in / notIn and one value otherwise', () => {
    expect(codes({ fact: 'grade', operator: 'in', value: 'g1' })).toEqual(['value-type']);
    expect(codes({ fact: 'vipLevel', operator: 'equal', value: [1, 2] })).toEqual(['value-type']);
    expect(codes({ fact: 'vipLevel', operator: 'notIn', value: [1, 'two'] })).toEqual(['value-type']);
  });

  it('checks enum members, declared stages and ISO-8601 UTC times', () => {
    expect(entryDiagnostics({ fact: 'grade', operator: 'in', value: ['g1', 'G2'] })[0]!.message).toMatch(/did you mean `g2`/);
    expect(codes({ fact: 'stage', operator: 'equal', value: 'sleeping' })).toEqual([]);
    expect(entryDiagnostics({ fact: 'stage', operator: 'equal', value: 'sleping' })[0]).toMatchObject({ code: 'unknown-stage', path: ['entry', 'trigger', 'when', 'value'] });
    expect(codes({ fact: 'birthday', operator: 'lessThan', value: '2024-06-01' })).toEqual(['value-type']);
    expect(codes({ fact: 'birthday', operator: 'lessThan', value: '2024-02-30T00:00:00Z' })).toEqual(['value-type']);
    expect(codes({ fact: 'lastPurchaseAt', operator: 'greaterThan', value: '2024-02-29T12:30:00.250Z' })).toEqual([]);
  });

  it('allows null only to test whether a fact is set', () => {
    expect(codes({ fact: 'vipLevel', operator: 'equal', value: null })).toEqual([]);
    expect(codes({ fact: 'vipLevel', operator: 'greaterThan', value: null })).toEqual(['value-type']);
  });

  it('reads event properties only where there is an event, with the awaited event\'s properties', () => {
    expect(codes({ fact: 'event', path: '$.sku', operator: 'equal', value: 'A1' })).toEqual([]);
    expect(codes({ fact: 'event', path: '$.sku', operator: 'equal', value: 1 })).toEqual(['value-type']);
    expect(codes({ fact: 'event', path: '$.amount', operator: 'equal', value: 1 }, (d) => (d.entry.trigger.event = 'app_open'))).toEqual(['unknown-event-property']);
    expect(codes({ fact: 'event', path: '$.amount', operator: 'equal', value: 1 }, (d) => (d.entry.trigger = { type: 'segment', when: d.entry.trigger.when }))).toEqual(['event-outside-event-context']);
    expect(codes({ fact: 'event', path: '$.amount', operator: 'greaterThan', value: 1 }, (d) => (d.entry.trigger.event = '*'))).toEqual([]);
  });

  it('checks every leaf of nested groups', () => {
    const when: Condition = { any: [{ all: [{ fact: 'vipLevl', operator: 'equal', value: 1 }] }, { not: { fact: 'tags', operator: 'equal', value: 'x' } }] };
    expect(entryDiagnostics(when).map((d) => [d.code, d.path.join('.')])).toEqual([
      ['unknown-fact', 'entry.trigger.when.any.0.all.0.fact'],
      ['operator-type-mismatch', 'entry.trigger.when.any.1.not.operator'],
    ]);
  });
});

describe('params in conditions and actions', () => {
  const withParams = (edit: (doc: JsonJourney) => void, params?: Record<string, string | number | boolean>) => {
    const doc = validJourney();
    doc.params.level = { type: 'number', default: 3 };
    doc.params.segment = { type: 'enum', values: ['g1', 'g2'], default: 'g1' };
    doc.params.city = { type: 'string', default: 'Shanghai' };
    edit(doc);
    return diagnosticsOf(doc, params).filter((d) => d.code !== 'unused-param');
  };
  const entryWhen = (when: unknown) => (doc: JsonJourney) => (doc.entry.trigger.when = when);

  it('accepts a param of the fact\'s type', () => {
    expect(withParams(entryWhen({ fact: 'vipLevel', operator: 'greaterThan', value: { param: 'level' } }))).toEqual([]);
    expect(withParams(entryWhen({ fact: 'grade', operator: 'equal', value: { param: 'segment' } }))).toEqual([]);
    expect(withParams(entryWhen({ fact: 'tags', operator: 'contains', value: { param: 'city' } }))).toEqual([]);
  });

  it('rejects a param of another type, a list operator with a param, an enum param with foreign values', () => {
    const [number] = withParams(entryWhen({ fact: 'vipLevel', operator: 'greaterThan', value: { param: 'city' } }));
    expect(number).toMatchObject({ code: 'param-type-mismatch', path: ['entry', 'trigger', 'when', 'value', 'param'] });
    expect(number!.message).toBe('param `city` is a string param, but `vipLevel` is a number, so it needs a number param');
    expect(withParams(entryWhen({ fact: 'grade', operator: 'in', value: { param: 'segment' } })).map((d) => d.code)).toEqual(['param-type-mismatch']);
    expect(withParams((d) => {
      d.params.segment.values = ['g1', 'g9'];
      entryWhen({ fact: 'grade', operator: 'equal', value: { param: 'segment' } })(d);
    }).map((d) => d.code)).toEqual(['param-type-mismatch']);
  });

  it('checks a string param\'s value against an enum fact, with the given value', () => {
    const when = entryWhen({ fact: 'grade', operator: 'equal', value: { param: 'city' } });
    expect(withParams(when).map((d) => d.code)).toEqual(['value-not-in-enum']);
    expect(withParams(when, { city: 'g3' })).toEqual([]);
  });

  it('wants a string or enum param for channels, templates, tags and task titles', () => {
    const [d] = withParams((doc) => (nodeById(doc, 'coupon').action.template = { param: 'level' }));
    expect(d).toMatchObject({ code: 'param-type-mismatch', nodeId: 'coupon', path: ['nodes', 11, 'action', 'template', 'param'] });
    expect(withParams((doc) => (nodeById(doc, 'callTask').action.title = { param: 'city' }))).toEqual([]);
  });

  it('checks setField values against the field, params included', () => {
    const setField = (value: unknown) => (doc: JsonJourney) => (nodeById(doc, 'callTask').action = { type: 'setField', field: 'vipLevel', value });
    expect(withParams(setField(4))).toEqual([]);
    expect(withParams(setField(null))).toEqual([]);
    expect(withParams(setField({ param: 'level' }))).toEqual([]);
    expect(withParams(setField('high')).map((d) => [d.code, d.path.join('.')])).toEqual([['value-type', 'nodes.7.action.value']]);
    expect(withParams(setField({ param: 'city' })).map((d) => d.code)).toEqual(['param-type-mismatch']);
  });
});
