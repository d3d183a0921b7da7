// The built-in packs: exact ids and stage ids, every journey checks and compiles clean, notes for every stage in both languages.
import { describe, expect, it } from 'vitest';
import { checkJourney } from '../../dsl/checker/index.ts';
import { compileJourney } from '../../dsl/compiler/index.ts';
import { parseJourneyText, printJourneyText } from '../../dsl/text/index.ts';
import { findTemplate, findTemplateJourney, listTemplates } from '../../templates/index.ts';

const REQUIRED: Record<string, string[]> = {
  'dormancy-ladder': ['active', 'silent', 'sleeping', 'lost'],
  'k12-five-stage': ['acquisition', 'growth', 'revenue', 'dormant', 'churned'],
  aarrr: ['acquisition', 'activation', 'revenue', 'retention', 'referral'],
};

/** The further models the seeds describe, with the stage ids their notes and analytics key on. */
const FURTHER: Record<string, string[]> = {
  'rfm-segments': ['important_value', 'important_develop', 'important_keep', 'important_retain', 'general_value', 'general_develop', 'general_keep', 'general_retain'],
  'awareness-to-advocacy': ['awareness', 'conversion', 'growth', 'retention', 'advocacy'],
  'purchase-ladder': ['first_purchase', 'second_purchase', 'third_purchase', 'building', 'sticky'],
  'churn-warning': ['healthy', 'warning', 'dormant', 'churned'],
};

describe('built-in template packs', () => {
  it('include the required packs with exactly their stage ids', () => {
    for (const [id, stages] of Object.entries(REQUIRED)) {
      expect(findTemplate(id)?.journeys[0]!.stages.map((s) => s.id), id).toEqual(stages);
    }
  });

  it('include the further packs the seeds describe, with their stage ids', () => {
    for (const [id, stages] of Object.entries(FURTHER)) {
      expect(findTemplate(id)?.journeys[0]!.stages.map((s) => s.id), id).toEqual(stages);
    }
  });

  it('have journeys that the checker and the compiler accept without a diagnostic', () => {
    for (const pack of listTemplates()) {
      for (const journey of pack.journeys) {
        expect(checkJourney(journey).diagnostics, journey.id).toEqual([]);
        const { plan, diagnostics } = compileJourney(journey);
        expect(diagnostics, journey.id).toEqual([]);
        expect(plan?.journeyId).toBe(journey.id);
      }
    }
  });

  it('read back from their text form (the editor\'s code panel) as the very same journeys', () => {
    for (const pack of listTemplates()) {
      for (const journey of pack.journeys) {
        const { doc, diagnostics } = parseJourneyText(printJourneyText(journey));
        expect(diagnostics, journey.id).toEqual([]);
        expect(doc, journey.id).toEqual(journey);
      }
    }
  });

  it('refuse param values outside the ranges a consultant set (a sticky line before the fifth order, a zero-day scan)', () => {
    const ladder = findTemplateJourney('purchase-ladder')!;
    expect(checkJourney(ladder, { params: { stickyFromPurchase: 4 } }).diagnostics.map((d) => d.code)).toEqual(['param-override-range']);
    expect(checkJourney(ladder, { params: { stickyFromPurchase: 8 } }).diagnostics).toEqual([]);
    const churn = findTemplateJourney('churn-warning')!;
    expect(checkJourney(churn, { params: { reviewEveryDays: 0 } }).diagnostics.map((d) => d.code)).toEqual(['param-override-range']);
    expect(compileJourney(churn, { reviewEveryDays: 0 }).plan).toBeUndefined();
  });

  it('have notes for every stage, with purpose, actions, channels and KPIs in zh and en', () => {
    for (const pack of listTemplates()) {
      for (const stage of pack.journeys.flatMap((j) => j.stages)) {
        const note = pack.notes[stage.id]!;
        for (const text of [note.purpose, ...note.typicalActions, ...note.channels, ...note.kpis]) {
          expect(text.zh.trim(), `${pack.id}.${stage.id}`).not.toBe('');
          expect(text.en.trim(), `${pack.id}.${stage.id}`).not.toBe('');
        }
      }
    }
  });

  it('expose their params on the pack with the same definitions the journeys use', () => {
    for (const pack of listTemplates()) expect(pack.params).toEqual(pack.journeys[0]!.params);
    expect(findTemplate('dormancy-ladder')!.params).toMatchObject({
      nudgeAfterDays: { default: 30 },
      silentAfterDays: { default: 45 },
      sleepingAfterDays: { default: 90 },
      lostAfterDays: { default: 180 },
      recallMinSpend: { default: 0 },
    });
  });

  it('find a journey by template id or by journey id, and nothing for an unknown id', () => {
    expect(findTemplateJourney('aarrr')?.id).toBe('aarrr');
    expect(findTemplateJourney('k12-five-stage')?.entry.trigger).toEqual({ type: 'event', event: 'lead_captured' });
    expect(findTemplateJourney('nope')).toBeUndefined();
  });
});
