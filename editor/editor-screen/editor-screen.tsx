/** The journey editor: toolbar, palette | canvas | inspector, and the bottom panel (DSL text/JSON, problems, simulator, live stats). */
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import { loadJourneySource } from '../../dsl/load.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { JourneyDetail } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { usePaintedOnce } from '../app/use-painted-once.ts';
import { onQuietMoment, useQuietMoment } from '../app/use-quiet-moment.ts';
import { JourneyCanvas } from '../canvas/journey-canvas.tsx';
import type { RevealRequest } from '../dsl-panel/dsl-panel.tsx';
import { ENTRY_NODE_ID } from '../flow/document-edits.ts';
import type { NodeCounts } from '../flow/document-to-flow.ts';
import { isLargeJourney } from '../flow/large-journey.ts';
import { autoLayout } from '../flow/layout.ts';
import { localized } from '../i18n/index.ts';
import { Inspector } from '../inspector/inspector.tsx';
import { diagnosticsByNode, type Analysis } from '../store/analysis.ts';
import { analyzeDocumentInWorker } from '../store/analysis-worker-client.ts';
import { createDocumentStore, type DocumentStore } from '../store/document-store.ts';
import { DocumentStoreContext, useDocument } from '../store/use-document.ts';
import { Palette } from './palette.tsx';
import { ProblemsList } from './problems-list.tsx';
import { PublishDialog } from './publish-dialog.tsx';
import { useAutosave, type SaveState } from './use-autosave.ts';

type BottomTab = 'dsl' | 'problems' | 'simulate' | 'stats';

// The first paint of a journey needs only React, the canvas and the document store: Monaco (DSL and JSON
// views) and echarts (simulator and live stats) arrive in their own chunks, behind a light placeholder.
const DslPanel = lazy(async () => ({ default: (await import('../dsl-panel/dsl-panel.tsx')).DslPanel }));
const SimulatorPanel = lazy(async () => ({ default: (await import('../simulator/simulator-panel.tsx')).SimulatorPanel }));
const LiveStatsPanel = lazy(async () => ({ default: (await import('../stats/live-stats-panel.tsx')).LiveStatsPanel }));

function PanelPlaceholder({ onPointerDown }: { onPointerDown?: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="panel-placeholder muted" onPointerDown={onPointerDown}>
      {t('common.loading')}
    </div>
  );
}

/** A draft from the server as an editable document (defaults filled in), or why it is not one. */
function draftDocument(detail: JourneyDetail): { doc?: JourneyDocument; diagnostics: Diagnostic[] } {
  return loadJourneySource(JSON.stringify(detail.draft.document), { format: 'json' });
}

export function EditorScreen({ journeyId }: { journeyId: string }) {
  const { t } = useTranslation();
  const { api, toast } = useApp();
  const [detail, setDetail] = useState<JourneyDetail | undefined>(undefined);
  const [store, setStore] = useState<DocumentStore | undefined>(undefined);
  const [loadError, setLoadError] = useState<string | undefined>(undefined);

  useEffect(() => {
    let alive = true;
    let cancelLayout: (() => void) | undefined;
    api.getJourney(journeyId).then(
      async (d) => {
        const { doc, diagnostics } = draftDocument(d);
        if (!alive) return;
        if (!doc) {
          setLoadError(diagnostics.map((x) => x.message).join('\n'));
          return;
        }
        const s = createDocumentStore();
        const positioned = doc.layout !== undefined && doc.nodes.every((n) => doc.layout?.[n.id]);
        if (positioned || isLargeJourney(doc)) s.getState().load(doc);
        else s.getState().load({ ...doc, layout: await autoLayoutWithoutEntry(doc) });
        if (!alive) return;
        setDetail(d);
        setStore(s);
        // A large journey without stored positions opens at once on quick placement; elk lays it out in its worker
        // (a second or more for hundreds of nodes) once the operator pauses, and its layout is put in place at the
        // next pause, so that neither elk's work nor every card moving lands under a pan. The layout replaces the
        // placement unless the operator already edited.
        if (!positioned && isLargeJourney(doc)) {
          cancelLayout = onQuietMoment(() => {
            if (!alive || s.getState().doc !== doc) return;
            autoLayoutWithoutEntry(doc).then(
              (layout) => {
                if (!alive) return;
                cancelLayout = onQuietMoment(() => {
                  const { doc: current, selection } = s.getState();
                  if (!alive || current !== doc) return;
                  s.getState().load({ ...doc, layout });
                  s.getState().select(selection);
                });
              },
              (e: unknown) => alive && toast(e instanceof Error ? e.message : String(e), 'error'),
            );
          });
        }
      },
      (e: unknown) => alive && setLoadError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      alive = false;
      cancelLayout?.();
    };
  }, [api, journeyId, toast]);

  if (loadError) return <div className="page-message error-text">{loadError}</div>;
  if (!detail || !store) return <div className="page-message muted">{t('common.loading')}</div>;
  return (
    <DocumentStoreContext.Provider value={store}>
      <ReactFlowProvider>
        <EditorWorkspace detail={detail} store={store} onDetail={setDetail} />
      </ReactFlowProvider>
    </DocumentStoreContext.Provider>
  );
}

async function autoLayoutWithoutEntry(doc: JourneyDocument): Promise<Record<string, { x: number; y: number }>> {
  const positions = await autoLayout(doc);
  delete positions[ENTRY_NODE_ID];
  return positions;
}

function SaveIndicator({ state, error }: { state: SaveState; error: string | undefined }) {
  const { t } = useTranslation();
  const text = { saved: t('toolbar.saved'), dirty: t('toolbar.unsaved'), saving: t('toolbar.saving'), conflict: t('toolbar.conflict'), failed: t('toolbar.saveFailed') }[state];
  return (
    <span className={`save-state ${state}`} data-testid="save-state" data-state={state} title={error}>
      {text}
    </span>
  );
}

function EditorWorkspace({ detail, store, onDetail }: { detail: JourneyDetail; store: DocumentStore; onDetail: (d: JourneyDetail) => void }) {
  const { t, i18n } = useTranslation();
  const { api, navigate, toast } = useApp();
  const flow = useReactFlow();
  const doc = useDocument((s) => s.doc);
  const canUndo = useDocument((s) => s.past.length > 0);
  const canRedo = useDocument((s) => s.future.length > 0);
  const autosave = useAutosave(api, detail.id, store, detail.draft.revision);
  const [tab, setTab] = useState<BottomTab>('dsl');
  const [sourceDiagnostics, setSourceDiagnostics] = useState<Diagnostic[] | undefined>(undefined);
  const [counts, setCounts] = useState<Record<string, NodeCounts>>({});
  const [publishing, setPublishing] = useState(false);
  const [reveal, setReveal] = useState<RevealRequest | undefined>(undefined);
  const [liveVersion, setLiveVersion] = useState<number | null>(detail.liveVersion);

  // Checking prints and re-parses the whole journey (a quarter of a second at 500 nodes): it runs in a worker once
  // the canvas has painted, and the diagnostics of the last checked document stay until the next check answers.
  const painted = usePaintedOnce();
  const [analysis, setAnalysis] = useState<Analysis | undefined>(undefined);
  useEffect(() => {
    if (!painted || !doc) return;
    let current = true;
    analyzeDocumentInWorker(doc, 'text').then(
      (checked) => current && setAnalysis(checked),
      (e: unknown) => current && toast(e instanceof Error ? e.message : String(e), 'error'),
    );
    return () => {
      current = false;
    };
  }, [painted, doc, toast]);
  // Monaco's panel mounts when the operator pauses (or reaches for it): not under a pan that started right after opening.
  const [codePanelDue, mountCodePanel] = useQuietMoment(painted);
  const diagnostics = sourceDiagnostics ?? analysis?.diagnostics ?? [];
  const byNode = useMemo(() => diagnosticsByNode(analysis?.diagnostics ?? []), [analysis]);
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const warningCount = diagnostics.length - errorCount;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (target.closest('input, textarea, select, .monaco-editor')) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        if (e.shiftKey) store.getState().redo();
        else store.getState().undo();
      } else if (mod && e.key.toLowerCase() === 'y') {
        e.preventDefault();
        store.getState().redo();
      } else if (mod && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void autosave.saveNow();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, autosave.saveNow]);

  const focusProblem = useCallback((d: Diagnostic) => {
    if (d.nodeId) {
      store.getState().select([d.nodeId]);
      void flow.fitView({ nodes: [{ id: d.nodeId }], maxZoom: 1.2, duration: 300 });
    }
    if (d.span) {
      mountCodePanel();
      setTab('dsl');
      setReveal({ line: d.span.line, column: d.span.column, seq: Date.now() });
    }
  }, [store, flow, mountCodePanel]);

  const runAutoLayout = async () => {
    const current = store.getState().doc;
    if (!current) return;
    const layout = await autoLayoutWithoutEntry(current);
    store.getState().change({ ...current, layout }, 'canvas');
    requestAnimationFrame(() => void flow.fitView({ padding: 0.15, duration: 300 }));
  };

  const reloadTheirs = async () => {
    const fresh = await api.getJourney(detail.id);
    const { doc: theirs } = draftDocument(fresh);
    if (theirs) store.getState().load(theirs);
    autosave.reset(fresh.draft.revision);
    onDetail(fresh);
  };

  const saveFirst = async (): Promise<number | undefined> => ((await autosave.saveNow()) ? autosave.baseRevision.current : undefined);

  if (!doc) return null;
  const title = localized(doc.name, i18n.language) || t('editor.untitled');
  const tabs: { id: BottomTab; label: string }[] = [
    { id: 'dsl', label: t('editor.dsl') },
    { id: 'problems', label: `${t('editor.problems')}${diagnostics.length > 0 ? ` (${diagnostics.length})` : ''}` },
    { id: 'simulate', label: t('toolbar.simulate') },
    { id: 'stats', label: t('toolbar.stats') },
  ];
  return (
    <div className="editor-screen">
      <header className="editor-toolbar">
        <button type="button" className="link-button back" onClick={() => navigate('/journeys')}>
          ← {t('editor.back')}
        </button>
        <div className="editor-title">
          <h1 data-testid="journey-title">{title}</h1>
          <span className={`status-pill ${detail.status}`}>{t(`status.${detail.status}`)}</span>
          <span className="version" data-testid="live-version">
            {liveVersion === null ? t('journeys.noLive') : t('publish.live', { n: liveVersion })}
          </span>
          <SaveIndicator state={autosave.state} error={autosave.error} />
          {autosave.state === 'conflict' ? (
            <button type="button" className="button small warning" onClick={() => void reloadTheirs()} data-testid="reload-theirs">
              {t('toolbar.reload')}
            </button>
          ) : null}
        </div>
        <div className="toolbar-buttons">
          <button type="button" className="tool" aria-label={t('toolbar.undo')} onClick={() => store.getState().undo()} disabled={!canUndo} title={`${t('toolbar.undo')} (Ctrl+Z)`} data-testid="undo">
            ↶ <span>{t('toolbar.undo')}</span>
          </button>
          <button type="button" className="tool" aria-label={t('toolbar.redo')} onClick={() => store.getState().redo()} disabled={!canRedo} title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`} data-testid="redo">
            ↷ <span>{t('toolbar.redo')}</span>
          </button>
          <span className="toolbar-sep" />
          <button type="button" className="tool" aria-label={t('toolbar.autoLayout')} onClick={() => void runAutoLayout()} data-testid="auto-layout">
            ⊞ <span>{t('toolbar.autoLayout')}</span>
          </button>
          <button type="button" className="tool" aria-label={t('toolbar.fit')} onClick={() => void flow.fitView({ padding: 0.15, duration: 300 })} data-testid="fit">
            ⤢ <span>{t('toolbar.fit')}</span>
          </button>
          <span className="toolbar-sep" />
          <button type="button" className="tool" aria-label={t('toolbar.save')} onClick={() => void autosave.saveNow()} data-testid="save">
            ⤓ <span>{t('toolbar.save')}</span>
          </button>
          <button type="button" className="tool" aria-label={t('toolbar.simulate')} onClick={() => setTab('simulate')} data-testid="open-simulator">
            ▷ <span>{t('toolbar.simulate')}</span>
          </button>
          <button type="button" className="tool" aria-label={t('toolbar.stats')} onClick={() => setTab('stats')}>
            ▤ <span>{t('toolbar.stats')}</span>
          </button>
          <button type="button" className="button primary" onClick={() => setPublishing(true)} data-testid="publish">
            {t('toolbar.publish')}
            {errorCount > 0 ? <span className="count-badge">{errorCount}</span> : null}
          </button>
        </div>
      </header>
      <div className="editor-main">
        <Palette />
        <JourneyCanvas diagnostics={byNode} counts={counts} />
        <Inspector diagnostics={byNode} />
      </div>
      <section className="bottom-panel">
        <div className="bottom-tabs" role="tablist">
          {tabs.map((x) => (
            <button key={x.id} type="button" role="tab" aria-selected={tab === x.id} className={tab === x.id ? 'active' : ''} onClick={() => setTab(x.id)} data-testid={`tab-${x.id}`}>
              {x.label}
            </button>
          ))}
          <span className="problem-count">
            <span className="severity-dot error" /> {errorCount} <span className="severity-dot warning" /> {warningCount}
          </span>
        </div>
        <div className="bottom-body">
          <div className={`dsl-and-problems${tab === 'dsl' ? '' : ' hidden'}`}>
            {codePanelDue ? (
              <Suspense fallback={<PanelPlaceholder />}>
                <DslPanel onSourceDiagnostics={setSourceDiagnostics} {...(reveal ? { reveal } : {})} />
              </Suspense>
            ) : (
              <PanelPlaceholder onPointerDown={mountCodePanel} />
            )}
            <div className="side-problems">
              <h3>{t('editor.problems')}</h3>
              <ProblemsList diagnostics={diagnostics} onFocus={focusProblem} />
            </div>
          </div>
          {tab === 'problems' ? <ProblemsList diagnostics={diagnostics} onFocus={focusProblem} /> : null}
          <Suspense fallback={<PanelPlaceholder />}>
            {tab === 'simulate' ? <SimulatorPanel doc={doc} onCounts={setCounts} /> : null}
            {tab === 'stats' ? <LiveStatsPanel journeyId={detail.id} doc={doc} onCounts={setCounts} /> : null}
          </Suspense>
        </div>
      </section>
      {publishing ? (
        <PublishDialog
          journeyId={detail.id}
          doc={doc}
          diagnostics={diagnostics}
          liveVersion={liveVersion}
          saveFirst={saveFirst}
          onPublished={(version) => {
            setLiveVersion(version);
            setPublishing(false);
          }}
          onClose={() => setPublishing(false)}
        />
      ) : null}
    </div>
  );
}
