/** The DSL panel: Monaco with the journey's text form (or JSON); typing updates the canvas, canvas edits update the text, diagnostics become markers. */
import { Editor, type OnMount } from '@monaco-editor/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyFormat } from '../../dsl/load.ts';
import { diagnosticText } from '../i18n/diagnostic-text.ts';
import { changedSpan } from './changed-span.ts';
import { analyzeDocument, analyzeSource, documentSource, keepLayout } from '../store/analysis.ts';
import { useDocument, useDocumentStore } from '../store/use-document.ts';
import { JOURNEY_LANGUAGE, setCompletionDocument } from './journey-language.ts';
import { setUpMonaco, type monaco as MonacoNamespace } from './monaco-setup.ts';

// This module is loaded lazily: Monaco is configured (local copy, never the CDN) before the first editor mounts.
setUpMonaco();

type Monaco = typeof MonacoNamespace;
type CodeEditor = Parameters<OnMount>[0];

const TYPING_DELAY_MS = 300;

/** Where the panel should reveal: set by the problems list. */
export interface RevealRequest {
  line: number;
  column: number;
  seq: number;
}

export function DslPanel({ onSourceDiagnostics, reveal }: { onSourceDiagnostics: (diagnostics: Diagnostic[] | undefined) => void; reveal?: RevealRequest }) {
  const { t, i18n } = useTranslation();
  const store = useDocumentStore();
  const doc = useDocument((s) => s.doc);
  const origin = useDocument((s) => s.origin);
  const [format, setFormat] = useState<JourneyFormat>('text');
  const editorRef = useRef<CodeEditor | undefined>(undefined);
  const monacoRef = useRef<Monaco | undefined>(undefined);
  const applying = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [parseFailed, setParseFailed] = useState(false);
  const shownDiagnostics = useRef<readonly Diagnostic[]>([]);

  const setMarkers = (diagnostics: readonly Diagnostic[]) => {
    shownDiagnostics.current = diagnostics;
    const model = editorRef.current?.getModel();
    const monaco = monacoRef.current;
    if (!model || !monaco) return;
    monaco.editor.setModelMarkers(
      model,
      'journey',
      diagnostics
        .filter((d) => d.span)
        .map((d) => ({
          severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: d.nodeId ? `${diagnosticText(d, i18n.language)} (${d.nodeId})` : diagnosticText(d, i18n.language),
          code: d.code,
          startLineNumber: d.span!.line,
          startColumn: d.span!.column,
          endLineNumber: d.span!.endLine,
          endColumn: Math.max(d.span!.endColumn, d.span!.line === d.span!.endLine ? d.span!.column + 1 : d.span!.endColumn),
        })),
    );
  };

  /** Shows the store's document in the editor, unless the change came from this very editor. */
  useEffect(() => {
    setCompletionDocument(doc);
    const editor = editorRef.current;
    if (!doc || !editor) return;
    if (origin === format) return;
    const analysis = analyzeDocument(doc, format);
    const model = editor.getModel();
    if (model && model.getValue() !== analysis.source) {
      applying.current = true;
      const view = editor.saveViewState();
      const change = changedSpan(model.getValue(), analysis.source);
      const start = model.getPositionAt(change.start);
      const end = model.getPositionAt(change.end);
      model.pushEditOperations([], [{ range: { startLineNumber: start.lineNumber, startColumn: start.column, endLineNumber: end.lineNumber, endColumn: end.column }, text: change.text }], () => null);
      if (view) editor.restoreViewState(view);
      applying.current = false;
    }
    setMarkers(analysis.diagnostics);
    setParseFailed(false);
    onSourceDiagnostics(undefined);
  }, [doc, origin, format]);

  useEffect(() => setMarkers(shownDiagnostics.current), [i18n.language]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  }, [reveal]);

  const onChange = (value: string | undefined) => {
    if (applying.current || value === undefined) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const analysis = analyzeSource(value, format);
      setMarkers(analysis.diagnostics);
      if (analysis.doc) {
        setParseFailed(false);
        onSourceDiagnostics(undefined);
        const current = store.getState().doc;
        store.getState().change(keepLayout(analysis.doc, current), format, `dsl:${format}`);
      } else {
        setParseFailed(true);
        onSourceDiagnostics(analysis.diagnostics);
      }
    }, TYPING_DELAY_MS);
  };

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco as unknown as Monaco;
    const current = store.getState().doc;
    if (current) {
      const analysis = analyzeDocument(current, format);
      setMarkers(analysis.diagnostics);
    }
  };

  // Monaco reads its default value only when it mounts (once per format): print it then, not on every render.
  const initial = useMemo(() => (doc ? documentSource(doc, format) : ''), [format]);

  return (
    <div className="dsl-panel" data-testid="dsl-panel">
      <div className="panel-tabs" role="tablist">
        {(['text', 'json'] as const).map((f) => (
          <button key={f} role="tab" type="button" aria-selected={format === f} className={format === f ? 'active' : ''} onClick={() => setFormat(f)} data-testid={`dsl-tab-${f}`}>
            {f === 'text' ? t('editor.text') : t('editor.json')}
          </button>
        ))}
        <span className={`panel-hint${parseFailed ? ' error-text' : ''}`}>{parseFailed ? t('dsl.parseError') : format === 'text' ? t('dsl.textHelp') : t('dsl.jsonHelp')}</span>
      </div>
      <div className="dsl-editor" data-testid={`dsl-editor-${format}`}>
        <Editor
          key={format}
          path={format === 'text' ? 'journey.journey' : 'journey.json'}
          language={format === 'text' ? JOURNEY_LANGUAGE : 'json'}
          theme="lifecycle-light"
          defaultValue={initial}
          onChange={onChange}
          onMount={onMount}
          loading={t('common.loading')}
          options={{
            minimap: { enabled: false },
            fontSize: 13,
            lineNumbersMinChars: 3,
            scrollBeyondLastLine: false,
            wordWrap: 'on',
            tabSize: 2,
            automaticLayout: true,
            fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace',
            renderLineHighlight: 'line',
            fixedOverflowWidgets: true,
          }}
        />
      </div>
    </div>
  );
}
