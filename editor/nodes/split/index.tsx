/** `split` node in the editor: random percentage shares that must add up to 100. */
import { useTranslation } from 'react-i18next';
import type { SplitNode } from '../../../dsl/nodes/split.ts';
import { Field, IconButton, NumberInput, Section, TextInput } from '../../inspector/controls.tsx';
import { TargetSelect } from '../../inspector/target-select.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

function SplitForm({ node, doc, onChange }: FormProps<SplitNode>) {
  const { t } = useTranslation();
  const total = node.branches.reduce((sum, b) => sum + b.percent, 0);
  const setBranch = (i: number, patch: Partial<SplitNode['branches'][number]>, mergeKey?: string) =>
    onChange({ ...node, branches: node.branches.map((b, j) => (j === i ? { ...b, ...patch } : b)) }, mergeKey);
  return (
    <>
      {node.branches.map((b, i) => (
        <Section
          key={i}
          title={t('inspector.branch', { n: i + 1 })}
          actions={
            node.branches.length > 2 ? (
              <IconButton label={t('common.remove')} tone="danger" onClick={() => onChange({ ...node, branches: node.branches.filter((_, j) => j !== i) })}>
                ×
              </IconButton>
            ) : null
          }
        >
          <div className="row">
            <Field label={t('inspector.percent')}>{(id) => <NumberInput id={id} value={b.percent} min={0.01} max={100} onChange={(percent) => percent > 0 && setBranch(i, { percent }, `split:${node.id}:${i}`)} />}</Field>
            <Field label={t('inspector.label')}>
              {(id) => <TextInput id={id} value={b.label ?? ''} onChange={(label) => setBranch(i, label === '' ? { label: undefined } : { label }, `split-label:${node.id}:${i}`)} />}
            </Field>
          </div>
          <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={b.next} doc={doc} exclude={node.id} onChange={(next) => setBranch(i, { next })} />}</Field>
        </Section>
      ))}
      <div className={total === 100 ? 'muted small' : 'error-text small'}>{total === 100 ? t('inspector.splitTotal', { total }) : `${t('inspector.splitTotal', { total })} · ${t('inspector.splitMustBe100')}`}</div>
      <button type="button" className="button" onClick={() => onChange({ ...node, branches: [...node.branches, { percent: Math.max(1, 100 - total), next: node.branches[0]?.next ?? node.id }] })}>
        + {t('inspector.addBranch')}
      </button>
    </>
  );
}

export const splitKind: NodeKindModule<SplitNode> = {
  kind: 'split',
  icon: '%',
  accent: '#0891b2',
  palette: [
    {
      key: 'split',
      icon: '%',
      create: (id, fallback) => ({ id, kind: 'split', branches: [{ label: 'A', percent: 50, next: fallback }, { label: 'B', percent: 50, next: fallback }] }),
    },
  ],
  summary: (node) => node.branches.map((b) => `${b.percent}%`).join(' / '),
  Form: SplitForm,
};
