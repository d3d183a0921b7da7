/** The journeys list: search, status filter, create (blank or from a template), duplicate, archive; status and live version. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneySummary } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { Dialog } from '../app/dialog.tsx';
import { localized } from '../i18n/index.ts';

function NewJourneyDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { api, navigate, toast } = useApp();
  const [id, setId] = useState('my-journey');
  const [zh, setZh] = useState('新旅程');
  const [en, setEn] = useState('New journey');
  const create = async () => {
    try {
      const created = await api.createJourney({
        document: {
          id,
          name: { zh, en },
          version: 1,
          stages: [{ id: 'active', name: { zh: '活跃期', en: 'Active' } }],
          entry: { trigger: { type: 'event', event: 'signup' }, next: 'start' },
          nodes: [
            { id: 'start', kind: 'stage', stage: 'active', next: 'welcome' },
            { id: 'welcome', kind: 'action', action: { type: 'message', channel: 'wechat', template: 'welcome' }, next: 'end' },
            { id: 'end', kind: 'exit' },
          ],
        },
      });
      navigate(`/journeys/${encodeURIComponent(created.id)}`);
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };
  return (
    <Dialog title={t('journeys.newTitle')} onClose={onClose}>
      <div className="form-grid">
        <label htmlFor="new-id">{t('journeys.newId')}</label>
        <input id="new-id" value={id} onChange={(e) => setId(e.target.value.toLowerCase().replace(/[^a-z0-9_-]/g, '-'))} />
        <label htmlFor="new-zh">{t('journeys.newName')}</label>
        <input id="new-zh" value={zh} onChange={(e) => setZh(e.target.value)} />
        <label htmlFor="new-en">{t('journeys.newNameEn')}</label>
        <input id="new-en" value={en} onChange={(e) => setEn(e.target.value)} />
      </div>
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" onClick={() => void create()}>
          {t('common.create')}
        </button>
      </footer>
    </Dialog>
  );
}

export function JourneysScreen() {
  const { t, i18n } = useTranslation();
  const { api, navigate, toast } = useApp();
  const [query, setQuery] = useState('');
  const [status, setStatus] = useState('');
  const [journeys, setJourneys] = useState<JourneySummary[] | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let alive = true;
    const timer = setTimeout(() => {
      api.listJourneys({ ...(query ? { q: query } : {}), ...(status ? { status } : {}) }).then(
        (list) => alive && setJourneys(list),
        (e: unknown) => alive && toast(e instanceof Error ? e.message : String(e), 'error'),
      );
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, query, status, reload]);

  const act = async (journey: JourneySummary, action: 'duplicate' | 'archive') => {
    if (action === 'archive' && !window.confirm(t('journeys.confirmArchive', { name: localized(journey.name, i18n.language) }))) return;
    try {
      const result = await api.lifecycle(journey.id, action);
      if (action === 'duplicate') navigate(`/journeys/${encodeURIComponent(result.id)}`);
      else {
        toast({ key: 'journeys.archived' }, 'success');
        setReload((n) => n + 1);
      }
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('journeys.title')}</h1>
        <div className="page-actions">
          <button type="button" className="button" onClick={() => navigate('/templates')} data-testid="from-template">
            {t('journeys.fromTemplate')}
          </button>
          <button type="button" className="button primary" onClick={() => setCreating(true)}>
            + {t('journeys.new')}
          </button>
        </div>
      </header>
      <div className="filters">
        <input type="search" placeholder={t('journeys.searchPlaceholder')} aria-label={t('common.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <select aria-label={t('journeys.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('common.all')}</option>
          {(['draft', 'live', 'paused', 'archived'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      {journeys === undefined ? (
        <div className="muted">{t('common.loading')}</div>
      ) : journeys.length === 0 ? (
        <div className="empty-state">
          <p>{t('journeys.empty')}</p>
          <button type="button" className="button primary" onClick={() => navigate('/templates')}>
            {t('journeys.fromTemplate')}
          </button>
        </div>
      ) : (
        <table className="table" data-testid="journeys-table">
          <thead>
            <tr>
              <th>{t('journeys.name')}</th>
              <th>{t('journeys.status')}</th>
              <th>{t('journeys.liveVersion')}</th>
              <th>{t('journeys.draft')}</th>
              <th aria-label={t('journeys.actions')} />
            </tr>
          </thead>
          <tbody>
            {journeys.map((j) => (
              <tr key={j.id}>
                <td>
                  <a href={`/journeys/${encodeURIComponent(j.id)}`} onClick={(e) => { e.preventDefault(); navigate(`/journeys/${encodeURIComponent(j.id)}`); }} className="journey-link">
                    {localized(j.name, i18n.language)}
                  </a>
                  <div className="muted small mono">{j.id}</div>
                </td>
                <td>
                  <span className={`status-pill ${j.status}`}>{t(`status.${j.status}`)}</span>
                </td>
                <td>{j.liveVersion === null ? <span className="muted">{t('journeys.noLive')}</span> : t('common.version', { n: j.liveVersion })}</td>
                <td className="muted">#{j.draftRevision}</td>
                <td className="row-actions">
                  <button type="button" className="link-button" onClick={() => navigate(`/journeys/${encodeURIComponent(j.id)}`)}>
                    {t('common.open')}
                  </button>
                  <button type="button" className="link-button" onClick={() => void act(j, 'duplicate')}>
                    {t('journeys.duplicate')}
                  </button>
                  {j.status !== 'archived' ? (
                    <button type="button" className="link-button danger" onClick={() => void act(j, 'archive')}>
                      {t('journeys.archive')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {creating ? <NewJourneyDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
