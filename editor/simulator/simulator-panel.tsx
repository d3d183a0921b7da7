/** The simulator panel: pick the template's sample cohort or upload NDJSON, run it in a Web Worker with a progress bar, show counts and charts. */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { TemplateSummary } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { FilePicker } from '../app/file-picker.tsx';
import { StageCharts } from '../charts/stage-charts.tsx';
import type { NodeCounts } from '../flow/document-to-flow.ts';
import { localized } from '../i18n/index.ts';
import { badLineText, type LineProblem } from './segment-events.ts';
import type { SimulationSummary } from './simulate.ts';
import type { SimulationMessage, SimulationRequest } from './simulate.worker.ts';

/** The template a journey most likely came from: one whose id the journey id starts with or contains. */
function guessTemplate(templates: readonly TemplateSummary[], doc: JourneyDocument): string {
  const match = templates.find((tpl) => doc.id === tpl.id || doc.id.startsWith(tpl.id) || doc.id.includes(tpl.id));
  return match?.id ?? templates[0]?.id ?? '';
}

export function SimulatorPanel({ doc, onCounts }: { doc: JourneyDocument; onCounts: (counts: Record<string, NodeCounts>) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const [templates, setTemplates] = useState<TemplateSummary[]>([]);
  const [source, setSource] = useState<'cohort' | 'upload'>('cohort');
  const [templateId, setTemplateId] = useState('');
  const [size, setSize] = useState(200);
  const [seed, setSeed] = useState(1);
  const [upload, setUpload] = useState<{ name: string; text: string } | undefined>(undefined);
  const [progress, setProgress] = useState<{ done: number; total: number } | undefined>(undefined);
  const [running, setRunning] = useState(false);
  const [summary, setSummary] = useState<SimulationSummary | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  /** Lines of the uploaded file that were skipped: worded at render, so they follow a language switch. */
  const [badLines, setBadLines] = useState<LineProblem[]>([]);
  const worker = useRef<Worker | undefined>(undefined);

  useEffect(() => {
    api.templates().then((list) => {
      setTemplates(list);
      setTemplateId((current) => current || guessTemplate(list, doc));
    }, () => setTemplates([]));
    return () => worker.current?.terminate();
  }, [api]);

  const run = async () => {
    setError(undefined);
    setBadLines([]);
    setSummary(undefined);
    setRunning(true);
    setProgress({ done: 0, total: 0 });
    try {
      const ndjson = source === 'cohort' ? await api.cohort(templateId, size, seed) : (upload?.text ?? '');
      worker.current?.terminate();
      const w = new Worker(new URL('./simulate.worker.ts', import.meta.url), { type: 'module' });
      worker.current = w;
      w.onmessage = (e: MessageEvent<SimulationMessage>) => {
        const msg = e.data;
        if (msg.type === 'progress') setProgress({ done: msg.done, total: msg.total });
        else {
          if (msg.type === 'done') {
            setSummary(msg.summary);
            onCounts(msg.summary.nodeCounts);
            setBadLines(msg.badLines);
          } else setError(msg.message);
          setRunning(false);
          w.terminate();
        }
      };
      w.onerror = (e) => {
        setError(e.message);
        setRunning(false);
      };
      w.postMessage({ doc, ndjson } satisfies SimulationRequest);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      setRunning(false);
    }
  };

  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : running ? 2 : 100;
  return (
    <div className="sim-panel" data-testid="simulator">
      <div className="sim-controls">
        <fieldset>
          <legend>{t('sim.source')}</legend>
          <label className="radio">
            <input type="radio" checked={source === 'cohort'} onChange={() => setSource('cohort')} /> {t('sim.cohort')}
          </label>
          <label className="radio">
            <input type="radio" checked={source === 'upload'} onChange={() => setSource('upload')} /> {t('sim.upload')}
          </label>
        </fieldset>
        {source === 'cohort' ? (
          <div className="row wrap">
            <select aria-label={t('sim.cohort')} value={templateId} onChange={(e) => setTemplateId(e.target.value)} data-testid="sim-template">
              {templates.map((tpl) => (
                <option key={tpl.id} value={tpl.id}>
                  {localized(tpl.name, i18n.language)}
                </option>
              ))}
            </select>
            <label className="inline">
              {t('sim.size')}
              <input type="number" min={1} max={5000} value={size} onChange={(e) => setSize(Math.max(1, Math.min(5000, Number(e.target.value) || 1)))} />
            </label>
            <label className="inline">
              {t('sim.seed')}
              <input type="number" value={seed} onChange={(e) => setSeed(Number(e.target.value) || 0)} />
            </label>
          </div>
        ) : (
          <div className="row wrap">
            <FilePicker label={t('sim.upload')} accept=".ndjson,.jsonl,.json,application/x-ndjson" onFile={(file) => void file.text().then((text) => setUpload({ name: file.name, text }))} testId="sim-file" />
            {upload ? <span className="muted small">{t('sim.eventsLoaded', { count: upload.text.split('\n').filter((l) => l.trim()).length })}</span> : null}
          </div>
        )}
        <div className="row">
          <button type="button" className="button primary" disabled={running || (source === 'cohort' ? !templateId : !upload)} onClick={() => void run()} data-testid="sim-run">
            {running ? t('sim.running') : t('sim.run')}
          </button>
          {summary ? (
            <button type="button" className="button" onClick={() => { setSummary(undefined); onCounts({}); }}>
              {t('sim.clear')}
            </button>
          ) : null}
        </div>
        {running || progress ? (
          <div className="progress" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} data-testid="sim-progress">
            <div className="progress-bar" style={{ width: `${percent}%` }} />
            <span>{progress && progress.total > 0 ? t('sim.progress', progress) : running ? t('sim.running') : ''}</span>
          </div>
        ) : null}
        {summary ? (
          <div className="sim-summary" data-testid="sim-summary">
            {t('sim.done', { customers: summary.customers, days: summary.days })}
            {Object.keys(summary.goals).length > 0 ? (
              <ul className="goals">
                {Object.entries(summary.goals).map(([goal, g]) => (
                  <li key={goal}>
                    ★ <code>{goal}</code> {t('stats.converted')} {g.converted} / {g.reached}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {error ? <pre className="error-text small">{error}</pre> : null}
        {badLines.length > 0 ? <pre className="error-text small">{badLines.map((bad) => badLineText(t, bad)).join('\n')}</pre> : null}
      </div>
      <div className="sim-charts">{summary ? <StageCharts stages={doc.stages} series={summary} /> : <div className="chart-empty">{t('sim.title')}</div>}</div>
    </div>
  );
}
