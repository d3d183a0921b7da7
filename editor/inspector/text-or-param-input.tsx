/** A text that a template may leave to a parameter: a fixed string, or `{ param }` choosing one of the journey's string params. */
import { useTranslation } from 'react-i18next';
import type { TextOrParam } from '../../dsl/nodes/action.ts';
import type { Params } from '../../dsl/schema/params.ts';
import { Select, TextInput } from './controls.tsx';

/** `suggestions` makes it a picker; `known` offers typed-in values already used elsewhere (a datalist). */
export function TextOrParamInput({ id, value, params, onChange, suggestions, known, testId }: { id?: string; value: TextOrParam; params: Params; onChange: (v: TextOrParam) => void; suggestions?: readonly { value: string; label: string }[]; known?: readonly string[]; testId?: string }) {
  const { t } = useTranslation();
  const textParams = Object.entries(params).filter(([, p]) => p.type === 'string' || p.type === 'enum');
  const isParam = typeof value === 'object';
  return (
    <div className="text-or-param">
      {isParam ? (
        <Select id={id} label={t('inspector.paramValue')} value={value.param} options={textParams.map(([name, p]) => ({ value: name, label: `${name} = ${String(p.default)}` }))} onChange={(param) => onChange({ param })} />
      ) : suggestions ? (
        <Select
          id={id}
          testId={testId}
          value={value}
          options={[...(suggestions.some((s) => s.value === value) ? [] : [{ value, label: value }]), ...suggestions]}
          onChange={onChange}
        />
      ) : (
        <>
          <TextInput id={id} testId={testId} value={value} onChange={onChange} {...(known && id ? { list: `${id}-known` } : {})} />
          {known && id ? (
            <datalist id={`${id}-known`}>
              {known.map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
          ) : null}
        </>
      )}
      {textParams.length > 0 ? (
        <button type="button" className="link-button" onClick={() => onChange(isParam ? String(params[value.param]?.default ?? '') || 'text' : { param: textParams[0]?.[0] ?? '' })}>
          {isParam ? t('inspector.literal') : t('inspector.useParam')}
        </button>
      ) : null}
    </div>
  );
}
