/** The compiler's public API: document → plan, condition → closure, and the fact reader for plain objects. */
export { compileJourney, type CompileOptions, type CompileResult } from './journey.ts';
export { compileCondition } from './condition.ts';
export { factsFromObject, factKey } from './facts-from-object.ts';
export { resolveParams, paramValueFromText, paramValueProblem, type ResolvedParams } from './params.ts';
export { CompileError, type JsonPath } from './compile-error.ts';
export { MAX_DURATION_MS } from './time.ts';
export type * from './plan.ts';
