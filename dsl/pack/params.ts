/** Pack parameters: checking a client's values and applying them to the pack's journeys. */
import type { Diagnostic } from '../diagnostics.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ParamDef, ParamValue, Params } from '../schema/params.ts';
import type { Pack } from './schema.ts';

/** Why a value does not fit its parameter, or undefined when it fits. */
export function paramValueProblem(def: ParamDef, value: ParamValue): string | undefined {
  switch (def.type) {
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
      if (def.integer === true && !Number.isInteger(value)) return 'must be a whole number';
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}`;
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}`;
      return undefined;
    case 'string':
      return typeof value === 'string' ? undefined : 'must be text';
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'enum':
      return typeof value === 'string' && def.values.includes(value) ? undefined : `must be one of ${def.values.join(', ')}`;
  }
}

/**
 * Every parameter's effective value: the defaults, overridden by `values`. Unknown names and values
 * that do not fit are diagnostics (path `["params", name]`), and the default is kept for them.
 *
 * @example
 * resolveParams({ days: { type: 'number', default: 45, min: 1 } }, { days: 30 });
 * // { values: { days: 30 }, diagnostics: [] }
 */
export function resolveParams(
  params: Readonly<Params>,
  values: Readonly<Record<string, ParamValue>> = {},
): { values: Record<string, ParamValue>; diagnostics: Diagnostic[] } {
  const resolved: Record<string, ParamValue> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [name, def] of Object.entries(params)) resolved[name] = def.default;
  for (const [name, value] of Object.entries(values)) {
    const def = Object.hasOwn(params, name) ? params[name] : undefined;
    if (def === undefined) {
      diagnostics.push({ severity: 'error', code: 'unknown-param', message: `there is no parameter "${name}"`, path: ['params', name] });
      continue;
    }
    const problem = paramValueProblem(def, value);
    if (problem === undefined) resolved[name] = value;
    else diagnostics.push({ severity: 'error', code: 'param-value', message: `parameter "${name}" ${problem}`, path: ['params', name] });
  }
  return { values: resolved, diagnostics };
}

/**
 * The pack's journeys with the client's parameter values installed as their defaults: each pack
 * parameter is applied to every journey that declares a parameter of the same name.
 *
 * @example
 * const { journeys, diagnostics } = applyPackParams(pack, { silentAfterDays: 60 });
 * journeys[0].params.silentAfterDays.default; // 60
 */
export function applyPackParams(
  pack: Pack,
  values: Readonly<Record<string, ParamValue>> = {},
): { journeys: JourneyDocument[]; diagnostics: Diagnostic[] } {
  const { values: resolved, diagnostics } = resolveParams(pack.params, values);
  const journeys = pack.journeys.map((journey) => {
    const params: Params = {};
    for (const [name, def] of Object.entries(journey.params)) {
      params[name] = Object.hasOwn(resolved, name) ? ({ ...def, default: resolved[name] } as ParamDef) : def;
    }
    return { ...journey, params };
  });
  return { journeys, diagnostics };
}
