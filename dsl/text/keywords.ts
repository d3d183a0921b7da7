/** Every keyword of the text form, for syntax highlighting and completion (the parser reads them in context). */
import { STATEMENT_KEYWORDS, WEEKDAYS } from './document-parser.ts';
import { CONDITION_KEYWORDS } from './literal-printer.ts';

const CLAUSE_KEYWORDS = [
  'version', 'zh', 'en', 'min', 'max', 'integer', 'label', 'enum', 'on', 'when', 'segment', 'schedule', 'at', 'reentry', 'never',
  'after', 'exit', 'cooldown', 'cap', 'per', 'quiet', 'to', 'drop', 'defer', 'goal', 'window', 'timezone', 'channel', 'event',
  'if', 'else', 'wait', 'for', 'until', 'timeout', 'last', 'activity', 'entering', 'split', 'send', 'template', 'vars', 'set',
  'add', 'remove', 'tag', 'task', 'assignee', 'due', 'note', 'webhook', 'payload',
];

/** Statement openers, clause words and condition words, each once. */
export const TEXT_KEYWORDS: readonly string[] = [...new Set([...STATEMENT_KEYWORDS, ...CLAUSE_KEYWORDS, ...CONDITION_KEYWORDS, ...WEEKDAYS])];
