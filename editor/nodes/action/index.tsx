/** `action` node in the editor: message (channel and template pickers), tag, set field, staff task, webhook. */
import { useTranslation } from 'react-i18next';
import { KNOWN_CHANNELS, type Action, type ActionNode } from '../../../dsl/nodes/action.ts';
import type { JourneyDocument } from '../../../dsl/schema/document.ts';
import { Field, IconButton, Select, TextInput } from '../../inspector/controls.tsx';
import { DurationInput } from '../../inspector/duration-input.tsx';
import { TargetSelect } from '../../inspector/target-select.tsx';
import { TextOrParamInput } from '../../inspector/text-or-param-input.tsx';
import type { FormProps, NodeKindModule } from '../node-kind.ts';

type ActionType = Action['type'];

const DEFAULT_ACTIONS: Record<ActionType, Action> = {
  message: { type: 'message', channel: 'wechat', template: 'welcome' },
  addTag: { type: 'addTag', tag: 'vip' },
  removeTag: { type: 'removeTag', tag: 'vip' },
  setField: { type: 'setField', field: 'note', value: '' },
  task: { type: 'task', title: 'Follow up', dueIn: '1d' },
  webhook: { type: 'webhook', url: 'https://example.com/hook' },
};

/** Message templates already used in this journey, offered in the template picker. */
function knownTemplates(doc: JourneyDocument): string[] {
  const used = doc.nodes.flatMap((n) => (n.kind === 'action' && n.action.type === 'message' && typeof n.action.template === 'string' ? [n.action.template] : []));
  return [...new Set(used)].sort();
}

function ActionForm({ node, doc, onChange }: FormProps<ActionNode>) {
  const { t } = useTranslation();
  const action = node.action;
  const set = (next: Action, mergeKey?: string) => onChange({ ...node, action: next }, mergeKey);
  const key = (field: string) => `action:${node.id}:${field}`;
  const typeOptions = (['message', 'task', 'addTag', 'removeTag', 'setField', 'webhook'] as const).map((v) => ({
    value: v,
    label: v === 'addTag' ? t('inspector.addTag') : v === 'removeTag' ? t('inspector.removeTag') : t(`kinds.${v}`),
  }));
  const channelOptions = KNOWN_CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) }));
  return (
    <>
      <Field label={t('inspector.actionType')}>{(id) => <Select id={id} testId="action-type" value={action.type} options={typeOptions} onChange={(type) => type !== action.type && set(DEFAULT_ACTIONS[type])} />}</Field>
      {action.type === 'message' ? (
        <>
          <Field label={t('inspector.channel')}>{(id) => <TextOrParamInput id={id} testId="action-channel" value={action.channel} params={doc.params} suggestions={channelOptions} onChange={(channel) => set({ ...action, channel })} />}</Field>
          <Field label={t('inspector.template')}>
            {(id) => <TextOrParamInput id={id} testId="action-template" value={action.template} params={doc.params} known={knownTemplates(doc)} onChange={(template) => set({ ...action, template }, key('template'))} />}
          </Field>
          <Field label={t('inspector.vars')}>
            {() => (
              <div className="kv-list">
                {Object.entries(action.vars ?? {}).map(([name, value]) => (
                  <div className="row" key={name}>
                    <input type="text" aria-label={t('inspector.noKey')} value={name} readOnly />
                    <TextInput label={t('inspector.value')} value={value} onChange={(v) => set({ ...action, vars: { ...action.vars, [name]: v } }, key(`var:${name}`))} />
                    <IconButton label={t('common.remove')} tone="danger" onClick={() => { const vars = { ...action.vars }; delete vars[name]; set({ ...action, vars }); }}>
                      ×
                    </IconButton>
                  </div>
                ))}
                <button type="button" className="link-button" onClick={() => { const vars = action.vars ?? {}; let n = 1; while (vars[`var${n}`] !== undefined) n++; set({ ...action, vars: { ...vars, [`var${n}`]: '' } }); }}>
                  + {t('inspector.addVar')}
                </button>
              </div>
            )}
          </Field>
        </>
      ) : null}
      {action.type === 'addTag' || action.type === 'removeTag' ? (
        <Field label={t('inspector.tag')}>{(id) => <TextOrParamInput id={id} value={action.tag} params={doc.params} onChange={(tag) => set({ ...action, tag }, key('tag'))} />}</Field>
      ) : null}
      {action.type === 'setField' ? (
        <>
          <Field label={t('inspector.field')}>
            {(id) => (
              <Select
                id={id}
                value={action.field}
                options={[...new Set([action.field, ...Object.keys(doc.schema.profile)])].map((f) => ({ value: f, label: f }))}
                onChange={(field) => set({ ...action, field })}
              />
            )}
          </Field>
          <Field label={t('inspector.value')}>{(id) => <TextInput id={id} value={typeof action.value === 'object' && action.value !== null ? '' : String(action.value ?? '')} onChange={(v) => set({ ...action, value: doc.schema.profile[action.field] === 'number' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v }, key('value'))} />}</Field>
        </>
      ) : null}
      {action.type === 'task' ? (
        <>
          <Field label={t('inspector.title')}>{(id) => <TextOrParamInput id={id} value={action.title} params={doc.params} onChange={(title) => set({ ...action, title }, key('title'))} />}</Field>
          <Field label={t('inspector.assignee')}>
            {(id) => <TextInput id={id} value={typeof action.assignee === 'string' ? action.assignee : ''} onChange={(assignee) => { const { assignee: _a, ...rest } = action; set(assignee === '' ? rest : { ...rest, assignee }, key('assignee')); }} />}
          </Field>
          <Field label={t('inspector.dueIn')}>{(id) => <DurationInput id={id} value={action.dueIn ?? '1d'} params={doc.params} onChange={(dueIn) => set({ ...action, dueIn }, key('dueIn'))} />}</Field>
          <Field label={t('inspector.note')}>
            {(id) => <textarea id={id} rows={3} value={action.note ?? ''} onChange={(e) => { const { note: _n, ...rest } = action; set(e.target.value === '' ? rest : { ...rest, note: e.target.value }, key('note')); }} />}
          </Field>
        </>
      ) : null}
      {action.type === 'webhook' ? <Field label={t('inspector.url')}>{(id) => <TextInput id={id} value={action.url} onChange={(url) => set({ ...action, url }, key('url'))} />}</Field> : null}
      <Field label={t('inspector.goesTo')}>{(id) => <TargetSelect id={id} value={node.next} doc={doc} exclude={node.id} onChange={(next) => onChange({ ...node, next })} />}</Field>
    </>
  );
}

const text = (v: string | { param: string }): string => (typeof v === 'string' ? v : `{${v.param}}`);

export const actionKind: NodeKindModule<ActionNode> = {
  kind: 'action',
  icon: '✉',
  accent: '#db2777',
  palette: [
    { key: 'message', icon: '✉', create: (id, fallback) => ({ id, kind: 'action', action: DEFAULT_ACTIONS.message, next: fallback }) },
    { key: 'task', icon: '☑', create: (id, fallback) => ({ id, kind: 'action', action: DEFAULT_ACTIONS.task, next: fallback }) },
    { key: 'tag', icon: '#', create: (id, fallback) => ({ id, kind: 'action', action: DEFAULT_ACTIONS.addTag, next: fallback }) },
    { key: 'setField', icon: '✎', create: (id, fallback) => ({ id, kind: 'action', action: DEFAULT_ACTIONS.setField, next: fallback }) },
    { key: 'webhook', icon: '⇄', create: (id, fallback) => ({ id, kind: 'action', action: DEFAULT_ACTIONS.webhook, next: fallback }) },
  ],
  summary: (node, _doc, t) => {
    const a = node.action;
    switch (a.type) {
      case 'message': {
        const channel = typeof a.channel === 'string' && (KNOWN_CHANNELS as readonly string[]).includes(a.channel) ? t(`channels.${a.channel}`) : text(a.channel);
        return `${channel} · ${text(a.template)}`;
      }
      case 'addTag':
        return `+ ${text(a.tag)}`;
      case 'removeTag':
        return `− ${text(a.tag)}`;
      case 'setField':
        return `${a.field} = ${typeof a.value === 'object' && a.value !== null ? `{${a.value.param}}` : String(a.value)}`;
      case 'task':
        return a.assignee === undefined ? text(a.title) : `${text(a.title)} · ${text(a.assignee)}`;
      case 'webhook':
        return a.url;
    }
  },
  Form: ActionForm,
};

/** The palette/icon key of an action node, for the card's icon. */
export function actionIcon(node: ActionNode): string {
  const type = node.action.type;
  return type === 'message' ? '✉' : type === 'task' ? '☑' : type === 'addTag' || type === 'removeTag' ? '#' : type === 'setField' ? '✎' : '⇄';
}
