/** `goal` node in the editor: a named conversion goal, optionally followed by more steps. */
import { useTranslation } from 'react-i18next';
import type { GoalNode } from '../../../dsl/nodes/goal.ts';
import { Field, TextInput } from '../../inspector/controls.tsx';
import { TargetSelect } from '../../inspector/target-select.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

function GoalForm({ node, doc, onChange }: FormProps<GoalNode>) {
  const { t } = useTranslation();
  return (
    <>
      <Field label={t('inspector.goal')}>{(id) => <TextInput id={id} commitOnBlur value={node.goal} onChange={(goal) => goal !== '' && onChange({ ...node, goal })} />}</Field>
      <Field label={t('inspector.goesTo')}>
        {(id) =>
          node.next === undefined ? (
            <button id={id} type="button" className="link-button" onClick={() => onChange({ ...node, next: doc.nodes.find((n) => n.id !== node.id)?.id ?? node.id })}>
              + {t('edges.next')}
            </button>
          ) : (
            <div className="row">
              <TargetSelect id={id} value={node.next} doc={doc} exclude={node.id} onChange={(next) => onChange({ ...node, next })} />
              <button type="button" className="link-button" onClick={() => { const { next: _n, ...rest } = node; onChange(rest); }}>
                {t('common.remove')}
              </button>
            </div>
          )
        }
      </Field>
    </>
  );
}

export const goalKind: NodeKindModule<GoalNode> = {
  kind: 'goal',
  icon: '★',
  accent: '#16a34a',
  palette: [{ key: 'goal', icon: '★', create: (id) => ({ id, kind: 'goal', goal: 'converted' }) }],
  summary: (node) => node.goal,
  Form: GoalForm,
};
