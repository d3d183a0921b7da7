/** The inspector: the selected node's form (from its kind module), or the journey settings when nothing is selected. */
import { useTranslation } from 'react-i18next';
import type { Diagnostic } from '../../dsl/diagnostics.ts';
import type { JourneyNode } from '../../dsl/nodes/index.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { ENTRY_NODE_ID, removeNodes, replaceNode } from '../flow/document-edits.ts';
import { diagnosticDetail, diagnosticText } from '../i18n/diagnostic-text.ts';
import { moduleOf } from '../nodes/registry.ts';
import { useDocument, useDocumentStore } from '../store/use-document.ts';
import { Field, TextInput } from './controls.tsx';
import { JourneySettings, isUsableNodeId } from './journey-settings.tsx';

export function Inspector({ diagnostics }: { diagnostics: ReadonlyMap<string, Diagnostic[]> }) {
  const { t, i18n } = useTranslation();
  const store = useDocumentStore();
  const doc = useDocument((s) => s.doc);
  const selection = useDocument((s) => s.selection);
  if (!doc) return null;
  const changeDoc = (next: JourneyDocument, mergeKey?: string) => store.getState().change(next, 'inspector', mergeKey);
  const picked = selection.filter((id) => id !== ENTRY_NODE_ID);
  if (picked.length > 1) {
    return (
      <aside className="inspector" data-testid="inspector">
        <h2>{t('editor.multiSelected', { count: picked.length })}</h2>
        <button type="button" className="button danger" onClick={() => changeDoc(removeNodes(doc, picked))}>
          {t('toolbar.delete')}
        </button>
      </aside>
    );
  }
  const node = doc.nodes.find((n) => n.id === picked[0]);
  if (!node) {
    return (
      <aside className="inspector" data-testid="inspector">
        <JourneySettings doc={doc} onChange={changeDoc} />
      </aside>
    );
  }
  const module = moduleOf(node);
  const problems = diagnostics.get(node.id) ?? [];
  const onChange = (next: JourneyNode, mergeKey?: string) => {
    const current = store.getState().doc;
    if (current) store.getState().change(replaceNode(current, node.id, next), 'inspector', mergeKey);
    if (next.id !== node.id) store.getState().select([next.id]);
  };
  const Form = module.Form;
  return (
    <aside className="inspector" data-testid="inspector" style={{ ['--accent' as string]: module.accent }}>
      <header className="inspector-head">
        <span className="node-icon" aria-hidden>
          {module.icon}
        </span>
        <h2>{t(`kinds.${node.kind}`)}</h2>
      </header>
      <Field label={t('inspector.id')}>
        {(id) => <TextInput id={id} testId="node-id" commitOnBlur value={node.id} onChange={(next) => isUsableNodeId(doc, next, node.id) && onChange({ ...node, id: next } as JourneyNode)} />}
      </Field>
      <Form key={node.id} node={node} doc={doc} onChange={onChange} onDocChange={changeDoc} />
      {problems.length > 0 ? (
        <div className="inspector-problems">
          <h3>{t('inspector.problems')}</h3>
          <ul>
            {problems.map((p, i) => (
              <li key={i} className={p.severity} title={diagnosticDetail(p, i18n.language)}>
                {diagnosticText(p, i18n.language)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <button type="button" className="button danger subtle" onClick={() => changeDoc(removeNodes(doc, [node.id]))}>
        {t('inspector.deleteNode')}
      </button>
    </aside>
  );
}
