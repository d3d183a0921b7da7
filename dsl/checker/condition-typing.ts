/** Types conditions: every leaf's fact, operator and value (params included), remembering the typed leaves for branch analysis. */
import { isFactCondition, isParamRef, type Condition, type FactCondition, type Operator, type Scalar } from '../schema/condition.ts';
import type { JourneyDocument } from '../schema/document.ts';
import type { ParamValue } from '../schema/params.ts';
import type { ConditionScope, JsonPath, Reporter } from './context.ts';
import { didYouMean } from './did-you-mean.ts';
import { describeType, resolveFact, typeFamily, type ResolvedFact } from './fact-types.ts';
import { LIST_OPERATORS, OPERATORS_BY_TYPE, operatorFits } from './operator-fit.ts';
import type { ParamReferences, ParamTypeName } from './params.ts';
import { describeValue, listNames } from './wording.ts';

/** A leaf whose fact, operator and value all check out, with params replaced by their effective values. */
export interface TypedLeaf {
  fact: ResolvedFact;
  operator: Operator;
  value: Scalar | readonly (string | number)[];
}

const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/**
 * Whether `text` is an ISO-8601 UTC time that names a real instant (`2024-06-01T00:00:00Z`).
 *
 * @example
 * isIsoUtcTime('2024-02-30T00:00:00Z'); // false: there is no 30 February
 */
export function isIsoUtcTime(text: string): boolean {
  const m = ISO_UTC.exec(text);
  if (m === null) return false;
  const ms = Date.parse(text);
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 19) === `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
}

/** The param types that can stand for one value of a fact's type. */
function acceptedParamTypes(fact: ResolvedFact): ParamTypeName[] {
  switch (typeFamily(fact.type)) {
    case 'number':
      return ['number'];
    case 'boolean':
      return ['boolean'];
    case 'timestamp':
      return ['string'];
    default:
      return ['string', 'enum'];
  }
}

export class ConditionTyping {
  private readonly typed = new WeakMap<FactCondition, TypedLeaf>();

  constructor(
    private readonly doc: JourneyDocument,
    private readonly params: ParamReferences,
  ) {}

  /** The typed form of a leaf, if it checked out. */
  typedLeaf(leaf: FactCondition): TypedLeaf | undefined {
    return this.typed.get(leaf);
  }

  /** Checks a whole condition tree at `path`. */
  check(condition: Condition, path: JsonPath, scope: ConditionScope, report: Reporter): void {
    if (isFactCondition(condition)) {
      this.checkLeaf(condition, path, scope, report);
    } else if ('all' in condition) {
      if (condition.all.length === 0) report.warning('empty-group', '`all` with no conditions is always true', [...path, 'all']);
      condition.all.forEach((c, i) => this.check(c, [...path, 'all', i], scope, report));
    } else if ('any' in condition) {
      if (condition.any.length === 0) report.warning('empty-group', '`any` with no conditions is never true', [...path, 'any']);
      condition.any.forEach((c, i) => this.check(c, [...path, 'any', i], scope, report));
    } else {
      this.check(condition.not, [...path, 'not'], scope, report);
    }
  }

  private checkLeaf(leaf: FactCondition, at: JsonPath, scope: ConditionScope, report: Reporter): void {
    const fact = resolveFact(leaf, at, this.doc, scope, report);
    if (fact === undefined) return;
    const family = typeFamily(fact.type);
    if (!operatorFits(family, leaf.operator)) {
      report.error(
        'operator-type-mismatch',
        `operator \`${leaf.operator}\` does not fit \`${fact.label}\`, which is ${describeType(fact.type)} — use ${listNames(OPERATORS_BY_TYPE[family])}`,
        [...at, 'operator'],
      );
      return;
    }
    const value = this.checkValue(leaf, fact, [...at, 'value'], report);
    if (value !== undefined) this.typed.set(leaf, { fact, operator: leaf.operator, value });
  }

  /** Checks the value side and returns it with params resolved, or undefined when it is wrong. */
  private checkValue(leaf: FactCondition, fact: ResolvedFact, at: JsonPath, report: Reporter): TypedLeaf['value'] | undefined {
    const { operator, value } = leaf;
    const wantsList = LIST_OPERATORS.has(operator);
    if (isParamRef(value)) {
      if (wantsList) {
        const def = this.params.resolve(value.param, ['number', 'string', 'enum', 'boolean'], at, report, '');
        if (def !== undefined) report.error('param-type-mismatch', `\`${operator}\` needs a list, but param \`${value.param}\` holds one value — list the values, or use \`${operator === 'in' ? 'equal' : 'notEqual'}\``, [...at, 'param']);
        return undefined;
      }
      const accepted = acceptedParamTypes(fact);
      const def = this.params.resolve(value.param, accepted, at, report, `\`${fact.label}\` is ${describeType(fact.type)}, so it needs a ${accepted.join(' or ')} param`);
      if (def === undefined) return undefined;
      if (def.type === 'enum' && typeFamily(fact.type) === 'enum') {
        const allowed = (fact.type as { enum: string[] }).enum;
        const foreign = def.values.filter((v) => !allowed.includes(v));
        if (foreign.length > 0) {
          report.error('param-type-mismatch', `param \`${value.param}\` may be ${listNames(foreign)}, which \`${fact.label}\` never is (it is ${describeType(fact.type)})`, [...at, 'param']);
          return undefined;
        }
      }
      const resolved: ParamValue | undefined = this.params.values[value.param];
      if (resolved === undefined) return undefined;
      return this.checkScalar(fact, operator, resolved, at, report, `param \`${value.param}\` = ${JSON.stringify(resolved)}: `) ? resolved : undefined;
    }
    if (value === null) {
      if (operator === 'equal' || operator === 'notEqual') return null;
      report.error('value-type', `\`${operator}\` cannot compare with null; null only makes sense with \`equal\` / \`notEqual\` (is / is not set)`, at);
      return undefined;
    }
    if (Array.isArray(value)) {
      if (!wantsList) {
        report.error('value-type', `\`${operator}\` compares \`${fact.label}\` with one value, not a list${typeFamily(fact.type) === 'string[]' ? '' : ' — for a list use `in`'}`, at);
        return undefined;
      }
      if (value.length === 0) report.warning('empty-list', `\`${operator}\` with an empty list is ${operator === 'in' ? 'never' : 'always'} true`, at);
      const ok = value.map((v, i) => this.checkScalar(fact, operator, v, [...at, i], report, '')).every(Boolean);
      return ok ? value : undefined;
    }
    if (wantsList) {
      report.error('value-type', `\`${operator}\` needs a list of values, not ${describeValue(value)} — write [${JSON.stringify(value)}] or use \`${operator === 'in' ? 'equal' : 'notEqual'}\``, at);
      return undefined;
    }
    return this.checkScalar(fact, operator, value, at, report, '') ? value : undefined;
  }

  /** One value compared with the fact: type, enum membership, declared stage, ISO time. */
  private checkScalar(fact: ResolvedFact, operator: Operator, value: Scalar, at: JsonPath, report: Reporter, prefix: string): boolean {
    const family = typeFamily(fact.type);
    const mismatch = (expected: string): false => {
      report.error('value-type', `${prefix}\`${fact.label}\` is ${describeType(fact.type)}, so \`${operator}\` needs ${expected}, not ${describeValue(value)}`, at);
      return false;
    };
    switch (family) {
      case 'number':
        return typeof value === 'number' && Number.isFinite(value) ? true : mismatch('a number');
      case 'boolean':
        return typeof value === 'boolean' ? true : mismatch('true or false');
      case 'timestamp':
        return typeof value === 'string' && isIsoUtcTime(value) ? true : mismatch('an ISO-8601 UTC time such as "2024-06-01T00:00:00Z"');
      case 'string[]':
        return typeof value === 'string' ? true : mismatch('a string');
      case 'string': {
        if (typeof value !== 'string') return mismatch('a string');
        if (!fact.isStage) return true;
        const stages = this.doc.stages.map((s) => s.id);
        if (stages.includes(value)) return true;
        const hint = stages.length === 0 ? ' (this journey declares no stages)' : didYouMean(value, stages) || ` (declared: ${listNames(stages)})`;
        report.error('unknown-stage', `${prefix}stage \`${value}\` is not declared${hint}`, at);
        return false;
      }
      case 'enum': {
        if (typeof value !== 'string') return mismatch('a string');
        const allowed = (fact.type as { enum: string[] }).enum;
        if (allowed.includes(value)) return true;
        report.error('value-not-in-enum', `${prefix}\`${fact.label}\` is never "${value}": it is ${describeType(fact.type)}${didYouMean(value, allowed)}`, at);
        return false;
      }
    }
  }
}
