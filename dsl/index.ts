/** `lifecycle-studio/dsl`: the journey language — schema, text form, checker, compiler and template packs. */
export * from './schema/common.ts';
export * from './schema/condition.ts';
export * from './schema/params.ts';
export * from './schema/data-schema.ts';
export * from './schema/document.ts';
export * from './nodes/index.ts';
export * from './facts.ts';
export * from './diagnostics.ts';
export * from './json-schema.ts';
export * from './load.ts';
export * from './text/index.ts';
export * from './checker/index.ts';
export {
  compileJourney,
  compileCondition,
  factsFromObject,
  factKey,
  resolveParams,
  paramValueFromText,
  paramValueProblem,
  CompileError,
  MAX_DURATION_MS,
  type CompileOptions,
  type CompileResult,
  type ResolvedParams,
} from './compiler/index.ts';
export type * from './compiler/plan.ts';
export * from './pack/index.ts';
