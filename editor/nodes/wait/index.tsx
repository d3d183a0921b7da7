/** `wait` node in the editor: a delay, until a time/date, or for events with a timeout (the inactivity-ladder step). */
import { useTranslation } from 'react-i18next';
import { ANY_EVENT, type WaitNode } from '../../../dsl/nodes/wait.ts';
import type { Duration } from '../../../dsl/schema/common.ts';
import type { JourneyDocument } from '../../../dsl/schema/document.ts';
import { ConditionBuilder } from '../../inspector/condition-builder.tsx';
import { Field, IconButton, Section, Select } from '../../inspector/controls.tsx';
import { DurationInput, splitDuration } from '../../inspector/duration-input.tsx';
import { TargetSelect } from '../../inspector/target-select.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

type Mode = WaitNode['mode'];

/** Keeps the node's way out when the mode changes, so switching modes never loses the connection. */
function switchMode(node: WaitNode, mode: Mode): WaitNode {
  const next = node.mode === 'events' ? node.timeoutNext : node.next;
  if (mode === 'delay') return { id: node.id, kind: 'wait', mode, duration: node.mode === 'events' ? node.timeout : '1d', next };
  if (mode === 'until') return { id: node.id, kind: 'wait', mode, time: '10:00', next };
  return { id: node.id, kind: 'wait', mode, events: [{ event: ANY_EVENT, next }], timeout: node.mode === 'delay' ? node.duration : '7d', timeoutFrom: 'entered', timeoutNext: next };
}

function EventPicker({ value, doc, onChange }: { value: string; doc: JourneyDocument; onChange: (e: string) => void }) {
  const { t } = useTranslation();
  const events = Object.keys(doc.schema.events);
  const options = [{ value: ANY_EVENT, label: t('edges.anyEvent') }, ...events.map((e) => ({ value: e, label: e }))];
  if (value !== ANY_EVENT && !events.includes(value)) options.push({ value, label: value });
  return <Select label={t('inspector.event')} value={value} options={options} onChange={onChange} />;
}

function WaitForm({ node, doc, onChange }: FormProps<WaitNode>) {
  const { t } = useTranslation();
  const modeOptions = (['delay', 'until', 'events'] as const).map((m) => ({ value: m, label: t(`inspector.mode${m[0]?.toUpperCase()}${m.slice(1)}`) }));
  return (
    <>
      <Field label={t('inspector.mode')}>{(id) => <Select id={id} value={node.mode} options={modeOptions} onChange={(mode) => mode !== node.mode && onChange(switchMode(node, mode))} />}</Field>
      {node.mode === 'delay' ? (
        <>
          <Field label={t('inspector.duration')}>{(id) => <DurationInput id={id} testId="wait-duration" value={node.duration} params={doc.params} onChange={(duration: Duration) => onChange({ ...node, duration }, `duration:${node.id}`)} />}</Field>
          <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={node.next} doc={doc} exclude={node.id} onChange={(next) => onChange({ ...node, next })} />}</Field>
        </>
      ) : null}
      {node.mode === 'until' ? (
        <>
          <Field label={t('inspector.time')}>
            {(id) => <input id={id} type="time" value={node.time ?? ''} onChange={(e) => { const { time: _t, ...rest } = node; onChange(e.target.value ? { ...rest, time: e.target.value } : rest); }} />}
          </Field>
          <Field label={t('inspector.date')}>
            {(id) => <input id={id} type="date" value={node.date ?? ''} onChange={(e) => { const { date: _d, ...rest } = node; onChange(e.target.value ? { ...rest, date: e.target.value } : rest); }} />}
          </Field>
          <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={node.next} doc={doc} exclude={node.id} onChange={(next) => onChange({ ...node, next })} />}</Field>
        </>
      ) : null}
      {node.mode === 'events' ? (
        <>
          {node.events.map((awaited, i) => (
            <Section
              key={i}
              title={`${t('inspector.event')} ${i + 1}`}
              actions={
                node.events.length > 1 ? (
                  <IconButton label={t('common.remove')} tone="danger" onClick={() => onChange({ ...node, events: node.events.filter((_, j) => j !== i) })}>
                    ×
                  </IconButton>
                ) : null
              }
            >
              <EventPicker value={awaited.event} doc={doc} onChange={(event) => onChange({ ...node, events: node.events.map((e, j) => (j === i ? { ...e, event } : e)) })} />
              {awaited.when ? (
                <>
                  <div className="field-label-row">
                    <span>{t('inspector.optionalCondition')}</span>
                    <button type="button" className="link-button" onClick={() => onChange({ ...node, events: node.events.map((e, j) => { if (j !== i) return e; const { when: _w, ...rest } = e; return rest; }) })}>
                      {t('inspector.removeCondition')}
                    </button>
                  </div>
                  <ConditionBuilder value={awaited.when} doc={doc} eventName={awaited.event} onChange={(when) => onChange({ ...node, events: node.events.map((e, j) => (j === i ? { ...e, when } : e)) }, `await-when:${node.id}:${i}`)} />
                </>
              ) : (
                <button type="button" className="link-button" onClick={() => onChange({ ...node, events: node.events.map((e, j) => (j === i ? { ...e, when: { all: [] } } : e)) })}>
                  + {t('inspector.addCondition')}
                </button>
              )}
              <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={awaited.next} doc={doc} exclude={node.id} onChange={(next) => onChange({ ...node, events: node.events.map((e, j) => (j === i ? { ...e, next } : e)) })} />}</Field>
            </Section>
          ))}
          <button type="button" className="button" onClick={() => onChange({ ...node, events: [...node.events, { event: ANY_EVENT, next: node.timeoutNext }] })}>
            + {t('inspector.addEvent')}
          </button>
          <Section title={t('inspector.timeout')}>
            <Field label={t('inspector.duration')}>{(id) => <DurationInput id={id} testId="wait-timeout" value={node.timeout} params={doc.params} onChange={(timeout) => onChange({ ...node, timeout }, `timeout:${node.id}`)} />}</Field>
            <Field label={t('inspector.timeoutFrom')}>
              {(id) => (
                <Select
                  id={id}
                  value={node.timeoutFrom}
                  options={[{ value: 'entered', label: t('inspector.fromEntered') }, { value: 'lastActivity', label: t('inspector.fromLastActivity') }]}
                  onChange={(timeoutFrom) => onChange({ ...node, timeoutFrom })}
                />
              )}
            </Field>
            <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={node.timeoutNext} doc={doc} exclude={node.id} onChange={(timeoutNext) => onChange({ ...node, timeoutNext })} />}</Field>
          </Section>
        </>
      ) : null}
    </>
  );
}

/** "45 days", "silentAfterDays days" — a duration the way a card shows it. */
export function describeDuration(d: Duration, t: (key: string) => string): string {
  if (typeof d === 'object') return `${d.param} ${t(`units.${d.unit}`)}`;
  const { amount, unit } = splitDuration(d);
  return `${amount} ${t(`units.${unit}`)}`;
}

export const waitKind: NodeKindModule<WaitNode> = {
  kind: 'wait',
  icon: '◷',
  accent: '#2563eb',
  palette: [{ key: 'wait', icon: '◷', create: (id, fallback) => ({ id, kind: 'wait', mode: 'delay', duration: '1d', next: fallback }) }],
  summary: (node, _doc, t) => {
    if (node.mode === 'delay') return describeDuration(node.duration, t);
    if (node.mode === 'until') return [node.date, node.time].filter(Boolean).join(' ');
    return `${t('inspector.timeout')} ${describeDuration(node.timeout, t)}`;
  },
  Form: WaitForm,
};

