/** `condition` node in the editor: ordered branches with the typed condition builder, plus the else exit. */
import { useTranslation } from 'react-i18next';
import type { ConditionNode } from '../../../dsl/nodes/condition.ts';
import { printConditionText } from '../../../dsl/text/index.ts';
import { ConditionBuilder } from '../../inspector/condition-builder.tsx';
import { Field, IconButton, Section, TextInput } from '../../inspector/controls.tsx';
import { TargetSelect } from '../../inspector/target-select.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

function ConditionForm({ node, doc, onChange }: FormProps<ConditionNode>) {
  const { t } = useTranslation();
  const setBranch = (i: number, patch: Partial<ConditionNode['branches'][number]>, mergeKey?: string) =>
    onChange({ ...node, branches: node.branches.map((b, j) => (j === i ? { ...b, ...patch } : b)) }, mergeKey);
  return (
    <>
      {node.branches.map((branch, i) => (
        <Section
          key={i}
          title={t('inspector.branch', { n: i + 1 })}
          actions={
            node.branches.length > 1 ? (
              <IconButton label={t('common.remove')} tone="danger" onClick={() => onChange({ ...node, branches: node.branches.filter((_, j) => j !== i) })}>
                ×
              </IconButton>
            ) : null
          }
        >
          <Field label={t('inspector.label')}>
            {(id) => (
              <TextInput
                id={id}
                value={branch.label ?? ''}
                onChange={(label) => {
                  const { label: _l, ...rest } = branch;
                  onChange({ ...node, branches: node.branches.map((b, j) => (j === i ? (label === '' ? rest : { ...rest, label }) : b)) }, `branch-label:${node.id}:${i}`);
                }}
              />
            )}
          </Field>
          <ConditionBuilder testId={`branch-${i}-condition`} value={branch.when} doc={doc} onChange={(when) => setBranch(i, { when }, `branch-when:${node.id}:${i}`)} />
          <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={branch.next} doc={doc} exclude={node.id} onChange={(next) => setBranch(i, { next })} />}</Field>
        </Section>
      ))}
      <button
        type="button"
        className="button"
        onClick={() => onChange({ ...node, branches: [...node.branches, { when: { all: [{ fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 }] }, next: node.else }] })}
      >
        + {t('inspector.addBranch')}
      </button>
      <Field label={t('inspector.elseGoesTo')}>{(id) => <TargetSelect id={id} value={node.else} doc={doc} exclude={node.id} onChange={(target) => onChange({ ...node, else: target })} />}</Field>
    </>
  );
}

export const conditionKind: NodeKindModule<ConditionNode> = {
  kind: 'condition',
  icon: '◇',
  accent: '#d97706',
  palette: [
    {
      key: 'condition',
      icon: '◇',
      create: (id, fallback) => ({
        id,
        kind: 'condition',
        branches: [{ label: 'yes', when: { all: [{ fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 }] }, next: fallback }],
        else: fallback,
      }),
    },
  ],
  summary: (node) => node.branches.map((b) => printConditionText(b.when)).join(' · '),
  Form: ConditionForm,
};
