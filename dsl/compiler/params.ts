/** Effective param values for one compile: the document's defaults overridden by the given values, each checked against its definition (by the checker's rules). */
import type { Diagnostic } from '../diagnostics.ts';
import { paramValueProblem } from '../checker/params.ts';
import type { ParamDef, ParamValue, Params } from '../schema/params.ts';

/** Why a value does not fit a param definition (the checker's rule), re-exported for callers of the compiler. */
export { paramValueProblem };

export interface ResolvedParams {
  values: Record<string, ParamValue>;
  diagnostics: Diagnostic[];
}

/**
 * Merges given param values over the defaults. A given name the document does not declare, or a value of the
 * wrong type or out of range, is an `error` diagnostic (`param-override-unknown`, `param-override-type`,
 * `param-override-range`, named as the checker names them); a default that breaks its own definition is
 * `param-default-invalid`.
 *
 * @example
 * resolveParams({ silentAfterDays: { type: 'number', default: 45 } }, { silentAfterDays: 30 }).values; // { silentAfterDays: 30 }
 */
export function resolveParams(defs: Params, given: Readonly<Record<string, unknown>> = {}): ResolvedParams {
  const values: Record<string, ParamValue> = {};
  const diagnostics: Diagnostic[] = [];
  for (const name of Object.keys(given)) {
    if (!Object.hasOwn(defs, name)) {
      const known = Object.keys(defs);
      diagnostics.push({
        severity: 'error',
        code: 'param-override-unknown',
        message: `a value was given for param "${name}", which this journey does not declare${known.length > 0 ? ` (it has: ${known.join(', ')})` : ''}`,
        path: ['params'],
      });
    }
  }
  for (const [name, def] of Object.entries(defs)) {
    const isGiven = Object.hasOwn(given, name) && given[name] !== undefined;
    const value = isGiven ? given[name] : def.default;
    const problem = paramValueProblem(def, value);
    if (problem !== undefined) {
      diagnostics.push(
        isGiven
          ? { severity: 'error', code: def.type === 'number' && typeof value === 'number' ? 'param-override-range' : 'param-override-type', message: `value for param "${name}" ${problem}`, path: ['params', name] }
          : { severity: 'error', code: 'param-default-invalid', message: `default of param "${name}" ${problem}`, path: ['params', name, 'default'] },
      );
      continue;
    }
    Object.defineProperty(values, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return { values, diagnostics };
}

/**
 * Reads a param value typed as text (a CLI `--param name=value`, a form field) according to its definition:
 * numbers are parsed, booleans are `true`/`false`; the result is checked like any given value by {@link resolveParams}.
 *
 * @example
 * paramValueFromText({ type: 'number', default: 45 }, '30'); // 30
 */
export function paramValueFromText(def: ParamDef, text: string): ParamValue {
  switch (def.type) {
    case 'number': {
      const trimmed = text.trim();
      return trimmed === '' ? Number.NaN : Number(trimmed);
    }
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'string':
    case 'enum':
      return text;
  }
}
