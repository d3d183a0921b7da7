/** The problems list: every diagnostic with where it is; a click selects and centres its node and reveals it in the text. */
import { useTranslation } from 'react-i18next';
import { formatPath, type Diagnostic } from '../../dsl/diagnostics.ts';
import { diagnosticDetail, diagnosticText } from '../i18n/diagnostic-text.ts';

export function ProblemsList({ diagnostics, onFocus }: { diagnostics: readonly Diagnostic[]; onFocus: (d: Diagnostic) => void }) {
  const { t, i18n } = useTranslation();
  if (diagnostics.length === 0) return <div className="problems-empty">✓ {t('editor.noProblems')}</div>;
  return (
    <ul className="problems" data-testid="problems">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button type="button" className={`problem ${d.severity}`} onClick={() => onFocus(d)} data-testid="problem">
            <span className={`severity-dot ${d.severity}`} aria-label={d.severity === 'error' ? t('problems.error') : t('problems.warning')} />
            <span className="problem-message" title={diagnosticDetail(d, i18n.language)}>{diagnosticText(d, i18n.language)}</span>
            <span className="problem-where">
              {d.nodeId ? <code>{d.nodeId}</code> : null}
              {d.span ? ` ${d.span.line}:${d.span.column}` : ` ${formatPath(d.path)}`}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
