/** The typed condition builder: all/any/not groups of `fact operator value` rules, offering only what fits each fact's type. */
import { useTranslation } from 'react-i18next';
import { isFactCondition, type Condition, type ConditionValue, type FactCondition, type Operator } from '../../dsl/schema/condition.ts';
import type { FieldType } from '../../dsl/schema/data-schema.ts';
import type { JourneyDocument } from '../../dsl/schema/document.ts';
import { defaultValue, factKey, factOptions, operatorsFor, takesList, type FactOption } from '../conditions/fact-catalogue.ts';
import { localized } from '../i18n/index.ts';
import { IconButton, NumberInput, Select } from './controls.tsx';

type Combinator = 'all' | 'any' | 'not';

interface Group {
  combinator: Combinator;
  items: Condition[];
}

/** Reads any condition as a group (a lone rule is a group of one; `not` reads as "none of"). */
function asGroup(c: Condition): Group {
  if ('all' in c) return { combinator: 'all', items: c.all };
  if ('any' in c) return { combinator: 'any', items: c.any };
  if ('not' in c) return { combinator: 'not', items: 'any' in c.not ? c.not.any : [c.not] };
  return { combinator: 'all', items: [c] };
}

/** A group back as a condition; "all of" a single condition is just that condition, as people write it. */
function fromGroup(g: Group): Condition {
  if (g.combinator === 'all') return g.items.length === 1 && g.items[0] ? g.items[0] : { all: g.items };
  if (g.combinator === 'any') return { any: g.items };
  return { not: { any: g.items } };
}

interface BuilderContext {
  doc: JourneyDocument;
  facts: FactOption[];
}

/** A first rule for a new row: the first fact of the catalogue with its first fitting operator. */
function newRule(facts: FactOption[]): FactCondition {
  const fact = facts.find((f) => f.key === 'purchaseCount') ?? facts[0];
  if (!fact) return { fact: 'purchaseCount', operator: 'greaterThanInclusive', value: 1 };
  const operator = operatorsFor(fact.type)[0] ?? 'equal';
  return ruleFor(fact, operator);
}

function ruleFor(fact: FactOption, operator: Operator): FactCondition {
  const params = fact.params ? Object.fromEntries(Object.entries(fact.params).filter(([, t]) => !t.endsWith('?')).map(([k, t]) => [k, t === 'number' ? 7 : ''])) : undefined;
  return {
    fact: fact.fact,
    operator,
    value: defaultValue(fact.type, operator),
    ...(fact.path ? { path: fact.path } : {}),
    ...(params && Object.keys(params).length > 0 ? { params } : {}),
  };
}

export function ConditionBuilder({ value, onChange, doc, eventName, testId }: { value: Condition; onChange: (c: Condition) => void; doc: JourneyDocument; eventName?: string; testId?: string }) {
  const context: BuilderContext = { doc, facts: factOptions(doc, eventName) };
  return (
    <div className="condition-builder" data-testid={testId}>
      <GroupEditor group={asGroup(value)} onChange={(g) => onChange(fromGroup(g))} context={context} depth={0} />
    </div>
  );
}

function GroupEditor({ group, onChange, context, depth, onRemove }: { group: Group; onChange: (g: Group) => void; context: BuilderContext; depth: number; onRemove?: () => void }) {
  const { t } = useTranslation();
  const setItem = (i: number, c: Condition) => onChange({ ...group, items: group.items.map((x, j) => (j === i ? c : x)) });
  const removeItem = (i: number) => onChange({ ...group, items: group.items.filter((_, j) => j !== i) });
  return (
    <div className={`condition-group depth-${depth % 3}`}>
      <div className="condition-group-header">
        <Select
          label={t('condition.group')}
          value={group.combinator}
          options={(['all', 'any', 'not'] as const).map((c) => ({ value: c, label: t(`condition.${c}`) }))}
          onChange={(combinator) => onChange({ ...group, combinator })}
        />
        {onRemove ? (
          <IconButton label={t('common.remove')} onClick={onRemove} tone="danger">
            ×
          </IconButton>
        ) : null}
      </div>
      {group.items.length === 0 ? <div className="muted small">{t('condition.empty')}</div> : null}
      {group.items.map((item, i) =>
        isFactCondition(item) ? (
          <RuleEditor key={i} rule={item} onChange={(c) => setItem(i, c)} onRemove={() => removeItem(i)} context={context} />
        ) : (
          <GroupEditor key={i} group={asGroup(item)} onChange={(g) => setItem(i, fromGroup(g))} onRemove={() => removeItem(i)} context={context} depth={depth + 1} />
        ),
      )}
      <div className="condition-group-actions">
        <button type="button" className="link-button" onClick={() => onChange({ ...group, items: [...group.items, newRule(context.facts)] })}>
          + {t('condition.addRule')}
        </button>
        {depth < 3 ? (
          <button type="button" className="link-button" onClick={() => onChange({ ...group, items: [...group.items, { any: [newRule(context.facts)] }] })}>
            + {t('condition.addGroup')}
          </button>
        ) : null}
      </div>
    </div>
  );
}

function RuleEditor({ rule, onChange, onRemove, context }: { rule: FactCondition; onChange: (c: FactCondition) => void; onRemove: () => void; context: BuilderContext }) {
  const { t, i18n } = useTranslation();
  const key = factKey(rule.fact, rule.path);
  const known = context.facts.find((f) => f.key === key);
  const fact: FactOption = known ?? { key, fact: rule.fact, ...(rule.path ? { path: rule.path } : {}), type: 'string', source: 'profile' };
  const operators = operatorsFor(fact.type);
  const groups: { source: FactOption['source']; label: string }[] = [
    { source: 'event', label: t('condition.eventProps') },
    { source: 'profile', label: t('condition.profile') },
    { source: 'builtin', label: t('condition.builtin') },
  ];
  return (
    <div className="condition-rule" data-testid="condition-rule">
      <select
        aria-label={t('condition.fact')}
        value={key}
        onChange={(e) => {
          const next = context.facts.find((f) => f.key === e.target.value);
          if (next) onChange(ruleFor(next, operatorsFor(next.type).includes(rule.operator) ? rule.operator : (operatorsFor(next.type)[0] ?? 'equal')));
        }}
      >
        {known ? null : <option value={key}>{key}</option>}
        {groups.map((g) => {
          const options = context.facts.filter((f) => f.source === g.source);
          return options.length === 0 ? null : (
            <optgroup key={g.source} label={g.label}>
              {options.map((f) => (
                <option key={f.key} value={f.key} title={localized(f.description, i18n.language)}>
                  {f.description ? `${f.key} · ${localized(f.description, i18n.language)}` : f.key}
                </option>
              ))}
            </optgroup>
          );
        })}
      </select>
      {fact.params
        ? Object.entries(fact.params).map(([name, type]) => (
            <FactParamInput key={name} name={name} type={type} value={rule.params?.[name]} doc={context.doc} onChange={(v) => {
              const params = { ...(rule.params ?? {}) };
              if (v === undefined) delete params[name];
              else params[name] = v;
              onChange({ ...rule, params });
            }} />
          ))
        : null}
      <Select
        label={t('condition.operator')}
        value={operators.includes(rule.operator) ? rule.operator : rule.operator}
        options={(operators.includes(rule.operator) ? operators : [rule.operator, ...operators]).map((o) => ({ value: o, label: t(`ops.${o}`) }))}
        onChange={(operator) => onChange({ ...rule, operator, value: takesList(operator) === takesList(rule.operator) ? rule.value : defaultValue(fact.type, operator) })}
      />
      <ValueInput type={fact.type} operator={rule.operator} value={rule.value} doc={context.doc} onChange={(value) => onChange({ ...rule, value })} />
      <IconButton label={t('condition.remove')} onClick={onRemove} tone="danger">
        ×
      </IconButton>
    </div>
  );
}

function FactParamInput({ name, type, value, doc, onChange }: { name: string; type: string; value: string | number | undefined; doc: JourneyDocument; onChange: (v: string | number | undefined) => void }) {
  const optional = type.endsWith('?');
  if (type.startsWith('number')) {
    return value === undefined && optional ? (
      <button type="button" className="chip" onClick={() => onChange(30)}>
        + {name}
      </button>
    ) : (
      <span className="fact-param">
        <span className="muted small">{name}</span>
        <NumberInput label={name} value={typeof value === 'number' ? value : 0} min={0} onChange={onChange} />
        {optional ? (
          <button type="button" className="chip" aria-label={`- ${name}`} onClick={() => onChange(undefined)}>
            ×
          </button>
        ) : null}
      </span>
    );
  }
  const events = Object.keys(doc.schema.events);
  return (
    <span className="fact-param">
      <span className="muted small">{name}</span>
      {name === 'event' && events.length > 0 ? (
        <Select label={name} value={String(value ?? '')} options={[...(events.includes(String(value)) ? [] : [{ value: String(value ?? ''), label: String(value ?? '') }]), ...events.map((e) => ({ value: e, label: e }))]} onChange={onChange} />
      ) : (
        <input type="text" aria-label={name} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
      )}
    </span>
  );
}

const asList = (v: ConditionValue): (string | number)[] => (Array.isArray(v) ? v : []);

function ValueInput({ type, operator, value, doc, onChange }: { type: FieldType; operator: Operator; value: ConditionValue; doc: JourneyDocument; onChange: (v: ConditionValue) => void }) {
  const { t } = useTranslation();
  const paramType = typeof type === 'object' ? 'enum' : type === 'number' ? 'number' : type === 'boolean' ? 'boolean' : 'string';
  const fittingParams = Object.entries(doc.params).filter(([, p]) => p.type === paramType || (paramType === 'string' && p.type === 'enum'));
  const isParam = typeof value === 'object' && value !== null && !Array.isArray(value);
  const paramToggle =
    fittingParams.length > 0 && !takesList(operator) ? (
      <button
        type="button"
        className="chip"
        title={isParam ? t('inspector.literal') : t('inspector.useParam')}
        onClick={() => onChange(isParam ? defaultValue(type, operator) : { param: fittingParams[0]?.[0] ?? '' })}
      >
        {isParam ? '#' : '{ }'}
      </button>
    ) : null;
  if (isParam) {
    return (
      <span className="value-input">
        <Select label={t('inspector.paramValue')} value={value.param} options={fittingParams.map(([name, p]) => ({ value: name, label: `${name} (${String(p.default)})` }))} onChange={(param) => onChange({ param })} />
        {paramToggle}
      </span>
    );
  }
  if (takesList(operator)) {
    if (typeof type === 'object') {
      const chosen = asList(value);
      return (
        <span className="value-input enum-list">
          {type.enum.map((option) => (
            <label key={option} className="check">
              <input type="checkbox" checked={chosen.includes(option)} onChange={(e) => onChange(e.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))} />
              {option}
            </label>
          ))}
        </span>
      );
    }
    return (
      <input
        type="text"
        aria-label={t('condition.value')}
        placeholder={t('condition.listHint')}
        value={asList(value).join(', ')}
        onChange={(e) => {
          const parts = e.target.value.split(/[,，]/).map((s) => s.trim()).filter((s) => s !== '');
          onChange(type === 'number' ? parts.map(Number).filter((n) => Number.isFinite(n)) : parts);
        }}
      />
    );
  }
  if (typeof type === 'object') {
    return (
      <span className="value-input">
        <Select label={t('condition.value')} value={String(value)} options={type.enum.map((v) => ({ value: v, label: v }))} onChange={onChange} />
        {paramToggle}
      </span>
    );
  }
  if (type === 'number') {
    return (
      <span className="value-input">
        <NumberInput label={t('condition.value')} testId="condition-value" value={typeof value === 'number' ? value : 0} onChange={onChange} />
        {paramToggle}
      </span>
    );
  }
  if (type === 'boolean') {
    return <Select label={t('condition.value')} value={String(value === true)} options={[{ value: 'true', label: t('common.yes') }, { value: 'false', label: t('common.no') }]} onChange={(v) => onChange(v === 'true')} />;
  }
  return (
    <span className="value-input">
      <input type={type === 'timestamp' ? 'date' : 'text'} aria-label={t('condition.value')} value={typeof value === 'string' ? value : String(value ?? '')} onChange={(e) => onChange(e.target.value)} />
      {paramToggle}
    </span>
  );
}
