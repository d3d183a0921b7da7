/** A duration input: an amount and a unit, or a number parameter times a unit. */
import { useTranslation } from 'react-i18next';
import { DURATION_UNITS, type Duration, type DurationUnit } from '../../dsl/schema/common.ts';
import type { Params } from '../../dsl/schema/params.ts';
import { NumberInput, Select } from './controls.tsx';

/**
 * Splits a duration literal into amount and unit.
 *
 * @example
 * splitDuration('45d'); // { amount: 45, unit: 'd' }
 */
export function splitDuration(literal: string): { amount: number; unit: DurationUnit } {
  const match = /^([0-9.]+)(ms|s|m|h|d|w)$/.exec(literal);
  return match ? { amount: Number(match[1]), unit: match[2] as DurationUnit } : { amount: 1, unit: 'd' };
}

export function DurationInput({ id, value, onChange, params, testId }: { id?: string; value: Duration; onChange: (d: Duration) => void; params: Params; testId?: string }) {
  const { t } = useTranslation();
  const numberParams = Object.entries(params).filter(([, p]) => p.type === 'number');
  const usesParam = typeof value === 'object';
  const unit: DurationUnit = typeof value === 'object' ? value.unit : splitDuration(value).unit;
  const unitOptions = DURATION_UNITS.filter((u) => u !== 'ms').map((u) => ({ value: u, label: t(`units.${u}`) }));
  const setUnit = (u: DurationUnit) => onChange(typeof value === 'object' ? { ...value, unit: u } : `${splitDuration(value).amount}${u}`);
  return (
    <div className="duration-input" data-testid={testId}>
      {usesParam ? (
        <Select
          id={id}
          label={t('inspector.paramValue')}
          value={value.param}
          options={numberParams.map(([name, p]) => ({ value: name, label: `${name} = ${String(p.default)}` }))}
          onChange={(param) => onChange({ param, unit })}
        />
      ) : (
        <NumberInput id={id} label={t('inspector.duration')} value={splitDuration(value).amount} min={0} onChange={(n) => onChange(`${Math.max(0, n)}${unit}`)} />
      )}
      <Select label={t('units.d')} value={unit} options={unitOptions} onChange={setUnit} />
      {numberParams.length > 0 ? (
        <button
          type="button"
          className="link-button"
          onClick={() => {
            const first = numberParams[0];
            if (usesParam) onChange(`${params[value.param]?.default ?? 1}${unit}`);
            else if (first) onChange({ param: first[0], unit });
          }}
        >
          {usesParam ? t('inspector.literal') : t('inspector.useParam')}
        </button>
      ) : null}
    </div>
  );
}
