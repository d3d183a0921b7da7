/** The server's use of the journey language: check a draft, parse and print the text form. */
import { checkJourney } from '../../../dsl/checker/index.ts';
import type { Diagnostic } from '../../../dsl/diagnostics.ts';
import type { JourneyDocument } from '../../../dsl/schema/document.ts';
import { parseJourneyText, printJourneyText } from '../../../dsl/text/index.ts';

export interface CheckedDraft {
  /** Present when the draft is a well-formed document (it may still have checker errors). */
  doc?: JourneyDocument;
  diagnostics: Diagnostic[];
}

/**
 * Checks a draft given as JSON. Never throws.
 *
 * @example
 * const { doc, diagnostics } = checkDraft(record.draft);
 */
export function checkDraft(draft: unknown): CheckedDraft {
  return checkJourney(draft, {});
}

/**
 * Parses and checks the text form. Diagnostics carry line:col.
 *
 * @example
 * const { doc, diagnostics } = checkText('journey welcome …');
 */
export function checkText(text: string): CheckedDraft {
  const parsed = parseJourneyText(text);
  if (parsed.doc === undefined) return { diagnostics: parsed.diagnostics };
  const checked = checkJourney(parsed.doc, { spans: parsed.spans });
  return { ...checked, diagnostics: [...parsed.diagnostics, ...checked.diagnostics] };
}

/**
 * The text form of a draft, or undefined when the draft is not yet a well-formed document.
 *
 * @example
 * draftText(version.document); // "journey dormancy-ladder …"
 */
export function draftText(draft: unknown): string | undefined {
  const { doc } = checkDraft(draft);
  return doc === undefined ? undefined : printJourneyText(doc);
}
