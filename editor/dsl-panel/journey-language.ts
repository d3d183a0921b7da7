/** The journey text language in Monaco: highlighting, and completion of facts, operators, params, node ids and event names. */
import type * as Monaco from 'monaco-editor/editor';
import { BUILTIN_FACTS } from '../../dsl/facts.ts';
import { KNOWN_CHANNELS } from '../../dsl/nodes/action.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';

export const JOURNEY_LANGUAGE = 'lifecycle-journey';

const KEYWORDS = [
  'journey', 'version', 'name', 'description', 'param', 'stage', 'profile', 'event', 'entry', 'on', 'segment', 'schedule', 'at', 'reentry', 'cooldown',
  'policy', 'timezone', 'quiet', 'cap', 'per', 'window', 'goal', 'node', 'wait', 'for', 'until', 'when', 'timeout', 'after', 'last', 'activity', 'entering',
  'if', 'else', 'split', 'send', 'template', 'vars', 'set', 'tag', 'add', 'remove', 'task', 'assignee', 'due', 'note', 'webhook', 'payload', 'exit', 'layout',
  'never', 'drop', 'defer', 'from', 'to', 'date', 'time',
];
const TYPES = ['number', 'string', 'boolean', 'timestamp', 'enum', 'integer', 'default', 'min', 'max'];
const LOGIC = ['and', 'or', 'not', 'in', 'contains', 'all', 'any', 'true', 'false', 'null'];
const OPERATORS = ['==', '!=', '<', '<=', '>', '>=', 'in', 'not in', 'contains', 'not contains'];

/** The document the completion provider reads (the one open in the panel). */
let currentDoc: JourneyDocument | undefined;
export const setCompletionDocument = (doc: JourneyDocument | undefined): void => {
  currentDoc = doc;
};

let registered = false;

/**
 * Registers the language once.
 *
 * @example
 * registerJourneyLanguage(monaco);
 */
export function registerJourneyLanguage(monaco: typeof Monaco): void {
  if (registered) return;
  registered = true;
  monaco.languages.register({ id: JOURNEY_LANGUAGE, extensions: ['.journey'] });
  monaco.languages.setMonarchTokensProvider(JOURNEY_LANGUAGE, {
    keywords: KEYWORDS,
    types: TYPES,
    logic: LOGIC,
    facts: Object.keys(BUILTIN_FACTS),
    tokenizer: {
      root: [
        [/#.*$/, 'comment'],
        [/"([^"\\]|\\.)*"/, 'string'],
        [/`[^`]*`/, 'identifier'],
        [/\b\d+(\.\d+)?(ms|s|m|h|d|w)\b/, 'number.duration'],
        [/-?\b\d+(\.\d+)?\b/, 'number'],
        [/->/, 'operator.arrow'],
        [/[<>!=]=?|%/, 'operator'],
        [/[A-Za-z_][A-Za-z0-9_-]*/, { cases: { '@keywords': 'keyword', '@types': 'type', '@logic': 'keyword.logic', '@facts': 'variable.predefined', '@default': 'identifier' } }],
        [/[{}()[\]:,.]/, 'delimiter'],
      ],
    },
  });
  monaco.languages.setLanguageConfiguration(JOURNEY_LANGUAGE, {
    comments: { lineComment: '#' },
    brackets: [['{', '}'], ['(', ')'], ['[', ']']],
    autoClosingPairs: [{ open: '{', close: '}' }, { open: '(', close: ')' }, { open: '[', close: ']' }, { open: '"', close: '"' }],
  });
  monaco.editor.defineTheme('lifecycle-light', {
    base: 'vs',
    inherit: true,
    rules: [
      { token: 'keyword', foreground: '7c3aed', fontStyle: 'bold' },
      { token: 'keyword.logic', foreground: 'b45309' },
      { token: 'type', foreground: '0e7490' },
      { token: 'variable.predefined', foreground: '1d4ed8' },
      { token: 'number.duration', foreground: 'be185d' },
      { token: 'number', foreground: '15803d' },
      { token: 'string', foreground: 'a16207' },
      { token: 'operator.arrow', foreground: '64748b', fontStyle: 'bold' },
      { token: 'comment', foreground: '94a3b8', fontStyle: 'italic' },
    ],
    colors: { 'editor.background': '#fbfcfe' },
  });
  monaco.languages.registerCompletionItemProvider(JOURNEY_LANGUAGE, {
    triggerCharacters: ['>', ' ', '.'],
    provideCompletionItems: (model, position) => {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const kinds = monaco.languages.CompletionItemKind;
      const doc = currentDoc;
      const nodeIds = doc?.nodes.map((n) => n.id) ?? [];
      if (/->\s*[A-Za-z0-9_]*$/.test(line)) {
        return { suggestions: nodeIds.map((id) => ({ label: id, kind: kinds.Reference, insertText: id, range, detail: 'node' })) };
      }
      if (/\bevent\.[A-Za-z0-9_]*$/.test(line)) {
        const props = new Set(Object.values(doc?.schema.events ?? {}).flatMap((p) => Object.keys(p)));
        return { suggestions: [...props].map((p) => ({ label: p, kind: kinds.Field, insertText: p, range, detail: 'event property' })) };
      }
      const facts = Object.entries(BUILTIN_FACTS).map(([name, f]) => ({
        label: name,
        kind: kinds.Variable,
        insertText: name,
        range,
        detail: typeof f.type === 'string' ? f.type : 'enum',
        documentation: `${f.description.en} · ${f.description.zh}`,
      }));
      const profile = Object.entries(doc?.schema.profile ?? {}).map(([name, type]) => ({ label: name, kind: kinds.Field, insertText: name, range, detail: `profile ${typeof type === 'string' ? type : 'enum'}` }));
      const params = Object.entries(doc?.params ?? {}).map(([name, p]) => ({ label: name, kind: kinds.Constant, insertText: name, range, detail: `param ${p.type} = ${String(p.default)}` }));
      const ops = OPERATORS.map((op) => ({ label: op, kind: kinds.Operator, insertText: op, range }));
      const keywords = KEYWORDS.map((k) => ({ label: k, kind: kinds.Keyword, insertText: k, range }));
      const events = Object.keys(doc?.schema.events ?? {}).map((e) => ({ label: e, kind: kinds.Event, insertText: e, range, detail: 'event' }));
      const channels = KNOWN_CHANNELS.map((c) => ({ label: `"${c}"`, kind: kinds.Value, insertText: `"${c}"`, range, detail: 'channel' }));
      const nodes = nodeIds.map((id) => ({ label: id, kind: kinds.Reference, insertText: id, range, detail: 'node' }));
      return { suggestions: [...facts, ...profile, ...params, ...ops, ...events, ...channels, ...nodes, ...keywords] };
    },
  });
}
