/** The JSON Schema of a journey document, generated from the zod schema (for Monaco and users' own editors). */
import { z } from 'zod';
import { JourneyDocument } from './schema/document.ts';

let cached: Record<string, unknown> | undefined;

/**
 * The JSON Schema (draft 2020-12) of the journey document's input form.
 *
 * @example
 * const schema = journeyJsonSchema();
 * schema.$schema; // "https://json-schema.org/draft/2020-12/schema"
 */
export function journeyJsonSchema(): Record<string, unknown> {
  cached ??= {
    ...z.toJSONSchema(JourneyDocument, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://lifecycle-studio.dev/schema/journey.json',
    title: 'Lifecycle Studio journey',
  };
  return cached;
}
