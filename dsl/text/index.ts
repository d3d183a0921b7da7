/** The journey language's text form: parse and print whole journeys and single conditions. */
export { parseConditionText, parseJourneyText } from './parse.ts';
export type { ConditionTextResult, JourneyTextResult } from './parse.ts';
export { printJourneyText } from './document-printer.ts';
export { printConditionText } from './condition-printer.ts';
export { lexJourneyText } from './lexer.ts';
export type { Token as JourneyTextToken, TokenKind as JourneyTextTokenKind } from './lexer.ts';
export { TEXT_KEYWORDS } from './keywords.ts';
