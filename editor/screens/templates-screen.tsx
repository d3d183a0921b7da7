/** The template gallery and one template: preview diagram, stage notes, params form, create-from-template, export and import with a preview. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParamValue } from '../../dsl/schema/params.ts';
import type { ImportAnswer, TemplateDetail, TemplateSummary } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { Dialog } from '../app/dialog.tsx';
import { FilePicker } from '../app/file-picker.tsx';
import { PreviewDiagram } from '../canvas/preview-diagram.tsx';
import { localized } from '../i18n/index.ts';

function ImportDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api, toast } = useApp();
  const [file, setFile] = useState<string | undefined>(undefined);
  const [preview, setPreview] = useState<ImportAnswer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const pick = async (f: File | undefined) => {
    setPreview(undefined);
    setError(undefined);
    if (!f) return;
    const text = await f.text();
    setFile(text);
    try {
      setPreview(await api.importTemplate(text, true));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const install = async () => {
    if (!file) return;
    try {
      await api.importTemplate(file, false);
      toast({ key: 'templates.importDone' }, 'success');
      onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  const p = preview?.preview;
  return (
    <Dialog title={t('templates.importTitle')} onClose={onClose}>
      <FilePicker label={t('templates.importPick')} accept=".json,application/json" onFile={(f) => void pick(f)} testId="import-file" />
      {error ? <div className="error-text">{error}</div> : null}
      {p ? (
        <div className="import-preview">
          <h3>{t('templates.importPreview')}</h3>
          {p.pack ? (
            <p>
              <code>{p.pack.id}</code> {p.pack.version} · {t(`templates.packStatus.${p.pack.status}`)}
              {p.pack.installedVersion ? ` · ${t('templates.installed', { version: p.pack.installedVersion })}` : ''}
            </p>
          ) : null}
          <ul>
            {p.added.map((a) => (
              <li key={a.journeyId}>
                <span className="status-pill live">{t('templates.newItems')}</span> {a.journeyId} v{a.version}
              </li>
            ))}
            {p.changed.map((c) => (
              <li key={c.journeyId}>
                <span className="status-pill paused">{t('templates.conflicts')}</span> {c.journeyId} v{c.installedVersion} → v{c.version}
              </li>
            ))}
            {p.unchanged.map((u) => (
              <li key={u.journeyId} className="muted">
                {u.journeyId} v{u.version}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={!p} onClick={() => void install()}>
          {t('templates.importConfirm')}
        </button>
      </footer>
    </Dialog>
  );
}

export function TemplatesScreen() {
  const { t, i18n } = useTranslation();
  const { api, navigate, toast } = useApp();
  const [templates, setTemplates] = useState<TemplateSummary[] | undefined>(undefined);
  const [importing, setImporting] = useState(false);
  useEffect(() => {
    api.templates().then(setTemplates, (e: unknown) => toast(e instanceof Error ? e.message : String(e), 'error'));
  }, [api]);
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('templates.title')}</h1>
          <p className="muted">{t('templates.intro')}</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => setImporting(true)}>
            ⤒ {t('templates.import')}
          </button>
        </div>
      </header>
      {templates === undefined ? (
        <div className="muted">{t('common.loading')}</div>
      ) : (
        <div className="card-grid">
          {templates.map((tpl) => (
            <button type="button" key={tpl.id} className="template-card" onClick={() => navigate(`/templates/${encodeURIComponent(tpl.id)}`)} data-testid={`template-${tpl.id}`}>
              <h2>{localized(tpl.name, i18n.language)}</h2>
              <p className="muted clamp">{localized(tpl.description, i18n.language)}</p>
              <div className="chips">
                {(tpl.stages ?? []).map((s) => (
                  <span key={s.id} className="chip">
                    {localized(s.name, i18n.language)}
                  </span>
                ))}
              </div>
            </button>
          ))}
        </div>
      )}
      {importing ? <ImportDialog onClose={() => setImporting(false)} /> : null}
    </div>
  );
}

function ParamInput({ name, def, value, onChange }: { name: string; def: TemplateDetail['params'][string]; value: ParamValue; onChange: (v: ParamValue) => void }) {
  const { t } = useTranslation();
  if (def.type === 'number') return <input id={`param-${name}`} type="number" min={def.min} max={def.max} step={def.integer ? 1 : 'any'} value={String(value)} onChange={(e) => onChange(Number(e.target.value))} />;
  if (def.type === 'boolean')
    return (
      <select id={`param-${name}`} value={String(value)} onChange={(e) => onChange(e.target.value === 'true')}>
        <option value="true">{t('common.yes')}</option>
        <option value="false">{t('common.no')}</option>
      </select>
    );
  if (def.type === 'enum')
    return (
      <select id={`param-${name}`} value={String(value)} onChange={(e) => onChange(e.target.value)}>
        {(def.values ?? []).map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    );
  return <input id={`param-${name}`} type="text" value={String(value)} onChange={(e) => onChange(e.target.value)} />;
}

export function TemplateScreen({ templateId }: { templateId: string }) {
  const { t, i18n } = useTranslation();
  const { api, navigate, toast } = useApp();
  const [tpl, setTpl] = useState<TemplateDetail | undefined>(undefined);
  const [values, setValues] = useState<Record<string, ParamValue>>({});
  const [journeyId, setJourneyId] = useState('');
  const [busy, setBusy] = useState(false);
  const lang = i18n.language;
  useEffect(() => {
    api.template(templateId).then(
      (d) => {
        setTpl(d);
        setValues(Object.fromEntries(Object.entries(d.params).map(([k, p]) => [k, p.default])));
        setJourneyId(`${d.documents[0]?.id ?? d.id}-${Date.now().toString(36).slice(-4)}`);
      },
      (e: unknown) => toast(e instanceof Error ? e.message : String(e), 'error'),
    );
  }, [api, templateId]);
  if (!tpl) return <div className="page muted">{t('common.loading')}</div>;
  const create = async () => {
    setBusy(true);
    try {
      const created = await api.createJourney({ fromTemplate: tpl.id, params: values, ...(journeyId ? { id: journeyId } : {}) });
      toast({ key: 'templates.created' }, 'success');
      navigate(`/journeys/${encodeURIComponent(created.id)}`);
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  const exportPack = async () => {
    try {
      const file = await api.exportTemplate(tpl.id);
      const url = URL.createObjectURL(new Blob([file], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `${tpl.id}-${tpl.version ?? ''}.lspack.json`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };
  const doc = tpl.documents[0];
  const list = (items: { zh: string; en: string }[] | undefined) => (
    <ul>
      {(items ?? []).map((x, i) => (
        <li key={i}>{localized(x, lang)}</li>
      ))}
    </ul>
  );
  return (
    <div className="page template-page">
      <header className="page-head">
        <div>
          <button type="button" className="link-button back" onClick={() => navigate('/templates')}>
            ← {t('templates.title')}
          </button>
          <h1 data-testid="template-title">{localized(tpl.name, lang)}</h1>
          <p className="muted">{localized(tpl.description, lang)}</p>
        </div>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => void exportPack()}>
            ⤓ {t('templates.export')}
          </button>
        </div>
      </header>
      <div className="template-layout">
        <div className="template-main">
          <section className="card">
            <h2>{t('templates.preview')}</h2>
            {doc ? <PreviewDiagram doc={doc} /> : null}
          </section>
          <section className="card">
            <h2>{t('templates.notes')}</h2>
            <div className="notes-grid">
              {(tpl.stages ?? []).map((stage) => {
                const note = tpl.notes[stage.id];
                return (
                  <article key={stage.id} className="stage-note" data-testid={`note-${stage.id}`}>
                    <h3>{localized(stage.name, lang)}</h3>
                    {note?.purpose ? <p>{localized(note.purpose, lang)}</p> : null}
                    {note?.typicalActions?.length ? (
                      <>
                        <h4>{t('templates.actions')}</h4>
                        {list(note.typicalActions)}
                      </>
                    ) : null}
                    {note?.channels?.length ? (
                      <>
                        <h4>{t('templates.channels')}</h4>
                        {list(note.channels)}
                      </>
                    ) : null}
                    {note?.kpis?.length ? (
                      <>
                        <h4>{t('templates.kpis')}</h4>
                        {list(note.kpis)}
                      </>
                    ) : null}
                  </article>
                );
              })}
            </div>
          </section>
        </div>
        <aside className="card template-form">
          <h2>{t('templates.params')}</h2>
          <div className="form-grid single">
            {Object.entries(tpl.params).map(([name, def]) => (
              <div className="field" key={name}>
                <label htmlFor={`param-${name}`}>{localized(def.label, lang) || name}</label>
                <ParamInput name={name} def={def} value={values[name] ?? def.default} onChange={(v) => setValues((x) => ({ ...x, [name]: v }))} />
                {def.description ? <div className="field-hint">{localized(def.description, lang)}</div> : null}
              </div>
            ))}
            <div className="field">
              <label htmlFor="journey-id">{t('templates.journeyId')}</label>
              <input id="journey-id" value={journeyId} onChange={(e) => setJourneyId(e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '-'))} data-testid="template-journey-id" />
            </div>
          </div>
          <button type="button" className="button primary block" disabled={busy} onClick={() => void create()} data-testid="create-from-template">
            {t('templates.create')}
          </button>
        </aside>
      </div>
    </div>
  );
}
