/** Pack parameters: a client's values, checked against the pack's definitions and installed into the pack's journeys. */
import { resolveParams } from '../compiler/params.ts';
import type { Diagnostic } from '../diagnostics.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ParamDef, ParamValue, Params } from '../schema/params.ts';
import type { Pack } from './schema.ts';

/**
 * The pack's journeys with the client's parameter values installed as their defaults: each pack
 * parameter is applied to every journey that declares a parameter of the same name. Values that do
 * not fit (unknown name, wrong type, out of range) are diagnostics and leave the default in place.
 *
 * @example
 * const { journeys, diagnostics } = applyPackParams(pack, { silentAfterDays: 60 });
 * journeys[0].params.silentAfterDays.default; // 60
 */
export function applyPackParams(
  pack: Pack,
  values: Readonly<Record<string, unknown>> = {},
): { journeys: JourneyDocument[]; diagnostics: Diagnostic[] } {
  const { values: resolved, diagnostics } = resolveParams(pack.params, values);
  const journeys = pack.journeys.map((journey) => {
    const params: Params = {};
    for (const [name, def] of Object.entries(journey.params)) {
      const value: ParamValue | undefined = Object.hasOwn(resolved, name) ? resolved[name] : undefined;
      params[name] = value === undefined ? def : ({ ...def, default: value } as ParamDef);
    }
    return { ...journey, params };
  });
  return { journeys, diagnostics };
}
