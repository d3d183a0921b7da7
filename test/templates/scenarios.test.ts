// Scenario tests for the required packs: hand-written events, the exact stage changes, actions and tasks at exact times.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aarrrScenarios } from './scenarios/aarrr.ts';
import { awarenessScenarios } from './scenarios/awareness-to-advocacy.ts';
import { churnScenarios } from './scenarios/churn-warning.ts';
import { dormancyScenarios } from './scenarios/dormancy-ladder.ts';
import { k12Scenarios } from './scenarios/k12-five-stage.ts';
import { ladderScenarios } from './scenarios/purchase-ladder.ts';
import { rfmScenarios } from './scenarios/rfm-segments.ts';
import type { Expected, Scenario } from './scenarios/scenario.ts';
import { runTemplate, VISIBLE_KINDS, type EffectLine } from './template-run.ts';

const SCENARIOS: Scenario[] = [...dormancyScenarios, ...k12Scenarios, ...aarrrScenarios, ...rfmScenarios, ...awarenessScenarios, ...ladderScenarios, ...churnScenarios];

const asExpected = (line: EffectLine): Expected => {
  const extra = line.kind === 'stage' ? line.stage : line.detail;
  return extra === undefined ? [line.at, line.customerId, line.node, line.kind] : [line.at, line.customerId, line.node, line.kind, extra];
};

describe('template scenarios through the runtime library', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.template}: ${scenario.name}`, () => {
      const { lines } = runTemplate(scenario.template, scenario.events, { until: scenario.until, ...(scenario.params ? { params: scenario.params } : {}) });
      expect(lines.map(asExpected)).toEqual(scenario.expected);
    });
  }
});

const SIMULATE_CLI = join(import.meta.dirname, '../../runtime/cli/simulate.ts');

describe.skipIf(!existsSync(SIMULATE_CLI))('template scenarios through `lifecycle-studio simulate --journey TEMPLATE_ID`', () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.template}: ${scenario.name}`, async () => {
      const { main } = await import('../../runtime/cli/main.ts');
      const dir = mkdtempSync(join(tmpdir(), 'template-scenario-'));
      const eventsFile = join(dir, 'events.ndjson');
      writeFileSync(eventsFile, scenario.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const out: string[] = [];
      const err: string[] = [];
      const params = Object.entries(scenario.params ?? {}).flatMap(([name, value]) => ['--param', `${name}=${String(value)}`]);
      const code = await main(['simulate', '--journey', scenario.template, '--events', eventsFile, '--until', scenario.until, ...params], {
        stdout: (line) => out.push(line),
        stderr: (line) => err.push(line),
        cwd: dir,
      });
      expect(err.join('\n')).toBe('');
      expect(code).toBe(0);
      const printed = out
        .flatMap((text) => text.split('\n'))
        .filter((text) => text.trim() !== '')
        .map((text) => JSON.parse(text) as { at: string; customerId: string; journey: string; node: string; kind: string; stage?: string })
        .filter((effect) => VISIBLE_KINDS.has(effect.kind));
      for (const effect of printed) expect(effect.journey).toBe(scenario.template);
      expect(printed.map((e) => [e.at, e.customerId, e.node, e.kind, ...(e.kind === 'stage' ? [e.stage] : [])])).toEqual(
        scenario.expected.map(([at, customerId, node, kind, extra]) => [at, customerId, node, kind, ...(kind === 'stage' ? [extra] : [])]),
      );
    });
  }
});
