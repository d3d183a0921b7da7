/** Template params: their definitions, the caller's overrides, and every reference to them in the document. */
import type { ParamDef, ParamValue, Params } from '../schema/params.ts';
import type { JsonPath, Reporter } from './context.ts';
import { didYouMean } from './did-you-mean.ts';
import { describeValue, listNames } from './wording.ts';

/** Why `value` is not acceptable for `def`, or undefined when it is. */
export function paramValueProblem(def: ParamDef, value: unknown): string | undefined {
  switch (def.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a number, not ${describeValue(value)}`;
      if (def.integer === true && !Number.isInteger(value)) return `must be a whole number, not ${value}`;
      if (def.min !== undefined && value < def.min) return `must be at least ${def.min}, not ${value}`;
      if (def.max !== undefined && value > def.max) return `must be at most ${def.max}, not ${value}`;
      return undefined;
    }
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string, not ${describeValue(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, not ${describeValue(value)}`;
    case 'enum':
      if (typeof value !== 'string') return `must be one of ${listNames(def.values)}, not ${describeValue(value)}`;
      return def.values.includes(value) ? undefined : `must be one of ${listNames(def.values)}, not "${value}"${didYouMean(value, def.values)}`;
  }
}

/** Checks each definition: a range that is empty, a default outside its own range or values. */
export function checkParamDefinitions(params: Params, report: Reporter): void {
  for (const [name, def] of Object.entries(params)) {
    const at = ['params', name];
    if (def.type === 'number' && def.min !== undefined && def.max !== undefined && def.min > def.max) {
      report.error('param-range-empty', `param \`${name}\` has min ${def.min} above max ${def.max}: no value can satisfy it`, at);
      continue;
    }
    if (def.type === 'enum') {
      const seen = new Set<string>();
      def.values.forEach((v, i) => {
        if (seen.has(v)) report.warning('param-duplicate-value', `param \`${name}\` lists "${v}" twice`, [...at, 'values', i]);
        seen.add(v);
      });
    }
    const problem = paramValueProblem(def, def.default);
    if (problem !== undefined) report.error('param-default-invalid', `the default of param \`${name}\` ${problem}`, [...at, 'default']);
  }
}

/**
 * The value of every param: the caller's override where one is given and valid, the default otherwise.
 * Overrides for unknown params, of the wrong type or out of range are reported against `params.<name>`.
 */
export function effectiveParamValues(
  params: Params,
  overrides: Readonly<Record<string, ParamValue>> | undefined,
  report: Reporter,
): Record<string, ParamValue> {
  const values: Record<string, ParamValue> = {};
  for (const [name, def] of Object.entries(params)) values[name] = def.default;
  for (const [name, value] of Object.entries(overrides ?? {})) {
    const def = Object.hasOwn(params, name) ? params[name] : undefined;
    if (def === undefined) {
      const known = Object.keys(params);
      const hint = known.length === 0 ? ' (this journey declares no params)' : didYouMean(name, known);
      report.error('param-override-unknown', `a value was given for param \`${name}\`, which this journey does not declare${hint}`, ['params']);
      continue;
    }
    const problem = paramValueProblem(def, value);
    if (problem === undefined) values[name] = value;
    else report.error(def.type === 'number' && typeof value === 'number' ? 'param-override-range' : 'param-override-type', `the value given for param \`${name}\` ${problem}`, ['params', name]);
  }
  return values;
}

/** The param types a reference site accepts. */
export type ParamTypeName = ParamDef['type'];

/** Resolves param references, reports unknown or mistyped ones, and remembers which params are used. */
export class ParamReferences {
  private readonly used = new Set<string>();

  constructor(
    private readonly params: Params,
    readonly values: Readonly<Record<string, ParamValue>>,
  ) {}

  /**
   * The definition of `name` if it exists and has one of the `accepted` types; reports otherwise.
   * `purpose` completes "must be … param" in messages, e.g. "a number param (a duration counts days)".
   */
  resolve(name: string, accepted: readonly ParamTypeName[], path: JsonPath, report: Reporter, purpose: string): ParamDef | undefined {
    const def = Object.hasOwn(this.params, name) ? this.params[name] : undefined;
    if (def === undefined) {
      report.error('unknown-param', `param \`${name}\` is not declared${didYouMean(name, Object.keys(this.params))}`, [...path, 'param']);
      return undefined;
    }
    this.used.add(name);
    if (!accepted.includes(def.type)) {
      report.error('param-type-mismatch', `param \`${name}\` is a ${def.type} param, but ${purpose}`, [...path, 'param']);
      return undefined;
    }
    return def;
  }

  /** Reports every declared param nothing refers to. */
  reportUnused(report: Reporter): void {
    for (const name of Object.keys(this.params)) {
      if (!this.used.has(name)) report.warning('unused-param', `param \`${name}\` is declared but never used`, ['params', name]);
    }
  }
}
