/** Customer lookup: profile, tags, the journeys they are in, and their timeline of events, stage changes, actions and tasks. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile, TimelineItem } from '../api/client.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';

/** The label key and one-line text of a timeline entry. */
function describe(item: TimelineItem): { kind: string; text: string } {
  if (item.kind === 'input') {
    const input = item.input ?? {};
    if (input.type === 'event') return { kind: 'event', text: input.event ?? '' };
    if (input.type === 'identify') return { kind: 'identify', text: Object.keys(input.traits ?? {}).join(', ') };
    return { kind: 'other', text: input.type ?? '' };
  }
  const e = item.effect ?? {};
  switch (e.kind) {
    case 'stage':
      return { kind: 'stage', text: `${e.from ? `${e.from} → ` : ''}${e.stage ?? ''}` };
    case 'action': {
      const a = e.action ?? {};
      return { kind: 'action', text: [a.type, a.channel, a.template, a.tag].filter(Boolean).join(' · ') };
    }
    case 'task':
      return { kind: 'task', text: e.task?.title ?? '' };
    case 'exit':
      return { kind: 'exit', text: e.reason ?? '' };
    case 'goal':
      return { kind: 'goal', text: e.goal ?? '' };
    case 'entered':
      return { kind: 'entered', text: e.journeyId ?? '' };
    default:
      return { kind: 'other', text: e.kind ?? '' };
  }
}

const SHOWN_EFFECTS = new Set(['stage', 'action', 'task', 'exit', 'goal', 'entered']);

export function CustomersScreen({ customerId }: { customerId?: string }) {
  const { t, i18n } = useTranslation();
  const { api, navigate } = useApp();
  const [query, setQuery] = useState(customerId ?? '');
  const [customer, setCustomer] = useState<CustomerProfile | undefined>(undefined);
  const [timeline, setTimeline] = useState<TimelineItem[]>([]);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!customerId) return;
    setError(undefined);
    Promise.all([api.customer(customerId), api.timeline(customerId)]).then(
      ([c, tl]) => {
        setCustomer(c);
        setTimeline(tl.filter((x) => x.kind === 'input' || SHOWN_EFFECTS.has(x.effect?.kind ?? '')));
      },
      (e: unknown) => {
        setCustomer(undefined);
        setTimeline([]);
        setError(e instanceof ApiError && e.status === 404 ? t('customers.notFound') : e instanceof Error ? e.message : String(e));
      },
    );
  }, [api, customerId]);

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('customers.title')}</h1>
      </header>
      <form className="filters" onSubmit={(e) => { e.preventDefault(); if (query.trim()) navigate(`/customers/${encodeURIComponent(query.trim())}`); }}>
        <input type="search" placeholder={t('customers.placeholder')} aria-label={t('customers.placeholder')} value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="button primary">
          {t('customers.lookup')}
        </button>
      </form>
      {error ? <div className="error-text">{error}</div> : null}
      {customer ? (
        <div className="customer-layout">
          <section className="card">
            <h2 className="mono">{customer.id}</h2>
            <h3>{t('customers.profile')}</h3>
            {Object.keys(customer.profile).length === 0 ? <span className="muted">{t('common.none')}</span> : null}
            <dl className="kv">
              {Object.entries(customer.profile).map(([k, v]) => (
                <div key={k}>
                  <dt>{k}</dt>
                  <dd>{typeof v === 'object' ? JSON.stringify(v) : String(v)}</dd>
                </div>
              ))}
            </dl>
            <h3>{t('customers.tags')}</h3>
            <div className="chips">
              {customer.tags.length === 0 ? <span className="muted">{t('common.none')}</span> : customer.tags.map((tag) => <span key={tag} className="chip">{tag}</span>)}
            </div>
            <h3>{t('customers.journeys')}</h3>
            <ul className="plain">
              {customer.journeys.map((j) => (
                <li key={j.journeyId}>
                  <a href={`/journeys/${encodeURIComponent(j.journeyId)}`} onClick={(e) => { e.preventDefault(); navigate(`/journeys/${encodeURIComponent(j.journeyId)}`); }}>
                    {j.journeyId}
                  </a>{' '}
                  <span className="muted small">
                    v{j.version} · {t(`customers.status.${j.status === 'active' || j.status === 'exited' || j.status === 'completed' ? j.status : 'active'}`)} · {t('customers.inNode', { node: j.node })}
                    {j.stage ? ` · ${j.stage}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          </section>
          <section className="card">
            <h2>{t('customers.timeline')}</h2>
            {timeline.length === 0 ? <p className="muted">{t('customers.noTimeline')}</p> : null}
            <ol className="timeline" data-testid="timeline">
              {timeline.map((item) => {
                const d = describe(item);
                return (
                  <li key={item.seq} className={`timeline-item kind-${d.kind}`}>
                    <time>{new Date(item.at).toLocaleString(i18n.language)}</time>
                    <span className="timeline-kind">{t(`customers.kind.${d.kind}`)}</span>
                    <span className="timeline-text">{d.text}</span>
                    {item.effect?.node ? <code className="muted small">{item.effect.node}</code> : null}
                  </li>
                );
              })}
            </ol>
          </section>
        </div>
      ) : null}
    </div>
  );
}
