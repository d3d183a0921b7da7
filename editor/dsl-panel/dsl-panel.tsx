/** The DSL panel: Monaco with the journey's text form (or JSON); typing updates the canvas, canvas edits update the text, diagnostics become markers. */
import { Editor, type OnMount } from '@monaco-editor/react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyFormat } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { useApp } from '../app/app-context.ts';
import { useQuietMoment } from '../app/use-quiet-moment.ts';
import { diagnosticText } from '../i18n/diagnostic-text.ts';
import { changedSpan } from './changed-span.ts';
import { keepLayout } from '../store/analysis.ts';
import { analyzeDocumentInWorker, analyzeSourceInWorker } from '../store/analysis-worker-client.ts';
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
  const { toast } = useApp();
  const [format, setFormat] = useState<JourneyFormat>('text');
  // The format's latest value for answers that arrive after a switch.
  const formatRef = useRef(format);
  formatRef.current = format;
  const editorRef = useRef<CodeEditor | undefined>(undefined);
  const monacoRef = useRef<Monaco | undefined>(undefined);
  const applying = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [parseFailed, setParseFailed] = useState(false);
  const shownDiagnostics = useRef<readonly Diagnostic[]>([]);
  // Edits typed in this editor, and the latest of them whose check has come back: while they differ, the text
  // holds typing the store has not seen yet, which a document from elsewhere must not overwrite.
  const typedSeq = useRef(0);
  const checkedSeq = useRef(0);

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

  /**
   * Shows a document in the editor once the worker has printed and checked it, unless by then the store has moved on
   * or the operator has typed (typing not yet checked wins, as it did when the check ran in the typing timer).
   */
  const showDocument = (shown: JourneyDocument) => {
    analyzeDocumentInWorker(shown, format).then(
      (analysis) => {
        const editor = editorRef.current;
        const model = editor?.getModel();
        if (!editor || !model || typedSeq.current !== checkedSeq.current || store.getState().doc !== shown || formatRef.current !== analysis.format) return;
        if (model.getValue() !== analysis.source) {
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
      },
      (e: unknown) => toast(e instanceof Error ? e.message : String(e), 'error'),
    );
  };

  /** Shows the store's document in the editor, unless the change came from this very editor. */
  useEffect(() => {
    setCompletionDocument(doc);
    if (!doc || !editorRef.current || origin === format) return;
    showDocument(doc);
  }, [doc, origin, format]);

  useEffect(() => setMarkers(shownDiagnostics.current), [i18n.language]);

  const revealed = useRef<number | undefined>(undefined);
  const revealRequested = (editor: CodeEditor) => {
    if (!reveal || revealed.current === reveal.seq) return;
    revealed.current = reveal.seq;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: reveal.column });
    editor.focus();
  };
  useEffect(() => {
    if (editorRef.current) revealRequested(editorRef.current);
  }, [reveal]);

  const onChange = (value: string | undefined) => {
    if (applying.current || value === undefined) return;
    const seq = ++typedSeq.current;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      analyzeSourceInWorker(value, format).then(
        (analysis) => {
          // Newer typing has its own check coming; this answer is for text the editor no longer holds.
          if (seq !== typedSeq.current) return;
          checkedSeq.current = seq;
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
        },
        (e: unknown) => {
          if (seq === typedSeq.current) checkedSeq.current = seq;
          toast(e instanceof Error ? e.message : String(e), 'error');
        },
      );
    }, TYPING_DELAY_MS);
  };

  const onMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco as unknown as Monaco;
    // The store may have moved on while Monaco mounted with the text it was given.
    const current = store.getState().doc;
    if (current) showDocument(current);
    // A problem clicked before Monaco had mounted asked for its line.
    revealRequested(editor);
  };

  // Monaco reads its default value only when it mounts (once per format): the editor mounts once the worker has
  // printed the document in that form, and at a pause of its own: loading this module and creating the editor are
  // each a few hundred milliseconds of main thread, and an operator who resumes panning meets at most one of them.
  const [initial, setInitial] = useState<{ format: JourneyFormat; source: string } | undefined>(undefined);
  const [settled] = useQuietMoment(initial !== undefined);
  useEffect(() => {
    const current = store.getState().doc;
    if (!current) return;
    let alive = true;
    analyzeDocumentInWorker(current, format).then(
      (analysis) => alive && setInitial({ format, source: analysis.source }),
      (e: unknown) => alive && toast(e instanceof Error ? e.message : String(e), 'error'),
    );
    return () => {
      alive = false;
    };
  }, [format]);

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
        {initial?.format === format && settled ? (
        <Editor
          key={format}
          path={format === 'text' ? 'journey.journey' : 'journey.json'}
          language={format === 'text' ? JOURNEY_LANGUAGE : 'json'}
          theme="lifecycle-light"
          defaultValue={initial.source}
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
        ) : (
          <div className="panel-placeholder muted">{t('common.loading')}</div>
        )}
      </div>
    </div>
  );
}
