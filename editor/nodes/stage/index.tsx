/** `stage` node in the editor: palette entry, canvas summary and inspector form (pick or define the lifecycle stage). */
import { useTranslation } from 'react-i18next';
import type { StageNode } from '../../../dsl/nodes/stage.ts';
import { localized } from '../../i18n/index.ts';
import { Field, Select, TextInput } from '../../inspector/controls.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

function StageForm({ node, doc, onChange, onDocChange }: FormProps<StageNode>) {
  const { t, i18n } = useTranslation();
  const def = doc.stages.find((s) => s.id === node.stage);
  const options = [...(def ? [] : [{ value: node.stage, label: `${node.stage} ⚠` }]), ...doc.stages.map((s) => ({ value: s.id, label: `${localized(s.name, i18n.language)} (${s.id})` }))];
  const setName = (lang: 'zh' | 'en', text: string) =>
    onDocChange({ ...doc, stages: doc.stages.map((s) => (s.id === node.stage ? { ...s, name: { ...s.name, [lang]: text } } : s)) }, `stage-name:${node.stage}:${lang}`);
  return (
    <>
      <Field label={t('inspector.stage')}>{(id) => <Select id={id} testId="stage-select" value={node.stage} options={options} onChange={(stage) => onChange({ ...node, stage })} />}</Field>
      {def ? (
        <>
          <Field label={t('inspector.nameZh')}>{(id) => <TextInput id={id} value={def.name.zh} onChange={(v) => setName('zh', v)} />}</Field>
          <Field label={t('inspector.nameEn')}>{(id) => <TextInput id={id} value={def.name.en} onChange={(v) => setName('en', v)} />}</Field>
        </>
      ) : (
        <button type="button" className="button" onClick={() => onDocChange({ ...doc, stages: [...doc.stages, { id: node.stage, name: { zh: node.stage, en: node.stage } }] })}>
          + {t('inspector.newStage')} {node.stage}
        </button>
      )}
    </>
  );
}

export const stageKind: NodeKindModule<StageNode> = {
  kind: 'stage',
  icon: '◆',
  accent: '#7c3aed',
  palette: [
    {
      key: 'stage',
      icon: '◆',
      create: (id, fallback, doc) => ({ id, kind: 'stage', stage: doc.stages[0]?.id ?? 'stage', next: fallback }),
    },
  ],
  summary: (node, doc, _t, language) => {
    const def = doc.stages.find((s) => s.id === node.stage);
    return def ? localized(def.name, language) : node.stage;
  },
  Form: StageForm,
};
