/** The inspector when no node is selected: the journey's names, entry trigger, parameters and policies. */
import { useTranslation } from 'react-i18next';
import { Identifier } from '../../dsl/schema/common.ts';
import type { JourneyDocument, Trigger } from '../../dsl/schema/document.ts';
import type { ParamDef } from '../../dsl/schema/params.ts';
import { ConditionBuilder } from './condition-builder.tsx';
import { Field, IconButton, NumberInput, Section, Select, TextInput } from './controls.tsx';
import { DurationInput } from './duration-input.tsx';
import { TargetSelect } from './target-select.tsx';

type Change = (doc: JourneyDocument, mergeKey?: string) => void;

function TriggerEditor({ doc, onChange }: { doc: JourneyDocument; onChange: Change }) {
  const { t } = useTranslation();
  const trigger = doc.entry.trigger;
  const setTrigger = (next: Trigger, mergeKey?: string) => onChange({ ...doc, entry: { ...doc.entry, trigger: next } }, mergeKey);
  const events = Object.keys(doc.schema.events);
  return (
    <>
      <Field label={t('inspector.trigger')}>
        {(id) => (
          <Select
            id={id}
            value={trigger.type}
            options={[{ value: 'event', label: t('inspector.triggerEvent') }, { value: 'segment', label: t('inspector.triggerSegment') }, { value: 'schedule', label: t('inspector.triggerSchedule') }]}
            onChange={(type) => {
              if (type === trigger.type) return;
              if (type === 'event') setTrigger({ type, event: events[0] ?? '*' });
              else if (type === 'segment') setTrigger({ type, when: { all: [{ fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 }] } });
              else setTrigger({ type, at: '10:00' });
            }}
          />
        )}
      </Field>
      {trigger.type === 'event' ? (
        <Field label={t('inspector.event')}>
          {(id) => (
            <Select
              id={id}
              value={trigger.event}
              options={[{ value: '*', label: t('edges.anyEvent') }, ...[...new Set([...events, trigger.event])].filter((e) => e !== '*').map((e) => ({ value: e, label: e }))]}
              onChange={(event) => setTrigger({ ...trigger, event })}
            />
          )}
        </Field>
      ) : null}
      {trigger.type === 'schedule' ? (
        <>
          <Field label={t('inspector.at')}>{(id) => <input id={id} type="time" value={trigger.at} onChange={(e) => e.target.value && setTrigger({ ...trigger, at: e.target.value })} />}</Field>
          <Field label={t('inspector.weekdays')}>
            {() => (
              <div className="weekdays">
                {[1, 2, 3, 4, 5, 6, 7].map((d) => {
                  const on = trigger.weekdays?.includes(d) ?? true;
                  return (
                    <label key={d} className="check">
                      <input
                        type="checkbox"
                        checked={on}
                        onChange={() => {
                          const current = trigger.weekdays ?? [1, 2, 3, 4, 5, 6, 7];
                          const next = on ? current.filter((x) => x !== d) : [...current, d].sort();
                          const { weekdays: _w, ...rest } = trigger;
                          setTrigger(next.length === 7 || next.length === 0 ? rest : { ...rest, weekdays: next });
                        }}
                      />
                      {t(`weekdays.${d}`)}
                    </label>
                  );
                })}
              </div>
            )}
          </Field>
        </>
      ) : null}
      {trigger.type === 'segment' || trigger.when ? (
        <Field label={trigger.type === 'segment' ? t('inspector.condition') : t('inspector.optionalCondition')}>
          {() => <ConditionBuilder value={trigger.when ?? { all: [] }} doc={doc} {...(trigger.type === 'event' ? { eventName: trigger.event } : {})} onChange={(when) => setTrigger({ ...trigger, when } as Trigger, 'trigger-when')} />}
        </Field>
      ) : (
        <button type="button" className="link-button" onClick={() => setTrigger({ ...trigger, when: { all: [] } } as Trigger)}>
          + {t('inspector.addCondition')}
        </button>
      )}
    </>
  );
}

function ParamDefault({ name, def, onChange }: { name: string; def: ParamDef; onChange: (def: ParamDef) => void }) {
  const { t } = useTranslation();
  if (def.type === 'number') return <NumberInput label={name} testId={`param-${name}`} value={def.default} min={def.min} max={def.max} onChange={(v) => onChange({ ...def, default: v })} />;
  if (def.type === 'boolean') return <Select label={name} value={String(def.default)} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} onChange={(v) => onChange({ ...def, default: v === 'true' })} />;
  if (def.type === 'enum') return <Select label={name} value={def.default} options={def.values.map((v) => ({ value: v, label: v }))} onChange={(v) => onChange({ ...def, default: v })} />;
  return <TextInput label={name} testId={`param-${name}`} value={def.default} onChange={(v) => onChange({ ...def, default: v })} />;
}

export function JourneySettings({ doc, onChange }: { doc: JourneyDocument; onChange: Change }) {
  const { t, i18n } = useTranslation();
  const quiet = doc.policies.quietHours;
  return (
    <div className="journey-settings" data-testid="journey-settings">
      <Section title={t('editor.journeySettings')}>
        <Field label={t('inspector.nameZh')}>{(id) => <TextInput id={id} value={doc.name.zh} onChange={(zh) => onChange({ ...doc, name: { ...doc.name, zh } }, 'name-zh')} />}</Field>
        <Field label={t('inspector.nameEn')}>{(id) => <TextInput id={id} value={doc.name.en} onChange={(en) => onChange({ ...doc, name: { ...doc.name, en } }, 'name-en')} />}</Field>
      </Section>
      <Section title={t('editor.entry')}>
        <TriggerEditor doc={doc} onChange={onChange} />
        <Field label={t('inspector.reentry')}>
          {(id) => (
            <Select
              id={id}
              value={doc.entry.reentry}
              options={[{ value: 'never', label: t('inspector.reentryNever') }, { value: 'afterExit', label: t('inspector.reentryAfterExit') }]}
              onChange={(reentry) => onChange({ ...doc, entry: { ...doc.entry, reentry } })}
            />
          )}
        </Field>
        {doc.entry.reentry === 'afterExit' ? (
          <Field label={t('inspector.cooldown')}>{(id) => <DurationInput id={id} value={doc.entry.cooldown ?? '7d'} params={doc.params} onChange={(cooldown) => onChange({ ...doc, entry: { ...doc.entry, cooldown } }, 'cooldown')} />}</Field>
        ) : null}
        <Field label={t('inspector.next')}>{(id) => <TargetSelect id={id} value={doc.entry.next} doc={doc} onChange={(next) => onChange({ ...doc, entry: { ...doc.entry, next } })} />}</Field>
      </Section>
      {Object.keys(doc.params).length > 0 ? (
        <Section title={t('inspector.params')}>
          {Object.entries(doc.params).map(([name, def]) => (
            <Field key={name} label={def.label ? (i18n.language.startsWith('zh') ? def.label.zh : def.label.en) || name : name} hint={name}>
              {() => <ParamDefault name={name} def={def} onChange={(next) => onChange({ ...doc, params: { ...doc.params, [name]: next } }, `param:${name}`)} />}
            </Field>
          ))}
        </Section>
      ) : null}
      <Section title={t('inspector.policies')}>
        <Field label={t('inspector.timezone')}>{(id) => <TextInput id={id} commitOnBlur value={doc.policies.timezone} onChange={(timezone) => onChange({ ...doc, policies: { ...doc.policies, timezone } })} />}</Field>
        <Field label={t('inspector.quietHours')}>
          {() =>
            quiet ? (
              <div className="row wrap">
                <input type="time" aria-label={t('inspector.quietFrom')} value={quiet.from} onChange={(e) => e.target.value && onChange({ ...doc, policies: { ...doc.policies, quietHours: { ...quiet, from: e.target.value } } })} />
                <span>–</span>
                <input type="time" aria-label={t('inspector.quietTo')} value={quiet.to} onChange={(e) => e.target.value && onChange({ ...doc, policies: { ...doc.policies, quietHours: { ...quiet, to: e.target.value } } })} />
                <Select label={t('inspector.quietMode')} value={quiet.mode} options={[{ value: 'defer', label: t('inspector.quietDefer') }, { value: 'drop', label: t('inspector.quietDrop') }]} onChange={(mode) => onChange({ ...doc, policies: { ...doc.policies, quietHours: { ...quiet, mode } } })} />
                <IconButton label={t('common.remove')} tone="danger" onClick={() => { const { quietHours: _q, ...rest } = doc.policies; onChange({ ...doc, policies: rest }); }}>
                  ×
                </IconButton>
              </div>
            ) : (
              <button type="button" className="link-button" onClick={() => onChange({ ...doc, policies: { ...doc.policies, quietHours: { from: '22:00', to: '08:00', mode: 'defer' } } })}>
                + {t('common.add')}
              </button>
            )
          }
        </Field>
        <Field label={t('inspector.frequencyCaps')}>
          {() => (
            <div className="kv-list">
              {doc.policies.frequencyCaps.map((cap, i) => {
                const setCap = (patch: Partial<typeof cap>) => onChange({ ...doc, policies: { ...doc.policies, frequencyCaps: doc.policies.frequencyCaps.map((c, j) => (j === i ? { ...c, ...patch } : c)) } }, `cap:${i}`);
                return (
                  <div className="row wrap" key={i}>
                    <TextInput label={t('inspector.channel')} value={cap.channel} onChange={(channel) => channel && setCap({ channel })} />
                    <span className="muted small">{t('inspector.capMax')}</span>
                    <NumberInput label={t('inspector.capMax')} value={cap.max} min={1} onChange={(max) => Number.isInteger(max) && max >= 1 && setCap({ max })} />
                    <span className="muted small">{t('inspector.capPer')}</span>
                    <DurationInput value={cap.per} params={doc.params} onChange={(per) => setCap({ per })} />
                    <IconButton label={t('common.remove')} tone="danger" onClick={() => onChange({ ...doc, policies: { ...doc.policies, frequencyCaps: doc.policies.frequencyCaps.filter((_, j) => j !== i) } })}>
                      ×
                    </IconButton>
                  </div>
                );
              })}
              <button type="button" className="link-button" onClick={() => onChange({ ...doc, policies: { ...doc.policies, frequencyCaps: [...doc.policies.frequencyCaps, { channel: '*', max: 3, per: '7d' }] } })}>
                + {t('common.add')}
              </button>
            </div>
          )}
        </Field>
      </Section>
    </div>
  );
}

/** Whether a node id can be used: a valid identifier no other node has. */
export const isUsableNodeId = (doc: JourneyDocument, id: string, current: string): boolean => id === current || (Identifier.safeParse(id).success && !doc.nodes.some((n) => n.id === id));
