/** Golden files: hand-written journeys in text form and the JSON documents they must read as. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JourneyDocument } from '../../../dsl/schema/document.ts';
import { parseJourneyText, printJourneyText } from '../../../dsl/text/index.ts';

const goldenDir = join(import.meta.dirname, 'golden');
const names = readdirSync(goldenDir)
  .filter((file) => file.endsWith('.journey'))
  .map((file) => file.slice(0, -'.journey'.length));

describe.each(names)('golden %s', (name) => {
  const text = readFileSync(join(goldenDir, `${name}.journey`), 'utf8');
  const expected = JourneyDocument.parse(JSON.parse(readFileSync(join(goldenDir, `${name}.json`), 'utf8')));

  it('reads as the expected JSON document', () => {
    const { doc, diagnostics } = parseJourneyText(text);
    expect(diagnostics).toEqual([]);
    expect(doc).toStrictEqual(expected);
  });

  it('prints back to text that reads as the same document, and prints stably', () => {
    const printed = printJourneyText(expected);
    expect(parseJourneyText(printed).doc).toStrictEqual(expected);
    expect(printJourneyText(parseJourneyText(printed).doc as JourneyDocument)).toBe(printed);
  });
});

describe('canonical printing', () => {
  it('prints the dormancy ladder exactly as written (without its comment line)', () => {
    const text = readFileSync(join(goldenDir, 'dormancy-ladder.journey'), 'utf8');
    const withoutComments = text.replace(/^#.*\n/gm, '');
    const { doc } = parseJourneyText(text);
    expect(printJourneyText(doc as JourneyDocument)).toBe(withoutComments);
  });

  it('fills in defaults for what a minimal journey leaves out', () => {
    const { doc } = parseJourneyText(readFileSync(join(goldenDir, 'minimal.journey'), 'utf8'));
    expect(doc?.policies).toStrictEqual({ frequencyCaps: [], timezone: 'Asia/Shanghai' });
    expect(doc?.entry.reentry).toBe('never');
    expect(doc?.layout).toBeUndefined();
  });

  it('prints the condition shapes that need explicit groups', () => {
    const { doc } = parseJourneyText(readFileSync(join(goldenDir, 'conditions.journey'), 'utf8'));
    const printed = printJourneyText(doc as JourneyDocument);
    expect(printed).toContain('entry on "Order Completed" when all() -> shapes');
    expect(printed).toContain('if any() -> a "empty any"');
    expect(printed).toContain('if (purchaseCount >= 1 and totalSpend > 99.5) and stage != "lost" -> a');
    expect(printed).toContain('if not not tags contains vip -> a');
    expect(printed).toContain('or `not` == false -> a');
    expect(printed).toContain('if eventCount("visit", days: 30) <= 2500 -> a');
    expect(printed).toContain('note == "say \\"hi\\"\\n中\\\\"');
  });
});

describe('the example in SYNTAX.md', () => {
  const syntax = readFileSync(join(import.meta.dirname, '../../../dsl/text/SYNTAX.md'), 'utf8');
  const block = (lang: string): string => {
    const match = new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(syntax);
    expect(match, `a \`\`\`${lang} block`).not.toBeNull();
    return (match as RegExpExecArray)[1] as string;
  };

  it('reads as the JSON shown next to it', () => {
    const { doc, diagnostics } = parseJourneyText(block('journey'));
    expect(diagnostics).toEqual([]);
    expect(doc).toStrictEqual(JourneyDocument.parse(JSON.parse(block('json'))));
  });
});

describe('template journeys', () => {
  const templatesDir = join(import.meta.dirname, '../../../templates');
  const journeys = readdirSync(templatesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const dir = join(templatesDir, entry.name, 'journeys');
      try {
        return readdirSync(dir).filter((file) => file.endsWith('.json')).map((file) => join(dir, file));
      } catch {
        return [];
      }
    });

  it.each(journeys)('%s round-trips through the text form', (file) => {
    const doc = JourneyDocument.parse(JSON.parse(readFileSync(file, 'utf8')));
    const { doc: again, diagnostics } = parseJourneyText(printJourneyText(doc));
    expect(diagnostics).toEqual([]);
    expect(again).toStrictEqual(doc);
  });
});
