/** Simulation: its effects and states are the engine's, whether a timer fires from the simulation's queue or from a step's catch-up. */
import { describe, expect, it } from 'vitest';
import { compileJourney } from '../../../dsl/compiler/index.ts';
import { Simulation } from '../../../runtime/clock/simulation.ts';
import { step } from '../../../runtime/engine/step.ts';
import type { CustomerState, Effect, Input } from '../../../runtime/engine/types.ts';
import { PlanRegistry } from '../../../runtime/plan-registry.ts';
import { findTemplateJourney } from '../../../templates/index.ts';

const DAY = 86_400_000;
const START = Date.UTC(2025, 0, 1);

function ladder(): PlanRegistry {
  const { plan } = compileJourney(findTemplateJourney('dormancy-ladder')!, {});
  return new PlanRegistry([plan!]);
}

const event = (id: string, name: string, at: number): Input => ({ type: 'event', id, customerId: 'c1', event: name, at, properties: { amount: 10 } });

/** The inputs one by one through `step`, whose catch-up fires every timer due before each input. */
function stepped(plans: PlanRegistry, inputs: readonly Input[]): { effects: Effect[]; state: CustomerState | undefined } {
  const effects: Effect[] = [];
  let state: CustomerState | undefined;
  for (const input of inputs) {
    const result = step(plans, state, input);
    state = result.state;
    effects.push(...result.effects);
  }
  return { effects, state };
}

describe('Simulation', () => {
  it('fires a timer due a fraction of a millisecond before an input within that input, as the engine does', () => {
    const plans = ladder();
    // The 30-day keep-in-touch timer is due at START + 30 days: after `at − 1` but before `at`.
    const inputs = [event('m1', 'purchase', START), event('m2', 'page_view', START + 30 * DAY + 0.5)];
    const effects: Effect[] = [];
    const simulation = new Simulation(plans, { onEffect: (effect) => effects.push(effect) });
    for (const input of inputs) simulation.ingest(input);
    const reference = stepped(plans, inputs);
    expect(effects.some((effect) => effect.kind === 'action' && effect.inputId !== 'm1' && effect.inputId !== 'm2')).toBe(true);
    expect(effects).toEqual(reference.effects);
    expect(simulation.customer('c1')).toEqual(reference.state);
  });

  it('fires timers from its queue between inputs with the effects catch-up would give', () => {
    const plans = ladder();
    const inputs = [event('m1', 'purchase', START), event('m2', 'page_view', START + 100 * DAY), event('m3', 'purchase', START + 300 * DAY)];
    const effects: Effect[] = [];
    const simulation = new Simulation(plans, { onEffect: (effect) => effects.push(effect) });
    for (const input of inputs) simulation.ingest(input);
    const reference = stepped(plans, inputs);
    expect(effects).toEqual(reference.effects);
    expect(simulation.customer('c1')).toEqual(reference.state);
  });
});
