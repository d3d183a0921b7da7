/** "Goes to": picks the node an exit leads to (the keyboard twin of dragging an edge on the canvas). */
import { useTranslation } from 'react-i18next';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { Select } from './controls.tsx';

export function TargetSelect({ id, value, doc, exclude, onChange }: { id?: string; value: string; doc: JourneyDocument; exclude?: string; onChange: (target: string) => void }) {
  const { t } = useTranslation();
  const ids = doc.nodes.map((n) => n.id).filter((n) => n !== exclude);
  const options = [...(ids.includes(value) ? [] : [{ value, label: `${value} ⚠` }]), ...ids.map((n) => ({ value: n, label: n }))];
  return <Select id={id} label={t('inspector.goesTo')} value={value} options={options} onChange={onChange} />;
}
