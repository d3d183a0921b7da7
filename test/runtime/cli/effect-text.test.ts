/** `simulate`'s line writer: the hand-written text of the common kinds is exactly JSON.stringify of the line object. */
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import { effectLine, effectText } from '../../../runtime/cli/simulate.ts';
import { segmentToInput } from '../../../runtime/engine/segment-calls.ts';
import { step } from '../../../runtime/engine/step.ts';
import type { CustomerState, Effect } from '../../../runtime/engine/types.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { generateCohort } from '../../../templates/cohort.ts';
import { listTemplates } from '../../../templates/index.ts';

describe('effectText', () => {
  it('writes every effect of every template cohort as JSON.stringify(effectLine(effect)) does', () => {
    const kinds = new Set<string>();
    for (const pack of listTemplates()) {
      const plans = new PlanRegistry(Object.values(pack.journeys).map((doc) => compileJourney(doc, {}).plan!));
      const states = new Map<string, CustomerState>();
      for (const call of generateCohort(pack.id, { start: Date.UTC(2025, 0, 1), size: 30, days: 200 })) {
        const input = segmentToInput(call, call.messageId);
        if ('error' in input) throw new Error(input.error);
        const { state, effects } = step(plans, states.get(input.customerId), input);
        states.set(input.customerId, state);
        for (const effect of effects) {
          kinds.add(effect.kind);
          expect(effectText(effect)).toBe(JSON.stringify(effectLine(effect)));
        }
      }
    }
    expect([...kinds]).toEqual(expect.arrayContaining(['entered', 'branch', 'stage', 'action', 'task', 'timerSet']));
  });

  it('escapes names and customers that need it, also when they repeat', () => {
    const common = { at: Date.UTC(2025, 0, 1), journeyId: 'j"1', version: 2, node: 'n\\\u2028\u0000', inputId: 'i', ordinal: 0 };
    const effects: Effect[] = [
      { ...common, customerId: 'c"1', kind: 'entered' },
      { ...common, customerId: 'c"1', kind: 'branch', branch: 'branch:0', next: '下一步"' },
      { ...common, customerId: '客户\n2', kind: 'stage', stage: 's"', from: 'f\t' },
      { ...common, customerId: '客户\n2', kind: 'stage', stage: 's"' },
    ];
    for (const effect of [...effects, ...effects]) expect(effectText(effect)).toBe(JSON.stringify(effectLine(effect)));
  });
});
