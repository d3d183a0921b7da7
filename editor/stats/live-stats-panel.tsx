/** Live statistics from the server: per-node counts on the canvas, stage distribution over time and stage flow. */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import type { StatsAnswer } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { StageCharts } from '../charts/stage-charts.tsx';
import type { NodeCounts } from '../flow/document-to-flow.ts';
import { localized } from '../i18n/index.ts';
import { nodeCountsFromStats } from './node-counts-from-stats.ts';

export function LiveStatsPanel({ journeyId, doc, onCounts }: { journeyId: string; doc: JourneyDocument; onCounts: (counts: Record<string, NodeCounts>) => void }) {
  const { t, i18n } = useTranslation();
  const { api } = useApp();
  const [stats, setStats] = useState<StatsAnswer | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const load = useCallback(() => {
    api.stats(journeyId).then(
      (s) => {
        setStats(s);
        setError(undefined);
        onCounts(nodeCountsFromStats(s));
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [api, journeyId, onCounts]);
  useEffect(load, [load]);
  const now = stats?.stages?.now ?? {};
  const empty = !stats || (Object.keys(now).length === 0 && (stats.stages?.daily ?? []).length === 0);
  return (
    <div className="sim-panel" data-testid="live-stats">
      <div className="sim-controls">
        <button type="button" className="button" onClick={load}>
          ↻ {t('stats.refresh')}
        </button>
        {error ? <div className="error-text small">{error}</div> : null}
        <h3>{t('stats.now')}</h3>
        <ul className="stage-now">
          {doc.stages.map((s) => (
            <li key={s.id}>
              <span>{localized(s.name, i18n.language)}</span>
              <strong>{(now[s.id] ?? 0).toLocaleString()}</strong>
            </li>
          ))}
        </ul>
        {stats?.goals && stats.goals.length > 0 ? (
          <>
            <h3>{t('stats.goals')}</h3>
            <ul className="goals">
              {stats.goals.map((g) => (
                <li key={`${g.goal}:${g.node}`}>
                  ★ <code>{g.goal}</code> {t('stats.converted')} {g.converted} ({Math.round(g.rate * 100)}%)
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      <div className="sim-charts">
        {empty ? <div className="chart-empty">{t('stats.noData')}</div> : <StageCharts stages={doc.stages} series={{ daily: stats?.stages?.daily ?? [], transitions: (stats?.transitions ?? []).flatMap((x) => (x.from === null ? [] : [{ from: x.from, to: x.to, count: x.count }])) }} />}
      </div>
    </div>
  );
}
