/** The tasks inbox: staff see their SOP tasks, complete them or postpone them. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TaskItem } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';

const POSTPONE_CHOICES = ['1h', '4h', '1d', '3d', '1w'] as const;

export function TasksScreen() {
  const { t, i18n } = useTranslation();
  const { api, navigate, toast } = useApp();
  const [assignee, setAssignee] = useState(() => localStorage.getItem('lifecycle-studio.assignee') ?? '');
  const [status, setStatus] = useState<'open' | 'done'>('open');
  const [tasks, setTasks] = useState<TaskItem[] | undefined>(undefined);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    localStorage.setItem('lifecycle-studio.assignee', assignee);
    let alive = true;
    const timer = setTimeout(() => {
      api.tasks({ ...(assignee ? { assignee } : {}), status }).then(
        (list) => alive && setTasks(list),
        (e: unknown) => alive && toast(e instanceof Error ? e.message : String(e), 'error'),
      );
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [api, assignee, status, reload]);

  const act = async (task: TaskItem, action: 'complete' | string) => {
    try {
      if (action === 'complete') {
        await api.completeTask(task.id);
        toast({ key: 'tasks.completed' }, 'success');
      } else await api.postponeTask(task.id, action);
      setReload((n) => n + 1);
    } catch (e) {
      toast(e instanceof Error ? e.message : String(e), 'error');
    }
  };
  const when = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }) : '—');

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('tasks.title')}</h1>
      </header>
      <div className="filters">
        <input type="search" placeholder={t('tasks.everyone')} aria-label={t('tasks.assignee')} value={assignee} onChange={(e) => setAssignee(e.target.value)} />
        <div className="segmented" role="group" aria-label={t('tasks.status')}>
          {(['open', 'done'] as const).map((s) => (
            <button key={s} type="button" className={status === s ? 'active' : ''} onClick={() => setStatus(s)}>
              {t(`tasks.${s}`)}
            </button>
          ))}
        </div>
      </div>
      {tasks === undefined ? (
        <div className="muted">{t('common.loading')}</div>
      ) : tasks.length === 0 ? (
        <div className="empty-state">{t('tasks.empty')}</div>
      ) : (
        <ul className="task-list" data-testid="tasks">
          {tasks.map((task) => (
            <li key={task.id} className="task card">
              <div className="task-main">
                <strong>{task.title}</strong>
                {task.note ? <p className="muted">{task.note}</p> : null}
                <div className="muted small">
                  {t('tasks.customer')}:{' '}
                  <a href={`/customers/${encodeURIComponent(task.customerId)}`} onClick={(e) => { e.preventDefault(); navigate(`/customers/${encodeURIComponent(task.customerId)}`); }}>
                    {task.customerId}
                  </a>
                  {task.journeyId ? ` · ${t('tasks.journey')}: ${task.journeyId}` : ''}
                  {task.assignee ? ` · ${t('tasks.assignee')}: ${task.assignee}` : ''}
                  {` · ${t('tasks.due')}: ${when(task.postponedUntil ?? task.dueAt)}`}
                </div>
              </div>
              {task.status === 'open' ? (
                <div className="task-actions">
                  <select aria-label={t('tasks.postponeBy')} value="" onChange={(e) => e.target.value && void act(task, e.target.value)}>
                    <option value="">{t('tasks.postpone')}…</option>
                    {POSTPONE_CHOICES.map((c) => (
                      <option key={c} value={c}>
                        {c.replace(/(\d+)([hdw])/, (_m, n: string, u: string) => `${n} ${t(`units.${u}`)}`)}
                      </option>
                    ))}
                  </select>
                  <button type="button" className="button primary" onClick={() => void act(task, 'complete')}>
                    ✓ {t('tasks.complete')}
                  </button>
                </div>
              ) : (
                <span className="status-pill live">{t('tasks.done')}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
