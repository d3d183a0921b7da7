/** Publishing: the diff against the live version (Monaco diff editor), the in-flight policy, and refusal while errors remain. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hasErrors, type Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { printJourneyText } from '../../dsl/text/index.ts';
import { ApiError } from '../api/client.ts';
import { useApp } from '../app/app-context.ts';
import { diagnosticText } from '../i18n/diagnostic-text.ts';
import { localized } from '../i18n/index.ts';
import { Dialog } from '../app/dialog.tsx';

/** Monaco's diff editor arrives with the dialog, not with the editor's first paint. */
const JourneyDiff = lazy(async () => ({ default: (await import('./journey-diff.tsx')).JourneyDiff }));

export interface PublishDialogProps {
  journeyId: string;
  doc: JourneyDocument;
  diagnostics: readonly Diagnostic[];
  liveVersion: number | null;
  /** Saves pending edits first; resolves to the revision to publish, or undefined when saving failed. */
  saveFirst: () => Promise<number | undefined>;
  onPublished: (version: number) => void;
  onClose: () => void;
}

export function PublishDialog({ journeyId, doc, diagnostics, liveVersion, saveFirst, onPublished, onClose }: PublishDialogProps) {
  const { t, i18n } = useTranslation();
  const { api, toast } = useApp();
  const [original, setOriginal] = useState<string | undefined>(liveVersion === null ? '' : undefined);
  const [policy, setPolicy] = useState<'finish' | 'migrate'>('finish');
  const [busy, setBusy] = useState(false);
  const [serverProblems, setServerProblems] = useState<Diagnostic[]>([]);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  const blocked = hasErrors(diagnostics) || serverProblems.length > 0;

  useEffect(() => {
    if (liveVersion === null) return;
    let alive = true;
    api.getVersion(journeyId, liveVersion).then(
      (v) => alive && setOriginal(v.text ?? printJourneyText(v.document)),
      () => alive && setOriginal(''),
    );
    return () => {
      alive = false;
    };
  }, [api, journeyId, liveVersion]);

  const publish = async () => {
    setBusy(true);
    try {
      const revision = await saveFirst();
      if (revision === undefined) return;
      const result = await api.publish(journeyId, policy, revision);
      toast({ key: 'publish.published', values: { version: result.version } }, 'success');
      onPublished(result.version);
    } catch (e) {
      if (e instanceof ApiError && e.diagnostics) setServerProblems(e.diagnostics.filter((d) => d.severity === 'error'));
      toast(e instanceof Error ? e.message : String(e), 'error');
    } finally {
      setBusy(false);
    }
  };

  const shownErrors = errors.length > 0 ? errors : serverProblems;
  return (
    <Dialog title={t('publish.title', { name: localized(doc.name, i18n.language) })} onClose={onClose} wide testId="publish-dialog">
      <h3 className="dialog-subtitle">{liveVersion === null ? t('publish.firstVersion') : t('publish.diff')}</h3>
      <div className="diff-labels">
        <span>{liveVersion === null ? '' : t('publish.live', { n: liveVersion })}</span>
        <span>{t('publish.rightDraft')}</span>
      </div>
      <div className="diff-editor" data-testid="publish-diff">
        {original === undefined ? (
          <div className="muted">{t('common.loading')}</div>
        ) : (
          <Suspense fallback={<div className="muted">{t('common.loading')}</div>}>
            <JourneyDiff original={original} modified={printJourneyText(doc)} />
          </Suspense>
        )}
      </div>
      {shownErrors.length > 0 ? (
        <div className="publish-refused" role="alert" data-testid="publish-refused">
          <strong>{t('publish.refused')}</strong> — {t('publish.errorsCount', { count: shownErrors.length })}
          <ul>
            {shownErrors.slice(0, 5).map((d, i) => (
              <li key={i}>
                {d.nodeId ? <code>{d.nodeId}</code> : null} {diagnosticText(d, i18n.language)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <fieldset className="policy">
          <legend>{t('publish.policy')}</legend>
          {(['finish', 'migrate'] as const).map((p) => (
            <label key={p} className="radio">
              <input type="radio" name="policy" value={p} checked={policy === p} onChange={() => setPolicy(p)} />
              {t(`publish.${p}`)}
            </label>
          ))}
        </fieldset>
      )}
      <footer className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="button primary" disabled={blocked || busy} onClick={() => void publish()} data-testid="publish-confirm">
          {busy ? t('toolbar.saving') : t('publish.confirm')}
        </button>
      </footer>
    </Dialog>
  );
}
